/**
 * Quiz storage: attempts, speaker confusions, contrast cards, and the quiz → FSRS mapping. The
 * decisions (which grade, whether to schedule) are `core/quiz`'s; this module reads the rows they
 * need, asks, and writes the outcome through the cards repository so a scheduled quiz answer is
 * exactly a study answer with `source: 'quiz'`.
 */
import type { Speaker } from '../../../core/extract/types'
import { compactName, quizGradeToFsrs, shouldSchedule } from '../../../core/quiz'
import { newSchedulingState } from '../../../core/scheduling'
import { fail, ok, type AppErrorCode, type Result } from '../../../shared/result'
import { commitAnswer, logPractice } from './cards-repo'
import {
  countConfusion,
  type ConfusedSpeaker,
  type ConfusionInput,
  type StoredConfusion
} from './confusion-record'
import type { CardRecord, QuizAttemptRecord, QuotedeckDatabase } from './schema'
import { readSetting, writeSetting } from './settings-repo'
import { loadSchedulerSettings } from './study-settings-repo'

/** Settings key of "Quiz answers update your study schedule". */
export const QUIZ_FEEDS_SCHEDULER_KEY = 'quizFeedsScheduler'
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean'

/** Whether quiz answers feed the scheduler (default on). */
export function getQuizFeedsScheduler(db: QuotedeckDatabase): Promise<boolean> {
  return readSetting(db, QUIZ_FEEDS_SCHEDULER_KEY, true, isBoolean)
}

/** Turns "Quiz answers update your study schedule" on or off. */
export function setQuizFeedsScheduler(db: QuotedeckDatabase, value: boolean): Promise<void> {
  return writeSetting(db, QUIZ_FEEDS_SCHEDULER_KEY, value)
}

/** The speakers of an article's stored extraction (empty when it was never extracted). */
export async function articleSpeakers(
  db: QuotedeckDatabase,
  articleId: string
): Promise<Speaker[]> {
  const extraction = await db.extractions.get(articleId)
  return extraction?.speakers ?? []
}

// ---------------------------------------------------------------------------------------------
// Answers

/** One quiz answer to store. */
export interface QuizAnswerInput {
  quizId: string
  cardId: string
  format: QuizAttemptRecord['format']
  correct: boolean
  /** What the user answered: the picked option or the typed text. */
  response: string
  /** Epoch ms. */
  nowMs: number
  answerMs: number
  /** A re-drill of missed cards: always practice. */
  isRedrill: boolean
  /**
   * A wrong speaker named: counted as a confusion in the same transaction as the answer, so
   * the two are stored together or not at all.
   */
  confusion?: { right: ConfusedSpeaker; picked: ConfusedSpeaker }
}

/** What storing a quiz answer did. */
export interface QuizAnswerOutcome {
  /** True when the answer went to FSRS (a `quiz` review log), false when it was practice. */
  scheduled: boolean
  attemptId: number
  logId: number
  /** The card as stored afterwards. */
  card: CardRecord
}

class AbortWith extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string
  ) {
    super(message)
  }
}

/**
 * Stores a quiz answer (and the confusion it shows, if any), in one transaction: when "Quiz
 * answers update your study schedule" is on and the card is new or due (and this is not a
 * re-drill), the answer is committed to FSRS as Again (wrong) or Good (right) with source `quiz`;
 * otherwise it is logged as practice and the card's schedule is untouched. The quiz attempt
 * records which of the two happened.
 */
