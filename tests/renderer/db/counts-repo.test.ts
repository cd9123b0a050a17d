import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  defaultSchedulerSettings,
  Queue,
  type SchedulerSettings
} from '../../../src/core/scheduling'
import { removeArticle, restoreArticle } from '../../../src/renderer/src/db/articles-repo'
import { applyBulkAction, undoBulkAction } from '../../../src/renderer/src/db/browser-repo'
import {
  commitAnswer,
  undoLastAnswer,
  unburyExpired
} from '../../../src/renderer/src/db/cards-repo'
import { checkAndRepairDatabase } from '../../../src/renderer/src/db/check-repo'
import {
  checkAndRebuildCounts,
  foldDueCounts,
  readArticleCounts,
  recountArticleCounts
} from '../../../src/renderer/src/db/counts-repo'
import { suspendCard, unsuspendCard } from '../../../src/renderer/src/db/missed-repo'
import { readAllTallies, recountTallies } from '../../../src/renderer/src/db/tallies-repo'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { shardOf } from '../../../src/renderer/src/db/count-shards'
import {
  DAY_MS,
  makeArticle,
  makeCard,
  MINUTE_MS,
  NOW_MS,
  putCountsRow,
  reviewState,
  useFreshDatabase
} from './fixtures'

const settings: SchedulerSettings = { ...defaultSchedulerSettings }
let db: QuotedeckDatabase

useFreshDatabase((fresh) => (db = fresh))

const ARTICLES = ['article-a', 'article-b', 'article-c']

/** Maintained counts equal a full recount, at several day ends (aligned and mid-hour). */
async function expectCountsExact(nowMs: number): Promise<void> {
  const ends = [nowMs + DAY_MS / 2, nowMs + 30 * MINUTE_MS, nowMs + 3 * DAY_MS + 45 * MINUTE_MS]
  for (const dayEndMs of ends) {
    const kept = await readArticleCounts(db, dayEndMs)
    const fresh = await recountArticleCounts(db, dayEndMs)
    const withCards = new Map([...kept].filter(([, counts]) => counts.total !== 0))
    expect(withCards).toEqual(fresh)
  }
  expect((await checkAndRebuildCounts(db, nowMs, { rebuild: false })).driftedArticleIds).toEqual([])
  // The Stats tallies ride on the same middleware: every write path keeps them exact too.
  expect(await readAllTallies(db)).toEqual(await recountTallies(db))
}

