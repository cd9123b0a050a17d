import Dexie from 'dexie'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { MemoryState, Queue } from '../../../src/core/scheduling'
import {
  DIFFICULTY_EDGES,
  INTERVAL_EDGES_DAYS,
  STABILITY_EDGES_DAYS
} from '../../../src/core/stats'
import { countDueInBins } from '../../../src/renderer/src/db/cards-repo'
import { checkAndRepairDatabase } from '../../../src/renderer/src/db/check-repo'
import { loadCardTallies, loadMasteryInput } from '../../../src/renderer/src/db/stats-repo'
import { readAllTallies, recountTallies } from '../../../src/renderer/src/db/tallies-repo'
import { QuotedeckDatabase, type CardRecord } from '../../../src/renderer/src/db/schema'
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

const SPEAKERS = ['Wang Yi', 'Ada Quist', 'Jan van der Berg']

/** A who-said or cloze card with a schedule drawn from `seed`. */
function seededCard(id: number, seed: number): CardRecord {
  const articleId = `article-${seed % 3}`
  const speaker = SPEAKERS[seed % SPEAKERS.length]
  const whoSaid = seed % 2 === 0
  const fresh = seed % 5 === 0
  const base = makeCard(`c${id}`, {
    articleId,
    template: whoSaid ? 'who-said' : 'cloze-quote',
    answer: whoSaid ? speaker : `answer ${id}`,
    answerSpeakerId: whoSaid ? `${articleId}:${speaker}` : null,
    state: fresh ? {} : reviewState(NOW_MS + (seed % 9) * DAY_MS, seed % 4)
  })
  if (fresh) return base
  return {
    ...base,
    queue: seed % 11 === 0 ? Queue.Suspended : base.queue,
    scheduledDays: (seed * 13) % 400,
    stability: ((seed * 7) % 900) / 3,
    difficulty: 1 + ((seed * 3) % 95) / 10,
    lapses: seed % 4
  }
}

type Operation =
  | { kind: 'add'; id: number; seed: number }
  | { kind: 'put'; ids: number[]; seed: number }
  | { kind: 'modify'; id: number; seed: number }
  | { kind: 'delete'; ids: number[] }
  | { kind: 'clear' }

const ID = fc.nat(29)
const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('add' as const), id: ID, seed: fc.nat() })
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('put' as const),
      ids: fc.array(ID, { minLength: 1, maxLength: 6 }),
      seed: fc.nat()
    })
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('modify' as const), id: ID, seed: fc.nat() })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      ids: fc.array(ID, { minLength: 1, maxLength: 4 })
    })
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const) }) }
)

async function apply(operation: Operation): Promise<void> {
  switch (operation.kind) {
    case 'add':
      await db.cards.add(seededCard(operation.id, operation.seed)).catch(() => undefined)
      return
    case 'put':
      // The same id twice in one batch: the later value wins, and counts once.
      await db.cards.bulkPut(
        operation.ids.map((id, index) => seededCard(id, operation.seed + index))
      )
      return
    case 'modify': {
      const next = seededCard(operation.id, operation.seed)
      await db.cards.update(`c${operation.id}`, {
        queue: next.queue,
        memoryState: next.memoryState,
        scheduledDays: next.scheduledDays,
        stability: next.stability,
        difficulty: next.difficulty,
        lapses: next.lapses
      })
      return
    }
    case 'delete':
      await db.cards.bulkDelete(operation.ids.map((id) => `c${id}`))
      return
    case 'clear':
      await db.cards.clear()
  }
}