export async function recordQuizAnswer(
  db: QuotedeckDatabase,
  input: QuizAnswerInput
): Promise<Result<QuizAnswerOutcome>> {
  const grade = quizGradeToFsrs(input.correct)
  try {
    const outcome = await db.transaction(
      'rw',
      [db.cards, db.reviewLogs, db.reviewSlots, db.quizAttempts, db.settings, db.confusions],
      async () => {
        const card = await db.cards.get(input.cardId)
        if (!card) throw new AbortWith('NOT_FOUND', 'This card no longer exists.')
        const [feeds, settings] = await Promise.all([
          getQuizFeedsScheduler(db),
          loadSchedulerSettings(db)
        ])
        const scheduled = shouldSchedule({
          card,
          nowMs: input.nowMs,
          quizFeedsScheduler: feeds,
          isRedrill: input.isRedrill
        })
        let logId: number
        let stored: CardRecord = card
        if (scheduled) {
          const committed = await commitAnswer(db, {
            cardId: card.id,
            grade,
            nowMs: input.nowMs,
            source: 'quiz',
            answerMs: input.answerMs,
            expectedUpdatedAt: card.updatedAt,
            settings
          })
          if (!committed.ok) throw new AbortWith(committed.error.code, committed.error.message)
          logId = committed.value.logId
          stored = committed.value.card
        } else {
          const practised = await logPractice(db, {
            cardId: card.id,
            grade,
            nowMs: input.nowMs,
            answerMs: input.answerMs
          })
          if (!practised.ok) throw new AbortWith(practised.error.code, practised.error.message)
          logId = practised.value.logId
        }
        const attemptId = (await db.quizAttempts.add({
          quizId: input.quizId,
          cardId: card.id,
          articleId: card.articleId,
          format: input.format,
          correct: input.correct,
          response: input.response,
          answeredAt: input.nowMs,
          answerMs: Math.max(0, Math.round(input.answerMs)),
          scheduled: scheduled ? 1 : 0
        })) as number
        if (input.confusion && !input.correct) {
          await countConfusion(db, {
            ...input.confusion,
            articleId: card.articleId,
            cardId: card.id,
            nowMs: input.nowMs
          })
        }
        return { scheduled, attemptId, logId, card: stored }
      }
    )
    return ok(outcome)
  } catch (error) {
    if (error instanceof AbortWith) return fail(error.code, error.message)
    const detail = error instanceof Error ? error.message : String(error)
    return fail('INTERNAL', `Could not save your quiz answer: ${detail}`)
  }
}

/** The attempts of one quiz, in answer order. */
export async function listQuizAttempts(
  db: QuotedeckDatabase,
  quizId: string
): Promise<QuizAttemptRecord[]> {
  const attempts = await db.quizAttempts.where('quizId').equals(quizId).toArray()
  return attempts.sort((a, b) => a.answeredAt - b.answeredAt || (a.id ?? 0) - (b.id ?? 0))
}

// ---------------------------------------------------------------------------------------------
// Confusions

export { confusionId, type ConfusedSpeaker, type StoredConfusion } from './confusion-record'

/**
 * The id for a picked option: the article speaker of that name when there is one, else a slug of
 * the name (distractors can come from other articles).
 */
export function speakerIdForName(name: string, speakers: readonly Speaker[]): string {
  const wanted = compactName(name)
  const found = speakers.find((speaker) => compactName(speaker.name) === wanted)
  if (found) return found.id
  return (
    name
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'unknown'
  )
}

/** Counts one more time the user picked `picked` when `right` was the answer. */
export async function recordConfusion(
  db: QuotedeckDatabase,
  input: ConfusionInput
): Promise<StoredConfusion> {
  return db.transaction('rw', db.confusions, async () => (await countConfusion(db, input)).record)
}

/** The most confused pairs, most often first (then most recent). */
export async function topConfusions(db: QuotedeckDatabase, limit = 10): Promise<StoredConfusion[]> {
  const records = (await db.confusions.orderBy('count').reverse().toArray()) as StoredConfusion[]
  return records
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt || a.id.localeCompare(b.id))
    .slice(0, limit)
}

/** Every speaker id that takes part in a confusion (for the "speakers I mix up" scope). */
export async function confusedSpeakerIds(db: QuotedeckDatabase): Promise<string[]> {
  const ids = new Set<string>()
  await db.confusions.each((record) => {
    ids.add(record.rightSpeakerId)
    ids.add(record.pickedSpeakerId)
  })
  return [...ids].sort()
}

