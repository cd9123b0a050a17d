import type { OptimiserHistory } from '../../shared/fsrs-optimiser'
import { studyDayStart, type SchedulerSettings, type TimeZoneSpec } from './index'
import type { ReviewLogEntry } from './types'

const DAY_MS = 86_400_000

/**
 * The user's scheduled reviews as the optimiser's compact history: practice answers (which move
 * no schedule) are left out, each card's reviews are in time order, and each review's day is the
 * study day it fell in (days start at the user's "next day starts at" hour in `timeZone`).
 */
export function optimiserHistoryFromLogs(
  entries: readonly Pick<ReviewLogEntry, 'cardId' | 'reviewedAt' | 'grade' | 'source' | 'id'>[],
  settings: SchedulerSettings,
  timeZone: TimeZoneSpec
): OptimiserHistory {
  const scheduled = entries
    .filter((entry) => entry.source !== 'practice')
    .sort((a, b) => a.reviewedAt - b.reviewedAt || (a.id ?? 0) - (b.id ?? 0))
  const cardNumbers = new Map<string, number>()
  const history: OptimiserHistory = { cards: [], days: [], grades: [] }
  for (const entry of scheduled) {
    let card = cardNumbers.get(entry.cardId)
    if (card === undefined) {
      card = cardNumbers.size
      cardNumbers.set(entry.cardId, card)
    }
    // Rounded: a day is 23 or 25 hours long across a daylight-saving change.
    const day = Math.round(studyDayStart(entry.reviewedAt, settings, timeZone) / DAY_MS)
    history.cards.push(card)
    history.days.push(day)
    history.grades.push(entry.grade)
  }
  return history
}
