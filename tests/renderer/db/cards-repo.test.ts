import { describe, expect, it, vi } from 'vitest'
import {
  defaultSchedulerSettings,
  Queue,
  type SchedulerSettings
} from '../../../src/core/scheduling'
import {
  commitAnswer,
  logPractice,
  schedulingOf,
  undoLastAnswer,
  type AnswerLogRecord
} from '../../../src/renderer/src/db/cards-repo'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { DAY_MS, makeCard, NOW_MS, reviewState, useFreshDatabase } from './fixtures'

const settings: SchedulerSettings = { ...defaultSchedulerSettings }
let db: QuotedeckDatabase

useFreshDatabase((fresh) => (db = fresh))

function answerInput(
  cardId: string,
  expectedUpdatedAt: number,
  grade: 1 | 2 | 3 | 4 = 3,
  nowMs = NOW_MS
): Parameters<typeof commitAnswer>[1] {
  return {
    cardId,
    grade,
    nowMs,
    source: 'study',
    answerMs: 4200,
    expectedUpdatedAt,
    settings,
    tzOffsetMinutes: 0
  }
}

describe('commitAnswer', () => {
  it('writes the card and one review log with exact before/after snapshots', async () => {
    const card = makeCard('c1', { state: reviewState(NOW_MS - DAY_MS) })
    await db.cards.add(card)

    const result = await commitAnswer(db, answerInput('c1', card.updatedAt, 3))

    expect(result.ok).toBe(true)
    if (!result.ok) return
    const stored = await db.cards.get('c1')
    expect(stored).toEqual(result.value.card)
    expect(stored!.due).toBeGreaterThan(NOW_MS)
    expect(stored!.reps).toBe(card.reps + 1)
    expect(stored!.updatedAt).toBeGreaterThan(card.updatedAt)
    const logs = await db.reviewLogs.toArray()
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatchObject({
      id: result.value.logId,
      cardId: 'c1',
      articleId: 'article-a',
      grade: 3,
      source: 'study',
      reviewedAt: NOW_MS,
      answerMs: 4200
    })
    expect(logs[0].before).toEqual(schedulingOf(card))
    expect(logs[0].after).toEqual(schedulingOf(stored!))
  })

  it('a failure between the two writes of an answer leaves neither', async () => {
    const card = makeCard('c1', { state: reviewState(NOW_MS - DAY_MS) })
    await db.cards.add(card)
    // The card is written first; make the log write (the second) fail inside the transaction.
    db.reviewLogs.hook('creating', () => {
      throw new Error('disk full')
    })

    const result = await commitAnswer(db, answerInput('c1', card.updatedAt))

    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INTERNAL')
    expect(result.error.message).toContain('disk full')
    expect(await db.cards.get('c1')).toEqual(card)
    expect(await db.reviewLogs.count()).toBe(0)
  })

  it('a failure while burying siblings leaves the card, its log and the siblings untouched', async () => {
    const card = makeCard('c1', { noteId: 'n1', state: reviewState(NOW_MS - DAY_MS) })
    const sibling = makeCard('c2', { noteId: 'n1' })
    await db.cards.bulkAdd([card, sibling])
    let puts = 0
    // The answered card's put is the first update; the siblings' bulkPut comes after the log.
    db.cards.hook('updating', () => {
      puts++
      if (puts > 1) throw new Error('quota exceeded')
      return undefined
    })

    const result = await commitAnswer(db, answerInput('c1', card.updatedAt))

    expect(result.ok).toBe(false)
    expect(await db.cards.get('c1')).toEqual(card)
    expect(await db.cards.get('c2')).toEqual(sibling)
    expect(await db.reviewLogs.count()).toBe(0)
  })

  it('rejects a stale answer (card changed since shown) with CONFLICT and writes nothing', async () => {
    const card = makeCard('c1')
    await db.cards.add(card)

    const result = await commitAnswer(db, answerInput('c1', card.updatedAt - 1))

    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await db.cards.get('c1')).toEqual(card)
    expect(await db.reviewLogs.count()).toBe(0)
  })

  it('rejects a second answer given against the same shown version', async () => {
    const card = makeCard('c1')
    await db.cards.add(card)
    expect((await commitAnswer(db, answerInput('c1', card.updatedAt))).ok).toBe(true)

    const again = await commitAnswer(db, answerInput('c1', card.updatedAt))

    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await db.reviewLogs.count()).toBe(1)
  })

  it('fails with NOT_FOUND for a card that does not exist', async () => {
    const result = await commitAnswer(db, answerInput('missing', 0))
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('buries new and review siblings of the same note until the next rollover, not others', async () => {
    const card = makeCard('c1', { noteId: 'n1' })
    const newSibling = makeCard('c2', { noteId: 'n1' })
    const reviewSibling = makeCard('c3', { noteId: 'n1', state: reviewState(NOW_MS + DAY_MS) })
    const learningSibling = makeCard('c4', {
      noteId: 'n1',
      state: { queue: Queue.Learning, memoryState: 1, due: NOW_MS + 60_000 }
    })
    const stranger = makeCard('c5', { noteId: 'n2' })
    await db.cards.bulkAdd([card, newSibling, reviewSibling, learningSibling, stranger])

    const result = await commitAnswer(db, answerInput('c1', card.updatedAt))

    expect(result.ok && result.value.buriedSiblingIds.sort()).toEqual(['c2', 'c3'])
    // Rollover 04:00 UTC (offset 0); now is 12:00, so the next rollover is tomorrow 04:00.
    const nextRollover = Date.UTC(2026, 2, 11, 4, 0, 0)
    expect(await db.cards.get('c2')).toMatchObject({
      queue: Queue.Buried,
      queueBeforeBury: Queue.New,
      buriedUntil: nextRollover
    })
    expect(await db.cards.get('c3')).toMatchObject({
      queue: Queue.Buried,
      queueBeforeBury: Queue.Review,
      buriedUntil: nextRollover,
      due: NOW_MS + DAY_MS
    })
    expect(await db.cards.get('c4')).toEqual(learningSibling)
    expect(await db.cards.get('c5')).toEqual(stranger)
  })
})