describe('article counts kept by every card write', () => {
  it('counts new, due and total per article without reading cards', async () => {
    await db.cards.bulkAdd([
      makeCard('n1', { articleId: 'article-a' }),
      makeCard('r1', { articleId: 'article-a', state: reviewState(NOW_MS - DAY_MS) }),
      makeCard('r2', { articleId: 'article-a', state: reviewState(NOW_MS + 5 * DAY_MS) }),
      makeCard('s1', {
        articleId: 'article-b',
        state: { ...reviewState(NOW_MS - DAY_MS), queue: Queue.Suspended }
      })
    ])
    const counts = await readArticleCounts(db, NOW_MS + 6 * 60 * MINUTE_MS)
    expect(counts.get('article-a')).toEqual({ total: 3, new: 1, due: 1 })
    expect(counts.get('article-b')).toEqual({ total: 1, new: 0, due: 0 })
    // The review due in five days is due when the day end passes it, with no write in between.
    expect((await readArticleCounts(db, NOW_MS + 6 * DAY_MS)).get('article-a')?.due).toBe(2)
  })

  it('an answer moves the counts in its own transaction, and undo puts them back', async () => {
    const card = makeCard('r1', { state: reviewState(NOW_MS - DAY_MS) })
    await db.cards.bulkAdd([card, makeCard('n1')])
    const dayEnd = NOW_MS + 6 * 60 * MINUTE_MS
    const before = await readArticleCounts(db, dayEnd)
    expect(before.get('article-a')).toEqual({ total: 2, new: 1, due: 1 })
    const answered = await commitAnswer(db, {
      cardId: 'r1',
      grade: 3,
      nowMs: NOW_MS,
      source: 'study',
      answerMs: 3000,
      expectedUpdatedAt: card.updatedAt,
      settings,
      tzOffsetMinutes: 0
    })
    expect(answered.ok).toBe(true)
    expect((await readArticleCounts(db, dayEnd)).get('article-a')?.due).toBe(0)
    expect((await undoLastAnswer(db)).ok).toBe(true)
    expect(await readArticleCounts(db, dayEnd)).toEqual(before)
    await expectCountsExact(NOW_MS)
  })

  it('a refused answer (conflict) leaves the counts untouched', async () => {
    await db.cards.add(makeCard('r1', { state: reviewState(NOW_MS - DAY_MS) }))
    const dayEnd = NOW_MS + DAY_MS
    const before = await readArticleCounts(db, dayEnd)
    const refused = await commitAnswer(db, {
      cardId: 'r1',
      grade: 1,
      nowMs: NOW_MS,
      source: 'study',
      answerMs: 1000,
      expectedUpdatedAt: -1,
      settings,
      tzOffsetMinutes: 0
    })
    expect(refused.ok).toBe(false)
    expect(await readArticleCounts(db, dayEnd)).toEqual(before)
  })

  it('removing an article and undoing it, and clearing the table, keep the counts exact', async () => {
    const { article } = makeArticle()
    await db.articles.add({ ...article, addedAt: NOW_MS })
    await db.cards.bulkAdd([
      makeCard('a1', { articleId: article.id, state: reviewState(NOW_MS - DAY_MS) }),
      makeCard('a2', { articleId: article.id })
    ])
    const snapshot = await removeArticle(db, article.id)
    expect((await readArticleCounts(db, NOW_MS + DAY_MS)).get(article.id)).toBeUndefined()
    await restoreArticle(db, snapshot!)
    expect((await readArticleCounts(db, NOW_MS + DAY_MS)).get(article.id)).toEqual({
      total: 2,
      new: 1,
      due: 1
    })
    await db.cards.clear()
    expect(await db.articleCountShards.count()).toBe(0)
    expect(await db.dueCounts.count()).toBe(0)
  })

  it('a bulk suspend over many articles, and its undo, keep the counts exact', async () => {
    // The bulk action reads its cards first; the counts then use that read, not a second one.
    const cards = Array.from({ length: 60 }, (_, index) =>
      makeCard(`b${index}`, {
        articleId: ARTICLES[index % 3],
        state:
          index % 4 === 0 ? {} : reviewState(NOW_MS + (index - 30) * 3 * 60 * MINUTE_MS, index % 3)
      })
    )
    await db.cards.bulkAdd(cards)
    const ids = cards.filter((_, index) => index % 5 !== 1).map((card) => card.id)
    const suspended = await applyBulkAction(db, ids, { kind: 'suspend' }, NOW_MS)
    expect(suspended.changed).toBe(ids.length)
    const counts = await readArticleCounts(db, NOW_MS + DAY_MS)
    const left = cards.filter((_, index) => index % 5 === 1)
    expect([...counts.values()].reduce((sum, row) => sum + row.total, 0)).toBe(cards.length)
    expect([...counts.values()].reduce((sum, row) => sum + row.new, 0)).toBe(
      left.filter((card) => card.queue === Queue.New).length
    )
    await expectCountsExact(NOW_MS)
    // The Stats tallies use the same read of the cards before the write.
    expect(await readAllTallies(db)).toEqual(await recountTallies(db))
    await undoBulkAction(db, suspended.undo)
    await expectCountsExact(NOW_MS)
    expect(await readAllTallies(db)).toEqual(await recountTallies(db))
  })

  it('a card read, changed in place and written back in one transaction counts as written', async () => {
    await db.cards.bulkAdd([
      makeCard('r1', { state: reviewState(NOW_MS - DAY_MS) }),
      makeCard('n1', { articleId: 'article-b' })
    ])
    await db.transaction('rw', db.cards, async () => {
      const card = (await db.cards.get('r1'))!
      // The object read is changed before it is written: what was stored must still count.
      card.queue = Queue.Suspended
      await db.cards.put(card)
      card.queue = Queue.Review
      card.due = NOW_MS + 2 * DAY_MS
      await db.cards.put(card)
      const [missing, moved] = await db.cards.bulkGet(['x1', 'n1'])
      expect(missing).toBeUndefined()
      await db.cards.put(makeCard('x1', { articleId: 'article-c' }))
      await db.cards.put({ ...moved!, articleId: 'article-c' })
      await db.cards.delete('x1')
    })
    const counts = await readArticleCounts(db, NOW_MS + DAY_MS)
    expect(counts.get('article-a')).toEqual({ total: 1, new: 0, due: 0 })
    expect(counts.get('article-b')).toBeUndefined()
    expect(counts.get('article-c')).toEqual({ total: 1, new: 1, due: 0 })
    await expectCountsExact(NOW_MS)
    expect(await readAllTallies(db)).toEqual(await recountTallies(db))
  })

  it('an add that fails part-way counts only the cards it stored', async () => {
    await db.cards.add(makeCard('r1', { state: reviewState(NOW_MS - DAY_MS) }))
    await db.transaction('rw', db.cards, async () => {
      await db.cards.get('r1')
      await db.cards
        .bulkAdd([
          makeCard('n1', { articleId: 'article-b' }),
          makeCard('r1', { articleId: 'article-b' }),
          makeCard('r2', { articleId: 'article-b', state: reviewState(NOW_MS - DAY_MS) })
        ])
        .catch(() => undefined)
    })
    const counts = await readArticleCounts(db, NOW_MS + DAY_MS)
    expect(counts.get('article-a')).toEqual({ total: 1, new: 0, due: 1 })
    expect(counts.get('article-b')).toEqual({ total: 2, new: 1, due: 1 })
    await expectCountsExact(NOW_MS)
  })

  it('a batch that writes one card twice counts it once', async () => {
    await db.cards.bulkPut([
      makeCard('r1', { state: reviewState(NOW_MS - DAY_MS) }),
      makeCard('r1', { state: reviewState(NOW_MS + 3 * DAY_MS) })
    ])
    expect((await readArticleCounts(db, NOW_MS + DAY_MS)).get('article-a')).toEqual({
      total: 1,
      new: 0,
      due: 0
    })
    await expectCountsExact(NOW_MS)
  })

  it('regression: two card writes side by side in one transaction, to articles sharing a count shard, both count', async () => {
    const first = 'article-a'
    let second = ''
    for (let i = 0; second === ''; i++) {
      if (shardOf(`other-${i}`) === shardOf(first)) second = `other-${i}`
    }
    await db.cards.put(makeCard('kept', { articleId: first }))
    // Each write reads the shard and writes it back whole: side by side, the second used to
    // overwrite the first's row with what it had read before the first wrote.
    await db.transaction('rw', db.cards, async () => {
      await Promise.all([
        db.cards.put(makeCard('x1', { articleId: first, state: reviewState(NOW_MS - 1000) })),
        db.cards.put(makeCard('x2', { articleId: second })),
        db.cards.delete('kept')
      ])
    })
    await expectCountsExact(NOW_MS)
  })

  it('Check Database finds counts that drifted and rebuilds them', async () => {
    await db.cards.bulkAdd([
      makeCard('r1', { state: reviewState(NOW_MS - DAY_MS) }),
      makeCard('n1', { articleId: 'article-b' })
    ])
    await putCountsRow(db, {
      articleId: 'article-a',
      total: 7,
      new: 3,
      overdue: 0,
      foldedBelowHour: 0
    })
    const check = await checkAndRebuildCounts(db, NOW_MS)
    expect(check.driftedArticleIds).toEqual(['article-a'])
    await expectCountsExact(NOW_MS)
  })

  it('a clock moved back past the fold mark still counts exactly', async () => {
    await db.cards.bulkAdd([
      makeCard('r1', { state: reviewState(NOW_MS + 2 * DAY_MS) }),
      makeCard('r2', { state: reviewState(NOW_MS - DAY_MS) })
    ])
    // Folded three days ahead (a clock that ran fast), then read at the real time.
    await foldDueCounts(db, NOW_MS + 3 * DAY_MS)
    expect((await readArticleCounts(db, NOW_MS + DAY_MS)).get('article-a')?.due).toBe(1)
    await expectCountsExact(NOW_MS)
  })
})

