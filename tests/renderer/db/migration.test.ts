import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { makeArticle, NOW_MS } from './fixtures'

/** Version 1 of the schema exactly as it shipped (kept here so the upgrade can be replayed). */
const VERSION_1_STORES = {
  articles: 'id, addedAt',
  extractions: 'articleId',
  corrections: 'id, articleId'
}

let name = ''

afterEach(async () => {
  await Dexie.delete(name)
})

describe('schema migrations', () => {
  it('opening a version-1 database with the current schema loses nothing and adds the new tables', async () => {
    name = `test-${crypto.randomUUID()}`
    const { article, extraction } = makeArticle()
    const old = new Dexie(name)
    old.version(1).stores(VERSION_1_STORES)
    await old.open()
    const articleRecord = { ...article, addedAt: NOW_MS }
    const extractionRecord = { ...extraction, extractedAt: NOW_MS }
    const correction = {
      id: `${article.id}:10-20`,
      articleId: article.id,
      start: 10,
      end: 20,
      kind: 'not-quote',
      speakerId: null,
      correctedAt: NOW_MS
    }
    await old.table('articles').add(articleRecord)
    await old.table('extractions').add(extractionRecord)
    await old.table('corrections').add(correction)
    old.close()

    const current = new QuotedeckDatabase(name)
    await current.open()

    expect(current.verno).toBeGreaterThan(1)
    expect(await current.articles.toArray()).toEqual([articleRecord])
    expect(await current.extractions.toArray()).toEqual([extractionRecord])
    expect(await current.corrections.where('articleId').equals(article.id).toArray()).toEqual([
      correction
    ])
    // The tables and indexes added since version 1 exist and are usable.
    expect(await current.cards.where('[queue+due]').between([0, 0], [0, Infinity]).count()).toBe(0)
    expect(
      await current.reviewLogs
        .where('[cardId+reviewedAt]')
        .between(['', 0], ['\uffff', Infinity])
        .count()
    ).toBe(0)
    expect(await current.articles.where('addedAt').equals(NOW_MS).count()).toBe(1)
    current.close()
  })
})
