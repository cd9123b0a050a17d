/**
 * The card browser's storage: running a parsed search (through an index where the query allows
 * it), and bulk operations that each run in one transaction and return what undo needs to put
 * every touched card back exactly.
 */
import Dexie from 'dexie'
import {
  matchesSearch,
  type SearchableCard,
  type SearchNode
} from '../../../core/browser/search-query'
import { queueForMemoryState, Queue } from '../../../core/scheduling'
import type { ReviewLogEntry } from '../../../core/scheduling'
import { notifyArticleCardsChanged } from './card-changes'
import { lastRatedAtOf, resetSchedulingFields } from './card-reset'
import { readPrimaryRangeInChunks } from './chunked-read'
import { applyLogsToSlots } from './review-slots-repo'
import type { CardRecord, QuotedeckDatabase } from './schema'

const DAY_MS = 24 * 60 * 60 * 1000

/** A browser row: the stored card plus the names a search and the table show. */
export interface BrowserRow extends SearchableCard {
  card: CardRecord
}

export interface SearchCardsInput {
  node: SearchNode | null
  nowMs: number
  dayEndMs: number
  leechThreshold: number
}

/**
 * Speaker names by `${articleId}|${speakerId}` and article titles by id (from the summaries: no
 * article body is read). Both tables are asked for at once with `getAll`: a cursor waits for
 * every request queued before each of its steps, and behind the card reads that start beside it
 * 2,000 steps took 3.4 s at 100,000 cards.
 */
async function readNames(
  db: QuotedeckDatabase
): Promise<{ speakers: Map<string, string>; titles: Map<string, string> }> {
  const speakers = new Map<string, string>()
  const titles = new Map<string, string>()
  const [extractions, articles] = await Promise.all([
    db.extractions.toArray(),
    db.articleSummaries.toArray()
  ])
  for (const extraction of extractions) {
    for (const speaker of extraction.speakers) {
      speakers.set(`${extraction.articleId}|${speaker.id}`, speaker.name)
    }
  }
  for (const article of articles) titles.set(article.id, article.title)
  return { speakers, titles }
}

/**
 * The cards an index can narrow the search to, or null to read them all. Only terms every match
 * must satisfy (the query itself, or a child of a top-level `and`) are used.
 */
function indexedCandidates(
  db: QuotedeckDatabase,
  node: SearchNode | null,
  input: SearchCardsInput
): Promise<CardRecord[]> | null {
  if (node === null) return null
  const required = node.kind === 'and' ? node.nodes : [node]
  const queueOf: Partial<Record<string, number>> = {
    new: Queue.New,
    learning: Queue.Learning,
    review: Queue.Review,
    suspended: Queue.Suspended,
    buried: Queue.Buried
  }
  for (const term of required) {
    if (term.kind === 'is' && queueOf[term.state] !== undefined) {
      const queue = queueOf[term.state] as number
      return db.cards
        .where('[queue+due]')
        .between([queue, Dexie.minKey], [queue, Dexie.maxKey])
        .toArray()
    }
    if (term.kind === 'is' && term.state === 'due') {
      const due = (queue: number): Promise<CardRecord[]> =>
        db.cards
          .where('[queue+due]')
          .between([queue, -Infinity], [queue, input.dayEndMs], true, false)
          .toArray()
      return Promise.all([due(Queue.Learning), due(Queue.Review)]).then(([a, b]) => [...a, ...b])
    }
    if (term.kind === 'type') {
      return db.cards
        .where('template')
        .anyOf([...term.templates])
        .toArray()
    }
    if (term.kind === 'prop' && term.prop === 'lapses' && term.op !== '!=') {
      const where = db.cards.where('lapses')
      const value = term.value
      const collection =
        term.op === '>'
          ? where.above(value)
          : term.op === '>='
            ? where.aboveOrEqual(value)
            : term.op === '<'
              ? where.below(value)
              : term.op === '<='
                ? where.belowOrEqual(value)
                : where.equals(value)
      return collection.toArray()
    }
  }
  return null
}

/**
 * The cards matching a parsed search, in storage order (the browser sorts them). An `is:` state,
 * `type:` or `prop:lapses` term narrows the read to an index range; the rest of the query is
 * evaluated by `matchesSearch` on the candidates.
 */
