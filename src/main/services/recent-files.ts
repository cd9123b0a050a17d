import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import type { RecentFile } from '../../shared/api'

/** How many files the Open Recent menu remembers. */
export const MAX_RECENT_FILES = 10

/** The recent-files list, persisted as JSON. */
export interface RecentFiles {
  /** Most recent first; an unreadable or corrupt store reads as an empty list. */
  list(): Promise<RecentFile[]>
  /**
   * Moves `path` to the front (adding it when new) and saves; returns the new list. Rejects when
   * the store cannot be written (the caller decides whether that matters).
   */
  add(path: string): Promise<RecentFile[]>
  /** True when `path` is in the list (the app only reopens paths the user opened before). */
  has(path: string): Promise<boolean>
}

function isRecentFile(value: unknown): value is RecentFile {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  return (
    typeof entry.path === 'string' &&
    entry.path !== '' &&
    typeof entry.fileName === 'string' &&
    typeof entry.openedAt === 'number' &&
    Number.isFinite(entry.openedAt)
  )
}

/** Parses the store; anything unexpected yields the valid entries, or none. */
function parseStore(json: string): RecentFile[] {
  try {
    const data: unknown = JSON.parse(json)
    const entries = Array.isArray(data)
      ? data
      : typeof data === 'object' &&
          data !== null &&
          Array.isArray((data as { files?: unknown }).files)
        ? (data as { files: unknown[] }).files
        : []
    const seen = new Set<string>()
    return entries
      .filter(isRecentFile)
      .filter((entry) => (seen.has(entry.path) ? false : (seen.add(entry.path), true)))
      .sort((a, b) => b.openedAt - a.openedAt)
      .slice(0, MAX_RECENT_FILES)
      .map(({ path, fileName, openedAt }) => ({ path, fileName, openedAt }))
  } catch {
    return []
  }
}

/**
 * Creates the recent-files list stored at `storeFilePath`. Writes go to a temporary file that is
 * then renamed over the store, so a crash mid-write never leaves a half-written list; writes are
 * queued so two quick `add` calls cannot interleave.
 */
export function createRecentFiles(storeFilePath: string, nowMs: () => number): RecentFiles {
  let queue: Promise<unknown> = Promise.resolve()
  let tempCounter = 0

  const read = async (): Promise<RecentFile[]> => {
    try {
      return parseStore(await readFile(storeFilePath, 'utf8'))
    } catch {
      return []
    }
  }

  const write = async (files: RecentFile[]): Promise<void> => {
    await mkdir(dirname(storeFilePath), { recursive: true })
    const tempPath = `${storeFilePath}.${process.pid}.${tempCounter++}.tmp`
    await writeFile(tempPath, `${JSON.stringify({ version: 1, files }, null, 2)}\n`, 'utf8')
    try {
      await rename(tempPath, storeFilePath)
    } catch (error) {
      await rm(tempPath, { force: true })
      throw error
    }
  }

  const serialised = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task)
    queue = next.catch(() => undefined)
    return next
  }

  return {
    list: () => serialised(read),
    has: (path: string) =>
      serialised(async () => (await read()).some((file) => file.path === path)),
    add: (path: string) =>
      serialised(async () => {
        const current = await read()
        const entry: RecentFile = { path, fileName: basename(path), openedAt: nowMs() }
        const files = [entry, ...current.filter((file) => file.path !== path)].slice(
          0,
          MAX_RECENT_FILES
        )
        await write(files)
        return files
      })
  }
}
