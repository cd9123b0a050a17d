/**
 * The storage engine's own failures, in words: a full disk (quota), a schema upgrade blocked by
 * another window, and the request that the engine never evicts the collection.
 */

/** What `requestPersistentStorage` achieved. */
export type PersistOutcome = 'persisted' | 'refused' | 'unavailable'

/** The part of `navigator.storage` used here (a parameter, so tests pass their own). */
export interface PersistentStorage {
  persisted?: () => Promise<boolean>
  persist?: () => Promise<boolean>
}

/**
 * Asks the engine to keep the collection even under storage pressure (`navigator.storage.persist`),
 * so it is never evicted like a cache. Never throws: an engine without the API, or one that
 * refuses, leaves storage as it was.
 */
export async function requestPersistentStorage(
  storage: PersistentStorage | undefined = globalThis.navigator?.storage
): Promise<PersistOutcome> {
  if (storage?.persist === undefined) return 'unavailable'
  try {
    if ((await storage.persisted?.()) === true) return 'persisted'
    return (await storage.persist()) ? 'persisted' : 'refused'
  } catch {
    return 'unavailable'
  }
}

function errorNames(error: unknown): string[] {
  const names: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const record = current as { name?: unknown; inner?: unknown; cause?: unknown }
    if (typeof record.name === 'string') names.push(record.name)
    current = record.inner ?? record.cause
  }
  return names
}

/** Whether an error (or the one Dexie wraps) is the engine's storage quota running out. */
export function isQuotaExceeded(error: unknown): boolean {
  return errorNames(error).includes('QuotaExceededError')
}

/**
 * A storage failure said in words, or `null` when the error is not one the engine reports about
 * itself. `action` completes "Could not …", e.g. "save your answer".
 */
export function storageErrorMessage(error: unknown, action: string): string | null {
  const names = errorNames(error)
  if (names.includes('QuotaExceededError')) {
    return `Could not ${action}: there is no room left on the disk for Quotedeck's data. Nothing already saved was lost. Free some disk space, then try again.`
  }
  if (names.includes('VersionError') || names.includes('UpgradeError')) {
    return `Could not ${action}: the collection was saved by a newer or broken version of Quotedeck. It was left untouched; update Quotedeck, then try again.`
  }
  if (names.includes('DatabaseClosedError') || names.includes('InvalidStateError')) {
    return `Could not ${action}: the collection is being upgraded or is open in another Quotedeck window. Close the other window, then try again. Nothing was lost.`
  }
  return null
}

/** Shown while a schema upgrade waits for another window that still has the old version open. */
export const BLOCKED_UPGRADE_MESSAGE =
  'Quotedeck is open in another window with an older version of the collection. Close that window to continue; your collection is safe and the upgrade will finish by itself.'

/** Shown in a window whose collection another, newer window has just upgraded. */
export const UPGRADED_ELSEWHERE_MESSAGE =
  'Quotedeck was updated in another window. Reload this window to go on; nothing was lost.'

/** The Dexie events `watchUpgrades` listens to. */
interface UpgradeEvents {
  on(event: 'blocked', listener: () => void): void
  on(event: 'versionchange', listener: () => boolean | void): void
  close(): void
}

/**
 * Tells the user, in words, when this window's schema upgrade waits on another window that holds
 * the old version (`blocked`), and when another window upgrades the collection under this one
 * (`versionchange`: this connection closes, so the upgrade there is never blocked by us).
 */
export function watchUpgrades(db: UpgradeEvents, notify: (message: string) => void): void {
  db.on('blocked', () => notify(BLOCKED_UPGRADE_MESSAGE))
  db.on('versionchange', () => {
    db.close()
    notify(UPGRADED_ELSEWHERE_MESSAGE)
    return false
  })
}
