import {
  MemoryState,
  Queue,
  rescheduleState,
  type SchedulerSettings,
  type SchedulingState,
  type TimeZoneSpec
} from '../../../core/scheduling'
import { optimiserHistoryFromLogs } from '../../../core/scheduling/optimiser-history'
import type { OptimiserHistory } from '../../../shared/fsrs-optimiser'
import { scheduledCount } from '../../../core/stats/charts'
import { schedulingOf } from './cards-repo'
import { loadCardTallies, loadRetrievabilitySample } from './stats-repo'
import type { QuotedeckDatabase } from './schema'

/** The scheduled reviews (practice left out) as the optimiser's compact history. */
export async function loadOptimiserHistory(
  db: QuotedeckDatabase,
  settings: SchedulerSettings,
  timeZone: TimeZoneSpec
): Promise<OptimiserHistory> {
  const entries = await db.reviewLogs.toArray()
  return optimiserHistoryFromLogs(entries, settings, timeZone)
}

/**
 * How many scheduled reviews (not practice) the log holds, summed from the review aggregate (a
 * few thousand quarter-hour rows) instead of filtering every log.
 */
export async function countScheduledReviews(db: QuotedeckDatabase): Promise<number> {
  let total = 0
  await db.reviewSlots.each((slot) => {
    total += scheduledCount(slot)
  })
  return total
}

/** What the workload estimate simulates. */
export interface WorkloadCards {
  /** Studied cards that are not suspended: all of them, or a sample of `studiedTotal`. */
  studied: SchedulingState[]
  /** How many studied, unsuspended cards `studied` stands for. */
  studiedTotal: number
  /** New cards waiting to be introduced. */
  newCount: number
}

/**
 * The cards the workload estimate simulates, without walking the card table: the counts come from
 * the Stats tallies, the studied cards from the stability-stratified sample the retrievability
 * chart reads (suspended cards are never shown, so they make no work and are left out).
 */
export async function loadWorkloadCards(db: QuotedeckDatabase): Promise<WorkloadCards> {
  const { bins, queues } = await loadCardTallies(db)
  const sample = await loadRetrievabilitySample(db, bins.stability)
  const studied = sample.states.filter((state) => state.queue !== Queue.Suspended)
  const studiedTotal =
    sample.states.length === 0
      ? 0
      : Math.round((sample.total * studied.length) / sample.states.length)
  return { studied, studiedTotal, newCount: queues.new }
}

/**
 * Gives every review card the due date the settings give its memory (Anki's "reschedule cards on
 * change"), in one transaction. Learning, new and suspended cards keep their dates. Returns how
 * many cards moved.
 */
export async function rescheduleReviewCards(
  db: QuotedeckDatabase,
  settings: SchedulerSettings,
  nowMs: number
): Promise<number> {
  return db.transaction('rw', db.cards, async () => {
    let moved = 0
    const reviewCards = await db.cards
      .filter((card) => card.memoryState === MemoryState.Review)
      .toArray()
    for (const card of reviewCards) {
      const next = rescheduleState(schedulingOf(card), settings, card.id)
      if (next.due === card.due && next.scheduledDays === card.scheduledDays) continue
      await db.cards.update(card.id, {
        due: next.due,
        scheduledDays: next.scheduledDays,
        updatedAt: Math.max(nowMs, card.updatedAt + 1)
      })
      moved += 1
    }
    return moved
  })
}
