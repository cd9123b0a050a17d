import { describe, expect, it } from 'vitest'
import { MemoryState, Queue } from '../../../src/core/scheduling'
import { applyLogsToSlots } from '../../../src/renderer/src/db/review-slots-repo'
import {
  countScheduledReviews,
  loadWorkloadCards
} from '../../../src/renderer/src/db/optimiser-repo'
import { RETRIEVABILITY_SAMPLE } from '../../../src/renderer/src/db/stats-repo'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { DAY_MS, makeCard, NOW_MS, reviewState, useFreshDatabase } from './fixtures'

let db: QuotedeckDatabase
useFreshDatabase((fresh) => (db = fresh))

function studiedCard(id: number, suspended: boolean): ReturnType<typeof makeCard> {
  const card = makeCard(`s${id}`, { state: reviewState(NOW_MS + (id % 30) * DAY_MS) })
  return {
    ...card,
    stability: 1 + (id % 200),
    queue: suspended ? Queue.Suspended : card.queue
  }
}

describe('what the workload estimate reads', () => {
  it('counts scheduled reviews from the review aggregate, practice left out', async () => {
    const before = makeCard('c1', { state: reviewState(NOW_MS) })
    const log = (source: 'study' | 'quiz' | 'practice', atMs: number): never =>
      ({
        cardId: 'c1',
        articleId: 'article-a',
        grade: 3,
        source,
        reviewedAt: atMs,
        answerMs: 2000,
        before,
        after: source === 'practice' ? null : before
      }) as never
    const logs = [
      log('study', NOW_MS),
      log('quiz', NOW_MS + 60_000),
      log('practice', NOW_MS + 120_000),
      log('study', NOW_MS + DAY_MS)
    ]
    await db.transaction('rw', db.reviewLogs, db.reviewSlots, async () => {
      await db.reviewLogs.bulkAdd(logs)
      await applyLogsToSlots(db, logs, 1)
    })
    expect(await countScheduledReviews(db)).toBe(3)
  })

  it('samples studied cards, leaves suspended ones out and says how many they stand for', async () => {
    const count = RETRIEVABILITY_SAMPLE * 3
    const cards = Array.from({ length: count }, (_, id) => studiedCard(id, id % 4 === 0))
    const fresh = Array.from({ length: 25 }, (_, id) => makeCard(`n${id}`))
    await db.cards.bulkAdd([...cards, ...fresh])
    const workload = await loadWorkloadCards(db)
    expect(workload.newCount).toBe(25)
    expect(workload.studied.length).toBeLessThanOrEqual(RETRIEVABILITY_SAMPLE + 30)
    expect(workload.studied.every((state) => state.queue !== Queue.Suspended)).toBe(true)
    expect(workload.studied.every((state) => state.memoryState !== MemoryState.New)).toBe(true)
    const unsuspended = cards.filter((card) => card.queue !== Queue.Suspended).length
    expect(Math.abs(workload.studiedTotal - unsuspended) / unsuspended).toBeLessThan(0.05)
  })

  it('a small collection is read whole', async () => {
    await db.cards.bulkAdd([studiedCard(1, false), studiedCard(2, true), makeCard('n1')])
    const workload = await loadWorkloadCards(db)
    expect(workload).toMatchObject({ studiedTotal: 1, newCount: 1 })
    expect(workload.studied).toHaveLength(1)
  })
})
