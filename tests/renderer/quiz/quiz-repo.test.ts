import { describe, expect, it, vi } from 'vitest'
import { Queue } from '../../../src/core/scheduling'
import {
  confusedSpeakerIds,
  createContrastCard,
  deleteConfusionsForArticle,
  recordConfusion,
  recordQuizAnswer,
  restoreConfusions,
  setQuizFeedsScheduler,
  speakerIdForName,
  topConfusions,
  type QuizAnswerInput
} from '../../../src/renderer/src/db/quiz-repo'
import { schedulingOf } from '../../../src/renderer/src/db/cards-repo'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import {
  DAY_MS,
  freshDatabase,
  HOUR_MS,
  NOW_MS,
  reviewState,
  SPEAKERS,
  whoSaidCard
} from './fixtures'
import { useFreshDatabase } from '../db/fixtures'

let db: QuotedeckDatabase

useFreshDatabase((fresh) => (db = fresh), freshDatabase)

function answer(
  cardId: string,
  correct: boolean,
  extra: Partial<QuizAnswerInput> = {}
): QuizAnswerInput {
  return {
    quizId: 'quiz-1',
    cardId,
    format: 'choice',
    correct,
    response: correct ? 'Antony Blinken' : 'Wang Yi',
    nowMs: NOW_MS,
    answerMs: 2500,
    isRedrill: false,
    ...extra
  }
}

describe('recordQuizAnswer (the quiz → FSRS mapping)', () => {
  it('commits a right answer on a new card as Good with source quiz', async () => {
    await db.cards.add(whoSaidCard('new', 0))
    const result = await recordQuizAnswer(db, answer('new', true))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.scheduled).toBe(true)
    const logs = await db.reviewLogs.toArray()
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatchObject({ cardId: 'new', grade: 3, source: 'quiz' })
    const card = await db.cards.get('new')
    expect(card!.queue).not.toBe(Queue.New)
    expect(card!.reps).toBe(1)
    const attempts = await db.quizAttempts.toArray()
    expect(attempts).toEqual([
      expect.objectContaining({ cardId: 'new', correct: true, scheduled: 1, quizId: 'quiz-1' })
    ])
  })

  it('commits a wrong answer on a due card as Again (a lapse)', async () => {
    await db.cards.add(whoSaidCard('due', 0, { state: reviewState(NOW_MS - HOUR_MS) }))
    const result = await recordQuizAnswer(db, answer('due', false))
    expect(result.ok && result.value.scheduled).toBe(true)
    const [log] = await db.reviewLogs.toArray()
    expect(log).toMatchObject({ grade: 1, source: 'quiz' })
    expect((await db.cards.get('due'))!.lapses).toBe(1)
  })

  it('logs practice and leaves the schedule alone for a card not yet due', async () => {
    const card = whoSaidCard('later', 0, { state: reviewState(NOW_MS + 3 * DAY_MS) })
    await db.cards.add(card)
    const result = await recordQuizAnswer(db, answer('later', false))
    expect(result.ok && result.value.scheduled).toBe(false)
    const [log] = await db.reviewLogs.toArray()
    expect(log).toMatchObject({ grade: 1, source: 'practice', after: null })
    const stored = await db.cards.get('later')
    expect(schedulingOf(stored!)).toEqual(schedulingOf(card))
    expect((await db.quizAttempts.toArray())[0].scheduled).toBe(0)
  })

  it('logs only practice when the setting is off, even for new cards', async () => {
    const card = whoSaidCard('new', 0)
    await db.cards.add(card)
    await setQuizFeedsScheduler(db, false)
    const result = await recordQuizAnswer(db, answer('new', true))
    expect(result.ok && result.value.scheduled).toBe(false)
    expect((await db.reviewLogs.toArray()).map((log) => log.source)).toEqual(['practice'])
    expect(schedulingOf((await db.cards.get('new'))!)).toEqual(schedulingOf(card))
  })

  it('keeps re-drills out of FSRS', async () => {
    const card = whoSaidCard('due', 0, { state: reviewState(NOW_MS - HOUR_MS) })
    await db.cards.add(card)
    await recordQuizAnswer(db, answer('due', false, { isRedrill: true }))
    await recordQuizAnswer(db, answer('due', true, { isRedrill: true, nowMs: NOW_MS + 1000 }))
    const logs = await db.reviewLogs.toArray()
    expect(logs.map((log) => [log.source, log.grade])).toEqual([
      ['practice', 1],
      ['practice', 3]
    ])
    expect(schedulingOf((await db.cards.get('due'))!)).toEqual(schedulingOf(card))
  })

  it('refuses an unknown card and writes nothing', async () => {
    const result = await recordQuizAnswer(db, answer('ghost', true))
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await db.quizAttempts.count()).toBe(0)
    expect(await db.reviewLogs.count()).toBe(0)
  })
})

