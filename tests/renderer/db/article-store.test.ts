import { describe, expect, it, vi } from 'vitest'
import {
  OFF_THREAD_ARTICLE_CHARS,
  answerArticleStoreRequest,
  discardArticle,
  storeArticle,
  type ArticleStoreRequest,
  type ArticleStoreResponse,
  type ArticleStoreWorker
} from '../../../src/renderer/src/db/article-store'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { syncArticleCards } from '../../../src/renderer/src/db/cards-repo'
import { addArticle } from '../../../src/renderer/src/db/articles-repo'
import { makeArticle, NOW_MS, useFreshDatabase } from './fixtures'

let db: QuotedeckDatabase

useFreshDatabase((fresh) => (db = fresh))

/** A fake worker that answers with the real worker's code, in this thread. */
function inProcessWorker(): ArticleStoreWorker & { posted: ArticleStoreRequest[] } {
  const listeners: Record<string, ((event: unknown) => void)[]> = { message: [], error: [] }
  const worker = {
    posted: [] as ArticleStoreRequest[],
    terminate: vi.fn(),
    addEventListener: (type: string, listener: (event: unknown) => void) => {
      listeners[type].push(listener)
    },
    postMessage: (request: ArticleStoreRequest) => {
      worker.posted.push(request)
      void answerArticleStoreRequest(request).then((data: ArticleStoreResponse) => {
        for (const listener of listeners.message) listener({ data })
      })
    },
    fail: () => {
      for (const listener of listeners.error) listener(new Event('error'))
    }
  }
  return worker as unknown as ArticleStoreWorker & { posted: ArticleStoreRequest[] }
}

/** An article long enough to be written by the worker. */
function longArticle(): ReturnType<typeof makeArticle>['article'] {
  const { article } = makeArticle()
  const text = `${article.text}\n\n${'Filler paragraph of the long article. '.repeat(
    Math.ceil(OFF_THREAD_ARTICLE_CHARS / 38)
  )}`
  const paragraphs = [
    ...article.paragraphs,
    { kind: 'body' as const, start: article.text.length + 2, end: text.length }
  ]
  return { ...article, id: 'long-article', text, paragraphs }
}

describe('storeArticle', () => {
  it('writes a short article in this thread', async () => {
    const { article } = makeArticle()
    const createWorker = vi.fn(inProcessWorker)
    expect(await storeArticle(db, article, NOW_MS, createWorker)).toEqual({
      added: true,
      addedAt: NOW_MS
    })
    expect(createWorker).not.toHaveBeenCalled()
    expect(await db.articles.get(article.id)).toEqual({ ...article, addedAt: NOW_MS })
  })

  it('writes a long article through the worker, exactly, and keeps addedAt when re-added', async () => {
    const article = longArticle()
    const worker = inProcessWorker()
    expect(await storeArticle(db, article, NOW_MS, () => worker)).toEqual({
      added: true,
      addedAt: NOW_MS
    })
    expect(worker.posted).toHaveLength(1)
    expect(worker.posted[0].databaseName).toBe(db.name)
    expect(worker.terminate).toHaveBeenCalled()
    expect(await db.articles.get(article.id)).toEqual({ ...article, addedAt: NOW_MS })

    const again = inProcessWorker()
    expect(await storeArticle(db, article, NOW_MS + 1000, () => again)).toEqual({
      added: false,
      addedAt: NOW_MS
    })
    expect(await db.articles.count()).toBe(1)
  })

  it('writes in this thread when the worker cannot start', async () => {
    const article = longArticle()
    const broken = inProcessWorker()
    broken.postMessage = () => (broken as unknown as { fail: () => void }).fail()
    expect(await storeArticle(db, article, NOW_MS, () => broken)).toEqual({
      added: true,
      addedAt: NOW_MS
    })
    expect((await db.articles.get(article.id))?.text).toBe(article.text)
  })

  it('rejects with the worker’s message when the write fails', async () => {
    const article = longArticle()
    let deliver: (data: ArticleStoreResponse) => void = () => undefined
    const failing: ArticleStoreWorker = {
      terminate: vi.fn(),
      addEventListener: (type: string, listener: (event: never) => void) => {
        if (type === 'message') {
          deliver = (data) =>
            (listener as (event: { data: ArticleStoreResponse }) => void)({ data })
        }
      },
      postMessage: () => deliver({ ok: false, message: 'Could not save the article: disk full.' })
    } as unknown as ArticleStoreWorker
    await expect(storeArticle(db, article, NOW_MS, () => failing)).rejects.toThrow(
      'Could not save the article: disk full.'
    )
    expect(await db.articles.count()).toBe(0)
  })
})

describe('discardArticle', () => {
  it('takes an article out with its extraction, notes and cards, and leaves the others', async () => {
    const { article, extraction } = makeArticle()
    const other = { ...article, id: 'other-article' }
    await addArticle(db, article, NOW_MS)
    await addArticle(db, other, NOW_MS)
    await db.extractions.put({ ...extraction, articleId: article.id } as never)
    await syncArticleCards(db, { article, extraction }, NOW_MS)
    await syncArticleCards(db, { article: other, extraction }, NOW_MS)
    const otherCards = await db.cards.where('articleId').equals(other.id).count()
    expect(await db.cards.where('articleId').equals(article.id).count()).toBeGreaterThan(0)

    await discardArticle(db, article.id)

    expect(await db.articles.get(article.id)).toBeUndefined()
    expect(await db.extractions.get(article.id)).toBeUndefined()
    expect(await db.notes.where('articleId').equals(article.id).count()).toBe(0)
    expect(await db.cards.where('articleId').equals(article.id).count()).toBe(0)
    expect(await db.articles.get(other.id)).toBeDefined()
    expect(await db.cards.where('articleId').equals(other.id).count()).toBe(otherCards)
  })
})
