import { liveQuery } from 'dexie'
import type { Article } from '../../../core/article/types'
import type {
  ArticleRecord,
  CardRecord,
  CorrectionRecord,
  ExtractionRecord,
  NoteRecord,
  QuotedeckDatabase
} from './schema'
import { notifyArticleCardsChanged } from './card-changes'
import { deleteConfusionsForArticle, restoreConfusions, type StoredConfusion } from './quiz-repo'

/** What the Library list needs of an article: everything except its body. */
export interface ArticleSummary {
  id: string
  title: string
  byline: string | null
  source: Article['source']
  wordCount: number
  /** Number of lines of page furniture the loader removed. */
  removedLineCount: number
  /** Flashcards made from the article so far. */
  cardCount: number
  /** Epoch ms. */
  addedAt: number
}

/** Outcome of adding an article. */
export interface AddArticleOutcome {
  record: ArticleRecord
  /** False when the same article (same id) was already in the library. */
  added: boolean
}

/** Everything a removal deleted, so it can be put back exactly (Undo). */
export interface RemovedArticleSnapshot {
  article: ArticleRecord
  extraction: ExtractionRecord | null
  corrections: CorrectionRecord[]
  notes: NoteRecord[]
  cards: CardRecord[]
  /** Speaker mix-ups recorded on the article's quizzes (quiz attempts stay, as history). */
  confusions: StoredConfusion[]
}

/** Strips the body so lists never hold article texts. */
export function toArticleSummary(record: ArticleRecord, cardCount = 0): ArticleSummary {
  return {
    id: record.id,
    title: record.title,
    byline: record.byline,
    source: record.source,
    wordCount: record.wordCount,
    removedLineCount: record.removed.length,
    cardCount,
    addedAt: record.addedAt
  }
}

/** Articles counted per read transaction (see `countCardsOfArticles`). */
const articlesPerCountBatch = 50

/**
 * How many cards each article has, counted on the `articleId` index one key range per article:
 * IndexedDB counts a range without sending a card (or a key) to the page, and articles are few.
 * The backend still steps over every index entry (~10 µs each in Chromium: ~1 s for 100,000
 * cards), so the counts go in small batches, one after another: a study queue or an answer asked
 * for meanwhile waits behind one batch, not behind all of them. Once `cancelled()` returns true no
 * further batch starts, and the counts so far are returned.
 */
export async function countCardsOfArticles(
  db: QuotedeckDatabase,
  articleIds: readonly string[],
  options: { cancelled?: () => boolean } = {}
): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (let start = 0; start < articleIds.length; start += articlesPerCountBatch) {
    // Nobody wants the rest any more (the Library was left): free the database at once.
    if (options.cancelled?.()) break
    const batch = articleIds.slice(start, start + articlesPerCountBatch)
    const batchCounts = await db.transaction('r', db.cards, () =>
      Promise.all(batch.map((id) => db.cards.where('articleId').equals(id).count()))
    )
    batch.forEach((id, index) => counts.set(id, batchCounts[index]))
  }
  return counts
}

/**
 * Adds an article, or refreshes it when one with the same id (the same cleaned text) is already
 * stored. Re-adding keeps the original `addedAt` so the library order does not jump around.
 */
export async function addArticle(
  db: QuotedeckDatabase,
  article: Article,
  nowMs: number
): Promise<AddArticleOutcome> {
  return db.transaction('rw', db.articles, async () => {
    const existing = await db.articles.get(article.id)
    const record: ArticleRecord = { ...article, addedAt: existing?.addedAt ?? nowMs }
    await db.articles.put(record)
    return { record, added: existing === undefined }
  })
}

/** What to include when listing the library. */
export interface ListArticleSummariesOptions {
  /** Count each article's cards (one index range count per article); else `cardCount` is 0. */
  withCardCounts?: boolean
}

/**
 * The library, newest first, as summaries. IndexedDB has no projections, so records are walked
 * with a cursor and reduced one at a time: no array of full bodies is ever built. No card is read:
 * card counts come from index range counts (`countCardsOfArticles`).
 */
