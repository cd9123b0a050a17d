/**
 * The Stats view's maintained card tallies (`cardTallies`, `speakerTallies`, `articleTallies`;
 * version 5): written by the counts middleware in the same transaction as every card write,
 * computed once by the version 5 upgrade, checked and rebuilt by Check Database. The maths is
 * `core/stats/tallies` (pure); this module reads and writes the rows.
 */
import type { DBCore, DBCoreMutateResponse, DBCoreTransaction, Transaction } from 'dexie'
import { SLOT_MS } from '../../../core/stats/slots'
import {
  addCardToTallies,
  DUE_FOLD_SLOT,
  dueCountsInBins,
  emptyTalliesDelta,
  foldDueRows,
  tallyAll,
  type ArticleTallyRow,
  type CardTallyRow,
  type DueTallyRow,
  type SpeakerTallyRow,
  type TalliedCard
} from '../../../core/stats/tallies'
import type { QuotedeckDatabase } from './schema'
import { readPrimaryRangeInChunks } from './chunked-read'

/** The tally tables, derived from the cards (never copied from a backup). */
export const TALLY_TABLES = [
  'cardTallies',
  'dueTallies',
  'speakerTallies',
  'articleTallies'
] as const

/** One card written (+1) or replaced/deleted (-1), as the counts middleware sees it. */
export interface TalliedChange {
  card: TalliedCard
  sign: 1 | -1
}

async function failIfAny(writes: Promise<unknown>[]): Promise<void> {
  const results = (await Promise.all(writes)) as DBCoreMutateResponse[]
  for (const result of results) {
    if (result.numFailures > 0) throw Object.values(result.failures)[0]
  }
}

/**
 * Applies the changes of one card write to the tallies through `core` (below the middleware),
 * in the write's transaction. Rows that reach zero are deleted.
 */
export async function applyTallyChanges(
  core: DBCore,
  trans: DBCoreTransaction,
  changes: readonly TalliedChange[]
): Promise<void> {
  const delta = emptyTalliesDelta()
  for (const change of changes) addCardToTallies(delta, change.card, change.sign)
  const cardKeys = [...delta.cards].filter(([, count]) => count !== 0).map(([key]) => key)
  const dueSlots = [...delta.dueSlots].filter(([, count]) => count !== 0).map(([slot]) => slot)
  const speakerIds = [...delta.speakers.keys()]
  const articleIds = [...delta.articles.keys()]
  const cardsTable = core.table('cardTallies')
  const dueTable = core.table('dueTallies')
  const speakersTable = core.table('speakerTallies')
  const articlesTable = core.table('articleTallies')
  const [storedCards, storedDue, storedSpeakers, storedArticles] = (await Promise.all([
    cardKeys.length > 0 ? cardsTable.getMany({ trans, keys: cardKeys }) : [],
    // The fold row first: slots below its mark count in it.
    dueSlots.length > 0 ? dueTable.getMany({ trans, keys: [DUE_FOLD_SLOT, ...dueSlots] }) : [],
    speakerIds.length > 0 ? speakersTable.getMany({ trans, keys: speakerIds }) : [],
    articleIds.length > 0 ? articlesTable.getMany({ trans, keys: articleIds }) : []
  ])) as [
    (CardTallyRow | undefined)[],
    (DueTallyRow | undefined)[],
    (SpeakerTallyRow | undefined)[],
    (ArticleTallyRow | undefined)[]
  ]

  const putCards: CardTallyRow[] = []
  const deleteCards: string[] = []
  cardKeys.forEach((key, index) => {
    const count = (storedCards[index]?.count ?? 0) + (delta.cards.get(key) ?? 0)
    if (count <= 0) deleteCards.push(key)
    else putCards.push({ key, count })
  })

  const putDue: DueTallyRow[] = []
  const deleteDue: number[] = []
  if (dueSlots.length > 0) {
    const fold = storedDue[0]
    const foldedBelowSlot = fold?.foldedBelowSlot ?? 0
    let foldChange = 0
    dueSlots.forEach((slot, index) => {
      const change = delta.dueSlots.get(slot) ?? 0
      if (slot < foldedBelowSlot) {
        foldChange += change
        return
      }
      const count = (storedDue[index + 1]?.count ?? 0) + change
      if (count <= 0) deleteDue.push(slot)
      else putDue.push({ slot, count })
    })
    if (foldChange !== 0) {
      putDue.push({ slot: DUE_FOLD_SLOT, count: (fold?.count ?? 0) + foldChange, foldedBelowSlot })
    }
  }

  const putSpeakers: SpeakerTallyRow[] = []
  const deleteSpeakers: string[] = []
  speakerIds.forEach((speakerId, index) => {
    const change = delta.speakers.get(speakerId)!
    const stored = storedSpeakers[index]
    const row: SpeakerTallyRow = {
      speakerId,
      articleId: change.articleId,
      name: change.name,
      whoSaidCards: (stored?.whoSaidCards ?? 0) + change.whoSaidCards,
      mature: (stored?.mature ?? 0) + change.mature,
      lapses: (stored?.lapses ?? 0) + change.lapses
    }
    if (row.whoSaidCards <= 0) deleteSpeakers.push(speakerId)
    else putSpeakers.push(row)
  })

  const putArticles: ArticleTallyRow[] = []
  const deleteArticles: string[] = []
  articleIds.forEach((articleId, index) => {
    const change = delta.articles.get(articleId)!
    const stored = storedArticles[index]
    const row: ArticleTallyRow = {
      articleId,
      cards: (stored?.cards ?? 0) + change.cards,
      studied: (stored?.studied ?? 0) + change.studied,
      mature: (stored?.mature ?? 0) + change.mature,
      lapses: (stored?.lapses ?? 0) + change.lapses
    }
    if (row.cards <= 0) deleteArticles.push(articleId)
    else putArticles.push(row)
  })

  const writes: Promise<unknown>[] = []
  const write = (
    table: typeof cardsTable,
    puts: readonly object[],
    deletes: readonly (string | number)[]
  ): void => {
    if (puts.length > 0) writes.push(table.mutate({ trans, type: 'put', values: [...puts] }))
    if (deletes.length > 0) writes.push(table.mutate({ trans, type: 'delete', keys: [...deletes] }))
  }
  write(cardsTable, putCards, deleteCards)
  write(dueTable, putDue, deleteDue)
  write(speakersTable, putSpeakers, deleteSpeakers)
  write(articlesTable, putArticles, deleteArticles)
  await failIfAny(writes)
}

