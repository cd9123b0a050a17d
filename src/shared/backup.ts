/** Why a backup was taken (shown in Settings). */
export type BackupReason =
  | 'manual'
  | 'auto'
  | 'quit'
  | 'before-restore'
  | 'before-bulk-delete'
  | 'before-fsrs-reset'
  | 'before-migration'
  | 'before-check-database'

/** Every reason, for argument checks. */
export const BACKUP_REASONS: readonly BackupReason[] = [
  'manual',
  'auto',
  'quit',
  'before-restore',
  'before-bulk-delete',
  'before-fsrs-reset',
  'before-migration',
  'before-check-database'
]

/** Version of the backup file layout (header line + manifest line + gzip payload). */
export const BACKUP_FORMAT_VERSION = 1

/** What the page sends to have a backup written. */
export interface SaveBackupRequest {
  reason: BackupReason
  /** Dexie schema version of the exported database. */
  schemaVersion: number
  /** Rows per table in the export; checked again on restore. */
  counts: Record<string, number>
  /** The `dexie-export-import` JSON, as UTF-8 bytes (the main process compresses it). */
  payload: Uint8Array
  /** Set when the main process asked for this backup (`backup-request` command). */
  requestId?: number
}

/** The small manifest stored at the head of every backup file. */
export interface BackupManifest {
  formatVersion: number
  /** Epoch ms. */
  takenAt: number
  reason: BackupReason
  schemaVersion: number
  counts: Record<string, number>
  /** Length of the uncompressed payload. */
  payloadBytes: number
  /** SHA-256 of the uncompressed payload, lowercase hex. */
  payloadSha256: string
}

/** A backup as Settings lists it. */
export interface BackupInfo {
  /** File name inside the backup folder (the only handle the page gets). */
  name: string
  /** Epoch ms. */
  takenAt: number
  sizeBytes: number
  cardCount: number
  reason: BackupReason
  schemaVersion: number
}

/** A backup read back and verified (length and checksum) by the main process. */
export interface VerifiedBackup {
  manifest: BackupManifest
  payload: Uint8Array
}