export async function listArticleSummaries(
  db: QuotedeckDatabase,
  options: ListArticleSummariesOptions = {}
): Promise<ArticleSummary[]> {
  const summaries: ArticleSummary[] = []
  await db.articles
    .orderBy('addedAt')
    .reverse()
    .each((record) => {
      summaries.push(toArticleSummary(record))
    })
  if (options.withCardCounts ?? true) {
    const counts = await countCardsOfArticles(
      db,
      summaries.map((summary) => summary.id)
    )
    for (const summary of summaries) summary.cardCount = counts.get(summary.id) ?? 0
  }
  return summaries
}

/**
 * Calls `listener` with the summaries (without card counts) now and whenever the articles table
 * changes. Only articles are observed: card writes (every answer) never re-run it. Returns the
 * unsubscribe function.
 */
export function watchArticleSummaries(
  db: QuotedeckDatabase,
  listener: (summaries: ArticleSummary[]) => void,
  onError: (error: unknown) => void
): () => void {
  const subscription = liveQuery(() =>
    listArticleSummaries(db, { withCardCounts: false })
  ).subscribe({ next: listener, error: onError })
  return () => subscription.unsubscribe()
}

/** Number of articles in the library. */
export async function countArticles(db: QuotedeckDatabase): Promise<number> {
  return db.articles.count()
}

/** One article with its body, or null when it is not in the library. */
export async function getArticle(
  db: QuotedeckDatabase,
  articleId: string
): Promise<ArticleRecord | null> {
  return (await db.articles.get(articleId)) ?? null
}

/**
 * Removes an article with its extraction, corrections, notes and cards in one transaction, and
 * returns what was deleted. Review logs stay: they are the append-only study history. Returns null
 * when the article was not in the library.
 */
export async function removeArticle(
  db: QuotedeckDatabase,
  articleId: string
): Promise<RemovedArticleSnapshot | null> {
  const removed = await db.transaction(
    'rw',
    [db.articles, db.extractions, db.corrections, db.notes, db.cards, db.confusions],
    async () => {
      const article = await db.articles.get(articleId)
      if (!article) return null
      const snapshot: RemovedArticleSnapshot = {
        article,
        extraction: (await db.extractions.get(articleId)) ?? null,
        corrections: await db.corrections.where('articleId').equals(articleId).toArray(),
        notes: await db.notes.where('articleId').equals(articleId).toArray(),
        cards: await db.cards.where('articleId').equals(articleId).toArray(),
        confusions: await deleteConfusionsForArticle(db, articleId)
      }
      await db.articles.delete(articleId)
      await db.extractions.delete(articleId)
      await db.corrections.where('articleId').equals(articleId).delete()
      await db.notes.where('articleId').equals(articleId).delete()
      await db.cards.where('articleId').equals(articleId).delete()
      return snapshot
    }
  )
  if (removed && removed.cards.length > 0) notifyArticleCardsChanged(db, [articleId])
  return removed
}

/** Puts back exactly what `removeArticle` deleted (cards keep their scheduling state). */
export async function restoreArticle(
  db: QuotedeckDatabase,
  snapshot: RemovedArticleSnapshot
): Promise<void> {
  await db.transaction(
    'rw',
    [db.articles, db.extractions, db.corrections, db.notes, db.cards, db.confusions],
    async () => {
      await db.articles.put(snapshot.article)
      if (snapshot.extraction) await db.extractions.put(snapshot.extraction)
      if (snapshot.corrections.length > 0) await db.corrections.bulkPut(snapshot.corrections)
      if (snapshot.notes.length > 0) await db.notes.bulkPut(snapshot.notes)
      if (snapshot.cards.length > 0) await db.cards.bulkPut(snapshot.cards)
      await restoreConfusions(db, snapshot.confusions)
    }
  )
  if (snapshot.cards.length > 0) notifyArticleCardsChanged(db, [snapshot.article.id])
}
