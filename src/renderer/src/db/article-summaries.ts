/**
 * The article summaries (`articleSummaries`, schema version 6): each article's list fields (title,
 * byline, source, word count, lines removed, date added) without its body, kept in step with the
 * articles table by a Dexie DBCore middleware inside the very transaction that writes an article.
 * IndexedDB has no projections: before, every Library listing (and every live-query wake-up after
 * an article was added) read each article whole, a 20 MB article included, to show one row.
 */
import type {
  DBCore,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  Middleware,
  Transaction
} from 'dexie'
import type { Article } from '../../../core/article/types'
import { forEachChunkInKeyOrder } from './chunked-read'
import { failedAt } from './counts-middleware'
import type { QuotedeckDatabase } from './schema'

/** What the Library list shows of an article, stored apart from its body. */
export interface ArticleSummaryRecord {
  id: string
  title: string
  byline: string | null
  source: Article['source']
  wordCount: number
  /** Number of lines of page furniture the loader removed. */
  removedLineCount: number
  /** Epoch ms. */
  addedAt: number
}

/** The table the middleware writes (added to every read-write transaction over `articles`). */
export const SUMMARIES_TABLE = 'articleSummaries'

/**
 * The summary of a stored article record. Missing fields get neutral values rather than failing
 * the write: a record from an old backup or a partial fixture must never make an article
 * impossible to store.
 */
export function summaryOfArticle(
  record: Pick<Article, 'id' | 'title' | 'byline' | 'source' | 'wordCount' | 'removed'> & {
    addedAt: number
  }
): ArticleSummaryRecord {
  return {
    id: record.id,
    title: record.title ?? '',
    byline: record.byline ?? null,
    source: record.source,
    wordCount: record.wordCount ?? 0,
    removedLineCount: Array.isArray(record.removed) ? record.removed.length : 0,
    addedAt: record.addedAt ?? 0
  }
}

type SummarisedRecord = Parameters<typeof summaryOfArticle>[0]

function createSummariesCore(down: DBCore): DBCore {
  return {
    ...down,
    transaction(stores, mode, options) {
      const writesArticles = mode === 'readwrite' && stores.includes('articles')
      const names = writesArticles ? [...new Set([...stores, SUMMARIES_TABLE])] : stores
      return down.transaction(names, mode, options)
    },
    table(name) {
      const table = down.table(name)
      if (name !== 'articles') return table
      return {
        ...table,
        async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
          const response = await table.mutate(req)
          const summaries = down.table(SUMMARIES_TABLE)
          const trans = req.trans
          let follow: DBCoreMutateResponse | null = null
          switch (req.type) {
            case 'add':
            case 'put': {
              // A failed position (a duplicate id in an add) wrote nothing: nor does its summary.
              const written = (req.values as SummarisedRecord[]).filter(
                (_, index) => !failedAt(response, index)
              )
              if (written.length > 0) {
                follow = await summaries.mutate({
                  trans,
                  type: 'put',
                  values: written.map(summaryOfArticle)
                })
              }
              break
            }
            case 'delete':
              follow = await summaries.mutate({ trans, type: 'delete', keys: req.keys })
              break
            case 'deleteRange':
              // The summaries are keyed by the same ids: the same range covers them.
              follow = await summaries.mutate({ trans, type: 'deleteRange', range: req.range })
              break
          }
          if (follow !== null && follow.numFailures > 0) throw Object.values(follow.failures)[0]
          return response
        }
      }
    }
  }
}

/** Registered by `QuotedeckDatabase` (see `maintainCounts`). */
export const articleSummariesMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'QuotedeckArticleSummaries',
  create: (down) => createSummariesCore(down)
}

/**
 * Articles read per request by the upgrade and by Check Database (whole articles: kept small,
 * bodies can be large).
 */
const UPGRADE_CHUNK = 200

/**
 * Version 6's upgrade: writes the summary of every stored article, reading the articles a chunk
 * at a time in key order so their bodies are never all in memory at once.
 */
export async function fillSummariesInUpgrade(tx: Transaction): Promise<void> {
  const summaries = tx.table<ArticleSummaryRecord, string>(SUMMARIES_TABLE)
  await forEachChunkInKeyOrder(
    tx.table<SummarisedRecord, string>('articles'),
    UPGRADE_CHUNK,
    (article) => article.id,
    async (chunk) => {
      if (chunk.length > 0) await summaries.bulkPut(chunk.map(summaryOfArticle))
    }
  )
}

function sameSummary(a: ArticleSummaryRecord, b: ArticleSummaryRecord): boolean {
  return (
    a.title === b.title &&
    a.byline === b.byline &&
    a.wordCount === b.wordCount &&
    a.removedLineCount === b.removedLineCount &&
    a.addedAt === b.addedAt &&
    JSON.stringify(a.source) === JSON.stringify(b.source)
  )
}

/**
 * Check Database's part: compares every stored summary with the summary of its article (read a
 * chunk at a time) and rewrites the ones that differ or are missing, and deletes those whose
 * article is gone. Must run inside a `rw` transaction over both tables. Returns the ids of the
 * articles whose summary was repaired (removed ones included).
 */
export async function checkAndRebuildSummaries(db: QuotedeckDatabase): Promise<string[]> {
  const stored = new Map(
    (await db.articleSummaries.toArray()).map((summary) => [summary.id, summary])
  )
  const repaired: string[] = []
  const rewrites: ArticleSummaryRecord[] = []
  await forEachChunkInKeyOrder(
    db.articles,
    UPGRADE_CHUNK,
    (article) => article.id,
    (chunk) => {
      for (const article of chunk) {
        const expected = summaryOfArticle(article)
        const current = stored.get(article.id)
        stored.delete(article.id)
        if (current === undefined || !sameSummary(current, expected)) {
          rewrites.push(expected)
          repaired.push(article.id)
        }
      }
    }
  )
  // What is left has no article.
  const orphans = [...stored.keys()]
  if (rewrites.length > 0) await db.articleSummaries.bulkPut(rewrites)
  if (orphans.length > 0) await db.articleSummaries.bulkDelete(orphans)
  return [...repaired, ...orphans]
}
