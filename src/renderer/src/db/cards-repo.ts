/**
 * Cards, notes and review logs: the study loop's storage. Every multi-write operation runs in one
 * `rw` transaction, and all scheduling maths happens in `core/scheduling` (pure); this module only
 * gathers rows, calls it and writes the result.
 */
import Dexie from 'dexie'
import type { Article } from '../../../core/article/types'
import type { Extraction } from '../../../core/extract/types'
import type { CardContent } from '../../../core/cards/types'
import { generateCards, type GeneratedCards } from '../../../core/cards'
import {
  applyAnswer,
  buryUntil,
  newSchedulingState,
  queueForMemoryState,
  selectStudyQueue,
  snapshot,
  studyDayStart,
  localTimeZone,
  studyDayEnd,
  type TimeZoneSpec,
  Queue,
  type Grade,
  type QueueCandidate,
  type QueueValue,
  type ReviewLogEntry,
  type SchedulerSettings,
  type SchedulingState
} from '../../../core/scheduling'
import { fail, ok, type AppErrorCode, type Result } from '../../../shared/result'
import { notifyArticleCardsChanged } from './card-changes'
import { countConfusion, type ConfusedSpeaker, type StoredConfusion } from './confusion-record'
import { applyLogsToSlots } from './review-slots-repo'
import { dueTalliesInBins } from './tallies-repo'
import type { CardRecord, QuotedeckDatabase } from './schema'
import { storageErrorMessage } from './storage'

const DAY_MS = 24 * 60 * 60 * 1000
/** The longest a burial can last: a study day of 25 hours (a daylight-saving change) and an hour. */
const MAX_BURIAL_MS = 26 * 60 * 60 * 1000

/** The scheduling fields of a card, in a fixed order (checked exhaustive by the type below). */
const SCHEDULING_KEYS = [
  'due',
  'stability',
  'difficulty',
  'elapsedDays',
  'scheduledDays',
  'learningSteps',
  'reps',
  'lapses',
  'memoryState',
  'lastReviewedAt',
  'queue',
  'queueBeforeBury',
  'buriedUntil'
] as const
type MissingSchedulingKey = Exclude<keyof SchedulingState, (typeof SCHEDULING_KEYS)[number]>
const schedulingKeysComplete: MissingSchedulingKey extends never ? true : false = true

/** The content fields of a card: what generation owns and a re-sync may change. */
const CONTENT_KEYS = [
  'id',
  'noteId',
  'articleId',
  'template',
  'prompt',
  'answer',
  'hint',
  'context',
  'options',
  'answerSpeakerId',
  'anchor',
  'tags'
] as const
type MissingContentKey = Exclude<keyof CardContent, (typeof CONTENT_KEYS)[number]>
const contentKeysComplete: MissingContentKey extends never ? true : false = true
void schedulingKeysComplete
void contentKeysComplete

/** The exact scheduling state of a stored card (a copy, safe to keep). */
export function schedulingOf(card: SchedulingState): SchedulingState {
  const state = {} as Record<string, unknown>
  for (const key of SCHEDULING_KEYS) state[key] = card[key]
  return snapshot(state as unknown as SchedulingState)
}

function contentOf(card: CardContent): CardContent {
  const content = {} as Record<string, unknown>
  for (const key of CONTENT_KEYS) content[key] = card[key]
  return content as unknown as CardContent
}

function sameContent(a: CardContent, b: CardContent): boolean {
  return JSON.stringify(contentOf(a)) === JSON.stringify(contentOf(b))
}

/** A sibling's fields as they were before an answer buried it, so undo can put them back exactly. */
export interface BuriedSiblingSnapshot {
  id: string
  queue: QueueValue
  queueBeforeBury: QueueValue | null
  buriedUntil: number | null
  updatedAt: number
}

/**
 * A review log as this module writes it: the shared entry plus what undo needs beyond `before`
 * (the card's previous `updatedAt` and the siblings the answer buried).
 */
export interface AnswerLogRecord extends ReviewLogEntry {
  undo?: {
    cardUpdatedAt: number
    buriedSiblings: BuriedSiblingSnapshot[]
    /** The speaker confusion the answer counted, and that pair's record before it (or null). */
    confusion?: { id: string; previous: StoredConfusion | null }
  }
}

