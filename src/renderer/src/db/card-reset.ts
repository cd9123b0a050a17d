/**
 * Resetting a card to new without forgetting when it was last answered. The FSRS state starts
 * over (its `lastReviewedAt` is cleared) but the history stays, and `rated:` searches the history:
 * a card answered yesterday and reset today was still rated yesterday. So the reset keeps that
 * time on the card (`answeredBeforeResetAt`), and the browser reads it from the card it already
 * holds instead of reading review logs for every `rated:` search.
 */
import type { Table } from 'dexie'
import { newSchedulingState } from '../../../core/scheduling'
import type { ReviewLogEntry } from '../../../core/scheduling/types'
import { forEachChunkInKeyOrder } from './chunked-read'
import type { CardRecord } from './schema'

type RatedFields = Pick<CardRecord, 'lastReviewedAt' | 'answeredBeforeResetAt'>

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/**
 * Epoch ms of the card's latest answer that moved its schedule (practice left out), null when
 * there was none: its last review, or the last one before a reset, whichever is later.
 */
export function lastRatedAtOf(card: RatedFields): number | null {
  const reviewed = finiteOrNull(card.lastReviewedAt)
  const beforeReset = finiteOrNull(card.answeredBeforeResetAt)
  if (reviewed === null) return beforeReset
  if (beforeReset === null) return reviewed
  return Math.max(reviewed, beforeReset)
}

/** The scheduling fields of `card` started over at `nowMs`, keeping when it was last answered. */
export function resetSchedulingFields(
  card: RatedFields,
  nowMs: number
): ReturnType<typeof newSchedulingState> & Pick<CardRecord, 'answeredBeforeResetAt'> {
  return { ...newSchedulingState(nowMs), answeredBeforeResetAt: lastRatedAtOf(card) }
}

/** Logs read per request by the upgrade (a `getAll` per chunk). */
const LOG_CHUNK = 2000
/** Cards read per request by the upgrade. */
const CARD_CHUNK = 500

/**
 * Schema version 7: cards reset to new before the reset kept their last answer's time get it
 * from their logs. Every log is read chunk by chunk (never all at once); only cards whose latest
 * scheduled answer is later than their `lastReviewedAt` are written, which in a collection is
 * the cards reset after an answer. Returns how many cards were written.
 */
export async function keepAnswerTimesInUpgrade(
  logs: Table<ReviewLogEntry, number>,
  cards: Table<CardRecord, string>
): Promise<number> {
  const latestByCard = new Map<string, number>()
  await forEachChunkInKeyOrder(
    logs,
    LOG_CHUNK,
    (log) => log.id as number,
    (chunk) => {
      for (const log of chunk) {
        if (log.source === 'practice' || !Number.isFinite(log.reviewedAt)) continue
        const known = latestByCard.get(log.cardId)
        if (known === undefined || log.reviewedAt > known) {
          latestByCard.set(log.cardId, log.reviewedAt)
        }
      }
    }
  )
  const ids = [...latestByCard.keys()]
  let written = 0
  for (let start = 0; start < ids.length; start += CARD_CHUNK) {
    const stored = await cards.bulkGet(ids.slice(start, start + CARD_CHUNK))
    const changed: CardRecord[] = []
    for (const card of stored) {
      if (card === undefined) continue
      const latest = latestByCard.get(card.id) as number
      const known = lastRatedAtOf(card)
      if (known === null || latest > known) {
        changed.push({ ...card, answeredBeforeResetAt: latest })
      }
    }
    if (changed.length > 0) await cards.bulkPut(changed)
    written += changed.length
  }
  return written
}