function talliedOf(card: TalliedCard): TalliedCard {
  return {
    articleId: card.articleId,
    template: card.template,
    answerSpeakerId: card.answerSpeakerId ?? null,
    answer: card.answer,
    queue: card.queue,
    due: card.due,
    memoryState: card.memoryState,
    scheduledDays: card.scheduledDays,
    stability: card.stability,
    difficulty: card.difficulty,
    lapses: card.lapses
  }
}

/**
 * Version 5's upgrade: tallies the cards of an existing collection once, walking them with a
 * cursor so the whole table is never held at once.
 */
export async function computeTalliesInUpgrade(tx: Transaction): Promise<void> {
  const cards: TalliedCard[] = []
  await tx
    .table('cards')
    .toCollection()
    .each((card: TalliedCard) => {
      cards.push(talliedOf(card))
    })
  const tallies = tallyAll(cards)
  await tx.table('cardTallies').bulkPut(tallies.cards)
  await tx.table('dueTallies').bulkPut(tallies.dueSlots)
  await tx.table('speakerTallies').bulkPut(tallies.speakers)
  await tx.table('articleTallies').bulkPut(tallies.articles)
}

/** All three tally tables, as stored. */
export interface StoredTallies {
  cards: CardTallyRow[]
  /** Compared folded at the stored fold mark (see `readAllTallies`). */
  dueSlots: DueTallyRow[]
  speakers: SpeakerTallyRow[]
  articles: ArticleTallyRow[]
}

function sortedRows(tallies: StoredTallies, foldedBelowSlot: number): StoredTallies {
  return {
    cards: [...tallies.cards].sort((a, b) => a.key.localeCompare(b.key)),
    dueSlots: foldDueRows(tallies.dueSlots, foldedBelowSlot),
    speakers: [...tallies.speakers].sort((a, b) => a.speakerId.localeCompare(b.speakerId)),
    articles: [...tallies.articles].sort((a, b) => a.articleId.localeCompare(b.articleId))
  }
}