/** Thrown inside a transaction to abort it with a failure meant for the user. */
class AbortWith extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string
  ) {
    super(message)
  }
}

function failureFrom<T>(error: unknown, action: string): Result<T> {
  if (error instanceof AbortWith) return fail(error.code, error.message)
  const storage = storageErrorMessage(error, action)
  if (storage !== null) return fail('INTERNAL', storage)
  const detail = error instanceof Error ? error.message : String(error)
  return fail('INTERNAL', `Could not ${action}: ${detail}`)
}

/** A changed card's `updatedAt`: strictly later than before, even within one millisecond. */
function nextStamp(previousMs: number, nowMs: number): number {
  return Math.max(nowMs, previousMs + 1)
}

// ---------------------------------------------------------------------------------------------
// Sync: generation → storage

export interface SyncArticleCardsInput {
  article: Article
  /** With user corrections already applied. */
  extraction: Extraction
  /** Speakers of the other articles in the library (distractors for who-said cards). */
  librarySpeakerNames?: string[]
}

export interface SyncArticleCardsCounts {
  /** Cards created. */
  added: number
  /** Existing cards whose content changed (or that came back after being suspended by a sync). */
  updated: number
  /** Cards deleted because their note vanished and they had never been answered. */
  removed: number
  /** Cards suspended because their note vanished but they have review history. */
  suspended: number
}

/** Suspended by a sync because its note vanished (not by the user, whose suspension stays). */
function isOrphaned(card: CardRecord): boolean {
  return card.queue === Queue.Suspended && card.orphanedAt != null
}

/** An orphaned card whose note came back: returns to the queue it was suspended from. */
function returned(card: CardRecord, nowMs: number): CardRecord {
  return {
    ...card,
    queue: card.queueBeforeBury ?? queueForMemoryState(card.memoryState),
    queueBeforeBury: null,
    orphanedAt: null,
    updatedAt: nextStamp(card.updatedAt, nowMs)
  }
}

/**
 * Generates the article's notes and cards and stores them in one transaction. Existing ids keep
 * their scheduling state and history (only their content is updated, and only when it changed).
 * Cards whose note vanished (e.g. after a "not a quote" correction) are deleted, unless they were
 * ever answered: then they are suspended, and return to their queue if a later sync brings them
 * back. New cards get due times one millisecond apart so they are introduced in article order.
 */
export async function syncArticleCards(
  db: QuotedeckDatabase,
  input: SyncArticleCardsInput,
  nowMs: number
): Promise<SyncArticleCardsCounts> {
  const generated = generateCards({
    article: input.article,
    extraction: input.extraction,
    librarySpeakerNames: input.librarySpeakerNames
  })
  const counts = await writeGeneratedCards(db, input.article.id, generated, nowMs)
  // Only a changed number of cards is news to the Library's counts (suspending keeps the card).
  if (counts.added > 0 || counts.removed > 0) notifyArticleCardsChanged(db, [input.article.id])
  return counts
}

/** Cards written per `bulkPut` by `writeGeneratedCards`, so progress can be told between them. */
const CARDS_PER_PUT = 2000

/** Told how many of the cards to write are written (inside the still open transaction). */
export type WriteProgress = (written: number, total: number) => void

/**
 * The storage half of `syncArticleCards`: writes already generated notes and cards in one
 * transaction (a caller's open transaction over these tables is joined, so an extraction saved
 * with them commits or fails together). Cards go in batches so `onProgress` can be told; the
 * batches are still one transaction, so a failure or a closed connection leaves nothing half-written.
 * Does not notify card-count listeners (the caller does, after its commit).
 */
