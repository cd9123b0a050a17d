/**
 * Resetting a card to new without forgetting when it was last answered. The FSRS state starts
 * over (its `lastReviewedAt` is cleared) but the history stays, and `rated:` searches the history:
 * a card answered yesterday and reset today was still rated yesterday. So the reset keeps that
 * time on the card (`answeredBeforeResetAt`), and the browser reads it from the card it already
 * holds instead of reading review logs for every `rated:` search.
 */
import Dexie, { type Table } from 'dexie'
import { newSchedulingState, Queue } from '../../../core/scheduling'
import type { ReviewLogEntry } from '../../../core/scheduling/types'
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

/** Candidate cards whose logs are looked up side by side in the upgrade. */
const CARD_CHUNK = 1000

/**
 * Schema version 7: cards reset to new before the reset kept their last answer's time get it
 * from their logs. A reset leaves a card new (then perhaps suspended or buried), never learning
 * or in review, so only the cards in those queues are looked at: their keys come from the
 * `[queue+due]` index, each one's log ids from the `[cardId+reviewedAt]` index (latest last),
 * and only the latest logs are read. Reading every log instead took about a minute at 500,000
 * logs in Chromium; this reads keys and a few thousand rows. A card is written only when its
 * latest scheduled answer (practice left out) is later than what it knows. Returns how many
 * cards were written.
 */
export async function keepAnswerTimesInUpgrade(
  logs: Table<ReviewLogEntry, number>,
  cards: Table<CardRecord, string>
): Promise<number> {
  const candidateIds = (await cards
    .where('[queue+due]')
    .between([Queue.Buried, Dexie.minKey], [Queue.New, Dexie.maxKey], true, true)
    .primaryKeys()) as string[]
  let written = 0
  for (let start = 0; start < candidateIds.length; start += CARD_CHUNK) {
    const ids = candidateIds.slice(start, start + CARD_CHUNK)
    const latest = await Promise.all(ids.map((id) => latestScheduledAnswerAt(logs, id)))
    const answeredAtById = new Map<string, number>()
    ids.forEach((id, index) => {
      const answeredAt = latest[index]
      if (answeredAt !== null) answeredAtById.set(id, answeredAt)
    })
    if (answeredAtById.size === 0) continue
    const stored = await cards.bulkGet([...answeredAtById.keys()])
    const changed: CardRecord[] = []
    for (const card of stored) {
      if (card === undefined) continue
      const answeredAt = answeredAtById.get(card.id) as number
      const known = lastRatedAtOf(card)
      if (known === null || answeredAt > known) {
        changed.push({ ...card, answeredBeforeResetAt: answeredAt })
      }
    }
    if (changed.length > 0) await cards.bulkPut(changed)
    written += changed.length
  }
  return written
}

/**
 * Epoch ms of the card's latest answer that moved its schedule, from its logs (null when none):
 * the log ids come in answer-time order, so usually only the last log is read.
 */
async function latestScheduledAnswerAt(
  logs: Table<ReviewLogEntry, number>,
  cardId: string
): Promise<number | null> {
  const logIds = (await logs
    .where('[cardId+reviewedAt]')
    .between([cardId, Dexie.minKey], [cardId, Dexie.maxKey], true, true)
    .primaryKeys()) as number[]
  for (let index = logIds.length - 1; index >= 0; index--) {
    const log = await logs.get(logIds[index])
    if (log && log.source !== 'practice' && Number.isFinite(log.reviewedAt)) return log.reviewedAt
  }
  return null
}