export async function searchCards(
  db: QuotedeckDatabase,
  input: SearchCardsInput
): Promise<BrowserRow[]> {
  return db.transaction('r', [db.cards, db.extractions, db.articleSummaries], async () => {
    const [names, cards] = await Promise.all([
      readNames(db),
      // Every card: in parallel chunks (100,000 cards: 3.6–4.3 s as one getAll, 2.9 s so).
      indexedCandidates(db, input.node, input) ??
        readPrimaryRangeInChunks(db.cards, Dexie.minKey, Dexie.maxKey)
    ])
    const context = {
      nowMs: input.nowMs,
      dayEndMs: input.dayEndMs,
      leechThreshold: input.leechThreshold
    }
    const rows: BrowserRow[] = []
    for (const card of cards) {
      const row = toRow(card, names.speakers, names.titles)
      if (matchesSearch(input.node, row, context)) rows.push(row)
    }
    return rows
  })
}

function toRow(
  card: CardRecord,
  speakers: Map<string, string>,
  titles: Map<string, string>
): BrowserRow {
  const speakerName =
    card.answerSpeakerId === null
      ? null
      : (speakers.get(`${card.articleId}|${card.answerSpeakerId}`) ?? card.answerSpeakerId)
  return browserRow(card, speakerName, titles.get(card.articleId) ?? card.articleId)
}

/** The browser row of `card`, shown with the given speaker name and article title. */
export function browserRow(
  card: CardRecord,
  speakerName: string | null,
  articleTitle: string
): BrowserRow {
  return {
    card,
    id: card.id,
    template: card.template,
    prompt: card.prompt,
    answer: card.answer,
    context: card.context,
    speakerName,
    articleTitle,
    queue: card.queue,
    due: card.due,
    lapses: card.lapses,
    reps: card.reps,
    intervalDays: card.scheduledDays,
    stability: card.stability,
    difficulty: card.difficulty,
    createdAt: card.createdAt,
    lastRatedAt: lastRatedAtOf(card)
  }
}

// ---------------------------------------------------------------------------------------------
// Bulk operations

/** What a bulk operation changed, enough to put it back exactly. */
export interface BulkUndo {
  /** The touched cards exactly as they were (deleted ones included). */
  before: CardRecord[]
  /** Ids the operation deleted (their review logs too, kept in `deletedLogs`). */
  deletedIds: string[]
  deletedLogs: unknown[]
}

export type BulkAction =
  | { kind: 'suspend' }
  | { kind: 'unsuspend' }
  | { kind: 'bury'; untilMs: number }
  | { kind: 'reset' }
  | { kind: 'reschedule'; dueMs: number }
  | { kind: 'delete' }

function stamp(previousMs: number, nowMs: number): number {
  return Math.max(nowMs, previousMs + 1)
}

/** The card after `action`, or null when the action leaves it as it is. */
function applied(card: CardRecord, action: BulkAction, nowMs: number): CardRecord | null {
  const updatedAt = stamp(card.updatedAt, nowMs)
  switch (action.kind) {
    case 'suspend':
      if (card.queue === Queue.Suspended) return null
      return {
        ...card,
        queue: Queue.Suspended,
        queueBeforeBury:
          card.queue === Queue.Buried
            ? (card.queueBeforeBury ?? queueForMemoryState(card.memoryState))
            : card.queue,
        buriedUntil: null,
        updatedAt
      }
    case 'unsuspend':
      if (card.queue !== Queue.Suspended) return null
      return {
        ...card,
        queue: card.queueBeforeBury ?? queueForMemoryState(card.memoryState),
        queueBeforeBury: null,
        orphanedAt: null,
        updatedAt
      }
    case 'bury':
      if (card.queue === Queue.Buried || card.queue === Queue.Suspended) return null
      return {
        ...card,
        queue: Queue.Buried,
        queueBeforeBury: card.queue,
        buriedUntil: action.untilMs,
        updatedAt
      }
    case 'reset':
      // The FSRS state starts over; the review logs stay (history is kept).
      return { ...card, ...resetSchedulingFields(card, nowMs), updatedAt }
    case 'reschedule':
      // Only the due date moves: the memory state is the scheduler's, not the user's, to set.
      return {
        ...card,
        due: action.dueMs,
        scheduledDays: Math.max(0, Math.round((action.dueMs - nowMs) / DAY_MS)),
        updatedAt
      }
    case 'delete':
      return null
  }
}

