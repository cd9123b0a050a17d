import type { Article } from '../../../core/article/types'
import { articleFromWire, articleToWire, type ArticleWire } from '../workers/extract-protocol'
import { addArticle } from './articles-repo'
import { notifyArticleCardsChanged } from './card-changes'
import { deleteConfusionsForArticle } from './quiz-repo'
import { QuotedeckDatabase } from './schema'
import { storageErrorMessage } from './storage'

/**
 * Articles with at least this many characters (about 2 MB) are written to IndexedDB by a worker:
 * IndexedDB serialises a record on the thread that writes it, and for a 20 MB article with a
 * hundred thousand paragraphs that holds the page for half a second.
 */
export const OFF_THREAD_ARTICLE_CHARS = 1_000_000

/** What the page asks the article-store worker. */
export interface ArticleStoreRequest {
  databaseName: string
  article: ArticleWire
  nowMs: number
}

/** What the article-store worker answers. */
export type ArticleStoreResponse =
  { ok: true; added: boolean; addedAt: number } | { ok: false; message: string }

/** The worker's side: writes the article into the named database and says what it did. */
export async function answerArticleStoreRequest(
  request: ArticleStoreRequest
): Promise<ArticleStoreResponse> {
  const db = new QuotedeckDatabase(request.databaseName)
  try {
    const { record, added } = await addArticle(db, articleFromWire(request.article), request.nowMs)
    return { ok: true, added, addedAt: record.addedAt }
  } catch (error) {
    return {
      ok: false,
      message:
        storageErrorMessage(error, 'save the article') ??
        (error instanceof Error ? error.message : String(error))
    }
  } finally {
    db.close()
  }
}

/** The minimal Worker surface used here (lets tests pass a fake). */
export interface ArticleStoreWorker {
  postMessage(message: ArticleStoreRequest, transfer: Transferable[]): void
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<ArticleStoreResponse>) => void
  ): void
  addEventListener(type: 'error', listener: (event: Event) => void): void
  terminate(): void
}

function defaultCreateWorker(): ArticleStoreWorker | null {
  if (typeof Worker === 'undefined') return null
  try {
    return new Worker(new URL('../workers/article-store.worker.ts', import.meta.url), {
      type: 'module'
    }) as unknown as ArticleStoreWorker
  } catch {
    return null
  }
}

/** What `storeArticle` did. */
export interface StoredArticle {
  /** False when the same article (same id) was already in the library. */
  added: boolean
  /** Epoch ms: when it was first added. */
  addedAt: number
}

/**
 * Adds an article like `addArticle` (a re-added one keeps its `addedAt`), in a worker when it is
 * long and workers are available, else in this thread. Rejects as `addArticle` does when the
 * write fails.
 */
export async function storeArticle(
  db: QuotedeckDatabase,
  article: Article,
  nowMs: number,
  createWorker: () => ArticleStoreWorker | null = defaultCreateWorker
): Promise<StoredArticle> {
  const inThread = async (): Promise<StoredArticle> => {
    const { record, added } = await addArticle(db, article, nowMs)
    return { added, addedAt: record.addedAt }
  }
  if (article.text.length < OFF_THREAD_ARTICLE_CHARS) return inThread()
  const worker = createWorker()
  if (worker === null) return inThread()
  const { wire, transfer } = await articleToWire(article)
  return new Promise<StoredArticle>((resolve, reject) => {
    worker.addEventListener('message', (event) => {
      worker.terminate()
      const response = event.data
      if (response.ok) resolve({ added: response.added, addedAt: response.addedAt })
      else reject(new Error(response.message))
    })
    worker.addEventListener('error', () => {
      // The worker could not start: write in this thread (slower for the page, never lost).
      worker.terminate()
      inThread().then(resolve, reject)
    })
    worker.postMessage({ databaseName: db.name, article: wire, nowMs }, transfer)
  })
}

/**
 * Takes an article out again with everything made from it, without reading it first: a cancelled
 * import offers no Undo, so no snapshot is needed, and reading a 20 MB article back would hold the
 * page as long as writing it did (`removeArticle` reads it, for its Undo).
 */
export async function discardArticle(db: QuotedeckDatabase, articleId: string): Promise<void> {
  const cardsDeleted = await db.transaction(
    'rw',
    [db.articles, db.extractions, db.corrections, db.notes, db.cards, db.confusions],
    async () => {
      await deleteConfusionsForArticle(db, articleId)
      await db.articles.delete(articleId)
      await db.extractions.delete(articleId)
      await db.corrections.where('articleId').equals(articleId).delete()
      await db.notes.where('articleId').equals(articleId).delete()
      return db.cards.where('articleId').equals(articleId).delete()
    }
  )
  if (cardsDeleted > 0) notifyArticleCardsChanged(db, [articleId])
}