describe('logPractice', () => {
  it('logs a practice answer without changing the card', async () => {
    const card = makeCard('c1', { state: reviewState(NOW_MS + DAY_MS) })
    await db.cards.add(card)

    const result = await logPractice(db, { cardId: 'c1', grade: 1, nowMs: NOW_MS, answerMs: 900 })

    expect(result.ok).toBe(true)
    expect(await db.cards.get('c1')).toEqual(card)
    const [log] = await db.reviewLogs.toArray()
    expect(log).toMatchObject({ source: 'practice', grade: 1, after: null, answerMs: 900 })
    expect(log.before).toEqual(schedulingOf(card))
  })

  const right = { id: 'speaker-right', name: 'Right Speaker' }
  const picked = { id: 'speaker-picked', name: 'Picked Speaker' }

  it('counts the confusion it is given with the practice log', async () => {
    await db.cards.add(makeCard('c1'))
    await logPractice(db, { cardId: 'c1', grade: 1, nowMs: NOW_MS, answerMs: 900 })
    const input = { cardId: 'c1', grade: 1 as const, answerMs: 900, confusion: { right, picked } }
    await logPractice(db, { ...input, nowMs: NOW_MS + 1 })
    await logPractice(db, { ...input, nowMs: NOW_MS + 2 })
    expect(await db.confusions.toArray()).toEqual([
      expect.objectContaining({
        id: 'speaker-right|speaker-picked',
        count: 2,
        lastAt: NOW_MS + 2,
        lastCardId: 'c1'
      })
    ])
    expect(await db.reviewLogs.count()).toBe(3)
  })

  it('regression: a re-drill logged its practice even when its confusion failed to be counted; now neither is stored', async () => {
    await db.cards.add(makeCard('c1'))
    const put = vi.spyOn(db.confusions, 'put').mockRejectedValueOnce(new Error('disk full'))
    try {
      const result = await logPractice(db, {
        cardId: 'c1',
        grade: 1,
        nowMs: NOW_MS,
        answerMs: 900,
        confusion: { right, picked }
      })
      expect(result.ok).toBe(false)
    } finally {
      put.mockRestore()
    }
    expect(await db.reviewLogs.count()).toBe(0)
    expect(await db.confusions.count()).toBe(0)
  })
})

