import { beforeEach, describe, expect, it } from 'vitest'
import { Queue, type ReviewLogEntry } from '../../../src/core/scheduling'
import { schedulingOf } from '../../../src/renderer/src/db/cards-repo'
import {
  listMissedCards,
  suspendCard,
  unsuspendCard
} from '../../../src/renderer/src/db/missed-repo'
import type { QuotedeckDatabase, QuizAttemptRecord } from '../../../src/renderer/src/db/schema'
import { DAY_MS, freshDatabase, HOUR_MS, NOW_MS, reviewState, whoSaidCard } from './fixtures'
import { useFreshDatabase } from '../db/fixtures'

let db: QuotedeckDatabase

useFreshDatabase((fresh) => (db = fresh), freshDatabase)

async function log(
  cardId: string,
  grade: 1 | 2 | 3 | 4,
  source: ReviewLogEntry['source'],
  reviewedAt: number
): Promise<void> {
  const card = (await db.cards.get(cardId))!
  await db.reviewLogs.add({
    cardId,
    articleId: card.articleId,
    grade,
    source,
    reviewedAt,
    answerMs: 1000,
    before: schedulingOf(card),
    after: source === 'practice' ? null : schedulingOf(card)
  })
}

async function attempt(
  cardId: string,
  correct: boolean,
  answeredAt: number,
  scheduled: 0 | 1 = 0
): Promise<void> {
  const record: QuizAttemptRecord = {
    quizId: 'q',
    cardId,
    articleId: 'article-a',
    format: 'choice',
    correct,
    response: 'x',
    answeredAt,
    answerMs: 1000,
    scheduled
  }
  await db.quizAttempts.add(record)
}

const query = { sinceMs: null, leechThreshold: 8 }

describe('listMissedCards', () => {
  beforeEach(async () => {
    await db.cards.bulkAdd([
      whoSaidCard('study-again', 0, { state: reviewState(NOW_MS, 2) }),
      whoSaidCard('quiz-wrong', 1, { state: reviewState(NOW_MS, 0) }),
      whoSaidCard('leech', 2, { state: reviewState(NOW_MS, 9) }),
      whoSaidCard('old', 0, { state: reviewState(NOW_MS, 1), articleId: 'article-b' }),
      whoSaidCard('never-missed', 0),
      whoSaidCard('practice-only', 1),
      whoSaidCard('cloze', 0, { template: 'cloze-quote', state: reviewState(NOW_MS, 3) })
    ])
    await log('study-again', 1, 'study', NOW_MS - HOUR_MS)
    await log('study-again', 1, 'study', NOW_MS - 2 * HOUR_MS)
    await attempt('quiz-wrong', false, NOW_MS - 3 * HOUR_MS)
    await attempt('quiz-wrong', true, NOW_MS - 2 * HOUR_MS)
    await log('leech', 1, 'quiz', NOW_MS - 3 * DAY_MS)
    await attempt('leech', false, NOW_MS - 3 * DAY_MS, 1)
    await log('old', 1, 'study', NOW_MS - 30 * DAY_MS)
    await log('never-missed', 3, 'study', NOW_MS - HOUR_MS)
    await log('practice-only', 1, 'practice', NOW_MS - HOUR_MS)
    await log('cloze', 1, 'study', NOW_MS - HOUR_MS)
  })

  it('lists every miss of all time, most lapses first, with the leech flagged', async () => {
    const missed = await listMissedCards(db, query)
    expect(missed.map((entry) => entry.card.id)).toEqual([
      'leech',
      'cloze',
      'study-again',
      'old',
      'quiz-wrong'
    ])
    expect(missed.map((entry) => entry.leech)).toEqual([true, false, false, false, false])
  })

  it('counts a scheduled quiz miss once and keeps practice out', async () => {
    const missed = await listMissedCards(db, query)
    const byId = new Map(missed.map((entry) => [entry.card.id, entry]))
    expect(byId.get('leech')).toMatchObject({ missCount: 1, sources: ['quiz'] })
    expect(byId.get('study-again')).toMatchObject({ missCount: 2, sources: ['study'] })
    expect(byId.has('practice-only')).toBe(false)
    expect(byId.has('never-missed')).toBe(false)
  })

  it('filters by period, article and card type', async () => {
    const today = await listMissedCards(db, { ...query, sinceMs: NOW_MS - 6 * HOUR_MS })
    expect(today.map((e) => e.card.id).sort()).toEqual(['cloze', 'quiz-wrong', 'study-again'])
    const week = await listMissedCards(db, { ...query, sinceMs: NOW_MS - 7 * DAY_MS })
    expect(week.map((e) => e.card.id)).not.toContain('old')
    expect(week).toHaveLength(4)
    const articleB = await listMissedCards(db, { ...query, articleId: 'article-b' })
    expect(articleB.map((e) => e.card.id)).toEqual(['old'])
    const cloze = await listMissedCards(db, { ...query, template: 'cloze-quote' })
    expect(cloze.map((e) => e.card.id)).toEqual(['cloze'])
  })

  it('honours the leech threshold from the settings', async () => {
    const missed = await listMissedCards(db, { ...query, leechThreshold: 2 })
    expect(missed.filter((e) => e.leech).map((e) => e.card.id)).toEqual([
      'leech',
      'cloze',
      'study-again'
    ])
  })

  it('notes a right answer given after the latest miss', async () => {
    await log('study-again', 3, 'practice', NOW_MS - HOUR_MS / 2)
    const missed = await listMissedCards(db, query)
    const byId = new Map(missed.map((entry) => [entry.card.id, entry]))
    expect(byId.get('study-again')!.rightSinceAt).toBe(NOW_MS - HOUR_MS / 2)
    expect(byId.get('cloze')!.rightSinceAt).toBeNull()
  })

  it('skips misses of cards that were deleted', async () => {
    await db.cards.delete('old')
    const missed = await listMissedCards(db, query)
    expect(missed.map((e) => e.card.id)).not.toContain('old')
  })
})

describe('suspend', () => {
  it('suspends a card, remembering its queue, and puts it back', async () => {
    await db.cards.add(whoSaidCard('c', 0, { state: reviewState(NOW_MS) }))
    const suspended = await suspendCard(db, 'c', NOW_MS)
    expect(suspended.ok && suspended.value).toMatchObject({
      queue: Queue.Suspended,
      queueBeforeBury: Queue.Review
    })
    const back = await unsuspendCard(db, 'c', NOW_MS + 1)
    expect(back.ok && back.value).toMatchObject({ queue: Queue.Review, queueBeforeBury: null })
  })

  it('keeps the home queue of a buried card', async () => {
    await db.cards.add(
      whoSaidCard('b', 0, {
        state: { queue: Queue.Buried, queueBeforeBury: Queue.New, buriedUntil: NOW_MS + DAY_MS }
      })
    )
    const suspended = await suspendCard(db, 'b', NOW_MS)
    expect(suspended.ok && suspended.value).toMatchObject({
      queue: Queue.Suspended,
      queueBeforeBury: Queue.New,
      buriedUntil: null
    })
  })

  it('says so when the card is gone', async () => {
    expect(await suspendCard(db, 'nope', NOW_MS)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
  })
})
