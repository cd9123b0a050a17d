import { liveQuery } from 'dexie'
import type { Article } from '../../../core/article/types'
import { summaryOfArticle, type ArticleSummaryRecord } from './article-summaries'
import type {
  ArticleRecord,
  CardRecord,
  CorrectionRecord,
  ExtractionRecord,
  NoteRecord,
  QuotedeckDatabase
} from './schema'
import type { ArticleCounts } from '../../../core/library/article-counts'
import { notifyArticleCardsChanged } from './card-changes'
import { loadArticleCounts } from './counts-repo'
import { deleteConfusionsForArticle, restoreConfusions, type StoredConfusion } from './quiz-repo'

/** What the Library list needs of an article: everything except its body, with its card counts. */
export interface ArticleSummary extends ArticleSummaryRecord {
  /** Flashcards made from the article so far. */
  cardCount: number
  /** Of them, cards in the new queue (not yet studied, not suspended or buried). */
  newCount: number
  /** Of them, learning and review cards due before the current study day ends. */
  dueCount: number
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

/** A stored summary with the given card counts. */
function withCounts(
  summary: ArticleSummaryRecord,
  counts: ArticleCounts = { total: 0, new: 0, due: 0 }
): ArticleSummary {
  return { ...summary, cardCount: counts.total, newCount: counts.new, dueCount: counts.due }
}

/** Strips the body so lists never hold article texts. */
export function toArticleSummary(record: ArticleRecord, counts?: ArticleCounts): ArticleSummary {
  return withCounts(summaryOfArticle(record), counts)
}

/**
 * New / due / total cards of each of `articleIds`, from the counts every card write maintains
 * (see counts-middleware.ts): two small reads whatever the number of cards, none of them a card.
 */
export async function countCardsOfArticles(
  db: QuotedeckDatabase,
  articleIds: readonly string[],
  nowMs: number = Date.now()
): Promise<Map<string, ArticleCounts>> {
  const counts = await loadArticleCounts(db, nowMs)
  const wanted = new Map<string, ArticleCounts>()
  for (const id of articleIds) wanted.set(id, counts.get(id) ?? { total: 0, new: 0, due: 0 })
  return wanted
}

/** Writes an article's counts (none: no cards) into its summary. */
export function applyCounts(summary: ArticleSummary, counts: ArticleCounts | undefined): void {
  summary.cardCount = counts?.total ?? 0
  summary.newCount = counts?.new ?? 0
  summary.dueCount = counts?.due ?? 0
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
  /** Fill in each article's new / due / total cards (maintained counts); else they are 0. */
  withCardCounts?: boolean
  /** Epoch ms "now" for the due counts (defaults to the clock). */
  nowMs?: number
}

/**
 * The library, newest first, as summaries: read from the maintained summaries table (see
 * article-summaries.ts), so no article body is ever read to list the library. No card is read
 * either: card counts come from the maintained per-article counts (`countCardsOfArticles`).
 */
export async function listArticleSummaries(
  db: QuotedeckDatabase,
  options: ListArticleSummariesOptions = {}
): Promise<ArticleSummary[]> {
  const records = await db.articleSummaries.orderBy('addedAt').reverse().toArray()
  const summaries = records.map((record) => withCounts(record))
  if (options.withCardCounts ?? true) {
    const counts = await loadArticleCounts(db, options.nowMs ?? Date.now())
    for (const summary of summaries) applyCounts(summary, counts.get(summary.id))
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