export async function writeGeneratedCards(
  db: QuotedeckDatabase,
  articleId: string,
  generated: GeneratedCards,
  nowMs: number,
  onProgress?: WriteProgress
): Promise<SyncArticleCardsCounts> {
  const counts: SyncArticleCardsCounts = { added: 0, updated: 0, removed: 0, suspended: 0 }

  await db.transaction('rw', db.notes, db.cards, db.reviewLogs, async () => {
    const [existingNotes, existingCards] = await Promise.all([
      db.notes.where('articleId').equals(articleId).toArray(),
      db.cards.where('articleId').equals(articleId).toArray()
    ])
    const generatedNoteIds = new Set(generated.notes.map((note) => note.id))
    const vanishedNoteIds = existingNotes
      .map((note) => note.id)
      .filter((id) => !generatedNoteIds.has(id))
    await db.notes.bulkPut(generated.notes)
    await db.notes.bulkDelete(vanishedNoteIds)

    const existingById = new Map(existingCards.map((card) => [card.id, card]))
    const writes: CardRecord[] = []
    generated.cards.forEach((content, index) => {
      const existing = existingById.get(content.id)
      if (!existing) {
        writes.push({
          ...contentOf(content),
          ...newSchedulingState(nowMs + index),
          createdAt: nowMs,
          updatedAt: nowMs
        })
        counts.added++
        return
      }
      const cameBack = isOrphaned(existing)
      if (sameContent(existing, content) && !cameBack) return
      writes.push(
        cameBack
          ? { ...returned(existing, nowMs), ...contentOf(content) }
          : { ...existing, ...contentOf(content), updatedAt: nextStamp(existing.updatedAt, nowMs) }
      )
      counts.updated++
    })

    const generatedIds = new Set(generated.cards.map((card) => card.id))
    // Contrast cards are made by the user from a confusion, not generated: they live as long as
    // the quote's note does, and come back with it.
    const isContrast = (card: CardRecord): boolean => card.template === 'contrast'
    for (const card of existingCards) {
      if (isContrast(card) && generatedNoteIds.has(card.noteId) && isOrphaned(card)) {
        writes.push(returned(card, nowMs))
        counts.updated++
      }
    }
    const orphans = existingCards.filter((card) =>
      isContrast(card) ? !generatedNoteIds.has(card.noteId) : !generatedIds.has(card.id)
    )
    const toDelete: string[] = []
    for (const orphan of orphans) {
      const answered = await db.reviewLogs.where('cardId').equals(orphan.id).first()
      if (!answered) {
        toDelete.push(orphan.id)
        counts.removed++
      } else if (orphan.queue !== Queue.Suspended) {
        // Remember where it was (a buried card remembers its own queue) so a re-sync can restore it.
        const home = orphan.queue === Queue.Buried ? orphan.queueBeforeBury : orphan.queue
        writes.push({
          ...orphan,
          queue: Queue.Suspended,
          queueBeforeBury: home ?? queueForMemoryState(orphan.memoryState),
          buriedUntil: null,
          orphanedAt: nowMs,
          updatedAt: nextStamp(orphan.updatedAt, nowMs)
        })
        counts.suspended++
      }
    }
    for (let start = 0; start < writes.length; start += CARDS_PER_PUT) {
      await db.cards.bulkPut(writes.slice(start, start + CARDS_PER_PUT))
      onProgress?.(Math.min(writes.length, start + CARDS_PER_PUT), writes.length)
    }
    await db.cards.bulkDelete(toDelete)
  })
  return counts
}

// ---------------------------------------------------------------------------------------------
// Answers

export interface CommitAnswerInput {
  cardId: string
  grade: Grade
  /** Epoch ms of the answer. */
  nowMs: number
  source: 'study' | 'quiz'
  /** Time the user took to answer, ms. */
  answerMs: number
  /** The card's `updatedAt` when it was shown; the answer is refused if the card changed since. */
  expectedUpdatedAt: number
  settings: SchedulerSettings
  /**
   * The user's zone (IANA name) or a fixed offset in minutes east of UTC; defaults to this
   * machine's zone, so a burial ends at the next rollover even across a daylight-saving change.
   */
  tzOffsetMinutes?: TimeZoneSpec
  /**
   * A who-said pick of the wrong speaker: counted in the confusions with the answer, in the same
   * transaction, and taken back by `undoLastAnswer`.
   */
  confusion?: { right: ConfusedSpeaker; picked: ConfusedSpeaker }
}