describe('Stats tallies kept by every card write', () => {
  it('always equal a recount of the cards (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
        await db.cards.clear()
        for (const step of operations) await apply(step)
        expect(await readAllTallies(db)).toEqual(await recountTallies(db))
      }),
      { seed: 20261207, numRuns: 40 }
    )
  })

  it('give the Stats view the counts a scan of the cards gives', async () => {
    const cards = Array.from({ length: 120 }, (_, id) => seededCard(id, id * 37 + 5))
    await db.cards.bulkAdd(cards)
    const { bins, queues } = await loadCardTallies(db)
    const countIn = (
      edges: readonly number[],
      field: keyof CardRecord,
      exclusiveFirst = false
    ): number[] =>
      edges.map((from, index) => {
        const to = index + 1 < edges.length ? edges[index + 1] : Infinity
        return cards.filter((card) => {
          const value = card[field] as number
          return (exclusiveFirst && index === 0 ? value > from : value >= from) && value < to
        }).length
      })
    expect(bins.interval).toEqual(countIn(INTERVAL_EDGES_DAYS, 'scheduledDays'))
    expect(bins.stability).toEqual(countIn(STABILITY_EDGES_DAYS, 'stability', true))
    expect(bins.difficulty).toEqual(countIn(DIFFICULTY_EDGES, 'difficulty'))
    expect(queues.suspended).toBe(cards.filter((card) => card.queue === Queue.Suspended).length)
    expect(queues.new).toBe(cards.filter((card) => card.memoryState === MemoryState.New).length)
    expect(queues.total).toBe(120)
  })

  it('give mastery by speaker with names and lapses, and by the articles studied last', async () => {
    const { article } = makeArticle()
    await db.articles.put({ ...article, id: 'article-0', title: 'Border talks', addedAt: NOW_MS })
    await db.cards.bulkAdd(Array.from({ length: 60 }, (_, id) => seededCard(id, id)))
    await db.reviewLogs.add({
      cardId: 'c0',
      articleId: 'article-0',
      grade: 3,
      source: 'study',
      reviewedAt: NOW_MS,
      answerMs: 3000,
      before: seededCard(0, 0),
      after: seededCard(0, 0)
    } as never)
    const mastery = await loadMasteryInput(db)
    const cards = await db.cards.toArray()
    const whoSaid = cards.filter((card) => card.template === 'who-said')
    const top = mastery.speakers[0]
    const own = whoSaid.filter((card) => card.answerSpeakerId === top.speakerId)
    expect(top.whoSaidCards).toBe(own.length)
    expect(top.lapses).toBe(own.reduce((sum, card) => sum + card.lapses, 0))
    expect(mastery.speakers.map((row) => row.lapses)).toEqual(
      [...mastery.speakers.map((row) => row.lapses)].sort((a, b) => b - a)
    )
    expect(mastery.speakerNames.get(top.speakerId)).toBe(own[0].answer)
    expect(mastery.articles.map((row) => row.articleId)).toEqual(['article-0'])
    expect(mastery.articles[0].cards).toBe(cards.filter((c) => c.articleId === 'article-0').length)
    expect(mastery.articleTitles.get('article-0')).toBe('Border talks')
  })

  it('finds the articles studied last behind a long run of one article, ties and practice', async () => {
    const log = (
      index: number,
      articleId: string,
      reviewedAt: number,
      source = 'study'
    ): object => ({
      cardId: `c${index}`,
      articleId,
      grade: 3,
      source,
      reviewedAt,
      answerMs: 3000,
      before: seededCard(index, index),
      after: seededCard(index, index)
    })
    const logs = [
      // Oldest first: nine articles, then 150 answers on one article, the newest a practice one.
      ...Array.from({ length: 9 }, (_, i) => log(i, `old-${i}`, NOW_MS - 10_000 + i)),
      // Two answers in the same millisecond as the run's oldest one.
      log(9, 'tie', NOW_MS - 5000),
      ...Array.from({ length: 150 }, (_, i) => log(10 + i, 'busy', NOW_MS - 5000 + i)),
      log(200, 'practised', NOW_MS, 'practice')
    ]
    await db.reviewLogs.bulkAdd(logs as never)
    const mastery = await loadMasteryInput(db)
    expect(mastery.articles.map((row) => row.articleId)).toEqual([
      'busy',
      'tie',
      'old-8',
      'old-7',
      'old-6',
      'old-5',
      'old-4',
      'old-3'
    ])
  })

  it('Check Database finds drifted tallies, rebuilds them and says so', async () => {
    await db.cards.bulkAdd(Array.from({ length: 20 }, (_, id) => seededCard(id, id)))
    await db.cardTallies.put({ key: `queue:${Queue.Review}`, count: 999 })
    await db.speakerTallies.clear()
    const plan = await checkAndRepairDatabase(db, NOW_MS)
    expect(plan.statsTalliesRebuilt).toBe(true)
    expect(await readAllTallies(db)).toEqual(await recountTallies(db))
    expect((await checkAndRepairDatabase(db, NOW_MS)).statsTalliesRebuilt).toBe(false)
  })
})