describe('undoLastAnswer', () => {
  it('restores the exact previous card, due date and updatedAt included, and deletes the log', async () => {
    const card = makeCard('c1', { state: reviewState(NOW_MS - 2 * DAY_MS) })
    await db.cards.add(card)
    const answered = await commitAnswer(db, answerInput('c1', card.updatedAt, 1))
    expect(answered.ok).toBe(true)
    expect((await db.cards.get('c1'))!.due).not.toBe(card.due)

    const result = await undoLastAnswer(db)

    expect(result.ok).toBe(true)
    expect(await db.cards.get('c1')).toEqual(card)
    expect(result.ok && result.value.card).toEqual(card)
    expect(await db.reviewLogs.count()).toBe(0)
  })

  it('undoes several answers, newest first, back to the original card', async () => {
    const card = makeCard('c1')
    await db.cards.add(card)
    const first = await commitAnswer(db, answerInput('c1', card.updatedAt, 3))
    if (!first.ok) throw new Error('first answer failed')
    const afterFirst = first.value.card
    const second = await commitAnswer(
      db,
      answerInput('c1', afterFirst.updatedAt, 3, NOW_MS + 10 * 60_000)
    )
    expect(second.ok).toBe(true)

    await undoLastAnswer(db)
    expect(await db.cards.get('c1')).toEqual(afterFirst)
    await undoLastAnswer(db)
    expect(await db.cards.get('c1')).toEqual(card)
    expect(await undoLastAnswer(db)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('puts back the siblings the answer buried, exactly as they were', async () => {
    const card = makeCard('c1', { noteId: 'n1' })
    const newSibling = makeCard('c2', { noteId: 'n1' })
    const reviewSibling = makeCard('c3', { noteId: 'n1', state: reviewState(NOW_MS + DAY_MS) })
    await db.cards.bulkAdd([card, newSibling, reviewSibling])
    await commitAnswer(db, answerInput('c1', card.updatedAt))
    expect((await db.cards.get('c2'))!.queue).toBe(Queue.Buried)

    const result = await undoLastAnswer(db)

    expect(result.ok && result.value.unburiedSiblingIds.sort()).toEqual(['c2', 'c3'])
    expect(await db.cards.get('c2')).toEqual(newSibling)
    expect(await db.cards.get('c3')).toEqual(reviewSibling)
  })

  it('skips practice logs and undoes the latest scheduled answer', async () => {
    const card = makeCard('c1')
    await db.cards.add(card)
    await commitAnswer(db, answerInput('c1', card.updatedAt))
    await logPractice(db, { cardId: 'c1', grade: 2, nowMs: NOW_MS + 1000, answerMs: 500 })

    const result = await undoLastAnswer(db)

    expect(result.ok).toBe(true)
    expect(await db.cards.get('c1')).toEqual(card)
    const logs = (await db.reviewLogs.toArray()) as AnswerLogRecord[]
    expect(logs.map((log) => log.source)).toEqual(['practice'])
  })

  it('says there is nothing to undo on an empty history', async () => {
    expect(await undoLastAnswer(db)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('a wrong who-said pick in study', () => {
  const confusion = {
    right: { id: 'a1:wang-yi', name: 'Wang Yi' },
    picked: { id: 'a1:antony-blinken', name: 'Antony Blinken' }
  }
  const pairId = 'a1:wang-yi|a1:antony-blinken'

  it('is counted in the confusions with the answer, and undo takes it back exactly', async () => {
    const card = makeCard('c1', { state: reviewState(NOW_MS - 2 * DAY_MS) })
    await db.cards.add(card)
    const first = await commitAnswer(db, { ...answerInput('c1', card.updatedAt, 1), confusion })
    expect(first.ok).toBe(true)
    expect(await db.confusions.get(pairId)).toMatchObject({
      rightSpeakerId: 'a1:wang-yi',
      pickedSpeakerId: 'a1:antony-blinken',
      rightName: 'Wang Yi',
      pickedName: 'Antony Blinken',
      articleId: card.articleId,
      count: 1,
      lastAt: NOW_MS,
      lastCardId: 'c1'
    })
    const afterFirst = await db.confusions.get(pairId)
    const stored = (await db.cards.get('c1'))!
    await commitAnswer(db, {
      ...answerInput('c1', stored.updatedAt, 1, NOW_MS + 60_000),
      confusion
    })
    expect((await db.confusions.get(pairId))?.count).toBe(2)

    await undoLastAnswer(db)
    expect(await db.confusions.get(pairId)).toEqual(afterFirst)
    await undoLastAnswer(db)
    expect(await db.confusions.get(pairId)).toBeUndefined()
    expect(await db.cards.get('c1')).toEqual(card)
  })

  it('keeps a confusion counted elsewhere since, taking back only its own count', async () => {
    const card = makeCard('c1', { state: reviewState(NOW_MS - 2 * DAY_MS) })
    await db.cards.add(card)
    await commitAnswer(db, { ...answerInput('c1', card.updatedAt, 1), confusion })
    // A quiz answer counts the same pair afterwards.
    const counted = (await db.confusions.get(pairId))!
    await db.confusions.put({ ...counted, count: 2, lastAt: NOW_MS + 1000 })
    await undoLastAnswer(db)
    expect(await db.confusions.get(pairId)).toMatchObject({ count: 1, lastAt: NOW_MS + 1000 })
  })

  it('counts nothing when the answer is refused', async () => {
    const card = makeCard('c1', { state: reviewState(NOW_MS - 2 * DAY_MS) })
    await db.cards.add(card)
    const stale = await commitAnswer(db, {
      ...answerInput('c1', card.updatedAt - 1, 1),
      confusion
    })
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await db.confusions.count()).toBe(0)
  })
})
