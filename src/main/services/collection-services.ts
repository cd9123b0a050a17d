import { readdir, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import {
  BACKUP_REASONS,
  type BackupInfo,
  type BackupReason,
  type SaveBackupRequest,
  type VerifiedBackup
} from '../../shared/backup'
import {
  BULK_IMPORT_EXTENSIONS,
  type BulkImportMode,
  type BulkImportSelection,
  type ExportFileRequest
} from '../../shared/collection'
import type { PackedArticle } from '../../shared/article-transport'
import { fail, ok, type Result } from '../../shared/result'
import { loadArticleFromPath } from './article-loader'
import {
  createArticleTextStaging,
  packForPage,
  type ArticleTextStaging
} from './article-text-staging'
import { createBackupStore, writeFileAtomic, type BackupStore } from './backup-store'

/** Name of the backup folder inside the user-data directory. */
export const BACKUPS_FOLDER = 'backups'
/** Most files one bulk import takes (a folder walk stops there). */
export const MAX_BULK_IMPORT_FILES = 20_000
/** Largest backup payload accepted over IPC (uncompressed JSON). */
export const MAX_BACKUP_PAYLOAD_BYTES = 2 * 1024 * 1024 * 1024 - 1
/** Largest export text accepted. */
export const MAX_EXPORT_CHARS = 512 * 1024 * 1024

/** What the collection services need from the platform. */
export interface CollectionServicesDeps {
  userDataDir: string
  /** Multi-file or folder dialog; resolves to the chosen paths or null when cancelled. */
  showImportDialog?: (mode: BulkImportMode) => Promise<string[] | null>
  /** Save dialog; resolves to the chosen path or null when cancelled. */
  showSaveDialog?: (suggestedName: string) => Promise<string | null>
  /** Opens a folder in the system file manager. */
  openPath?: (path: string) => Promise<void>
  /** Called after a backup the main process asked for has been written. */
  onBackupSaved?: (requestId: number) => void
  nowMs?: () => number
  /** Minutes east of UTC for the rotation's calendar days; default the system's. */
  utcOffsetMs?: () => number
  /** Where long article texts wait for the page (shared with the other article loads). */
  textStaging?: ArticleTextStaging
}

/** Backup, export and bulk-import calls of `AppApi` (main side). */
export interface CollectionServices {
  saveBackup(request: unknown): Promise<Result<BackupInfo>>
  listBackups(): Promise<Result<BackupInfo[]>>
  readBackup(name: unknown): Promise<Result<VerifiedBackup>>
  openBackupFolder(): Promise<Result<void>>
  saveExportFile(request: unknown): Promise<Result<string | null>>
  chooseBulkImport(mode: unknown): Promise<Result<BulkImportSelection | null>>
  readImportFile(path: unknown): Promise<Result<PackedArticle>>
}

/** Argument checks for the collection methods (used by `checkArguments`). */
export const collectionArgumentRules: {
  [M in keyof CollectionServices]: {
    maxArgs: number
    check: (args: readonly unknown[]) => string | null
  }
} = {
  saveBackup: { maxArgs: 1, check: (args) => checkSaveBackup(args[0]) },
  listBackups: { maxArgs: 0, check: () => null },
  readBackup: { maxArgs: 1, check: (args) => checkName(args[0]) },
  openBackupFolder: { maxArgs: 0, check: () => null },
  saveExportFile: { maxArgs: 1, check: (args) => checkExport(args[0]) },
  chooseBulkImport: { maxArgs: 1, check: (args) => checkMode(args[0]) },
  readImportFile: { maxArgs: 1, check: (args) => checkImportPath(args[0]) }
}

function checkSaveBackup(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'The backup must be an object.'
  const r = value as Record<string, unknown>
  if (!BACKUP_REASONS.includes(r.reason as BackupReason)) return 'Unknown backup reason.'
  if (typeof r.schemaVersion !== 'number' || !Number.isSafeInteger(r.schemaVersion)) {
    return 'The schema version must be a whole number.'
  }
  if (typeof r.counts !== 'object' || r.counts === null) return 'The backup counts are missing.'
  for (const count of Object.values(r.counts as Record<string, unknown>)) {
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      return 'The backup counts must be whole numbers.'
    }
  }
  if (!(r.payload instanceof Uint8Array)) return 'The backup content must be bytes.'
  if (r.payload.byteLength > MAX_BACKUP_PAYLOAD_BYTES) return 'The backup is too large.'
  if (r.requestId !== undefined && !Number.isSafeInteger(r.requestId)) {
    return 'The backup request id must be a whole number.'
  }
  return null
}

function checkName(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) {
    return 'The backup name must be a short non-empty string.'
  }
  return null
}

function checkExport(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'The export must be an object.'
  const r = value as Record<string, unknown>
  if (typeof r.suggestedName !== 'string' || r.suggestedName.length === 0) {
    return 'The export needs a file name.'
  }
  if (r.suggestedName.length > 255 || /[\\/\0]/.test(r.suggestedName)) {
    return 'The export file name must be a plain name.'
  }
  if (typeof r.text !== 'string') return 'The export text must be a string.'
  if (r.text.length > MAX_EXPORT_CHARS) return 'The export is too large.'
  return null
}

