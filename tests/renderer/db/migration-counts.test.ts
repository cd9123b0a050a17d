import Dexie from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { countAll, dueHour } from '../../../src/core/library/article-counts'
import { Queue } from '../../../src/core/scheduling'
import { COUNT_SHARDS, shardOf } from '../../../src/renderer/src/db/count-shards'
import {
  checkAndRebuildCounts,
  readArticleCounts,
  recountArticleCounts
} from '../../../src/renderer/src/db/counts-repo'
import { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { DAY_MS, makeCard, MINUTE_MS, NOW_MS, reviewState, shippedDatabase } from './fixtures'

let name = ''
afterEach(async () => {
  vi.useRealTimers()
  await Dexie.delete(name)
})

describe('version 3: library counts for an existing collection', () => {
  it('the upgrade from version 2 counts every article’s cards, and later writes keep them exact', async () => {
    name = `test-${crypto.randomUUID()}`
    const old = shippedDatabase(name, 2)
    await old.open()
    const cards = Array.from({ length: 600 }, (_, index) => {
      const articleId = `article-${index % 7}`
      const kind = index % 5
      if (kind === 0) return makeCard(`c${index}`, { articleId })
      if (kind === 4) {
        return makeCard(`c${index}`, {
          articleId,
          state: { ...reviewState(NOW_MS - DAY_MS), queue: Queue.Suspended }
        })
      }
      // Due from four days ago to four days ahead, one every 17 minutes.
      return makeCard(`c${index}`, {
        articleId,
        state: reviewState(NOW_MS - 4 * DAY_MS + index * 17 * MINUTE_MS)
      })
    })
    await old.table('cards').bulkAdd(cards)
    old.close()

    vi.useFakeTimers({ now: NOW_MS, toFake: ['Date'] })
    const current = new QuotedeckDatabase(name)
    await current.open()
    expect(current.verno).toBeGreaterThanOrEqual(3)
    expect(await current.cards.count()).toBe(600)
    for (const dayEnd of [NOW_MS + DAY_MS / 2, NOW_MS + 2 * DAY_MS + 30 * MINUTE_MS]) {
      expect(await readArticleCounts(current, dayEnd)).toEqual(
        await recountArticleCounts(current, dayEnd)
      )
    }
    // The hours already past were folded by the upgrade: only the days ahead are in the histogram.
    const hours = await current.dueCounts.toArray()
    expect(hours.every((entry) => entry.hour >= Math.floor(NOW_MS / (60 * MINUTE_MS)))).toBe(true)
    expect(
      (await checkAndRebuildCounts(current, NOW_MS, { rebuild: false })).driftedArticleIds
    ).toEqual([])

    await current.cards.bulkDelete(['c1', 'c2', 'c5'])
    expect(await readArticleCounts(current, NOW_MS + DAY_MS)).toEqual(
      await recountArticleCounts(current, NOW_MS + DAY_MS)
    )
    current.close()
  })
})

describe('version 8: the counts rows packed into shards', () => {
  it('the upgrade from version 7 keeps every article’s counts and drops three card indexes', async () => {
    name = `test-${crypto.randomUUID()}`
    const old = shippedDatabase(name, 7)
    await old.open()
    const cards = Array.from({ length: 900 }, (_, index) =>
      index % 3 === 0
        ? makeCard(`c${index}`, { articleId: `article-${index % 90}` })
        : makeCard(`c${index}`, {
            articleId: `article-${index % 90}`,
            state: reviewState(NOW_MS - 2 * DAY_MS + index * 23 * MINUTE_MS)
          })
    )
    await old.table('cards').bulkAdd(cards)
    // The counts as version 7 kept them: one row per article, the past hours folded.
    const counts = countAll(cards, dueHour(NOW_MS))
    await old.table('articleCounts').bulkPut(counts.articles)
    await old.table('dueCounts').bulkPut(counts.hours)
    old.close()

    const current = new QuotedeckDatabase(name)
    await current.open()
    const shards = await current.articleCountShards.toArray()
    expect(shards.length).toBeLessThanOrEqual(COUNT_SHARDS)
    expect(
      shards.every((shard) => shard.rows.every((row) => shardOf(row.articleId) === shard.shard))
    ).toBe(true)
    expect(
      shards.flatMap((shard) => shard.rows).sort((a, b) => (a.articleId < b.articleId ? -1 : 1))
    ).toEqual([...counts.articles].sort((a, b) => (a.articleId < b.articleId ? -1 : 1)))
    for (const dayEnd of [NOW_MS + DAY_MS / 2, NOW_MS + 3 * DAY_MS]) {
      expect(await readArticleCounts(current, dayEnd)).toEqual(
        await recountArticleCounts(current, dayEnd)
      )
    }
    expect(current.tables.map((table) => table.name)).not.toContain('articleCounts')
    const indexes = current.cards.schema.indexes.map((index) => index.name).sort()
    expect(indexes).toEqual(
      ['[queue+due]', 'articleId', 'lapses', 'noteId', 'stability', 'template'].sort()
    )
    // Later writes keep them exact.
    await current.cards.bulkDelete(['c0', 'c1', 'c2'])
    await current.cards.update('c4', { queue: Queue.Suspended })
    expect(await readArticleCounts(current, NOW_MS + DAY_MS)).toEqual(
      await recountArticleCounts(current, NOW_MS + DAY_MS)
    )
    current.close()
  })
})
