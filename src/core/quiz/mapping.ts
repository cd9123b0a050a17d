import { Queue, type Grade, type QueueValue } from '../scheduling/types'

/**
 * The documented quiz → FSRS mapping: a wrong answer is Again, a right one Good. A quiz never
 * rates Easy: recognising a name among four is weaker evidence than recalling it.
 */
export function quizGradeToFsrs(correct: boolean): Grade {
  return correct ? 3 : 1
}

/** What decides whether a quiz answer moves the card's schedule. */
export interface ScheduleDecisionInput {
  card: { queue: QueueValue; due: number }
  nowMs: number
  /** The "Quiz answers update your study schedule" setting. */
  quizFeedsScheduler: boolean
  /** Re-drills of missed cards are practice by definition. */
  isRedrill: boolean
}

/**
 * True when a quiz answer should be committed to FSRS: the setting is on, the answer is not part
 * of a re-drill, and the card is new or due now. Anything else (cards not yet due, suspended or
 * buried cards) is logged as practice, so quizzing ahead never distorts the schedule.
 */
export function shouldSchedule(input: ScheduleDecisionInput): boolean {
  if (!input.quizFeedsScheduler || input.isRedrill) return false
  const { queue, due } = input.card
  if (queue === Queue.New) return true
  if (queue === Queue.Learning || queue === Queue.Review) return due <= input.nowMs
  return false
}
