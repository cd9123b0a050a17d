import { createHash } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { backupsToDelete } from '../../core/backup/rotation'
import {
  BACKUP_FORMAT_VERSION,
  BACKUP_REASONS,
  type BackupInfo,
  type BackupManifest,
  type BackupReason,
  type SaveBackupRequest,
  type VerifiedBackup
} from '../../shared/backup'
import { fail, ok, type Result } from '../../shared/result'

/** First line of every backup file. */
export const BACKUP_MAGIC = 'QUOTEDECK-BACKUP'
/** Backup file names: `quotedeck-20260617-120000-000.qdbackup` (UTC). */
export const BACKUP_NAME_PATTERN = /^quotedeck-\d{8}-\d{6}-\d{3}(?:-\d+)?\.qdbackup$/
/** Largest manifest line accepted when reading a header. */
const MAX_HEADER_BYTES = 64 * 1024

/** Hooks for tests: a crash between writing and renaming is simulated by throwing here. */
export interface BackupStoreHooks {
  beforeRename?: (tempPath: string, finalPath: string) => void | Promise<void>
}

/** The backup folder: atomic writes, listing, verified reads and rotation. */
export interface BackupStore {
  readonly dir: string
  write(request: SaveBackupRequest, nowMs: number): Promise<Result<BackupInfo>>
  list(): Promise<BackupInfo[]>
  read(name: string): Promise<Result<VerifiedBackup>>
  /** Deletes what the rotation does not keep; returns the deleted names. */
  prune(nowMs: number, utcOffsetMs?: number): Promise<string[]>
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0')
}