export interface CommittedAnswer {
  /** The card as stored after the answer. */
  card: CardRecord
  logId: number
  /** Siblings buried until the next day rollover. */
  buriedSiblingIds: string[]
}

/**
 * Answers a card: in one `rw` transaction it re-reads the card, refuses with `CONFLICT` if it
 * changed since it was shown, applies the grade (fuzz seeded by the card id), writes the card and
 * its review log (exact `before`/`after` snapshots), and buries the note's other new and review
 * cards until the next day rollover. Either everything is written or nothing is.
 */
export async function commitAnswer(
  db: QuotedeckDatabase,
  input: CommitAnswerInput
): Promise<Result<CommittedAnswer>> {
  const tzOffsetMinutes = input.tzOffsetMinutes ?? localTimeZone()
  try {
    const committed = await db.transaction(
      'rw',
      [db.cards, db.reviewLogs, db.reviewSlots, db.confusions],
      async () => {
        const card = await db.cards.get(input.cardId)
        if (!card) throw new AbortWith('NOT_FOUND', 'This card no longer exists.')
        if (card.updatedAt !== input.expectedUpdatedAt) {
          throw new AbortWith(
            'CONFLICT',
            'This card changed since it was shown (was it edited or answered elsewhere?). It has been reloaded.'
          )
        }
        const before = schedulingOf(card)
        const after = applyAnswer(before, input.grade, input.nowMs, input.settings, card.id)
        const stamp = nextStamp(card.updatedAt, input.nowMs)
        const updated: CardRecord = { ...card, ...after, updatedAt: stamp }

        const until = buryUntil(input.nowMs, input.settings, tzOffsetMinutes)
        const siblings = await db.cards.where('noteId').equals(card.noteId).toArray()
        const toBury = siblings.filter(
          (sibling) =>
            sibling.id !== card.id &&
            (sibling.queue === Queue.New || sibling.queue === Queue.Review)
        )
        const buriedSiblings: BuriedSiblingSnapshot[] = toBury.map((sibling) => ({
          id: sibling.id,
          queue: sibling.queue,
          queueBeforeBury: sibling.queueBeforeBury,
          buriedUntil: sibling.buriedUntil,
          updatedAt: sibling.updatedAt
        }))

        await db.cards.put(updated)
        let confusionUndo: { id: string; previous: StoredConfusion | null } | undefined
        if (input.confusion) {
          const { id, previous } = await countConfusion(db, {
            ...input.confusion,
            articleId: card.articleId,
            cardId: card.id,
            nowMs: input.nowMs
          })
          confusionUndo = { id, previous }
        }
        const log: AnswerLogRecord = {
          cardId: card.id,
          articleId: card.articleId,
          grade: input.grade,
          source: input.source,
          reviewedAt: input.nowMs,
          answerMs: Math.max(0, Math.round(input.answerMs)),
          before,
          after: schedulingOf(updated),
          undo: {
            cardUpdatedAt: card.updatedAt,
            buriedSiblings,
            ...(confusionUndo ? { confusion: confusionUndo } : {})
          }
        }
        const logId = (await db.reviewLogs.add(log)) as number
        await applyLogsToSlots(db, [log], 1)
        if (toBury.length > 0) {
          await db.cards.bulkPut(
            toBury.map((sibling) => ({
              ...sibling,
              queue: Queue.Buried,
              queueBeforeBury: sibling.queue,
              buriedUntil: until,
              updatedAt: nextStamp(sibling.updatedAt, input.nowMs)
            }))
          )
        }
        return { card: updated, logId, buriedSiblingIds: toBury.map((sibling) => sibling.id) }
      }
    )
    if (committed.buriedSiblingIds.length > 0) {
      noteBurial(db, buryUntil(input.nowMs, input.settings, tzOffsetMinutes))
    }
    return ok(committed)
  } catch (error) {
    return failureFrom(error, 'save your answer')
  }
}

export interface LogPracticeInput {
  cardId: string
  grade: Grade
  nowMs: number
  answerMs: number
  /** A wrong speaker named: counted in the same transaction as the practice log. */
  confusion?: { right: ConfusedSpeaker; picked: ConfusedSpeaker }
}