type Operation =
  | { kind: 'add'; article: number; id: number; queue: number; dueOffsetMin: number }
  | { kind: 'answer'; id: number; grade: 1 | 2 | 3 | 4; minutes: number }
  | { kind: 'undo' }
  | { kind: 'bulk'; ids: number[]; action: number; dueOffsetMin: number; undo: boolean }
  | { kind: 'suspend'; id: number; on: boolean }
  | { kind: 'unbury'; minutes: number }
  | { kind: 'fold'; minutes: number }
  | { kind: 'deleteArticle'; article: number }
  | { kind: 'modify'; article: number; dueOffsetMin: number }
  | { kind: 'check' }

const ID_RANGE = 12

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    article: fc.nat(ARTICLES.length - 1),
    id: fc.nat(ID_RANGE - 1),
    queue: fc.constantFrom(Queue.New, Queue.Learning, Queue.Review, Queue.Suspended, Queue.Buried),
    dueOffsetMin: fc.integer({ min: -5 * 24 * 60, max: 5 * 24 * 60 })
  }),
  fc.record({
    kind: fc.constant('answer' as const),
    id: fc.nat(ID_RANGE - 1),
    grade: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
    minutes: fc.nat(3 * 24 * 60)
  }),
  fc.constant({ kind: 'undo' as const }),
  fc.record({
    kind: fc.constant('bulk' as const),
    ids: fc.array(fc.nat(ID_RANGE - 1), { maxLength: 5 }),
    action: fc.nat(5),
    dueOffsetMin: fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }),
    undo: fc.boolean()
  }),
  fc.record({ kind: fc.constant('suspend' as const), id: fc.nat(ID_RANGE - 1), on: fc.boolean() }),
  fc.record({ kind: fc.constant('unbury' as const), minutes: fc.nat(3 * 24 * 60) }),
  fc.record({ kind: fc.constant('fold' as const), minutes: fc.nat(3 * 24 * 60) }),
  fc.record({ kind: fc.constant('deleteArticle' as const), article: fc.nat(ARTICLES.length - 1) }),
  fc.record({
    kind: fc.constant('modify' as const),
    article: fc.nat(ARTICLES.length - 1),
    dueOffsetMin: fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 })
  }),
  fc.constant({ kind: 'check' as const })
)