/**
 * Applies `action` to the cards `ids` in one transaction and returns the undo record and the
 * cards as written (`after`; empty for a delete). Deleting
 * removes the cards and their review logs (kept in the undo record).
 */
export async function applyBulkAction(
  db: QuotedeckDatabase,
  ids: readonly string[],
  action: BulkAction,
  nowMs: number
): Promise<{ changed: number; undo: BulkUndo; after: CardRecord[] }> {
  const result = await db.transaction('rw', db.cards, db.reviewLogs, db.reviewSlots, async () => {
    const stored = (await db.cards.bulkGet([...ids])).filter(
      (card): card is CardRecord => card !== undefined
    )
    if (action.kind === 'delete') {
      const cardIds = stored.map((card) => card.id)
      const logs = await db.reviewLogs.where('cardId').anyOf(cardIds).toArray()
      await db.reviewLogs.bulkDelete(logs.map((log) => log.id as number))
      await applyLogsToSlots(db, logs, -1)
      await db.cards.bulkDelete(cardIds)
      return {
        changed: cardIds.length,
        undo: { before: stored, deletedIds: cardIds, deletedLogs: logs },
        after: []
      }
    }
    const before: CardRecord[] = []
    const writes: CardRecord[] = []
    for (const card of stored) {
      const next = applied(card, action, nowMs)
      if (next === null) continue
      before.push(card)
      writes.push(next)
    }
    await db.cards.bulkPut(writes)
    return {
      changed: writes.length,
      undo: { before, deletedIds: [], deletedLogs: [] },
      after: writes
    }
  })
  if (result.undo.deletedIds.length > 0) {
    notifyArticleCardsChanged(db, [...new Set(result.undo.before.map((card) => card.articleId))])
  }
  return result
}

/** Puts back exactly what `applyBulkAction` changed (cards and deleted review logs). */
export async function undoBulkAction(db: QuotedeckDatabase, undo: BulkUndo): Promise<void> {
  await db.transaction('rw', db.cards, db.reviewLogs, db.reviewSlots, async () => {
    await db.cards.bulkPut(undo.before)
    if (undo.deletedLogs.length > 0) {
      await db.reviewLogs.bulkPut(undo.deletedLogs as Parameters<typeof db.reviewLogs.bulkPut>[0])
      await applyLogsToSlots(db, undo.deletedLogs as ReviewLogEntry[], 1)
    }
  })
  if (undo.deletedIds.length > 0) {
    notifyArticleCardsChanged(db, [...new Set(undo.before.map((card) => card.articleId))])
  }
}

// ---------------------------------------------------------------------------------------------
// One card: history, edits

/** A card's review log, oldest first. */
export async function cardReviewHistory(
  db: QuotedeckDatabase,
  cardId: string
): Promise<ReviewLogEntry[]> {
  return db.reviewLogs
    .where('[cardId+reviewedAt]')
    .between([cardId, Dexie.minKey], [cardId, Dexie.maxKey])
    .toArray()
}

/** The card's front and back as the user wrote them. */
export interface CardTextEdit {
  prompt: string
  answer: string
}

/**
 * Stores new front and back text for a card. Returns the stored card, or null when the card is
 * gone (deleted meanwhile).
 */
export async function updateCardText(
  db: QuotedeckDatabase,
  cardId: string,
  edit: CardTextEdit,
  nowMs: number
): Promise<CardRecord | null> {
  return db.transaction('rw', db.cards, async () => {
    const card = await db.cards.get(cardId)
    if (!card) return null
    const next: CardRecord = {
      ...card,
      prompt: edit.prompt,
      answer: edit.answer,
      updatedAt: stamp(card.updatedAt, nowMs)
    }
    await db.cards.put(next)
    return next
  })
}