/** The file name of a backup taken at `takenAt` (UTC, sortable). */
export function backupFileName(takenAt: number, suffix = 0): string {
  const d = new Date(takenAt)
  const stamp =
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-` +
    `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}-` +
    pad(d.getUTCMilliseconds(), 3)
  return `quotedeck-${stamp}${suffix > 0 ? `-${suffix}` : ''}.qdbackup`
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Checks a manifest read from disk; returns the reason it is unusable, or null. */
function manifestProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'it has no manifest'
  const m = value as Record<string, unknown>
  if (m.formatVersion !== BACKUP_FORMAT_VERSION) {
    return `it uses backup format ${String(m.formatVersion)}, which this version of Quotedeck does not read`
  }
  if (typeof m.takenAt !== 'number' || typeof m.schemaVersion !== 'number') {
    return 'its manifest is incomplete'
  }
  if (!BACKUP_REASONS.includes(m.reason as BackupReason)) return 'its manifest is incomplete'
  if (typeof m.counts !== 'object' || m.counts === null) return 'its manifest has no counts'
  if (typeof m.payloadBytes !== 'number' || typeof m.payloadSha256 !== 'string') {
    return 'its manifest has no checksum'
  }
  return null
}

/** Splits a backup file into its manifest and compressed payload. */
function parseFile(
  bytes: Uint8Array
): { manifest: BackupManifest; compressed: Uint8Array } | { problem: string } {
  const firstNewline = bytes.indexOf(10)
  const secondNewline = firstNewline < 0 ? -1 : bytes.indexOf(10, firstNewline + 1)
  if (firstNewline < 0 || secondNewline < 0 || secondNewline > MAX_HEADER_BYTES) {
    return { problem: 'it is not a Quotedeck backup (or its beginning is missing)' }
  }
  const decoder = new TextDecoder()
  const magic = decoder.decode(bytes.subarray(0, firstNewline))
  if (magic !== `${BACKUP_MAGIC} ${BACKUP_FORMAT_VERSION}`) {
    return { problem: 'it is not a Quotedeck backup' }
  }
  let manifest: unknown
  try {
    manifest = JSON.parse(decoder.decode(bytes.subarray(firstNewline + 1, secondNewline)))
  } catch {
    return { problem: 'its manifest is damaged' }
  }
  const problem = manifestProblem(manifest)
  if (problem !== null) return { problem }
  return { manifest: manifest as BackupManifest, compressed: bytes.subarray(secondNewline + 1) }
}

function infoOf(name: string, manifest: BackupManifest, sizeBytes: number): BackupInfo {
  return {
    name,
    takenAt: manifest.takenAt,
    sizeBytes,
    cardCount: manifest.counts.cards ?? 0,
    reason: manifest.reason,
    schemaVersion: manifest.schemaVersion
  }
}

/**
 * Writes `bytes` to `finalPath` atomically: a temporary file in the same folder, fsync, rename,
 * then fsync of the folder (so the rename itself survives a power cut). A crash at any point
 * leaves either the old state or the complete new file, never a partial one under the real name.
 */
export async function writeFileAtomic(
  finalPath: string,
  bytes: Uint8Array,
  hooks: BackupStoreHooks = {}
): Promise<void> {
  const dir = join(finalPath, '..')
  const tempPath = `${finalPath}.${process.pid}.${Date.now()}.tmp`
  const handle = await open(tempPath, 'wx')
  try {
    await handle.writeFile(bytes)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await hooks.beforeRename?.(tempPath, finalPath)
    await rename(tempPath, finalPath)
  } catch (error) {
    await rm(tempPath, { force: true })
    throw error
  }
  try {
    const dirHandle = await open(dir, 'r')
    try {
      await dirHandle.sync()
    } finally {
      await dirHandle.close()
    }
  } catch {
    // Some platforms (Windows) cannot open a folder for fsync; the rename is already done.
  }
}

/** Opens (and creates) the backup folder `dir`. */
export function createBackupStore(dir: string, hooks: BackupStoreHooks = {}): BackupStore {
  async function ensureDir(): Promise<void> {
    await mkdir(dir, { recursive: true })
  }

  async function names(): Promise<string[]> {
    await ensureDir()
    return (await readdir(dir)).filter((name) => BACKUP_NAME_PATTERN.test(name)).sort()
  }

  async function readHeader(name: string): Promise<BackupInfo | null> {
    const path = join(dir, name)
    const handle = await open(path, 'r')
    try {
      const { size } = await handle.stat()
      const buffer = new Uint8Array(Math.min(size, MAX_HEADER_BYTES))
      await handle.read(buffer, 0, buffer.length, 0)
      const parsed = parseFile(buffer)
      if ('problem' in parsed) return null
      return infoOf(name, parsed.manifest, size)
    } finally {
      await handle.close()
    }
  }

  return {
    dir,

    async write(request, nowMs) {
      await ensureDir()
      const existing = new Set(await names())
      let suffix = 0
      while (existing.has(backupFileName(nowMs, suffix))) suffix += 1
      const name = backupFileName(nowMs, suffix)
      const manifest: BackupManifest = {
        formatVersion: BACKUP_FORMAT_VERSION,
        takenAt: nowMs,
        reason: request.reason,
        schemaVersion: request.schemaVersion,
        counts: { ...request.counts },
        payloadBytes: request.payload.byteLength,
        payloadSha256: sha256(request.payload)
      }
      const header = new TextEncoder().encode(
        `${BACKUP_MAGIC} ${BACKUP_FORMAT_VERSION}\n${JSON.stringify(manifest)}\n`
      )
      const compressed = gzipSync(request.payload)
      const file = new Uint8Array(header.byteLength + compressed.byteLength)
      file.set(header, 0)
      file.set(compressed, header.byteLength)
      await writeFileAtomic(join(dir, name), file, hooks)
      return ok(infoOf(name, manifest, file.byteLength))
    },

    async list() {
      const infos: BackupInfo[] = []
      for (const name of await names()) {
        try {
          const info = await readHeader(name)
          if (info) infos.push(info)
        } catch {
          // A file that vanished or cannot be read is simply not listed.
        }
      }
      return infos.sort((a, b) => b.takenAt - a.takenAt)
    },

    async read(name) {
      if (!BACKUP_NAME_PATTERN.test(name)) {
        return fail('INVALID_ARGUMENT', 'That is not the name of a Quotedeck backup.')
      }
      let bytes: Uint8Array
      try {
        bytes = new Uint8Array(await readFile(join(dir, name)))
      } catch {
        return fail('NOT_FOUND', `The backup “${name}” no longer exists.`)
      }
      const refuse = (why: string): Result<VerifiedBackup> =>
        fail(
          'UNREADABLE',
          `The backup “${name}” cannot be restored: ${why}. Your collection was not changed.`
        )
      const parsed = parseFile(bytes)
      if ('problem' in parsed) return refuse(parsed.problem)
      let payload: Uint8Array
      try {
        payload = new Uint8Array(gunzipSync(parsed.compressed))
      } catch {
        return refuse('the file is truncated or damaged (it does not decompress)')
      }
      if (payload.byteLength !== parsed.manifest.payloadBytes) {
        return refuse('the file is incomplete (its size does not match its manifest)')
      }
      if (sha256(payload) !== parsed.manifest.payloadSha256) {
        return refuse('the file is damaged (its checksum does not match)')
      }
      return ok({ manifest: parsed.manifest, payload })
    },

    async prune(nowMs, utcOffsetMs = 0) {
      const infos = await this.list()
      const doomed = backupsToDelete(
        infos.map((info) => ({ id: info.name, takenAt: info.takenAt })),
        nowMs,
        undefined,
        utcOffsetMs
      )
      for (const name of doomed) await rm(join(dir, name), { force: true })
      // Temporary files a crash left behind (never listed, never restored).
      for (const name of await readdir(dir)) {
        if (!name.endsWith('.tmp')) continue
        const path = join(dir, name)
        const info = await stat(path).catch(() => null)
        if (info && nowMs - info.mtimeMs > 60 * 60 * 1000) await rm(path, { force: true })
      }
      return doomed
    }
  }
}