describe('forecast from the due tallies', () => {
  /** What the `[queue+due]` index counts gave before the tallies. */
  async function indexCounts(bins: { startMs: number; endMs: number }[]): Promise<number[]> {
    const cards = await db.cards.toArray()
    return bins.map(
      (bin, index) =>
        cards.filter(
          (card) =>
            (card.queue === Queue.Learning || card.queue === Queue.Review) &&
            (index === 0 || card.due >= bin.startMs) &&
            card.due < bin.endMs
        ).length
    )
  }

  it('equals index counts as time passes, slots fold and cards change on both sides of the fold', async () => {
    const dues = Array.from({ length: 80 }, (_, id) => NOW_MS + (id - 30) * 3 * 3_600_000 + id)
    await db.cards.bulkAdd(dues.map((due, id) => makeCard(`c${id}`, { state: reviewState(due) })))
    for (const step of [0, 1, 2, 3]) {
      const nowMs = NOW_MS + step * DAY_MS
      const starts = Array.from({ length: 6 }, (_, day) => nowMs - 12 * 3_600_000 + day * DAY_MS)
      const bins = starts.map((startMs) => ({ startMs, endMs: startMs + DAY_MS }))
      expect(await countDueInBins(db, bins, nowMs)).toEqual(await indexCounts(bins))
      // Cards that were folded as overdue, and cards still ahead, change and go.
      await db.cards.update(`c${step}`, { due: nowMs + 2 * DAY_MS })
      await db.cards.update(`c${40 + step}`, { due: nowMs - 5 * DAY_MS })
      await db.cards.update(`c${50 + step}`, { queue: Queue.Suspended })
      await db.cards.delete(`c${10 + step}`)
      expect(await countDueInBins(db, bins, nowMs)).toEqual(await indexCounts(bins))
      expect(await readAllTallies(db)).toEqual(await recountTallies(db))
    }
    // The fold keeps the past in one row: nothing before the last "now" is read again.
    const past = await db.dueTallies
      .where('slot')
      .between(0, Math.floor((NOW_MS + 3 * DAY_MS) / (15 * 60_000)), true, false)
      .count()
    expect(past).toBe(0)
  })
})

describe('version 5: tallies for an existing collection', () => {
  let name = ''
  afterEach(async () => {
    if (name) await Dexie.delete(name)
  })

  it('the upgrade from version 4 tallies every card and keeps every row', async () => {
    name = `test-${crypto.randomUUID()}`
    const old = shippedDatabase(name, 4)
    await old.open()
    const cards = Array.from({ length: 500 }, (_, id) => seededCard(id, id * 31 + 7))
    await old.table('cards').bulkAdd(cards)
    old.close()

    const current = new QuotedeckDatabase(name)
    await current.open()
    expect(current.verno).toBeGreaterThanOrEqual(5)
    expect(await current.cards.count()).toBe(500)
    const tallies = await readAllTallies(current)
    expect(tallies).toEqual(await recountTallies(current))
    expect(tallies.speakers.reduce((sum, row) => sum + row.whoSaidCards, 0)).toBe(
      cards.filter((card) => card.template === 'who-said').length
    )
    // Writes after the upgrade keep them exact.
    await current.cards.bulkDelete(['c1', 'c2', 'c3'])
    await current.cards.update('c4', { lapses: 9 })
    expect(await readAllTallies(current)).toEqual(await recountTallies(current))
    current.close()
  })
})