/**
 * Deletes the confusions of an article's speakers (those recorded on its quizzes), for when the
 * article is removed; its quiz attempts stay, as history, like review logs. Returns what it
 * deleted so an Undo can put it back with `restoreConfusions`. Joins the caller's transaction
 * when that one includes `db.confusions`.
 */
export async function deleteConfusionsForArticle(
  db: QuotedeckDatabase,
  articleId: string
): Promise<StoredConfusion[]> {
  return db.transaction('rw', db.confusions, async () => {
    const removed = (await db.confusions
      .filter((record) => record.articleId === articleId)
      .toArray()) as StoredConfusion[]
    await db.confusions.bulkDelete(removed.map((record) => record.id))
    return removed
  })
}

/** Puts back confusions `deleteConfusionsForArticle` deleted (Undo of a removal). */
export async function restoreConfusions(
  db: QuotedeckDatabase,
  confusions: readonly StoredConfusion[]
): Promise<void> {
  if (confusions.length === 0) return
  await db.confusions.bulkPut([...confusions])
}

/** The id of the contrast card for a quote's note and a confused pair: stable, so never doubled. */
export function contrastCardId(
  noteId: string,
  rightSpeakerId: string,
  pickedSpeakerId: string
): string {
  return `${noteId}:contrast:${rightSpeakerId}|${pickedSpeakerId}`
}

/**
 * Creates the contrast card "Who said this — A or B?" for a confusion, from the quote it last
 * happened on (or, failing that, another who-said card of the right speaker in that article). The
 * card is a sibling of the quote's other cards, starts new, and is returned as-is when it already
 * exists.
 */
export async function createContrastCard(
  db: QuotedeckDatabase,
  confusionKey: string,
  nowMs: number
): Promise<Result<{ card: CardRecord; created: boolean }>> {
  try {
    return await db.transaction('rw', db.cards, db.confusions, async () => {
      const confusion = (await db.confusions.get(confusionKey)) as StoredConfusion | undefined
      if (!confusion) return fail('NOT_FOUND', 'This confusion is no longer recorded.')
      let source = confusion.lastCardId ? await db.cards.get(confusion.lastCardId) : undefined
      if (!source || source.template !== 'who-said') {
        const candidates = await db.cards.where('articleId').equals(confusion.articleId).toArray()
        source = candidates
          .filter(
            (card) =>
              card.template === 'who-said' && card.answerSpeakerId === confusion.rightSpeakerId
          )
          .sort((a, b) => b.lapses - a.lapses || a.id.localeCompare(b.id))[0]
      }
      if (!source) {
        return fail(
          'NOT_FOUND',
          `No quote by ${confusion.rightName} is left to make a contrast card from.`
        )
      }
      const id = contrastCardId(source.noteId, confusion.rightSpeakerId, confusion.pickedSpeakerId)
      const existing = await db.cards.get(id)
      if (existing) return ok({ card: existing, created: false })
      const options = [confusion.rightName, confusion.pickedName].sort((a, b) => a.localeCompare(b))
      const card: CardRecord = {
        id,
        noteId: source.noteId,
        articleId: source.articleId,
        template: 'contrast',
        prompt: source.prompt,
        answer: confusion.rightName,
        hint: null,
        context: `Who said this — ${options[0]} or ${options[1]}?`,
        options,
        answerSpeakerId: confusion.rightSpeakerId,
        anchor: source.anchor,
        tags: [...source.tags.filter((tag) => tag !== 'who-said'), 'contrast'],
        ...newSchedulingState(nowMs),
        createdAt: nowMs,
        updatedAt: nowMs
      }
      await db.cards.add(card)
      return ok({ card, created: true })
    })
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return fail('INTERNAL', `Could not create the contrast card: ${detail}`)
  }
}
