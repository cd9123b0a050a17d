import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { BackupInfo, BackupReason } from '../../../shared/backup'
import { fail, ok, type Result } from '../../../shared/result'
import {
  exportBeforeUpgrade,
  exportCollection,
  restoreCollection,
  type CollectionExport,
  type ExportProgressListener,
  type RestoreProgress
} from '../db/backup-repo'
import { applyBulkAction } from '../db/browser-repo'
import { DATABASE_NAME, getDatabase } from '../db/schema'

/** Session key that carries the restore's outcome across the page reload that follows it. */
export const RESTORED_MESSAGE_KEY = 'quotedeck:restored-message'

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** What the Settings backup section is doing now. */
export type BackupActivity =
  { kind: 'idle' } | { kind: 'backing-up' } | { kind: 'restoring'; progress: RestoreProgress }

/**
 * Backups of the collection. `backupNow(reason)` is the one way to take one: Settings calls it,
 * the main process asks for it (every 30 minutes of use, on quit), and anything destructive
 * (restore, bulk delete, FSRS parameter reset, a schema migration, Check Database) calls it first.
 */
export const useBackupStore = defineStore('backup', () => {
  const backups = ref<BackupInfo[]>([])
  const loaded = ref(false)
  const activity = ref<BackupActivity>({ kind: 'idle' })
  /** The last outcome in words (shown under the buttons). */
  const message = ref<string | null>(null)
  const errorMessage = ref<string | null>(null)
  /** One export at a time: a second request waits for the first. */
  let running: Promise<unknown> = Promise.resolve()
  /** Replaced in tests; reloads the page so every store reads the restored collection. */
  let reloadPage: () => void = () => window.location.reload()

  function setReloadPage(next: () => void): void {
    reloadPage = next
  }

  async function refresh(): Promise<void> {
    try {
      const listed = await window.api.listBackups()
      if (listed.ok) {
        backups.value = listed.value
        errorMessage.value = null
      } else errorMessage.value = listed.error.message
    } catch (error) {
      // The list is informative only: a failed bridge call must not become an unhandled rejection.
      errorMessage.value = `The backups could not be listed: ${errorText(error)}`
    } finally {
      loaded.value = true
    }
  }

  function serialize<T>(body: () => Promise<T>): Promise<T> {
    const next = running.then(body, body)
    running = next.catch(() => undefined)
    return next
  }

  /** Exports the collection and has the main process write it; `requestId` answers a request. */
  function backupNow(
    reason: BackupReason = 'manual',
    requestId?: number
  ): Promise<Result<BackupInfo>> {
    return saveExport(reason, () => exportCollection(getDatabase()), requestId)
  }

  function saveExport(
    reason: BackupReason,
    exportNow: () => Promise<CollectionExport>,
    requestId?: number
  ): Promise<Result<BackupInfo>> {
    return serialize(async () => {
      const wasIdle = activity.value.kind === 'idle'
      if (wasIdle) activity.value = { kind: 'backing-up' }
      try {
        const exported = await exportNow()
        const saved = await window.api.saveBackup({
          reason,
          schemaVersion: exported.schemaVersion,
          counts: exported.counts,
          payload: exported.payload,
          ...(requestId === undefined ? {} : { requestId })
        })
        if (saved.ok) {
          if (reason === 'manual') message.value = 'Backup saved.'
          await refresh()
        } else if (reason === 'manual') errorMessage.value = saved.error.message
        return saved
      } catch (error) {
        const failed = fail<BackupInfo>(
          'INTERNAL',
          `The collection could not be backed up: ${errorText(error)}`
        )
        if (reason === 'manual' && !failed.ok) errorMessage.value = failed.error.message
        return failed
      } finally {
        if (wasIdle) activity.value = { kind: 'idle' }
      }
    })
  }

  /**
   * Restores a backup: verified by the main process (length, checksum), checked here (schema
   * version, counts), the current collection backed up, then replaced all or nothing. On success
   * the page reloads so no store keeps rows of the old collection.
   */
  async function restore(name: string): Promise<Result<void>> {
    message.value = null
    errorMessage.value = null
    activity.value = { kind: 'restoring', progress: { phase: 'checking', fraction: 0 } }
    try {
      const read = await window.api.readBackup(name)
      if (!read.ok) {
        errorMessage.value = read.error.message
        return read
      }
      const safety = await backupNow('before-restore')
      if (!safety.ok) {
        errorMessage.value = `The restore was not started because the current collection could not be backed up first: ${safety.error.message}`
        return fail('INTERNAL', errorMessage.value)
      }
      const restored = await restoreCollection(getDatabase(), read.value, (progress) => {
        activity.value = { kind: 'restoring', progress }
      })
      if (!restored.ok) {
        errorMessage.value = restored.error.message
        return restored
      }
      const when = new Date(read.value.manifest.takenAt).toLocaleString()
      const cards = restored.value.counts.cards ?? 0
      const text = `Restored the backup of ${when} (${cards.toLocaleString('en')} ${cards === 1 ? 'card' : 'cards'}).`
      message.value = text
      try {
        sessionStorage.setItem(RESTORED_MESSAGE_KEY, text)
      } catch {
        // No session storage: the message is simply not shown after the reload.
      }
      reloadPage()
      return ok(undefined)
    } finally {
      activity.value = { kind: 'idle' }
    }
  }

  /**
   * Runs `operation` only once a backup (`reason`) has been saved; when the backup fails nothing
   * is done and the failure says why, starting with `refusal` ("The cards were not deleted").
   */
  async function withBackupFirst<T>(
    reason: BackupReason,
    refusal: string,
    operation: () => Promise<T>
  ): Promise<Result<T>> {
    const safety = await backupNow(reason)
    if (!safety.ok) {
      return fail(
        'INTERNAL',
        `${refusal} because the collection could not be backed up first: ${safety.error.message}`
      )
    }
    return ok(await operation())
  }

  /**
   * Deletes cards (and their review logs) after a backup: the card browser's bulk delete goes
   * through here. Returns what `applyBulkAction` returns, whose undo record puts them back.
   */
  function deleteCards(
    cardIds: readonly string[],
    nowMs: number
  ): Promise<Result<Awaited<ReturnType<typeof applyBulkAction>>>> {
    return withBackupFirst('before-bulk-delete', 'The cards were not deleted', () =>
      applyBulkAction(getDatabase(), cardIds, { kind: 'delete' }, nowMs)
    )
  }

  /**
   * Before the app opens its database: when the stored collection is older than this version of
   * Quotedeck (opening it would upgrade its schema), it is backed up as it is first. Null when no
   * upgrade is due. Call before anything opens the database. `onProgress` is told the rows read
   * so far (of `total`), as the export goes.
   */
  async function backupBeforeMigration(
    databaseName = DATABASE_NAME,
    currentVersion = getDatabase().verno,
    onProgress?: ExportProgressListener
  ): Promise<Result<BackupInfo | null>> {
    let exported: CollectionExport | null
    try {
      exported = await exportBeforeUpgrade(databaseName, currentVersion, onProgress)
    } catch (error) {
      return fail(
        'INTERNAL',
        `The collection could not be backed up before its upgrade: ${errorText(error)}`
      )
    }
    if (exported === null) return ok(null)
    const found = exported
    return saveExport('before-migration', async () => found)
  }

  /** The message a restore left before the reload, once. */
  function takeRestoredMessage(): void {
    try {
      const text = sessionStorage.getItem(RESTORED_MESSAGE_KEY)
      if (text) {
        sessionStorage.removeItem(RESTORED_MESSAGE_KEY)
        message.value = text
      }
    } catch {
      // Nothing to show.
    }
  }

  async function openFolder(): Promise<void> {
    const opened = await window.api.openBackupFolder()
    if (!opened.ok) errorMessage.value = opened.error.message
  }

  return {
    backups,
    loaded,
    activity,
    message,
    errorMessage,
    refresh,
    backupNow,
    restore,
    withBackupFirst,
    deleteCards,
    backupBeforeMigration,
    takeRestoredMessage,
    openFolder,
    setReloadPage
  }
})