/**
 * Records a practice answer (cramming, quiz practice, re-drills): a review log that moves no
 * schedule, and the confusion it shows when one is given, in one transaction.
 */
export async function logPractice(
  db: QuotedeckDatabase,
  input: LogPracticeInput
): Promise<Result<{ logId: number }>> {
  try {
    const tables = [db.cards, db.reviewLogs, db.reviewSlots, db.confusions]
    return await db.transaction('rw', tables, async () => {
      const card = await db.cards.get(input.cardId)
      if (!card) throw new AbortWith('NOT_FOUND', 'This card no longer exists.')
      const log: ReviewLogEntry = {
        cardId: card.id,
        articleId: card.articleId,
        grade: input.grade,
        source: 'practice',
        reviewedAt: input.nowMs,
        answerMs: Math.max(0, Math.round(input.answerMs)),
        before: schedulingOf(card),
        after: null
      }
      const logId = (await db.reviewLogs.add(log)) as number
      await applyLogsToSlots(db, [log], 1)
      if (input.confusion) {
        await countConfusion(db, {
          ...input.confusion,
          articleId: card.articleId,
          cardId: card.id,
          nowMs: input.nowMs
        })
      }
      return ok({ logId })
    })
  } catch (error) {
    return failureFrom(error, 'record the practice answer')
  }
}

/**
 * Takes back the confusion an answer counted: the pair's record as it was before when nothing
 * counted it since (the usual case), else one fewer (a later quiz answer's count stays).
 */
async function uncountConfusion(
  db: QuotedeckDatabase,
  counted: { id: string; previous: StoredConfusion | null },
  answeredAtMs: number
): Promise<void> {
  const current = (await db.confusions.get(counted.id)) as StoredConfusion | undefined
  if (!current) return
  const untouchedSince =
    current.lastAt === answeredAtMs && current.count === (counted.previous?.count ?? 0) + 1
  if (untouchedSince) {
    if (counted.previous) await db.confusions.put(counted.previous)
    else await db.confusions.delete(counted.id)
  } else if (current.count <= 1) {
    await db.confusions.delete(counted.id)
  } else {
    await db.confusions.put({ ...current, count: current.count - 1 })
  }
}

/** What `undoLastAnswer` put back. */
export interface UndoneAnswer {
  /** The card exactly as it was before the answer (scheduling state and `updatedAt`). */
  card: CardRecord
  grade: Grade
  source: ReviewSource
  /** Siblings the answer had buried, restored as they were. */
  unburiedSiblingIds: string[]
}
type ReviewSource = ReviewLogEntry['source']

/**
 * Undoes the latest answer that moved a schedule (practice logs are skipped): restores the card to
 * the log's exact `before` snapshot (due date included, which ts-fsrs `rollback` would not) and its
 * previous `updatedAt`, puts back the siblings that answer buried, and deletes the log — in one
 * transaction. Call again to undo the answer before it.
 */
export async function undoLastAnswer(db: QuotedeckDatabase): Promise<Result<UndoneAnswer>> {
  try {
    return await db.transaction(
      'rw',
      [db.cards, db.reviewLogs, db.reviewSlots, db.confusions],
      async () => {
        const log = (await db.reviewLogs
          .orderBy(':id')
          .reverse()
          .filter((entry) => entry.source !== 'practice')
          .first()) as AnswerLogRecord | undefined
        if (!log || log.id === undefined)
          throw new AbortWith('NOT_FOUND', 'There is nothing to undo.')
        const card = await db.cards.get(log.cardId)
        if (!card) {
          throw new AbortWith('NOT_FOUND', 'The card of the last answer no longer exists.')
        }
        const restored: CardRecord = {
          ...card,
          ...snapshot(log.before),
          updatedAt: log.undo?.cardUpdatedAt ?? nextStamp(card.updatedAt, Date.now())
        }
        await db.cards.put(restored)

        const buried = log.undo?.buriedSiblings ?? []
        const stored = await db.cards.bulkGet(buried.map((sibling) => sibling.id))
        const unburied: CardRecord[] = []
        buried.forEach((previous, index) => {
          const sibling = stored[index]
          // Only put back what this answer did: leave a sibling that moved on since alone.
          if (!sibling || sibling.queue !== Queue.Buried) return
          unburied.push({ ...sibling, ...previous })
        })
        await db.cards.bulkPut(unburied)
        if (log.undo?.confusion) await uncountConfusion(db, log.undo.confusion, log.reviewedAt)
        await db.reviewLogs.delete(log.id)
        await applyLogsToSlots(db, [log], -1)
        return ok({
          card: restored,
          grade: log.grade,
          source: log.source,
          unburiedSiblingIds: unburied.map((sibling) => sibling.id)
        })
      }
    )
  } catch (error) {
    return failureFrom(error, 'undo the last answer')
  }
}

