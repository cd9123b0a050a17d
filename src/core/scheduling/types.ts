/**
 * Where a card stands in the study queues. Numeric so that `[queue+due]` is one compound index;
 * negative values are never gathered into a study queue (Anki's convention).
 */
export const Queue = {
  New: 0,
  Learning: 1,
  Review: 2,
  Suspended: -1,
  Buried: -2
} as const
export type QueueValue = (typeof Queue)[keyof typeof Queue]

/** FSRS memory state (mirrors ts-fsrs `State`). */
export const MemoryState = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const
export type MemoryStateValue = (typeof MemoryState)[keyof typeof MemoryState]

/** Again, Hard, Good, Easy. */
export type Grade = 1 | 2 | 3 | 4

/** The scheduling half of a stored card; every date is epoch milliseconds. */
export interface SchedulingState {
  /** When the card is next due (epoch ms). New cards: when they were created. */
  due: number
  stability: number
  difficulty: number
  elapsedDays: number
  scheduledDays: number
  learningSteps: number
  reps: number
  lapses: number
  memoryState: MemoryStateValue
  /** Epoch ms of the last review, null before the first. */
  lastReviewedAt: number | null
  queue: QueueValue
  /** Queue to return to when unburied/unsuspended. */
  queueBeforeBury: QueueValue | null
  /** Epoch ms at which a buried card comes back (next day rollover). */
  buriedUntil: number | null
}

/** How an answer was given; only `study` and `quiz` move the schedule. */
export type ReviewSource = 'study' | 'quiz' | 'practice'

/** One answer, append-only. */
export interface ReviewLogEntry {
  id?: number
  cardId: string
  articleId: string
  grade: Grade
  source: ReviewSource
  /** Epoch ms. */
  reviewedAt: number
  /** Time the user took, ms. */
  answerMs: number
  /** The card's scheduling state before this answer (exact snapshot, for undo). */
  before: SchedulingState
  /** After this answer (null for practice, which does not move the schedule). */
  after: SchedulingState | null
}
