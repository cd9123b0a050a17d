import Dexie from 'dexie'
import { exportDB, importDB, importInto, peakImportFile } from 'dexie-export-import'
import type { BackupManifest, VerifiedBackup } from '../../../shared/backup'
import { fail, ok, type Result } from '../../../shared/result'
import { SUMMARIES_TABLE } from './article-summaries'
import { COUNTS_TABLES } from './counts-middleware'
import { DROPPED_TABLES, QuotedeckDatabase } from './schema'

/** A collection exported for a backup: the `dexie-export-import` JSON and what it holds. */
export interface CollectionExport {
  payload: Uint8Array
  schemaVersion: number
  /** Rows per table, read from the export itself. */
  counts: Record<string, number>
}

/** Where a restore stands, for the progress bar. */
export interface RestoreProgress {
  phase: 'checking' | 'replacing' | 'done'
  /** 0 to 1. */
  fraction: number
}

/**
 * Tables computed from others (the counts and tallies from the cards, the summaries from the
 * articles), never copied from a backup: the middlewares rebuild them as the restore writes.
 */
const derivedTables: ReadonlySet<string> = new Set([...COUNTS_TABLES, SUMMARIES_TABLE])

/** Rows per `bulkPut` while replacing the collection (progress is reported between them). */
const ROWS_PER_PUT = 5000

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Name of the scratch database a restore checks a backup in. */
export function stagingName(db: QuotedeckDatabase): string {
  return `${db.name}-restore-check`
}

/** Told the rows exported so far and the rows in all (undefined until they are counted). */
export type ExportProgressListener = (doneRows: number, totalRows: number | undefined) => void

/**
 * Exports every table with `dexie-export-import` (one read transaction, so the rows are one
 * consistent moment of the collection). The counts come from the export's own metadata.
 * `onProgress` is called before each chunk of rows is read.
 */
export async function exportCollection(
  db: Dexie,
  onProgress?: ExportProgressListener
): Promise<CollectionExport> {
  const blob = await exportDB(
    db,
    onProgress === undefined
      ? undefined
      : {
          progressCallback: (progress) => {
            onProgress(progress.completedRows, progress.totalRows)
            return true
          }
        }
  )
  const meta = await peakImportFile(blob)
  const counts: Record<string, number> = {}
  for (const table of meta.data.tables) counts[table.name] = table.rowCount
  return {
    payload: new Uint8Array(await blob.arrayBuffer()),
    schemaVersion: meta.data.databaseVersion,
    counts
  }
}

/**
 * The schema version the stored collection `name` has now, without opening (or creating) it:
 * null when it does not exist or the engine cannot say. Dexie stores version n as n × 10.
 */
export async function storedSchemaVersion(name: string): Promise<number | null> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return null
  const found = (await indexedDB.databases()).find((info) => info.name === name)
  return found?.version ? found.version / 10 : null
}

/**
 * When the stored collection `name` is older than `currentVersion` (opening it would run a
 * schema upgrade), exports it as it is, at its own version, before anything upgrades it; null
 * when no upgrade is due. Opened without a schema, Dexie keeps the stored version and tables.
 */
export async function exportBeforeUpgrade(
  name: string,
  currentVersion: number,
  onProgress?: ExportProgressListener
): Promise<CollectionExport | null> {
  const stored = await storedSchemaVersion(name)
  if (stored === null || stored >= currentVersion) return null
  const old = new Dexie(name)
  try {
    await old.open()
    return await exportCollection(old, onProgress)
  } finally {
    old.close()
  }
}

function refuse<T>(why: string): Result<T> {
  return fail(
    'UNREADABLE',
    `This backup cannot be restored: ${why}. Your collection was not changed.`
  )
}

/**
 * Checks a verified backup against this database without touching it: the schema version, the
 * tables, and the row counts of the manifest against the export's metadata. A backup from an
 * older database version is accepted (the restore upgrades it as the app upgrades a collection);
 * one from a newer version is not, as this app cannot know what that version changed.
 */
export async function checkBackup(
  db: QuotedeckDatabase,
  backup: VerifiedBackup
): Promise<Result<Blob>> {
  const { manifest } = backup
  if (!Number.isSafeInteger(manifest.schemaVersion) || manifest.schemaVersion < 1) {
    return refuse(`its database version “${manifest.schemaVersion}” is not one Quotedeck uses`)
  }
  if (manifest.schemaVersion > db.verno) {
    return refuse(
      `it was made by a newer version of Quotedeck (database version ${manifest.schemaVersion}; this one uses version ${db.verno}). Update Quotedeck to restore it`
    )
  }
  const blob = new Blob([backup.payload as Uint8Array<ArrayBuffer>], { type: 'application/json' })
  let tables: { name: string; rowCount: number }[]
  try {
    const meta = await peakImportFile(blob)
    if (meta.formatName !== 'dexie') return refuse('it is not a Quotedeck export')
    if (meta.data.databaseVersion !== manifest.schemaVersion) {
      return refuse('its manifest and its content disagree about the database version')
    }
    tables = meta.data.tables
  } catch (error) {
    return refuse(`its content could not be read (${errorText(error)})`)
  }
  // A table neither in this version nor dropped by a later one means the file is not ours.
  const expected = new Set(db.tables.map((table) => table.name))
  const older = manifest.schemaVersion < db.verno
  for (const table of tables) {
    const known = expected.has(table.name) || (older && DROPPED_TABLES.has(table.name))
    if (!known) return refuse(`it holds an unknown table “${table.name}”`)
    if (manifest.counts[table.name] !== table.rowCount) {
      return refuse(`the number of rows in “${table.name}” does not match its manifest`)
    }
  }
  if (!older) {
    for (const name of expected) {
      if (!tables.some((table) => table.name === name)) return refuse(`it has no “${name}” table`)
    }
  } else if (!tables.some((table) => table.name === 'cards' || table.name === 'articles')) {
    return refuse('it holds neither articles nor cards')
  }
  return ok(blob)
}

