import { describe, expect, it } from 'vitest'
import {
  checkBackup,
  exportCollection,
  restoreCollection
} from '../../../src/renderer/src/db/backup-repo'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import type { BackupManifest, VerifiedBackup } from '../../../src/shared/backup'
import { makeArticle, makeCard, NOW_MS, reviewState, useFreshDatabase } from './fixtures'

let db: QuotedeckDatabase
useFreshDatabase((fresh) => (db = fresh))

async function seed(): Promise<void> {
  const { article } = makeArticle()
  await db.articles.put({ ...article, addedAt: NOW_MS })
  await db.cards.bulkPut([
    makeCard('c1', { articleId: article.id, createdAt: NOW_MS }),
    makeCard('c2', { articleId: article.id, state: reviewState(NOW_MS + 86_400_000, 2) })
  ])
  const before = makeCard('c2').due
  await db.reviewLogs.bulkAdd(
    Array.from({ length: 3 }, (_, i) => ({
      cardId: 'c2',
      articleId: article.id,
      grade: 3 as const,
      source: 'study' as const,
      reviewedAt: NOW_MS - i * 1000,
      answerMs: 1200,
      before: { ...makeCard('c2'), due: before },
      after: null
    }))
  )
  await db.settings.put({ key: 'seededBuiltin', value: true })
}

async function snapshot(): Promise<Record<string, unknown[]>> {
  const all: Record<string, unknown[]> = {}
  for (const table of db.tables) all[table.name] = await table.toArray()
  return all
}

function toBackup(
  payload: Uint8Array,
  schemaVersion: number,
  counts: Record<string, number>
): VerifiedBackup {
  const manifest: BackupManifest = {
    formatVersion: 1,
    takenAt: NOW_MS,
    reason: 'manual',
    schemaVersion,
    counts,
    payloadBytes: payload.byteLength,
    payloadSha256: 'not checked here'
  }
  return { manifest, payload }
}

describe('backup repository', () => {
  it('exports with counts and restores the collection identically, row by row', async () => {
    await seed()
    const exported = await exportCollection(db)
    expect(exported.schemaVersion).toBe(db.verno)
    expect(exported.counts).toMatchObject({ articles: 1, cards: 2, reviewLogs: 3, settings: 1 })
    const original = await snapshot()

    // Change everything after the backup: the restore must undo all of it.
    await db.cards.delete('c1')
    await db.cards.update('c2', { stability: 99 })
    await db.reviewLogs.clear()
    await db.settings.put({ key: 'another', value: 1 })

    const phases: string[] = []
    const restored = await restoreCollection(
      db,
      toBackup(exported.payload, exported.schemaVersion, exported.counts),
      (progress) => phases.push(progress.phase)
    )
    expect(restored.ok).toBe(true)
    expect(await snapshot()).toEqual(original)
    expect(phases[0]).toBe('checking')
    expect(phases).toContain('replacing')
    expect(phases.at(-1)).toBe('done')
  })

  it('refuses a backup whose counts disagree with its manifest, changing nothing', async () => {
    await seed()
    const exported = await exportCollection(db)
    await db.cards.delete('c1')
    const before = await snapshot()
    const result = await restoreCollection(
      db,
      toBackup(exported.payload, exported.schemaVersion, { ...exported.counts, cards: 5 })
    )
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/“cards” does not match its manifest/)
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a backup of another database version', async () => {
    await seed()
    const exported = await exportCollection(db)
    const result = await checkBackup(db, toBackup(exported.payload, db.verno + 1, exported.counts))
    expect(!result.ok && result.error.message).toMatch(
      new RegExp(`database version ${db.verno + 1}, and this one uses version ${db.verno}`)
    )
  })

  it('refuses a truncated payload, changing nothing', async () => {
    await seed()
    const exported = await exportCollection(db)
    await db.cards.delete('c1')
    const before = await snapshot()
    const cut = exported.payload.subarray(0, Math.floor(exported.payload.byteLength * 0.7))
    const result = await restoreCollection(
      db,
      toBackup(cut, exported.schemaVersion, exported.counts)
    )
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/Your collection was not changed/)
    expect(await snapshot()).toEqual(before)
  })
})