function checkMode(value: unknown): string | null {
  return value === 'files' || value === 'folder' ? null : 'The import mode must be files or folder.'
}

function checkImportPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) {
    return 'The file path must be a non-empty string.'
  }
  if (value.includes('\0')) return 'The file path contains a NUL character.'
  return null
}

/** Whether a file name has an extension a bulk import reads. */
export function isImportableFile(name: string): boolean {
  return BULK_IMPORT_EXTENSIONS.includes(extname(name).slice(1).toLowerCase())
}

/**
 * Every importable file under `roots` (folders are walked recursively; hidden entries and
 * symbolic links are skipped so a link loop cannot trap the walk), sorted, at most `limit`.
 */
export async function collectImportFiles(
  roots: readonly string[],
  limit = MAX_BULK_IMPORT_FILES
): Promise<BulkImportSelection> {
  const paths: string[] = []
  let ignoredCount = 0
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true })
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      if (paths.length >= limit) return
      if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (entry.isFile()) {
        if (isImportableFile(entry.name)) paths.push(path)
        else ignoredCount += 1
      }
    }
  }
  for (const root of roots) {
    if (paths.length >= limit) break
    const info = await stat(root).catch(() => null)
    if (info?.isDirectory()) await walk(root)
    else if (isImportableFile(root)) paths.push(root)
    else ignoredCount += 1
  }
  return { paths: [...new Set(paths)].sort(), ignoredCount }
}

/** Builds the collection services over the given platform dependencies. */
export function createCollectionServices(deps: CollectionServicesDeps): CollectionServices & {
  readonly backups: BackupStore
} {
  const nowMs = deps.nowMs ?? ((): number => Date.now())
  const utcOffsetMs =
    deps.utcOffsetMs ?? ((): number => -new Date(nowMs()).getTimezoneOffset() * 60_000)
  const backups = createBackupStore(join(deps.userDataDir, BACKUPS_FOLDER))
  /** Paths the user chose in the import dialog: the only files `readImportFile` reads. */
  const importable = new Set<string>()
  const textStaging = deps.textStaging ?? createArticleTextStaging(nowMs)

  async function guarded<T>(what: string, body: () => Promise<Result<T>>): Promise<Result<T>> {
    try {
      return await body()
    } catch (error) {
      console.error(`[quotedeck] ${what} failed unexpectedly:`, error)
      const detail = error instanceof Error ? ` (${error.message})` : ''
      return fail('INTERNAL', `Something went wrong while ${what}${detail}.`)
    }
  }

  return {
    backups,

    saveBackup(request) {
      return guarded('writing the backup', async () => {
        const invalid = checkSaveBackup(request)
        if (invalid !== null) return fail('INVALID_ARGUMENT', invalid)
        const r = request as SaveBackupRequest
        const now = nowMs()
        const written = await backups.write(r, now)
        if (written.ok) {
          try {
            await backups.prune(now, utcOffsetMs())
          } catch (error) {
            console.error('[quotedeck] could not prune old backups:', error)
          }
          if (r.requestId !== undefined) deps.onBackupSaved?.(r.requestId)
        }
        return written
      })
    },

    listBackups() {
      return guarded('listing the backups', async () => ok(await backups.list()))
    },

    readBackup(name) {
      return guarded('reading the backup', async () => {
        const invalid = checkName(name)
        if (invalid !== null) return fail('INVALID_ARGUMENT', invalid)
        return backups.read(name as string)
      })
    },

    openBackupFolder() {
      return guarded<void>('opening the backup folder', async () => {
        if (!deps.openPath) return fail('UNSUPPORTED', 'The backup folder cannot be opened here.')
        await backups.list() // creates the folder when there is none yet
        await deps.openPath(backups.dir)
        return ok(undefined)
      })
    },

    saveExportFile(request) {
      return guarded<string | null>('saving the export', async () => {
        const invalid = checkExport(request)
        if (invalid !== null) return fail('INVALID_ARGUMENT', invalid)
        if (!deps.showSaveDialog) return fail('UNSUPPORTED', 'Files cannot be saved here.')
        const { suggestedName, text } = request as ExportFileRequest
        const path = await deps.showSaveDialog(suggestedName)
        if (path === null) return ok(null)
        await writeFileAtomic(path, new TextEncoder().encode(text))
        return ok(path)
      })
    },

    chooseBulkImport(mode) {
      return guarded<BulkImportSelection | null>('choosing files to import', async () => {
        const invalid = checkMode(mode)
        if (invalid !== null) return fail('INVALID_ARGUMENT', invalid)
        if (!deps.showImportDialog) return fail('UNSUPPORTED', 'Files cannot be chosen here.')
        const chosen = await deps.showImportDialog(mode as BulkImportMode)
        if (chosen === null || chosen.length === 0) return ok(null)
        const selection = await collectImportFiles(chosen)
        for (const path of selection.paths) importable.add(path)
        return ok(selection)
      })
    },

    readImportFile(path) {
      return guarded('reading the file', async () => {
        const invalid = checkImportPath(path)
        if (invalid !== null) return fail('INVALID_ARGUMENT', invalid)
        if (!importable.has(path as string)) {
          return fail('FORBIDDEN', 'Only files chosen for this import can be read.')
        }
        return packForPage(textStaging, await loadArticleFromPath(path as string))
      })
    }
  }
}
