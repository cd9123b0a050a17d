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
import { schedulingOf } from './cards-repo'
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

/** How many scheduled reviews (not practice) the log holds. */
export async function countScheduledReviews(db: QuotedeckDatabase): Promise<number> {
  return db.reviewLogs.filter((entry) => entry.source !== 'practice').count()
}

/** What the workload estimate simulates: the studied cards' states and how many are new. */
export async function loadWorkloadCards(
  db: QuotedeckDatabase
): Promise<{ studied: SchedulingState[]; newCount: number }> {
  const studied: SchedulingState[] = []
  let newCount = 0
  await db.cards.each((card) => {
    // Suspended cards are never shown, so they make no work.
    if (card.queue === Queue.Suspended) return
    if (card.memoryState === MemoryState.New) newCount += 1
    else studied.push(schedulingOf(card))
  })
  return { studied, newCount }
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