// ---------------------------------------------------------------------------------------------
// Study queue

export type StudyScope = { kind: 'all' } | { kind: 'article'; articleId: string }

export interface LoadStudyQueueInput {
  scope: StudyScope
  nowMs: number
  settings: SchedulerSettings
  /** The user's zone (IANA name, see `localTimeZone`) or a fixed offset in minutes east of UTC. */
  tzOffsetMinutes: TimeZoneSpec
}

/** Answers given since the current study day began. */
export interface TodayCounts {
  /** Answers that moved a schedule (study and quiz), practice excluded. */
  total: number
  byGrade: Record<Grade, number>
  /** Cards studied for the first time today. */
  newCards: number
  /** Other answers (reviews, learning steps). */
  reviews: number
  /** Practice answers (no schedule change). */
  practice: number
  /** Time spent answering, ms. */
  answerMs: number
}

export interface StudyQueue {
  /** Cards in the order to study them. */
  cards: CardRecord[]
  today: TodayCounts
  /** Epoch ms when the current study day ends (next rollover). */
  dayEndMs: number
}

/**
 * The earliest moment a stored burial can expire, per database, so the buried cards are read once
 * per study day rather than on every queue build. Burials are only made by `commitAnswer`, which
 * lowers it when it buries.
 */
const nextBurialExpiry = new WeakMap<QuotedeckDatabase, number>()

function noteBurial(db: QuotedeckDatabase, untilMs: number): void {
  const known = nextBurialExpiry.get(db)
  if (known !== undefined) nextBurialExpiry.set(db, Math.min(known, untilMs))
}

/**
 * Puts back cards whose burial has expired (their `buriedUntil` passed). Buried cards are few
 * (siblings answered today), so they are read through the `[queue+due]` range of the buried queue,
 * and only when a burial can have expired since the last look.
 */
export async function unburyExpired(db: QuotedeckDatabase, nowMs: number): Promise<number> {
  const knownExpiry = nextBurialExpiry.get(db)
  if (knownExpiry !== undefined && nowMs < knownExpiry && knownExpiry - nowMs <= MAX_BURIAL_MS) {
    return 0
  }
  return db.transaction('rw', db.cards, async () => {
    const buried = await db.cards
      .where('[queue+due]')
      .between([Queue.Buried, Dexie.minKey], [Queue.Buried, Dexie.maxKey])
      .toArray()
    // A burial ends at most one (25-hour) study day after it began; one further away than that
    // was made under a clock that has since moved backwards, and would hide the card for days.
    const isExpired = (card: CardRecord): boolean =>
      card.buriedUntil === null ||
      card.buriedUntil <= nowMs ||
      card.buriedUntil - nowMs > MAX_BURIAL_MS
    const expired = buried.filter(isExpired)
    await db.cards.bulkPut(
      expired.map((card) => ({
        ...card,
        queue: card.queueBeforeBury ?? queueForMemoryState(card.memoryState),
        queueBeforeBury: null,
        buriedUntil: null,
        updatedAt: nextStamp(card.updatedAt, nowMs)
      }))
    )
    const remaining = buried.filter((card) => !isExpired(card))
    nextBurialExpiry.set(
      db,
      remaining.reduce((earliest, card) => Math.min(earliest, card.buriedUntil ?? nowMs), Infinity)
    )
    return expired.length
  })
}

