/**
 * The maintained review aggregate: answers summed per UTC quarter hour. Quarter hours are small
 * enough that any time zone (whole, half or three-quarter hour offsets) and any "next day starts
 * at" hour group them into local days and hours exactly, and few enough (a few per study day)
 * that the Stats view reads them all at once instead of the review logs themselves.
 */
import { MemoryState, Queue, type Grade, type ReviewLogEntry } from '../scheduling/types'

/** Length of one aggregate slot, ms. */
export const SLOT_MS = 15 * 60 * 1000

/** A review card whose interval before the answer was at least this many days is mature (Anki). */
export const MATURE_DAYS = 21

/** Counts per grade: [Again, Hard, Good, Easy]. */
export type GradeCounts = [number, number, number, number]

/** Answers of one quarter hour, as stored (one row per slot that has any). */
export interface ReviewSlot {
  /** Epoch ms at the start of the UTC quarter hour (primary key). */
  slotStartMs: number
  /** Scheduled answers of cards in learning (new cards' first answers included). */
  learn: number
  /** Scheduled answers of cards in review. */
  review: number
  /** Scheduled answers of lapsed cards relearning. */
  relearn: number
  learnMs: number
  reviewMs: number
  relearnMs: number
  /** First answers of new cards (part of `learn`). */
  introduced: number
  learnGrades: GradeCounts
  /** Review answers of cards whose interval was under `MATURE_DAYS`. */
  youngGrades: GradeCounts
  matureGrades: GradeCounts
  relearnGrades: GradeCounts
  /** Practice answers (missed re-drills, quiz practice): never counted as reviews. */
  practice: number
  practiceMs: number
  /** Practice answers graded above Again. */
  practicePassed: number
}

/** What kind of answer a log is, as Anki's statistics count it. */
export type AnswerKind = 'learn' | 'young' | 'mature' | 'relearn' | 'practice'

/** The kind of one review log (from the card's state before the answer). */
export function answerKind(log: Pick<ReviewLogEntry, 'source' | 'before'>): AnswerKind {
  if (log.source === 'practice') return 'practice'
  const state = log.before.memoryState
  if (state === MemoryState.Relearning) return 'relearn'
  if (state === MemoryState.Review) {
    return log.before.scheduledDays >= MATURE_DAYS ? 'mature' : 'young'
  }
  return 'learn'
}

/** Start of the slot holding an instant. */
export function slotStartOf(epochMs: number): number {
  return Math.floor(epochMs / SLOT_MS) * SLOT_MS
}

/** An empty slot. */
export function emptySlot(slotStartMs: number): ReviewSlot {
  return {
    slotStartMs,
    learn: 0,
    review: 0,
    relearn: 0,
    learnMs: 0,
    reviewMs: 0,
    relearnMs: 0,
    introduced: 0,
    learnGrades: [0, 0, 0, 0],
    youngGrades: [0, 0, 0, 0],
    matureGrades: [0, 0, 0, 0],
    relearnGrades: [0, 0, 0, 0],
    practice: 0,
    practiceMs: 0,
    practicePassed: 0
  }
}

function bump(counts: GradeCounts, grade: Grade, sign: 1 | -1): GradeCounts {
  const next = [...counts] as GradeCounts
  next[grade - 1] += sign
  return next
}

/**
 * A slot with one log added (`sign` 1) or taken away (`sign` -1, for undo and deletions). The
 * slot given must be the log's (`slotStartOf(log.reviewedAt)`); the input is not changed.
 */
export function applyLogToSlot(
  slot: ReviewSlot,
  log: Pick<ReviewLogEntry, 'source' | 'before' | 'grade' | 'answerMs'>,
  sign: 1 | -1
): ReviewSlot {
  const next: ReviewSlot = { ...slot }
  const ms = sign * Math.max(0, log.answerMs)
  const kind = answerKind(log)
  switch (kind) {
    case 'practice':
      next.practice += sign
      next.practiceMs += ms
      if (log.grade > 1) next.practicePassed += sign
      break
    case 'learn':
      next.learn += sign
      next.learnMs += ms
      next.learnGrades = bump(slot.learnGrades, log.grade, sign)
      if (log.before.queue === Queue.New) next.introduced += sign
      break
    case 'relearn':
      next.relearn += sign
      next.relearnMs += ms
      next.relearnGrades = bump(slot.relearnGrades, log.grade, sign)
      break
    case 'young':
    case 'mature':
      next.review += sign
      next.reviewMs += ms
      if (kind === 'young') next.youngGrades = bump(slot.youngGrades, log.grade, sign)
      else next.matureGrades = bump(slot.matureGrades, log.grade, sign)
      break
  }
  return next
}

/** Whether a slot holds no answer any more (so it can be deleted). */
export function isEmptySlot(slot: ReviewSlot): boolean {
  return slot.learn === 0 && slot.review === 0 && slot.relearn === 0 && slot.practice === 0
}

/** Builds the aggregate from scratch (the schema upgrade, and a check that it is right). */
export function slotsFromLogs(
  logs: Iterable<Pick<ReviewLogEntry, 'source' | 'before' | 'grade' | 'answerMs' | 'reviewedAt'>>
): ReviewSlot[] {
  const bySlot = new Map<number, ReviewSlot>()
  for (const log of logs) {
    const start = slotStartOf(log.reviewedAt)
    bySlot.set(start, applyLogToSlot(bySlot.get(start) ?? emptySlot(start), log, 1))
  }
  return [...bySlot.values()].sort((a, b) => a.slotStartMs - b.slotStartMs)
}
