import { describe, expect, it } from 'vitest'
import {
  defaultSchedulerSettings,
  Queue,
  type SchedulerSettings
} from '../../../src/core/scheduling'
import {
  answersPerDay,
  cardCountsByQueue,
  commitAnswer,
  forecast,
  loadStudyQueue,
  todayCounts
} from '../../../src/renderer/src/db/cards-repo'
import type { CardRecord, QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { DAY_MS, makeCard, MINUTE_MS, NOW_MS, reviewState, useFreshDatabase } from './fixtures'

let db: QuotedeckDatabase
const settings: SchedulerSettings = {
  ...defaultSchedulerSettings,
  newCardsPerDay: 3,
  reviewsPerDay: 4
}
const tz = 0

useFreshDatabase((fresh) => (db = fresh))

function newCards(prefix: string, count: number, articleId = 'article-a'): CardRecord[] {
  return Array.from({ length: count }, (_, i) =>
    makeCard(`${prefix}${i}`, { articleId, state: { due: NOW_MS - DAY_MS + i } })
  )
}

function reviewCards(prefix: string, dueTimes: number[], articleId = 'article-a'): CardRecord[] {
  return dueTimes.map((due, i) => makeCard(`${prefix}${i}`, { articleId, state: reviewState(due) }))
}

async function queueIds(scope: Parameters<typeof loadStudyQueue>[1]['scope']): Promise<string[]> {
  const queue = await loadStudyQueue(db, { scope, nowMs: NOW_MS, settings, tzOffsetMinutes: tz })
  return queue.cards.map((card) => card.id)
}

describe('loadStudyQueue', () => {
  it('takes learning cards due now first, then reviews due today with new cards spread in', async () => {
    await db.cards.bulkAdd([
      ...newCards('n', 2),
      ...reviewCards('r', [NOW_MS - 2 * DAY_MS, NOW_MS - DAY_MS]),
      makeCard('l0', { state: { queue: Queue.Learning, memoryState: 1, due: NOW_MS - MINUTE_MS } })
    ])

    const ids = await queueIds({ kind: 'all' })

    expect(ids[0]).toBe('l0')
    expect(ids.slice(1).sort()).toEqual(['n0', 'n1', 'r0', 'r1'])
    expect(ids.indexOf('r0')).toBeLessThan(ids.indexOf('r1'))
    expect(ids.indexOf('n0')).toBeLessThan(ids.indexOf('n1'))
  })

  it('includes reviews due before the day rollover and leaves later ones out', async () => {
    // Rollover at 04:00 UTC; now is 12:00, so today ends tomorrow at 04:00.
    const endOfDay = Date.UTC(2026, 2, 11, 4, 0, 0)
    await db.cards.bulkAdd(reviewCards('r', [endOfDay - 1, endOfDay, endOfDay + DAY_MS]))

    expect(await queueIds({ kind: 'all' })).toEqual(['r0'])
  })

  it('honours the daily new-card and review limits, minus what was done today', async () => {
    await db.cards.bulkAdd([
      ...newCards('n', 6),
      ...reviewCards(
        'r',
        Array.from({ length: 8 }, (_, i) => NOW_MS - (i + 1) * MINUTE_MS)
      )
    ])
    let ids = await queueIds({ kind: 'all' })
    expect(ids.filter((id) => id.startsWith('n'))).toEqual(['n0', 'n1', 'n2'])
    expect(ids.filter((id) => id.startsWith('r'))).toHaveLength(4)

    // One new card and one review answered today leave 2 new and 3 reviews.
    for (const id of ['n0', 'r7']) {
      const card = (await db.cards.get(id))!
      const result = await commitAnswer(db, {
        cardId: id,
        grade: 4,
        nowMs: NOW_MS - 60 * MINUTE_MS,
        source: 'study',
        answerMs: 1000,
        expectedUpdatedAt: card.updatedAt,
        settings,
        tzOffsetMinutes: tz
      })
      expect(result.ok).toBe(true)
    }
    ids = await queueIds({ kind: 'all' })
    expect(ids.filter((id) => id.startsWith('n'))).toEqual(['n1', 'n2'])
    expect(ids.filter((id) => id.startsWith('r'))).toHaveLength(3)
  })

  it('answers from before the rollover do not count against today', async () => {
    await db.cards.bulkAdd(newCards('n', 5))
    const card = (await db.cards.get('n0'))!
    // 03:00 today is still yesterday's study day (rollover at 04:00).
    await commitAnswer(db, {
      cardId: 'n0',
      grade: 4,
      nowMs: Date.UTC(2026, 2, 10, 3, 0, 0),
      source: 'study',
      answerMs: 1000,
      expectedUpdatedAt: card.updatedAt,
      settings,
      tzOffsetMinutes: tz
    })

    const ids = await queueIds({ kind: 'all' })
    expect(ids).toEqual(['n1', 'n2', 'n3'])
  })

  it('limits an article scope to that article', async () => {
    await db.cards.bulkAdd([
      ...newCards('a', 2, 'article-a'),
      ...newCards('b', 2, 'article-b'),
      ...reviewCards('ra', [NOW_MS - DAY_MS], 'article-a'),
      ...reviewCards('rb', [NOW_MS - DAY_MS], 'article-b')
    ])

    const ids = await queueIds({ kind: 'article', articleId: 'article-b' })

    expect(ids.sort()).toEqual(['b0', 'b1', 'rb0'])
  })

  it('leaves out suspended and buried cards, and lifts burials that have expired', async () => {
    await db.cards.bulkAdd([
      makeCard('s', { state: { ...reviewState(NOW_MS - DAY_MS), queue: Queue.Suspended } }),
      makeCard('b-today', {
        state: {
          ...reviewState(NOW_MS - DAY_MS),
          queue: Queue.Buried,
          queueBeforeBury: Queue.Review,
          buriedUntil: NOW_MS + 60 * MINUTE_MS
        }
      }),
      makeCard('b-yesterday', {
        state: {
          ...reviewState(NOW_MS - DAY_MS),
          queue: Queue.Buried,
          queueBeforeBury: Queue.Review,
          buriedUntil: NOW_MS - 8 * 60 * MINUTE_MS
        }
      })
    ])

    expect(await queueIds({ kind: 'all' })).toEqual(['b-yesterday'])
    expect(await db.cards.get('b-yesterday')).toMatchObject({
      queue: Queue.Review,
      queueBeforeBury: null,
      buriedUntil: null
    })
    expect((await db.cards.get('b-today'))!.queue).toBe(Queue.Buried)
  })
  it('lifts a burial made after an earlier queue build once the next study day begins', async () => {
    await db.cards.bulkAdd([makeCard('a', { noteId: 'n' }), makeCard('b', { noteId: 'n' })])
    expect((await queueIds({ kind: 'all' })).sort()).toEqual(['a', 'b'])
    const card = (await db.cards.get('a'))!
    await commitAnswer(db, {
      cardId: 'a',
      grade: 4,
      nowMs: NOW_MS,
      source: 'study',
      answerMs: 1000,
      expectedUpdatedAt: card.updatedAt,
      settings,
      tzOffsetMinutes: tz
    })
    expect(await queueIds({ kind: 'all' })).toEqual([])

    const nextDay = Date.UTC(2026, 2, 11, 4, 0, 0) + 1
    const queue = await loadStudyQueue(db, {
      scope: { kind: 'all' },
      nowMs: nextDay,
      settings,
      tzOffsetMinutes: tz
    })

    expect(queue.cards.map((c) => c.id)).toEqual(['b'])
    expect(await db.cards.get('b')).toMatchObject({ queue: Queue.New, buriedUntil: null })
  })
})

describe('statistics queries', () => {
  it('counts today by grade, new and review, practice apart', async () => {
    await db.cards.bulkAdd([...newCards('n', 2), ...reviewCards('r', [NOW_MS - DAY_MS])])
    const answers: Array<[string, 1 | 2 | 3 | 4]> = [
      ['n0', 1],
      ['n1', 3],
      ['r0', 4]
    ]
    for (const [id, grade] of answers) {
      const card = (await db.cards.get(id))!
      await commitAnswer(db, {
        cardId: id,
        grade,
        nowMs: NOW_MS,
        source: 'study',
        answerMs: 2000,
        expectedUpdatedAt: card.updatedAt,
        settings,
        tzOffsetMinutes: tz
      })
    }

    const counts = await todayCounts(db, NOW_MS, settings, tz)

    expect(counts).toEqual({
      total: 3,
      byGrade: { 1: 1, 2: 0, 3: 1, 4: 1 },
      newCards: 2,
      reviews: 1,
      practice: 0,
      answerMs: 6000
    })
  })

  it('forecasts due cards per study day, overdue counted today', async () => {
    const todayStart = Date.UTC(2026, 2, 10, 4, 0, 0)
    await db.cards.bulkAdd([
      ...reviewCards('r', [
        NOW_MS - 3 * DAY_MS,
        todayStart + 20 * 60 * MINUTE_MS,
        todayStart + DAY_MS + 1,
        todayStart + 2 * DAY_MS + 5,
        todayStart + 30 * DAY_MS
      ]),
      ...newCards('n', 3)
    ])

    const days = await forecast(db, NOW_MS, 4, settings, tz)

    expect(days.map((day) => day.count)).toEqual([2, 1, 1, 0])
    expect(days[0].dayStartMs).toBe(todayStart)
    expect(days[1].dayStartMs).toBe(todayStart + DAY_MS)
  })

  it('counts cards by queue and answers per day', async () => {
    await db.cards.bulkAdd([
      ...newCards('n', 3),
      ...reviewCards('r', [NOW_MS + DAY_MS, NOW_MS + 2 * DAY_MS]),
      makeCard('s', { state: { queue: Queue.Suspended } })
    ])
    const card = (await db.cards.get('r0'))!
    await commitAnswer(db, {
      cardId: 'r0',
      grade: 3,
      nowMs: NOW_MS - DAY_MS,
      source: 'study',
      answerMs: 1000,
      expectedUpdatedAt: card.updatedAt,
      settings,
      tzOffsetMinutes: tz
    })

    expect(await cardCountsByQueue(db)).toEqual({
      new: 3,
      learning: 0,
      review: 2,
      suspended: 1,
      buried: 0,
      total: 6
    })
    const perDay = await answersPerDay(db, NOW_MS, 3, settings, tz)
    expect(perDay.map((day) => day.count)).toEqual([0, 1, 0])
  })
})
