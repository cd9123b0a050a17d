import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { Queue } from '../../../src/core/scheduling'
import { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { DAY_MS, makeArticle, makeCard, NOW_MS, reviewState, shippedDatabase } from './fixtures'

/** Version 1 of the schema exactly as it shipped (kept here so the upgrade can be replayed). */
const VERSION_1_STORES = {
  articles: 'id, addedAt',
  extractions: 'articleId',
  corrections: 'id, articleId'
}

let name = ''

afterEach(async () => {
  await Dexie.delete(name)
})

describe('schema migrations', () => {
  it('opening a version-1 database with the current schema loses nothing and adds the new tables', async () => {
    name = `test-${crypto.randomUUID()}`
    const { article, extraction } = makeArticle()
    const old = new Dexie(name)
    old.version(1).stores(VERSION_1_STORES)
    await old.open()
    const articleRecord = { ...article, addedAt: NOW_MS }
    const extractionRecord = { ...extraction, extractedAt: NOW_MS }
    const correction = {
      id: `${article.id}:10-20`,
      articleId: article.id,
      start: 10,
      end: 20,
      kind: 'not-quote',
      speakerId: null,
      correctedAt: NOW_MS
    }
    await old.table('articles').add(articleRecord)
    await old.table('extractions').add(extractionRecord)
    await old.table('corrections').add(correction)
    old.close()

    const current = new QuotedeckDatabase(name)
    await current.open()

    expect(current.verno).toBeGreaterThan(1)
    expect(await current.articles.toArray()).toEqual([articleRecord])
    expect(await current.extractions.toArray()).toEqual([extractionRecord])
    expect(await current.corrections.where('articleId').equals(article.id).toArray()).toEqual([
      correction
    ])
    // The tables and indexes added since version 1 exist and are usable.
    expect(await current.cards.where('[queue+due]').between([0, 0], [0, Infinity]).count()).toBe(0)
    expect(
      await current.reviewLogs
        .where('[cardId+reviewedAt]')
        .between(['', 0], ['\uffff', Infinity])
        .count()
    ).toBe(0)
    expect(await current.articles.where('addedAt').equals(NOW_MS).count()).toBe(1)
    current.close()
  })

  it('version 7 gives cards reset after an answer the time of that answer, and writes no other card', async () => {
    name = `test-${crypto.randomUUID()}`
    const v6 = shippedDatabase(name, 6)
    await v6.open()
    const cards = [
      // Reset to new by an older app after answers two and one days ago: only the logs know.
      makeCard('reset'),
      // Answered (its last review is its latest log), never answered, answered only in practice.
      makeCard('answered', { state: reviewState(NOW_MS + DAY_MS) }),
      makeCard('never'),
      makeCard('practised'),
      // Reset, then suspended or buried: still not answered since the reset.
      makeCard('reset-suspended', { queue: Queue.Suspended, queueBeforeBury: Queue.New }),
      makeCard('reset-buried', {
        queue: Queue.Buried,
        queueBeforeBury: Queue.New,
        buriedUntil: NOW_MS + DAY_MS
      })
    ]
    await v6.table('cards').bulkAdd(cards)
    const log = (
      cardId: string,
      reviewedAt: number,
      source = 'study'
    ): Record<string, unknown> => ({
      cardId,
      articleId: 'article-a',
      grade: 3,
      source,
      reviewedAt,
      answerMs: 1000,
      before: makeCard(cardId),
      after: null
    })
    await v6
      .table('reviewLogs')
      .bulkAdd([
        log('reset', NOW_MS - 2 * DAY_MS),
        log('reset', NOW_MS - DAY_MS, 'quiz'),
        log('reset', NOW_MS - 1000, 'practice'),
        log('answered', NOW_MS - 4 * DAY_MS),
        log('practised', NOW_MS - 1000, 'practice'),
        log('reset-suspended', NOW_MS - 3 * DAY_MS),
        log('reset-buried', NOW_MS - 5 * DAY_MS, 'quiz'),
        log('reset-buried', NOW_MS - 6 * DAY_MS)
      ])
    v6.close()

    const current = new QuotedeckDatabase(name, { maintainCounts: false })
    await current.open()
    expect(current.verno).toBeGreaterThanOrEqual(7)
    const stored = new Map((await current.cards.toArray()).map((card) => [card.id, card]))
    expect(stored.get('reset')).toEqual({ ...cards[0], answeredBeforeResetAt: NOW_MS - DAY_MS })
    expect(stored.get('answered')).toEqual(cards[1])
    expect(stored.get('never')).toEqual(cards[2])
    expect(stored.get('practised')).toEqual(cards[3])
    expect(stored.get('reset-suspended')).toEqual({
      ...cards[4],
      answeredBeforeResetAt: NOW_MS - 3 * DAY_MS
    })
    expect(stored.get('reset-buried')).toEqual({
      ...cards[5],
      answeredBeforeResetAt: NOW_MS - 5 * DAY_MS
    })
    expect(await current.reviewLogs.count()).toBe(8)
    current.close()
  })
})