function countAnswers(logs: ReviewLogEntry[]): TodayCounts {
  const counts: TodayCounts = {
    total: 0,
    byGrade: { 1: 0, 2: 0, 3: 0, 4: 0 },
    newCards: 0,
    reviews: 0,
    practice: 0,
    answerMs: 0
  }
  for (const log of logs) {
    counts.answerMs += log.answerMs
    if (log.source === 'practice') {
      counts.practice++
      continue
    }
    counts.total++
    counts.byGrade[log.grade]++
    if (log.before.queue === Queue.New) counts.newCards++
    else counts.reviews++
  }
  return counts
}

/** Today's answers (since the current study day began at the rollover hour). */
export async function todayCounts(
  db: QuotedeckDatabase,
  nowMs: number,
  settings: SchedulerSettings,
  tzOffsetMinutes: TimeZoneSpec
): Promise<TodayCounts> {
  const dayStart = studyDayStart(nowMs, settings, tzOffsetMinutes)
  const logs = await db.reviewLogs.where('reviewedAt').aboveOrEqual(dayStart).toArray()
  return countAnswers(logs)
}

function candidate(card: CardRecord): QueueCandidate {
  return { id: card.id, due: card.due }
}

/**
 * Today's study queue for a scope. Every read is an index range that returns only what it needs:
 * learning cards due within the learn-ahead window, reviews due before the end of the study day
 * (at most what is left of the daily limit) and the oldest new cards (at most what is left of the
 * new-card limit), all by `[queue+due]`; an article scope reads that article's cards by `articleId`.
 * Expired burials are lifted first. Ordering and limits are `selectStudyQueue`'s.
 */
export async function loadStudyQueue(
  db: QuotedeckDatabase,
  input: LoadStudyQueueInput
): Promise<StudyQueue> {
  const { nowMs, settings, tzOffsetMinutes } = input
  await unburyExpired(db, nowMs)
  const dayStart = studyDayStart(nowMs, settings, tzOffsetMinutes)
  const dayEnd = studyDayEnd(nowMs, settings, tzOffsetMinutes)
  const learnAheadMs = 20 * 60 * 1000

  return db.transaction('r', db.cards, db.reviewLogs, async () => {
    // All reads start together; the limits are applied to what is left today by selectStudyQueue.
    const todayLogsRead = db.reviewLogs.where('reviewedAt').aboveOrEqual(dayStart).toArray()
    let cardsRead: Promise<[CardRecord[], CardRecord[], CardRecord[]]>
    if (input.scope.kind === 'article') {
      cardsRead = db.cards
        .where('articleId')
        .equals(input.scope.articleId)
        .toArray()
        .then((cards) => [
          cards.filter((c) => c.queue === Queue.Learning && c.due <= nowMs + learnAheadMs),
          cards.filter((c) => c.queue === Queue.Review && c.due < dayEnd),
          cards.filter((c) => c.queue === Queue.New)
        ])
    } else {
      const range = (queue: QueueValue, upToMs: number, limit?: number): Promise<CardRecord[]> => {
        if (limit !== undefined && limit <= 0) return Promise.resolve([])
        const collection = db.cards
          .where('[queue+due]')
          .between([queue, -Infinity], [queue, upToMs], true, true)
        return (limit === undefined ? collection : collection.limit(limit)).toArray()
      }
      cardsRead = Promise.all([
        range(Queue.Learning, nowMs + learnAheadMs),
        range(Queue.Review, dayEnd - 1, settings.reviewsPerDay),
        range(Queue.New, Infinity, settings.newCardsPerDay)
      ])
    }
    const [todayLogs, [learning, review, fresh]] = await Promise.all([todayLogsRead, cardsRead])
    const today = countAnswers(todayLogs)
    const byId = new Map<string, CardRecord>()
    for (const card of [...learning, ...review, ...fresh]) byId.set(card.id, card)
    const orderedIds = selectStudyQueue({
      learning: learning.map(candidate),
      review: review.map(candidate),
      new: fresh.map(candidate),
      newDoneToday: today.newCards,
      reviewsDoneToday: today.reviews,
      settings,
      nowMs,
      tzOffsetMinutes,
      learnAheadMs
    })
    const cards = orderedIds
      .map((id) => byId.get(id))
      .filter((card): card is CardRecord => card !== undefined)
    return { cards, today, dayEndMs: dayEnd }
  })
}

