import type { BackupReason } from '../../shared/backup'

/** Asks the page for a backup and waits until it is saved (or a timeout passes). */
export interface BackupRequester {
  /** Resolves true once the page saved the backup, false after `timeoutMs` or when no page. */
  request(reason: BackupReason): Promise<boolean>
  /** The page saved the backup for `requestId` (called by `saveBackup`). */
  settle(requestId: number): void
}

/**
 * Only the page can export its IndexedDB, so the main process sends a `backup-request` and waits
 * for the matching `saveBackup`. The timeout keeps a hung page from blocking quit forever.
 */
export function createBackupRequester(options: {
  /** Sends the request to the page; returns false when there is no page to ask. */
  send: (requestId: number, reason: BackupReason) => boolean
  timeoutMs: number
  setTimer?: (run: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
}): BackupRequester {
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms))
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout))
  let nextId = 1
  const waiting = new Map<number, { resolve: (saved: boolean) => void; timer: unknown }>()
  return {
    request(reason) {
      const requestId = nextId++
      return new Promise<boolean>((resolve) => {
        const timer = setTimer(() => {
          waiting.delete(requestId)
          resolve(false)
        }, options.timeoutMs)
        waiting.set(requestId, { resolve, timer })
        if (!options.send(requestId, reason)) {
          clearTimer(timer)
          waiting.delete(requestId)
          resolve(false)
        }
      })
    },
    settle(requestId) {
      const entry = waiting.get(requestId)
      if (!entry) return
      waiting.delete(requestId)
      clearTimer(entry.timer)
      entry.resolve(true)
    }
  }
}

/**
 * Counts time of use (the window focused) and asks for a backup after every `intervalMs` of it:
 * a window left open overnight in the background takes no backups of an unchanged collection.
 * `tick` is called every `tickMs` by a timer the caller owns.
 */
export function createUseTimer(options: {
  intervalMs: number
  isInUse: () => boolean
  onDue: () => void
}): { tick(elapsedMs: number): void; usedMs(): number } {
  let used = 0
  return {
    tick(elapsedMs) {
      if (!options.isInUse()) return
      used += elapsedMs
      if (used >= options.intervalMs) {
        used = 0
        options.onDue()
      }
    },
    usedMs: () => used
  }
}
