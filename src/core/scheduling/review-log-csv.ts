import { hashString } from '../article/hash'
import type { ReviewLogEntry } from './types'

/** Header of the FSRS community tools' review log (fsrs-optimizer, fsrs-rs). */
export const REVIEW_LOG_CSV_HEADER =
  'card_id,review_time,review_rating,review_state,review_duration'

/**
 * A card id as the FSRS tools want it (an integer): the first 52 bits of the id's hash, so the
 * same card has the same number in every export.
 */
export function numericCardId(cardId: string): number {
  return Number.parseInt(hashString(cardId).slice(0, 13), 16)
}

/**
 * The review log as CSV in the FSRS community format: one line per scheduled answer (practice
 * answers moved no schedule and are left out), oldest first. `review_time` is epoch ms,
 * `review_rating` 1–4, `review_state` the memory state before the answer (0 new, 1 learning,
 * 2 review, 3 relearning), `review_duration` the time taken in ms.
 */
export function toReviewLogCsv(entries: readonly ReviewLogEntry[]): string {
  const lines = [REVIEW_LOG_CSV_HEADER]
  const scheduled = entries
    .filter((entry) => entry.source !== 'practice')
    .sort((a, b) => a.reviewedAt - b.reviewedAt || (a.id ?? 0) - (b.id ?? 0))
  for (const entry of scheduled) {
    lines.push(
      [
        numericCardId(entry.cardId),
        Math.round(entry.reviewedAt),
        entry.grade,
        entry.before.memoryState,
        Math.max(0, Math.round(entry.answerMs))
      ].join(',')
    )
  }
  return lines.join('\n') + '\n'
}
