/**
 * Missed cards: every card rated Again in study (or in a scheduled quiz answer) and every card
 * answered wrong in a quiz. Booleans are never indexed, so reads are indexed time ranges
 * (`[grade+reviewedAt]`, `answeredAt`) filtered in memory.
 */
import type { CardTemplate } from '../../../core/cards/types'
import { Queue, queueForMemoryState } from '../../../core/scheduling'
import { fail, ok, type Result } from '../../../shared/result'
import type { CardRecord, QuotedeckDatabase } from './schema'

/** Which misses to list. */
export interface MissedQuery {
  /** Epoch ms of the earliest miss to count; null for all time. */
  sinceMs: number | null
  articleId?: string | null
  template?: CardTemplate | null
  /** Lapses at which a card is flagged as a leech. */
  leechThreshold: number
}

/** A missed card with what the list shows about it. */
export interface MissedCard {
  card: CardRecord
  /** Misses in the period (a scheduled quiz miss counts once, not as both log and attempt). */
  missCount: number
  /** Epoch ms of the latest miss. */
  lastMissedAt: number
  /** Where the misses happened. */
  sources: Array<'study' | 'quiz'>
  leech: boolean
  /** Epoch ms of the first right answer after the latest miss (any source), or null. */
  rightSinceAt: number | null
}

interface MissTally {
  count: number
  lastAt: number
  sources: Set<'study' | 'quiz'>
}

/**
 * The missed cards for the filters, most lapses first (then most misses, then the latest miss).
 * Suspended cards stay in the list so the user can see what they suspended.
 */
export async function listMissedCards(
  db: QuotedeckDatabase,
  query: MissedQuery
): Promise<MissedCard[]> {
  const since = query.sinceMs ?? -Infinity
  const tallies = new Map<string, MissTally>()
  const tally = (cardId: string, at: number, source: 'study' | 'quiz'): void => {
    const entry = tallies.get(cardId) ?? { count: 0, lastAt: -Infinity, sources: new Set() }
    entry.count++
    entry.lastAt = Math.max(entry.lastAt, at)
    entry.sources.add(source)
    tallies.set(cardId, entry)
  }

  await db.transaction('r', [db.reviewLogs, db.quizAttempts, db.cards], async () => {
    const [againLogs, attempts] = await Promise.all([
      db.reviewLogs
        .where('[grade+reviewedAt]')
        .between([1, since], [1, Infinity], true, true)
        .toArray(),
      db.quizAttempts.where('answeredAt').aboveOrEqual(since).toArray()
    ])
    for (const log of againLogs) {
      if (log.source === 'practice') continue
      tally(log.cardId, log.reviewedAt, log.source)
    }
    for (const attempt of attempts) {
      // A scheduled wrong answer already has its Again log; count it once.
      if (attempt.correct || attempt.scheduled === 1) continue
      tally(attempt.cardId, attempt.answeredAt, 'quiz')
    }
  })

  const ids = [...tallies.keys()]
  const cards = await db.cards.bulkGet(ids)
  const missed: MissedCard[] = []
  cards.forEach((card, index) => {
    if (!card) return
    if (query.articleId && card.articleId !== query.articleId) return
    if (query.template && card.template !== query.template) return
    const entry = tallies.get(ids[index])!
    missed.push({
      card,
      missCount: entry.count,
      lastMissedAt: entry.lastAt,
      sources: [...entry.sources].sort(),
      leech: card.lapses >= query.leechThreshold,
      rightSinceAt: null
    })
  })

  await Promise.all(
    missed.map(async (entry) => {
      const later = await db.reviewLogs
        .where('[cardId+reviewedAt]')
        .between([entry.card.id, entry.lastMissedAt], [entry.card.id, Infinity], false, true)
        .filter((log) => log.grade > 1)
        .first()
      entry.rightSinceAt = later?.reviewedAt ?? null
    })
  )

  return missed.sort(
    (a, b) =>
      b.card.lapses - a.card.lapses ||
      b.missCount - a.missCount ||
      b.lastMissedAt - a.lastMissedAt ||
      a.card.id.localeCompare(b.card.id)
  )
}

/** Articles and card types present among missed cards (for the filter menus). */
export async function missedFilterOptions(
  db: QuotedeckDatabase,
  leechThreshold: number
): Promise<{ articleIds: string[]; templates: CardTemplate[] }> {
  const all = await listMissedCards(db, { sinceMs: null, leechThreshold })
  return {
    articleIds: [...new Set(all.map((entry) => entry.card.articleId))].sort(),
    templates: [...new Set(all.map((entry) => entry.card.template))].sort()
  }
}

/**
 * Reads a card and, unless `change` returns null (nothing to do), stores it with the changed
 * fields and a newer `updatedAt` — in one transaction. Returns the card as it now is.
 */
async function changeCard(
  db: QuotedeckDatabase,
  cardId: string,
  nowMs: number,
  change: (card: CardRecord) => Partial<CardRecord> | null
): Promise<Result<CardRecord>> {
  return db.transaction('rw', db.cards, async () => {
    const card = await db.cards.get(cardId)
    if (!card) return fail('NOT_FOUND', 'This card no longer exists.')
    const changed = change(card)
    if (!changed) return ok(card)
    const updated: CardRecord = {
      ...card,
      ...changed,
      updatedAt: Math.max(nowMs, card.updatedAt + 1)
    }
    await db.cards.put(updated)
    return ok(updated)
  })
}

/**
 * Suspends a card: it leaves every study queue until unsuspended. The queue it came from is kept
 * in `queueBeforeBury` (a buried card keeps the queue it was buried from).
 */
export function suspendCard(
  db: QuotedeckDatabase,
  cardId: string,
  nowMs: number
): Promise<Result<CardRecord>> {
  return changeCard(db, cardId, nowMs, (card) =>
    card.queue === Queue.Suspended
      ? null
      : {
          queue: Queue.Suspended,
          queueBeforeBury: card.queue === Queue.Buried ? card.queueBeforeBury : card.queue,
          buriedUntil: null
        }
  )
}

/** Puts a suspended card back in the queue it was suspended from. */
export function unsuspendCard(
  db: QuotedeckDatabase,
  cardId: string,
  nowMs: number
): Promise<Result<CardRecord>> {
  return changeCard(db, cardId, nowMs, (card) =>
    card.queue !== Queue.Suspended
      ? null
      : {
          queue: card.queueBeforeBury ?? queueForMemoryState(card.memoryState),
          queueBeforeBury: null
        }
  )
}
