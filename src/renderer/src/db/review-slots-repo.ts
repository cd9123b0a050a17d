/**
 * The review aggregate (`reviewSlots`, schema version 4): answers summed per quarter hour, kept
 * in step with the review logs by every write that adds or removes a log, inside that write's
 * transaction, so the Stats view reads a few thousand slots instead of half a million logs.
 */
import type { ReviewLogEntry } from '../../../core/scheduling'
import {
  applyLogToSlot,
  emptySlot,
  isEmptySlot,
  slotStartOf,
  slotsFromLogs,
  type ReviewSlot
} from '../../../core/stats/slots'
import type { QuotedeckDatabase } from './schema'

type SlotLog = Pick<ReviewLogEntry, 'source' | 'before' | 'grade' | 'answerMs' | 'reviewedAt'>

/**
 * Adds (`sign` 1) or takes away (`sign` -1) logs from the aggregate. Must run inside a `rw`
 * transaction that includes `db.reviewSlots` (it joins it), so the logs and their sums change
 * together or not at all. Slots left with no answer are deleted.
 */
export async function applyLogsToSlots(
  db: QuotedeckDatabase,
  logs: readonly SlotLog[],
  sign: 1 | -1
): Promise<void> {
  if (logs.length === 0) return
  const starts = [...new Set(logs.map((log) => slotStartOf(log.reviewedAt)))]
  const stored = await db.reviewSlots.bulkGet(starts)
  const bySlot = new Map<number, ReviewSlot>()
  starts.forEach((start, index) => bySlot.set(start, stored[index] ?? emptySlot(start)))
  for (const log of logs) {
    const start = slotStartOf(log.reviewedAt)
    bySlot.set(start, applyLogToSlot(bySlot.get(start)!, log, sign))
  }
  const kept = [...bySlot.values()].filter((slot) => !isEmptySlot(slot))
  const emptied = [...bySlot.values()].filter(isEmptySlot).map((slot) => slot.slotStartMs)
  if (kept.length > 0) await db.reviewSlots.bulkPut(kept)
  if (emptied.length > 0) await db.reviewSlots.bulkDelete(emptied)
}

/** Rebuilds the aggregate from every review log (a repair, and the benchmark's seeding). */
export async function rebuildReviewSlots(db: QuotedeckDatabase): Promise<number> {
  return db.transaction('rw', db.reviewLogs, db.reviewSlots, async () => {
    const logs: SlotLog[] = []
    await db.reviewLogs.each((log) => {
      logs.push({
        source: log.source,
        before: log.before,
        grade: log.grade,
        answerMs: log.answerMs,
        reviewedAt: log.reviewedAt
      })
    })
    const slots = slotsFromLogs(logs)
    await db.reviewSlots.clear()
    await db.reviewSlots.bulkPut(slots)
    return slots.length
  })
}

/** Every slot, oldest first (one primary-key range read). */
export async function loadReviewSlots(db: QuotedeckDatabase): Promise<ReviewSlot[]> {
  return db.reviewSlots.toArray()
}
