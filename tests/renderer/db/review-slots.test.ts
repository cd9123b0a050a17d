import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { defaultSchedulerSettings, type ReviewLogEntry } from '../../../src/core/scheduling'
import { slotsFromLogs } from '../../../src/core/stats/slots'
import {
  commitAnswer,
  logPractice,
  schedulingOf,
  undoLastAnswer
} from '../../../src/renderer/src/db/cards-repo'
import { applyBulkAction, undoBulkAction } from '../../../src/renderer/src/db/browser-repo'
import { rebuildReviewSlots } from '../../../src/renderer/src/db/review-slots-repo'
import { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import {
  DAY_MS,
  makeCard,
  NOW_MS,
  reviewState,
  shippedDatabase,
  useFreshDatabase
} from './fixtures'

let db: QuotedeckDatabase
useFreshDatabase((fresh) => (db = fresh))

async function answer(cardId: string, grade: 1 | 2 | 3 | 4, nowMs: number): Promise<void> {
  const card = (await db.cards.get(cardId))!
  const result = await commitAnswer(db, {
    cardId,
    grade,
    nowMs,
    source: 'study',
    answerMs: 3000,
    expectedUpdatedAt: card.updatedAt,
    settings: defaultSchedulerSettings,
    tzOffsetMinutes: 'UTC'
  })
  expect(result.ok).toBe(true)
}

/** The aggregate must always equal what the logs add up to. */
async function expectInStep(): Promise<void> {
  const logs = await db.reviewLogs.toArray()
  expect(await db.reviewSlots.toArray()).toEqual(slotsFromLogs(logs))
}

describe('review aggregate', () => {
  it('is kept in step by answers, practice, undo, deletion and its undo', async () => {
    await db.cards.bulkAdd([
      makeCard('n0'),
      makeCard('r0', { state: reviewState(NOW_MS - DAY_MS) }),
      makeCard('r1', { state: { ...reviewState(NOW_MS - DAY_MS), scheduledDays: 40 } })
    ])
    await answer('n0', 3, NOW_MS)
    await answer('r0', 1, NOW_MS + 60_000)
    await answer('r1', 3, NOW_MS + 20 * 60_000)
    const practised = await logPractice(db, {
      cardId: 'r0',
      grade: 3,
      nowMs: NOW_MS + 1000,
      answerMs: 1500
    })
    expect(practised.ok).toBe(true)
    await expectInStep()
    const slots = await db.reviewSlots.toArray()
    expect(slots).toHaveLength(2)
    expect(slots[0]).toMatchObject({
      learn: 1,
      introduced: 1,
      review: 1,
      practice: 1,
      youngGrades: [1, 0, 0, 0]
    })
    expect(slots[1]).toMatchObject({ review: 1, matureGrades: [0, 0, 1, 0] })

    expect((await undoLastAnswer(db)).ok).toBe(true)
    await expectInStep()
    expect(await db.reviewSlots.count()).toBe(1)

    const deleted = await applyBulkAction(db, ['r0'], { kind: 'delete' }, NOW_MS + 2 * 60_000)
    await expectInStep()
    expect((await db.reviewSlots.toArray())[0]).toMatchObject({ learn: 1, review: 0, practice: 0 })
    await undoBulkAction(db, deleted.undo)
    await expectInStep()
  })

  it('is rebuilt from the logs by the version 4 upgrade and by rebuildReviewSlots', async () => {
    const name = `slots-upgrade-${crypto.randomUUID()}`
    const v2 = shippedDatabase(name, 2)
    const card = makeCard('r0', { state: reviewState(NOW_MS) })
    const logs: ReviewLogEntry[] = Array.from({ length: 25_000 }, (_, index) => ({
      cardId: 'r0',
      articleId: 'article-a',
      grade: ((index % 4) + 1) as ReviewLogEntry['grade'],
      source: index % 7 === 0 ? 'practice' : 'study',
      reviewedAt: NOW_MS - 100 * DAY_MS + index * 97_000,
      answerMs: 1000 + (index % 900),
      before: schedulingOf(card),
      after: null
    }))
    await v2.open()
    await v2.table('cards').add(card)
    await v2.table('reviewLogs').bulkAdd(logs)
    v2.close()
    const upgraded = new QuotedeckDatabase(name)
    try {
      await upgraded.open()
      const expected = slotsFromLogs(logs)
      expect(await upgraded.reviewSlots.toArray()).toEqual(expected)
      expect(await upgraded.cards.where('stability').above(0).count()).toBe(1)
      await upgraded.reviewSlots.clear()
      expect(await rebuildReviewSlots(upgraded)).toBe(expected.length)
      expect(await upgraded.reviewSlots.toArray()).toEqual(expected)
    } finally {
      upgraded.close()
      await Dexie.delete(name)
    }
  }, 60_000)
})