const bulkActions = ['suspend', 'unsuspend', 'bury', 'reset', 'reschedule', 'delete'] as const

async function run(op: Operation): Promise<void> {
  const cardId = (id: number): string => `card-${id}`
  switch (op.kind) {
    case 'add': {
      const due = NOW_MS + op.dueOffsetMin * MINUTE_MS
      const state =
        op.queue === Queue.New
          ? { due }
          : { ...reviewState(due), queue: op.queue as 0 | 1 | 2 | -1 | -2 }
      if (op.queue === Queue.Buried) Object.assign(state, { buriedUntil: NOW_MS + DAY_MS / 2 })
      await db.cards.put(
        makeCard(cardId(op.id), {
          articleId: ARTICLES[op.article],
          noteId: `note-${op.id % 4}`,
          state
        })
      )
      return
    }
    case 'answer': {
      const card = await db.cards.get(cardId(op.id))
      if (!card) return
      await commitAnswer(db, {
        cardId: card.id,
        grade: op.grade,
        nowMs: NOW_MS + op.minutes * MINUTE_MS,
        source: 'study',
        answerMs: 2000,
        expectedUpdatedAt: card.updatedAt,
        settings,
        tzOffsetMinutes: 0
      })
      return
    }
    case 'undo':
      await undoLastAnswer(db)
      return
    case 'bulk': {
      const name = bulkActions[op.action]
      const due = NOW_MS + op.dueOffsetMin * MINUTE_MS
      const action =
        name === 'bury'
          ? { kind: name, untilMs: due }
          : name === 'reschedule'
            ? { kind: name, dueMs: due }
            : { kind: name }
      const { undo } = await applyBulkAction(db, op.ids.map(cardId), action, NOW_MS)
      if (op.undo) await undoBulkAction(db, undo)
      return
    }
    case 'suspend':
      await (op.on ? suspendCard : unsuspendCard)(db, cardId(op.id), NOW_MS)
      return
    case 'unbury':
      await unburyExpired(db, NOW_MS + op.minutes * MINUTE_MS)
      return
    case 'fold':
      await foldDueCounts(db, NOW_MS + op.minutes * MINUTE_MS)
      return
    case 'deleteArticle':
      await db.cards.where('articleId').equals(ARTICLES[op.article]).delete()
      return
    case 'modify':
      // Collection.modify: Dexie reads and writes the cards itself.
      await db.cards
        .where('articleId')
        .equals(ARTICLES[op.article])
        .modify({ due: NOW_MS + op.dueOffsetMin * MINUTE_MS })
      return
    case 'check':
      await checkAndRepairDatabase(db, NOW_MS)
      return
  }
}

describe('article counts under random sequences of operations', () => {
  it('always equal a full recount (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (ops) => {
        await db.cards.clear()
        await db.reviewLogs.clear()
        await db.articleCountShards.clear()
        await db.dueCounts.clear()
        for (const op of ops) await run(op)
        await expectCountsExact(NOW_MS)
        await expectCountsExact(NOW_MS + 2 * DAY_MS + 17 * MINUTE_MS)
      }),
      { seed: 20261206, numRuns: Number(process.env.FUZZ_RUNS ?? 30) }
    )
  }, 120_000)
})
