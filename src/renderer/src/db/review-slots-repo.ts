/**
 * The review aggregate (`reviewSlots`, schema version 4): answers summed per quarter hour, kept
 * in step with the review logs by every write that adds or removes a log, inside that write's
 * transaction, so the Stats view reads a few thousand slots instead of half a million logs.
 */
import type { Table } from 'dexie'
import type { ReviewLogEntry } from '../../../core/scheduling'
import {
  applyLogToSlot,
  emptySlot,
  isEmptySlot,
  slotStartOf,
  type ReviewSlot
} from '../../../core/stats/slots'
import { forEachChunkInKeyOrder } from './chunked-read'
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

/** Logs read per request while summing (a `getAll` per chunk: far faster than a cursor). */
const LOG_CHUNK = 10_000

/**
 * Sums every review log of a table into slots, reading them in primary-key chunks so the logs
 * are never all in memory at once. Works on the live table or on an upgrade transaction's.
 */
export async function sumLogsIntoSlots(logs: Table<ReviewLogEntry, number>): Promise<ReviewSlot[]> {
  const bySlot = new Map<number, ReviewSlot>()
  await forEachChunkInKeyOrder(
    logs,
    LOG_CHUNK,
    (log) => log.id as number,
    (chunk) => {
      for (const log of chunk) {
        const start = slotStartOf(log.reviewedAt)
        bySlot.set(start, applyLogToSlot(bySlot.get(start) ?? emptySlot(start), log, 1))
      }
    }
  )
  return [...bySlot.values()].sort((a, b) => a.slotStartMs - b.slotStartMs)
}

/** Rebuilds the aggregate from every review log (a repair, and the benchmark's seeding). */
export async function rebuildReviewSlots(db: QuotedeckDatabase): Promise<number> {
  return db.transaction('rw', db.reviewLogs, db.reviewSlots, async () => {
    const slots = await sumLogsIntoSlots(db.reviewLogs as unknown as Table<ReviewLogEntry, number>)
    await db.reviewSlots.clear()
    await db.reviewSlots.bulkPut(slots)
    return slots.length
  })
}

/** Every slot, oldest first (one primary-key range read). */
export async function loadReviewSlots(db: QuotedeckDatabase): Promise<ReviewSlot[]> {
  return db.reviewSlots.toArray()
}