/**
 * Imports `blob` into the scratch database `name`, checks its rows against the manifest, and
 * returns every table's rows at the current schema. A backup of the current version goes
 * straight into the current schema and is counted as it is read; an older one is first imported
 * at its own version and schema (as the old app stored it) and counted there, then opened with
 * the current schema, which runs the same upgrade functions a collection of that version goes
 * through when the app is updated. The caller deletes the scratch database.
 */
async function readStagedBackup(
  name: string,
  blob: Blob,
  manifest: BackupManifest,
  currentVersion: number,
  onFraction: (fraction: number) => void
): Promise<Map<string, unknown[]>> {
  const progressCallback = (progress: { completedRows: number; totalRows?: number }): boolean => {
    const total = progress.totalRows ?? 0
    onFraction(total > 0 ? (0.4 * progress.completedRows) / total : 0)
    return true
  }
  const expectRows = (table: string, rows: number): void => {
    if (rows !== (manifest.counts[table] ?? 0)) {
      throw new StagingMismatch(
        `“${table}” holds ${rows} rows instead of ${manifest.counts[table]}`
      )
    }
  }
  const sameVersion = manifest.schemaVersion === currentVersion
  if (!sameVersion) {
    const old = await importDB(blob, { name, progressCallback })
    try {
      for (const table of old.tables) expectRows(table.name, await table.count())
    } finally {
      old.close()
    }
    onFraction(0.45)
  }
  // Opening an older import with the current schema upgrades it. The scratch copy keeps every
  // row as the file (and the upgrade) made it: its counts are not maintained.
  const staging = new QuotedeckDatabase(name, { maintainCounts: false })
  try {
    await staging.open()
    if (sameVersion) {
      await importInto(staging, blob, {
        acceptNameDiff: true,
        clearTablesBeforeImport: true,
        progressCallback
      })
    }
    const rows = new Map<string, unknown[]>()
    for (const table of staging.tables) {
      const all = await table.toArray()
      if (sameVersion) expectRows(table.name, all.length)
      rows.set(table.name, all)
    }
    return rows
  } finally {
    staging.close()
  }
}

/** A staged backup whose rows disagree with its manifest (the message says how). */
class StagingMismatch extends Error {}

/**
 * Restores a backup, all or nothing. First the whole file is imported into a scratch database
 * and counted against the manifest (the live collection is not touched, so a damaged file
 * changes nothing); then the live tables are cleared and refilled from those rows in ONE
 * read-write transaction, which IndexedDB commits completely or not at all.
 */
export async function restoreCollection(
  db: QuotedeckDatabase,
  backup: VerifiedBackup,
  onProgress: (progress: RestoreProgress) => void = () => undefined
): Promise<Result<{ counts: Record<string, number> }>> {
  onProgress({ phase: 'checking', fraction: 0 })
  const checked = await checkBackup(db, backup)
  if (!checked.ok) return checked
  const manifest: BackupManifest = backup.manifest
  const name = stagingName(db)
  let rows: Map<string, unknown[]>
  try {
    await Dexie.delete(name)
    rows = await readStagedBackup(name, checked.value, manifest, db.verno, (fraction) =>
      onProgress({ phase: 'checking', fraction })
    )
  } catch (error) {
    if (error instanceof StagingMismatch) return refuse(error.message)
    return refuse(`its content could not be read (${errorText(error)})`)
  } finally {
    await Dexie.delete(name).catch(() => undefined)
  }
  const totalRows = [...rows]
    .filter(([table]) => !derivedTables.has(table))
    .reduce((sum, [, list]) => sum + list.length, 0)
  let written = 0
  try {
    await db.transaction('rw', db.tables, async () => {
      for (const table of db.tables) await table.clear()
      for (const table of db.tables) {
        // The Library counts are derived: they are recounted from the restored cards as those
        // are written (counts-middleware), so a backup's drifted counts never come back.
        if (derivedTables.has(table.name)) continue
        const list = rows.get(table.name) ?? []
        for (let start = 0; start < list.length; start += ROWS_PER_PUT) {
          await table.bulkPut(list.slice(start, start + ROWS_PER_PUT))
          written += Math.min(ROWS_PER_PUT, list.length - start)
          onProgress({
            phase: 'replacing',
            fraction: 0.5 + (0.5 * written) / Math.max(1, totalRows)
          })
        }
      }
    })
  } catch (error) {
    return fail(
      'INTERNAL',
      `The backup could not be written into your collection (${errorText(error)}). Your collection was not changed.`
    )
  }
  onProgress({ phase: 'done', fraction: 1 })
  return ok({ counts: { ...manifest.counts } })
}
