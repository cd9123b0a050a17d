import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { summaryOfArticle } from '../../../src/renderer/src/db/article-summaries'
import {
  listArticleSummaries,
  removeArticle,
  restoreArticle,
  toArticleSummary
} from '../../../src/renderer/src/db/articles-repo'
import { checkAndRepairDatabase } from '../../../src/renderer/src/db/check-repo'
import { QuotedeckDatabase, type ArticleRecord } from '../../../src/renderer/src/db/schema'
import { makeArticle, NOW_MS, shippedDatabase, useFreshDatabase } from './fixtures'

let db: QuotedeckDatabase
useFreshDatabase((fresh) => (db = fresh))

function article(id: string, addedAt: number, title = `Article ${id}`): ArticleRecord {
  const { article: base } = makeArticle()
  return { ...base, id, title, addedAt }
}

/** The summaries exactly as the articles give them, newest first. */
async function expectedSummaries(): Promise<unknown[]> {
  const records = await db.articles.orderBy('addedAt').reverse().toArray()
  return records.map((record) => summaryOfArticle(record))
}

describe('article summaries', () => {
  it('follow every write to the articles, in the same transaction', async () => {
    await db.articles.bulkAdd([article('a', NOW_MS), article('b', NOW_MS + 1)])
    await db.articles.put(article('c', NOW_MS + 2))
    await db.articles.update('a', { title: 'Renamed' })
    expect(await db.articleSummaries.orderBy('addedAt').reverse().toArray()).toEqual(
      await expectedSummaries()
    )
    expect((await db.articleSummaries.get('a'))?.title).toBe('Renamed')

    // A failed add (the id is taken) writes no summary; the transaction fails whole.
    await expect(db.articles.add(article('a', NOW_MS + 9, 'Duplicate'))).rejects.toThrow()
    expect((await db.articleSummaries.get('a'))?.title).toBe('Renamed')

    // An article written in a transaction that then fails leaves no summary behind.
    await expect(
      db.transaction('rw', db.articles, async () => {
        await db.articles.put(article('d', NOW_MS + 3))
        throw new Error('abort')
      })
    ).rejects.toThrow('abort')
    expect(await db.articleSummaries.get('d')).toBeUndefined()

    await db.articles.delete('b')
    expect((await db.articleSummaries.toArray()).map((s) => s.id).sort()).toEqual(['a', 'c'])
    await db.articles
      .where('addedAt')
      .above(NOW_MS + 1)
      .delete()
    expect((await db.articleSummaries.toArray()).map((s) => s.id)).toEqual(['a'])
    await db.articles.clear()
    expect(await db.articleSummaries.count()).toBe(0)
  })

  it('list the library as the articles themselves would, newest first, and survive remove/undo', async () => {
    await db.articles.bulkAdd([article('old', NOW_MS), article('new', NOW_MS + 60_000)])
    const listed = await listArticleSummaries(db, { withCardCounts: false })
    const records = await db.articles.orderBy('addedAt').reverse().toArray()
    expect(listed).toEqual(records.map((record) => toArticleSummary(record)))

    const snapshot = await removeArticle(db, 'new')
    expect((await listArticleSummaries(db)).map((s) => s.id)).toEqual(['old'])
    await restoreArticle(db, snapshot!)
    expect(await listArticleSummaries(db, { withCardCounts: false })).toEqual(listed)
  })

  it('are filled for an existing collection by the version 6 upgrade', async () => {
    const name = `test-${crypto.randomUUID()}`
    try {
      const old = shippedDatabase(name, 5)
      await old.open()
      // More articles than the upgrade reads at once.
      const records = Array.from({ length: 450 }, (_, i) =>
        article(`article-${String(i).padStart(3, '0')}`, NOW_MS + i)
      )
      await old.table('articles').bulkAdd(records)
      old.close()
      const current = new QuotedeckDatabase(name)
      await current.open()
      expect(await current.articleSummaries.count()).toBe(450)
      expect(await current.articleSummaries.get('article-449')).toEqual(
        summaryOfArticle(records[449])
      )
      expect(await current.articles.count()).toBe(450)
      current.close()
    } finally {
      await Dexie.delete(name)
    }
  })

  it('that drifted, went missing or outlived their article are repaired by Check Database', async () => {
    await db.articles.bulkAdd([article('a', NOW_MS), article('b', NOW_MS + 1)])
    // Tamper through a connection without the middleware (as a damaged profile could be).
    const raw = new QuotedeckDatabase(db.name, { maintainCounts: false })
    await raw.open()
    await raw.articleSummaries.update('a', { title: 'Stale title' })
    await raw.articleSummaries.delete('b')
    await raw.articleSummaries.put({ ...summaryOfArticle(article('gone', NOW_MS)) })
    raw.close()

    const plan = await checkAndRepairDatabase(db, NOW_MS)
    expect([...plan.repairedSummaryArticleIds].sort()).toEqual(['a', 'b', 'gone'])
    expect(await db.articleSummaries.orderBy('addedAt').reverse().toArray()).toEqual(
      await expectedSummaries()
    )
    expect((await checkAndRepairDatabase(db, NOW_MS)).repairedSummaryArticleIds).toEqual([])
  })
})
