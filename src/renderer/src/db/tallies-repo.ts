/**
 * The Stats view's maintained card tallies (`cardTallies`, `speakerTallies`, `articleTallies`;
 * version 5): written by the counts middleware in the same transaction as every card write,
 * computed once by the version 5 upgrade, checked and rebuilt by Check Database. The maths is
 * `core/stats/tallies` (pure); this module reads and writes the rows.
 */
import type { DBCore, DBCoreMutateResponse, DBCoreTransaction, Transaction } from 'dexie'
import {
  addCardToTallies,
  emptyTalliesDelta,
  tallyAll,
  type ArticleTallyRow,
  type CardTallyRow,
  type SpeakerTallyRow,
  type TalliedCard
} from '../../../core/stats/tallies'
import type { QuotedeckDatabase } from './schema'

/** The tally tables, derived from the cards (never copied from a backup). */
export const TALLY_TABLES = ['cardTallies', 'speakerTallies', 'articleTallies'] as const

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
  const speakerIds = [...delta.speakers.keys()]
  const articleIds = [...delta.articles.keys()]
  const cardsTable = core.table('cardTallies')
  const speakersTable = core.table('speakerTallies')
  const articlesTable = core.table('articleTallies')
  const [storedCards, storedSpeakers, storedArticles] = (await Promise.all([
    cardKeys.length > 0 ? cardsTable.getMany({ trans, keys: cardKeys }) : [],
    speakerIds.length > 0 ? speakersTable.getMany({ trans, keys: speakerIds }) : [],
    articleIds.length > 0 ? articlesTable.getMany({ trans, keys: articleIds }) : []
  ])) as [
    (CardTallyRow | undefined)[],
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
    deletes: readonly string[]
  ): void => {
    if (puts.length > 0) writes.push(table.mutate({ trans, type: 'put', values: [...puts] }))
    if (deletes.length > 0) writes.push(table.mutate({ trans, type: 'delete', keys: [...deletes] }))
  }
  write(cardsTable, putCards, deleteCards)
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
  await tx.table('speakerTallies').bulkPut(tallies.speakers)
  await tx.table('articleTallies').bulkPut(tallies.articles)
}

/** All three tally tables, as stored. */
export interface StoredTallies {
  cards: CardTallyRow[]
  speakers: SpeakerTallyRow[]
  articles: ArticleTallyRow[]
}

function sortedRows(tallies: StoredTallies): StoredTallies {
  return {
    cards: [...tallies.cards].sort((a, b) => a.key.localeCompare(b.key)),
    speakers: [...tallies.speakers].sort((a, b) => a.speakerId.localeCompare(b.speakerId)),
    articles: [...tallies.articles].sort((a, b) => a.articleId.localeCompare(b.articleId))
  }
}

/** Reads every tally row (tests and Check Database; the Stats view reads only what it shows). */
export async function readAllTallies(db: QuotedeckDatabase): Promise<StoredTallies> {
  const [cards, speakers, articles] = await Promise.all([
    db.cardTallies.toArray(),
    db.speakerTallies.toArray(),
    db.articleTallies.toArray()
  ])
  return sortedRows({ cards, speakers, articles })
}

/** The tallies recounted from every card (tests and benchmarks compare the stored ones with it). */
export async function recountTallies(db: QuotedeckDatabase): Promise<StoredTallies> {
  const cards: TalliedCard[] = []
  await db.cards.each((card) => {
    cards.push(talliedOf(card))
  })
  return tallyAll(cards)
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
