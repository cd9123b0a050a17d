import Dexie from 'dexie'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fail, ok } from '../../../src/shared/result'
import { storedSchemaVersion } from '../../../src/renderer/src/db/backup-repo'
import { QuotedeckDatabase, setDatabase } from '../../../src/renderer/src/db/schema'
import { useBackupStore } from '../../../src/renderer/src/stores/backup'
import { makeCard, shippedDatabase } from '../db/fixtures'

let name = ''
let saveBackup: ReturnType<typeof vi.fn>
const savedInfo = { name: 'backup', takenAt: 0, reason: 'manual', sizeBytes: 1, cardCount: 0 }

beforeEach(() => {
  name = `t-${crypto.randomUUID()}`
  setActivePinia(createPinia())
  saveBackup = vi.fn().mockResolvedValue(ok(savedInfo))
  ;(window as unknown as { api: unknown }).api = {
    saveBackup,
    listBackups: vi.fn().mockResolvedValue(ok([]))
  }
})

afterEach(async () => {
  await Dexie.delete(name)
})

describe('a backup before a schema migration', () => {
  it('exports a version-2 collection as it is, before anything upgrades it', async () => {
    const old = shippedDatabase(name, 2)
    await old.open()
    await old.table('cards').bulkAdd([makeCard('c1'), makeCard('c2')])
    old.close()

    const current = new QuotedeckDatabase(name)
    const told: Array<[number, number | undefined]> = []
    const result = await useBackupStore().backupBeforeMigration(
      name,
      current.verno,
      (done, total) => told.push([done, total])
    )

    expect(result.ok).toBe(true)
    // The start-up status is told how far the export is: rows done never go back, of all rows.
    expect(told.length).toBeGreaterThan(0)
    expect(told.every(([, total]) => total === 2)).toBe(true)
    expect(told.map(([done]) => done)).toEqual(
      [...told.map(([done]) => done)].sort((a, b) => a - b)
    )
    expect(told[told.length - 1][0]).toBe(2)
    expect(saveBackup).toHaveBeenCalledTimes(1)
    const request = saveBackup.mock.calls[0][0]
    expect(request).toMatchObject({ reason: 'before-migration', schemaVersion: 2 })
    expect(request.counts).toMatchObject({ cards: 2 })
    // Taken before the upgrade: the stored collection is still at version 2.
    expect(await storedSchemaVersion(name)).toBe(2)

    await current.open()
    expect(await storedSchemaVersion(name)).toBe(current.verno)
    expect(await current.cards.count()).toBe(2)
    current.close()
  })

  it('takes none when no upgrade is due or there is no collection yet', async () => {
    const current = new QuotedeckDatabase(name)
    expect(await useBackupStore().backupBeforeMigration(name, current.verno)).toEqual(ok(null))
    await current.open()
    current.close()
    expect(await useBackupStore().backupBeforeMigration(name, current.verno)).toEqual(ok(null))
    expect(saveBackup).not.toHaveBeenCalled()
  })
})

describe('a backup before a bulk delete', () => {
  let db: QuotedeckDatabase

  beforeEach(async () => {
    db = new QuotedeckDatabase(name)
    await db.open()
    setDatabase(db)
    await db.cards.bulkAdd([makeCard('c1'), makeCard('c2'), makeCard('c3')])
  })

  afterEach(() => db.close())

  it('is taken with the cards still in it, then they are deleted', async () => {
    saveBackup.mockImplementation(async (request: { counts: Record<string, number> }) => {
      expect(await db.cards.count()).toBe(3)
      expect(request.counts.cards).toBe(3)
      return ok(savedInfo)
    })
    const deleted = await useBackupStore().deleteCards(['c1', 'c2'], Date.now())
    expect(deleted.ok && deleted.value.changed).toBe(2)
    expect(saveBackup).toHaveBeenCalledWith(
      expect.objectContaining({ reason: 'before-bulk-delete' })
    )
    expect(await db.cards.toCollection().primaryKeys()).toEqual(['c3'])
  })

  it('deletes nothing when the backup fails, and says why', async () => {
    saveBackup.mockResolvedValue(fail('INTERNAL', 'The disk is full.'))
    const deleted = await useBackupStore().deleteCards(['c1', 'c2'], Date.now())
    expect(deleted.ok).toBe(false)
    if (!deleted.ok) {
      expect(deleted.error.message).toBe(
        'The cards were not deleted because the collection could not be backed up first: The disk is full.'
      )
    }
    expect(await db.cards.count()).toBe(3)
  })
})