// ---------------------------------------------------------------------------------------------
// Statistics

/** Cards in each queue. */
export interface QueueCounts {
  new: number
  learning: number
  review: number
  suspended: number
  buried: number
  total: number
}

function queueRange(queue: QueueValue, fromMs = -Infinity, toMs = Infinity): [number[], number[]] {
  return [
    [queue, fromMs],
    [queue, toMs]
  ]
}

/** How many cards sit in each queue (index counts; no card is read). */
export async function cardCountsByQueue(db: QuotedeckDatabase): Promise<QueueCounts> {
  const countQueue = (queue: QueueValue): Promise<number> => {
    const [lower, upper] = queueRange(queue)
    return db.cards.where('[queue+due]').between(lower, upper, true, true).count()
  }
  const [fresh, learning, review, suspended, buried] = await Promise.all([
    countQueue(Queue.New),
    countQueue(Queue.Learning),
    countQueue(Queue.Review),
    countQueue(Queue.Suspended),
    countQueue(Queue.Buried)
  ])
  return {
    new: fresh,
    learning,
    review,
    suspended,
    buried,
    total: fresh + learning + review + suspended + buried
  }
}

/** One study day of a forecast or history. */
export interface DayCount {
  /** Epoch ms at which the study day starts. */
  dayStartMs: number
  count: number
}

/**
 * Learning and review cards falling due on each of the next `days` study days (day 0 is today and
 * includes overdue cards). Buried cards count on the day they come back. New cards are not
 * forecast: they are introduced by the daily limit.
 */
export async function forecast(
  db: QuotedeckDatabase,
  nowMs: number,
  days: number,
  settings: SchedulerSettings,
  tzOffsetMinutes: number
): Promise<DayCount[]> {
  const firstDayStart = studyDayStart(nowMs, settings, tzOffsetMinutes)
  const starts = Array.from({ length: days }, (_, index) => firstDayStart + index * DAY_MS)
  const perDay = await countDueInBins(
    db,
    starts.map((startMs) => ({ startMs, endMs: startMs + DAY_MS })),
    nowMs
  )
  return starts.map((dayStartMs, index) => ({ dayStartMs, count: perDay[index] }))
}

/**
 * Learning and review cards falling due in each of `bins` (ascending; the first also holds what
 * is overdue), from the maintained due tallies (folded up to `nowMs` first, so only the slots
 * ahead are read); buried cards count in the bin they come back in, and nothing after the last
 * bin is counted.
 */
export async function countDueInBins(
  db: QuotedeckDatabase,
  bins: readonly { startMs: number; endMs: number }[],
  nowMs: number
): Promise<number[]> {
  const [counts, buried] = await Promise.all([
    dueTalliesInBins(db, nowMs, bins),
    db.cards
      .where('[queue+due]')
      .between([Queue.Buried, Dexie.minKey], [Queue.Buried, Dexie.maxKey])
      .toArray()
  ])
  for (const card of buried) {
    if (card.queueBeforeBury === Queue.New) continue
    const back = Math.max(card.due, card.buriedUntil ?? card.due)
    const index = bins.findIndex((bin, i) => (i === 0 || back >= bin.startMs) && back < bin.endMs)
    if (index >= 0) counts[index]++
  }
  return counts
}

/**
 * Answers on each of the last `days` study days, oldest first, today last. Counted on the
 * `reviewedAt` index without reading the logs, so practice answers are included.
 */
export async function answersPerDay(
  db: QuotedeckDatabase,
  nowMs: number,
  days: number,
  settings: SchedulerSettings,
  tzOffsetMinutes: number
): Promise<DayCount[]> {
  const todayStart = studyDayStart(nowMs, settings, tzOffsetMinutes)
  const starts = Array.from(
    { length: days },
    (_, index) => todayStart - (days - 1 - index) * DAY_MS
  )
  return Promise.all(
    starts.map(async (dayStartMs) => ({
      dayStartMs,
      count: await db.reviewLogs
        .where('reviewedAt')
        .between(dayStartMs, dayStartMs + DAY_MS, true, false)
        .count()
    }))
  )
}
