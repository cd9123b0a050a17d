import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import {
  checkBackup,
  exportCollection,
  restoreCollection
} from '../../../src/renderer/src/db/backup-repo'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import type { BackupManifest, VerifiedBackup } from '../../../src/shared/backup'
import { readArticleCounts, recountArticleCounts } from '../../../src/renderer/src/db/counts-repo'
import {
  DAY_MS,
  makeArticle,
  makeCard,
  NOW_MS,
  reviewState,
  shippedDatabase,
  useFreshDatabase
} from './fixtures'

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

  it('refuses a backup of a newer database version, saying to update', async () => {
    await seed()
    const exported = await exportCollection(db)
    const result = await checkBackup(db, toBackup(exported.payload, db.verno + 1, exported.counts))
    expect(!result.ok && result.error.message).toMatch(
      new RegExp(
        `newer version of Quotedeck \\(database version ${db.verno + 1}; this one uses version ${db.verno}\\)\\. Update Quotedeck`
      )
    )
  })

  it('regression: a backup taken before a schema upgrade could not be restored by the upgraded app', async () => {
    // A collection as the version-6 app stored it: a card reset to new after an answer (the
    // version-7 upgrade gives it the time of that answer), a card in review, and their logs.
    const oldName = `old-${crypto.randomUUID()}`
    const old = shippedDatabase(oldName, 6)
    const { article } = makeArticle()
    const reset = makeCard('reset', { articleId: article.id, createdAt: NOW_MS - 9 * DAY_MS })
    const review = makeCard('review', {
      articleId: article.id,
      state: reviewState(NOW_MS + DAY_MS, 1)
    })
    const log = (cardId: string, reviewedAt: number): Record<string, unknown> => ({
      cardId,
      articleId: article.id,
      grade: 3,
      source: 'study',
      reviewedAt,
      answerMs: 900,
      before: makeCard(cardId),
      after: null
    })
    try {
      await old.open()
      await old.table('articles').put({ ...article, addedAt: NOW_MS - 10 * DAY_MS })
      await old.table('cards').bulkPut([reset, review])
      await old
        .table('reviewLogs')
        .bulkAdd([log('reset', NOW_MS - 3 * DAY_MS), log('review', NOW_MS - 2 * DAY_MS)])
      await old.table('settings').put({ key: 'seededBuiltin', value: true })
      const exported = await exportCollection(old)
      expect(exported.schemaVersion).toBe(6)
      old.close()

      await db.cards.put(makeCard('later', { articleId: article.id }))
      const restored = await restoreCollection(
        db,
        toBackup(exported.payload, exported.schemaVersion, exported.counts)
      )

      expect(restored.ok).toBe(true)
      const cards = new Map((await db.cards.toArray()).map((card) => [card.id, card]))
      expect([...cards.keys()].sort()).toEqual(['reset', 'review'])
      // Upgraded on the way in, as the app upgrades a stored collection.
      expect(cards.get('reset')).toEqual({ ...reset, answeredBeforeResetAt: NOW_MS - 3 * DAY_MS })
      expect(cards.get('review')).toEqual(review)
      expect((await db.reviewLogs.toArray()).map((entry) => entry.cardId).sort()).toEqual([
        'reset',
        'review'
      ])
      expect(await db.settings.get('seededBuiltin')).toEqual({ key: 'seededBuiltin', value: true })
      // The derived tables are rebuilt from the restored rows.
      const summaries = await db.articleSummaries.toArray()
      expect(summaries.map((summary) => summary.id)).toEqual([article.id])
      const dayEndMs = NOW_MS + DAY_MS
      expect(await readArticleCounts(db, dayEndMs)).toEqual(
        await recountArticleCounts(db, dayEndMs)
      )
      expect((await readArticleCounts(db, dayEndMs)).get(article.id)).toMatchObject({ total: 2 })
    } finally {
      old.close()
      await Dexie.delete(oldName)
    }
  })

  it('refuses an older backup whose rows disagree with its manifest, changing nothing', async () => {
    const oldName = `old-${crypto.randomUUID()}`
    const old = shippedDatabase(oldName, 5)
    try {
      await old.open()
      await old.table('cards').bulkPut([makeCard('c1'), makeCard('c2')])
      const exported = await exportCollection(old)
      old.close()
      await seed()
      const before = await snapshot()
      const result = await restoreCollection(
        db,
        toBackup(exported.payload, exported.schemaVersion, { ...exported.counts, cards: 3 })
      )
      expect(!result.ok && result.error.message).toMatch(/“cards” does not match its manifest/)
      expect(await snapshot()).toEqual(before)
    } finally {
      old.close()
      await Dexie.delete(oldName)
    }
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