describe('confusions', () => {
  const blinken = { id: 'antony-blinken', name: 'Antony Blinken' }
  const wang = { id: 'wang-yi', name: 'Wang Yi' }
  const xi = { id: 'xi-jinping', name: 'Xi Jinping' }

  it('counts each (right, picked) pair and lists the most confused first', async () => {
    const base = { articleId: 'article-a', cardId: 'c1' }
    await recordConfusion(db, { ...base, right: blinken, picked: wang, nowMs: NOW_MS })
    await recordConfusion(db, { ...base, right: blinken, picked: xi, nowMs: NOW_MS + 1 })
    await recordConfusion(db, { ...base, right: blinken, picked: wang, nowMs: NOW_MS + 2 })
    await recordConfusion(db, { ...base, right: wang, picked: blinken, nowMs: NOW_MS + 3 })
    const top = await topConfusions(db, 2)
    expect(top.map((c) => [c.id, c.count])).toEqual([
      ['antony-blinken|wang-yi', 2],
      ['wang-yi|antony-blinken', 1]
    ])
    expect(await confusedSpeakerIds(db)).toEqual(['antony-blinken', 'wang-yi', 'xi-jinping'])
  })

  it('a wrong answer naming another speaker counts the confusion with the answer', async () => {
    await db.cards.add(whoSaidCard('new', 0))
    const result = await recordQuizAnswer(
      db,
      answer('new', false, { confusion: { right: blinken, picked: wang } })
    )
    expect(result.ok).toBe(true)
    const [stored] = await topConfusions(db, 5)
    expect(stored).toMatchObject({
      id: 'antony-blinken|wang-yi',
      count: 1,
      lastCardId: 'new',
      lastAt: NOW_MS
    })
    // A right answer counts none, even when handed one.
    await recordQuizAnswer(db, answer('new', true, { confusion: { right: blinken, picked: xi } }))
    expect((await topConfusions(db, 5)).map((c) => c.id)).toEqual(['antony-blinken|wang-yi'])
  })

  it('regression: an answer was stored even when its confusion failed to be; now neither is', async () => {
    await db.cards.add(whoSaidCard('new', 0))
    const before = await db.cards.get('new')
    const put = vi.spyOn(db.confusions, 'put').mockRejectedValueOnce(new Error('disk full'))
    try {
      const result = await recordQuizAnswer(
        db,
        answer('new', false, { confusion: { right: blinken, picked: wang } })
      )
      expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    } finally {
      put.mockRestore()
    }
    expect(await db.quizAttempts.count()).toBe(0)
    expect(await db.reviewLogs.count()).toBe(0)
    expect(await db.confusions.count()).toBe(0)
    expect(await db.cards.get('new')).toEqual(before)
  })

  it('deletes the confusions of a removed article, keeps its attempts, and restores on Undo', async () => {
    await recordConfusion(db, {
      articleId: 'article-a',
      cardId: 'c1',
      right: blinken,
      picked: wang,
      nowMs: NOW_MS
    })
    await recordConfusion(db, {
      articleId: 'article-b',
      cardId: 'c2',
      right: xi,
      picked: blinken,
      nowMs: NOW_MS + 1
    })
    await db.cards.add(whoSaidCard('c1', 0))
    await recordQuizAnswer(db, answer('c1', false))
    const removed = await deleteConfusionsForArticle(db, 'article-a')
    expect(removed.map((c) => c.id)).toEqual(['antony-blinken|wang-yi'])
    expect((await topConfusions(db)).map((c) => c.id)).toEqual(['xi-jinping|antony-blinken'])
    expect(await db.quizAttempts.count()).toBe(1)
    await restoreConfusions(db, removed)
    expect((await topConfusions(db)).map((c) => c.id).sort()).toEqual([
      'antony-blinken|wang-yi',
      'xi-jinping|antony-blinken'
    ])
  })

  it('maps a picked name to the article speaker, or a slug for outsiders', () => {
    expect(speakerIdForName('wang yi', SPEAKERS)).toBe('wang-yi')
    expect(speakerIdForName('Nancy Pelosi', SPEAKERS)).toBe('nancy-pelosi')
  })

  it('creates one stable two-option contrast card from the confused quote', async () => {
    await db.cards.add(whoSaidCard('c1', 0))
    await recordConfusion(db, {
      right: blinken,
      picked: wang,
      articleId: 'article-a',
      cardId: 'c1',
      nowMs: NOW_MS
    })
    const first = await createContrastCard(db, 'antony-blinken|wang-yi', NOW_MS + DAY_MS)
    expect(first.ok).toBe(true)
    if (!first.ok) return
    expect(first.value.created).toBe(true)
    const card = first.value.card
    expect(card).toMatchObject({
      id: 'article-a:quote:c1:contrast:antony-blinken|wang-yi',
      noteId: 'article-a:quote:c1',
      template: 'contrast',
      answer: 'Antony Blinken',
      answerSpeakerId: 'antony-blinken',
      options: ['Antony Blinken', 'Wang Yi'],
      context: 'Who said this — Antony Blinken or Wang Yi?',
      queue: Queue.New,
      reps: 0,
      createdAt: NOW_MS + DAY_MS
    })
    expect(card.prompt).toBe(whoSaidCard('c1', 0).prompt)
    const again = await createContrastCard(db, 'antony-blinken|wang-yi', NOW_MS + 2 * DAY_MS)
    expect(again.ok && again.value.created).toBe(false)
    expect(await db.cards.count()).toBe(2)
  })

  it('falls back to another quote of the right speaker and explains when there is none', async () => {
    await recordConfusion(db, {
      right: xi,
      picked: wang,
      articleId: 'article-a',
      cardId: 'gone',
      nowMs: NOW_MS
    })
    const none = await createContrastCard(db, 'xi-jinping|wang-yi', NOW_MS)
    expect(none).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    if (!none.ok) expect(none.error.message).toContain('Xi Jinping')
    await db.cards.add(whoSaidCard('x1', 2))
    const made = await createContrastCard(db, 'xi-jinping|wang-yi', NOW_MS)
    expect(made.ok && made.value.card.noteId).toBe('article-a:quote:x1')
  })
})