async function foldMark(db: QuotedeckDatabase): Promise<number> {
  return (await db.dueTallies.get(DUE_FOLD_SLOT))?.foldedBelowSlot ?? 0
}

/**
 * Reads every tally row (tests and Check Database; the Stats view reads only what it shows), the
 * due rows as folded at the stored fold mark.
 */
export async function readAllTallies(db: QuotedeckDatabase): Promise<StoredTallies> {
  const [cards, dueSlots, speakers, articles, mark] = await Promise.all([
    db.cardTallies.toArray(),
    db.dueTallies.toArray(),
    db.speakerTallies.toArray(),
    db.articleTallies.toArray(),
    foldMark(db)
  ])
  return sortedRows({ cards, dueSlots, speakers, articles }, mark)
}

/**
 * The tallies recounted from every card, due rows folded at the stored fold mark (tests and
 * Check Database compare the stored ones with it).
 */
export async function recountTallies(db: QuotedeckDatabase): Promise<StoredTallies> {
  const cards: TalliedCard[] = []
  await db.cards.each((card) => {
    cards.push(talliedOf(card))
  })
  return sortedRows(tallyAll(cards), await foldMark(db))
}

/**
 * Folds the due slots before `nowMs` into the fold row, so a forecast reads only the slots
 * ahead. Exact at any time: it changes where an overdue card is counted, never whether.
 */
export async function foldDueTallies(db: QuotedeckDatabase, nowMs: number): Promise<void> {
  const nowSlot = Math.floor(nowMs / SLOT_MS)
  await db.transaction('rw', db.dueTallies, async () => {
    const fold = await db.dueTallies.get(DUE_FOLD_SLOT)
    const from = fold?.foldedBelowSlot ?? 0
    if (from >= nowSlot) return
    const past = await db.dueTallies.where('slot').between(0, nowSlot, true, false).toArray()
    const sum = past.reduce((total, row) => total + row.count, 0)
    await db.dueTallies.bulkDelete(past.map((row) => row.slot))
    await db.dueTallies.put({
      slot: DUE_FOLD_SLOT,
      count: (fold?.count ?? 0) + sum,
      foldedBelowSlot: nowSlot
    })
  })
}

/**
 * Learning and review cards due in each bin from the due tallies (the first bin also holds
 * what is overdue), after folding the slots already past. Buried cards are not in them.
 */
export async function dueTalliesInBins(
  db: QuotedeckDatabase,
  nowMs: number,
  bins: readonly { startMs: number; endMs: number }[]
): Promise<number[]> {
  if (bins.length === 0) return []
  await foldDueTallies(db, nowMs)
  const endSlot = Math.ceil(bins[bins.length - 1].endMs / SLOT_MS)
  return db.transaction('r', db.dueTallies, async () => {
    const fold = await db.dueTallies.get(DUE_FOLD_SLOT)
    const rows = await readPrimaryRangeInChunks(
      db.dueTallies,
      fold?.foldedBelowSlot ?? 0,
      endSlot,
      { includeUpper: false }
    )
    return dueCountsInBins(bins, fold?.count ?? 0, rows)
  })
}

/**
 * Compares the stored tallies with a recount and, when they differ, replaces them — in the
 * caller's transaction when there is one (it must include `cards` and the tally tables). Returns
 * whether they had drifted.
 */
export async function checkAndRebuildTallies(db: QuotedeckDatabase): Promise<boolean> {
  return db.transaction(
    'rw',
    [db.cards, db.cardTallies, db.speakerTallies, db.articleTallies],
    async () => {
      const fresh = await recountTallies(db)
      const stored = await readAllTallies(db)
      // A speaker's stored name is the latest written card's, a recount's the last card read: only
      // the counts must agree.
      const countsOf = (tallies: StoredTallies): string =>
        JSON.stringify({
          ...tallies,
          speakers: tallies.speakers.map((row) => ({ ...row, name: '' }))
        })
      const drifted = countsOf(fresh) !== countsOf(stored)
      if (drifted) {
        await Promise.all([
          db.cardTallies.clear(),
          db.speakerTallies.clear(),
          db.articleTallies.clear()
        ])
        await Promise.all([
          db.cardTallies.bulkPut(fresh.cards),
          db.speakerTallies.bulkPut(fresh.speakers),
          db.articleTallies.bulkPut(fresh.articles)
        ])
      }
      return drifted
    }
  )
}
