import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Article } from '../../../src/core/article/types'
import type { Extraction, Quote } from '../../../src/core/extract/types'
import { addArticle } from '../../../src/renderer/src/db/articles-repo'
import {
  getExtraction,
  listCorrections,
  saveExtraction
} from '../../../src/renderer/src/db/extractions-repo'
import { QuotedeckDatabase, setDatabase } from '../../../src/renderer/src/db/schema'
import { EXTRACTOR_VERSION, useExtractionStore } from '../../../src/renderer/src/stores/extraction'
import { fakeExtract, sampleArticle } from './fixtures'

const ADDED_AT_MS = Date.UTC(2026, 0, 15, 9, 30)

let db: QuotedeckDatabase
let extractCalls: number

function countingExtract(article: Article): Extraction {
  extractCalls++
  return fakeExtract(article)
}

/** A fresh store, as after a reload: nothing in memory, everything from IndexedDB. */
function freshStore(
  extract: (article: Article) => Extraction = countingExtract
): ReturnType<typeof useExtractionStore> {
  setActivePinia(createPinia())
  const store = useExtractionStore()
  store.setExtractor(extract)
  return store
}

function quoteByText(extraction: Extraction | null, text: string): Quote {
  const quote = extraction?.quotes.find((q) => q.text.startsWith(text))
  if (!quote) throw new Error(`no quote starting “${text}”`)
  return quote
}

describe('extraction store', () => {
  beforeEach(async () => {
    db = new QuotedeckDatabase('t-' + crypto.randomUUID())
    setDatabase(db)
    extractCalls = 0
    await addArticle(db, sampleArticle(), ADDED_AT_MS)
  })

  it('extracts an article once and stores the result with the extractor version', async () => {
    const store = freshStore()
    const result = await store.ensureExtracted('article-1')
    expect(result.ok).toBe(true)
    expect(extractCalls).toBe(1)
    expect(store.statusOf('article-1')).toEqual({ state: 'ready' })
    expect((await getExtraction(db, 'article-1'))?.extractorVersion).toBe(EXTRACTOR_VERSION)

    const again = freshStore()
    await again.ensureExtracted('article-1')
    expect(extractCalls).toBe(1)
    expect(again.extractionFor('article-1')?.quotes).toHaveLength(3)
  })

  it('shares one extraction between concurrent calls', async () => {
    const store = freshStore()
    await Promise.all([store.ensureExtracted('article-1'), store.ensureExtracted('article-1')])
    expect(extractCalls).toBe(1)
  })

  it('extracts again when the stored extraction comes from an older extractor', async () => {
    const stale = { ...fakeExtract(sampleArticle()), quotes: [] }
    await saveExtraction(db, stale, EXTRACTOR_VERSION - 1, ADDED_AT_MS)
    const store = freshStore()
    await store.ensureExtracted('article-1')
    expect(extractCalls).toBe(1)
    expect(store.extractionFor('article-1')?.quotes).toHaveLength(3)
  })

  it('reports an article that is not in the library', async () => {
    const store = freshStore()
    const result = await store.ensureExtracted('nope')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('NOT_FOUND')
    expect(store.statusOf('nope')).toEqual({
      state: 'error',
      message: 'This article is not in the library.'
    })
  })

  it('reports an extractor failure in words and stores nothing', async () => {
    const store = freshStore(() => {
      throw new Error('unexpected end of text')
    })
    const result = await store.ensureExtracted('article-1')
    expect(result.ok).toBe(false)
    expect(store.statusOf('article-1')).toEqual({
      state: 'error',
      message: 'Quotes could not be found in this article: unexpected end of text'
    })
    expect(await getExtraction(db, 'article-1')).toBeNull()
  })

  it('keeps a speaker correction across a reload and a re-extraction', async () => {
    const store = freshStore()
    await store.ensureExtracted('article-1')
    const quote = quoteByText(store.extractionFor('article-1'), 'We will build')
    await store.correctSpeaker('article-1', quote, 'charles-babbage')

    const corrected = quoteByText(store.extractionFor('article-1'), 'We will build')
    expect(corrected.speaker).toBe('charles-babbage')
    expect(store.correctionForQuote('article-1', corrected)?.kind).toBe('speaker')

    const reloaded = freshStore()
    await reloaded.ensureExtracted('article-1')
    expect(quoteByText(reloaded.extractionFor('article-1'), 'We will build').speaker).toBe(
      'charles-babbage'
    )
    await reloaded.reextract('article-1')
    expect(extractCalls).toBe(2)
    const after = reloaded.extractionFor('article-1')
    expect(quoteByText(after, 'We will build').speaker).toBe('charles-babbage')
    expect(after?.speakers.find((s) => s.id === 'charles-babbage')?.quoteCount).toBe(2)
    // The raw extraction is untouched: the correction is applied on top of it.
    expect(quoteByText(reloaded.rawExtractionFor('article-1'), 'We will build').speaker).toBe(
      'ada-lovelace'
    )
  })

  it('hides a span marked not a quote, and brings it back on undo', async () => {
    const store = freshStore()
    await store.ensureExtracted('article-1')
    const quote = quoteByText(store.extractionFor('article-1'), 'It is far')
    await store.markNotQuote('article-1', quote)
    expect(store.extractionFor('article-1')?.quotes.map((q) => q.text)).not.toContain(quote.text)

    const reloaded = freshStore()
    await reloaded.ensureExtracted('article-1')
    expect(reloaded.extractionFor('article-1')?.quotes).toHaveLength(2)

    await reloaded.undoCorrection('article-1', quote)
    expect(reloaded.extractionFor('article-1')?.quotes).toHaveLength(3)
    expect(await listCorrections(db, 'article-1')).toEqual([])
  })

  it('drops the correction when the user picks the speaker the extractor found', async () => {
    const store = freshStore()
    await store.ensureExtracted('article-1')
    const quote = quoteByText(store.extractionFor('article-1'), 'We will build')
    await store.correctSpeaker('article-1', quote, 'charles-babbage')
    await store.correctSpeaker('article-1', quote, 'ada-lovelace')
    expect(await listCorrections(db, 'article-1')).toEqual([])
    expect(store.correctionForQuote('article-1', quote)).toBeNull()
  })

  it('can attribute a quote to nobody named', async () => {
    const store = freshStore()
    await store.ensureExtracted('article-1')
    const quote = quoteByText(store.extractionFor('article-1'), 'We will build')
    await store.correctSpeaker('article-1', quote, null)
    expect(quoteByText(store.extractionFor('article-1'), 'We will build').speaker).toBeNull()
  })

  it('restores a removed line, moving later corrections with the text', async () => {
    const store = freshStore()
    await store.ensureExtracted('article-1')
    const quote = quoteByText(store.extractionFor('article-1'), 'It is far')
    await store.correctSpeaker('article-1', quote, 'ada-lovelace')

    const result = await store.restoreLine('article-1', 0)
    expect(result.ok).toBe(true)
    const article = store.articleFor('article-1')
    expect(article?.removed.map((line) => line.text)).toEqual(['Share this article'])
    expect(article?.paragraphs).toHaveLength(6)
    expect(article?.text).toContain('WATCH l Lovelace on engines:')

    const stored = await db.articles.get('article-1')
    expect(stored?.removed).toHaveLength(1)
    expect(stored?.addedAt).toBe(ADDED_AT_MS)
    // Re-extracted on the new text; the correction moved with its quote.
    expect(extractCalls).toBe(2)
    const moved = quoteByText(store.extractionFor('article-1'), 'It is far')
    expect(moved.start).toBeGreaterThan(quote.start)
    expect(moved.speaker).toBe('ada-lovelace')
    const [correction] = await listCorrections(db, 'article-1')
    expect([correction.start, correction.end]).toEqual([moved.start, moved.end])
  })

  it('refuses to restore a line that is not there', async () => {
    const store = freshStore()
    await store.ensureExtracted('article-1')
    const result = await store.restoreLine('article-1', 9)
    expect(result.ok).toBe(false)
  })

  it('makes cards from the extraction and keeps them in line with corrections', async () => {
    const store = freshStore()
    await store.ensureExtracted('article-1')
    const cardsOf = async (quoteStart: number): Promise<{ answerSpeakerId: string | null }[]> =>
      (await db.cards.where('articleId').equals('article-1').toArray()).filter(
        (card) => card.anchor.span.start === quoteStart && card.template === 'who-said'
      )
    const quote = quoteByText(store.extractionFor('article-1'), 'We will build')
    const before = await cardsOf(quote.start)
    expect(before.map((card) => card.answerSpeakerId)).toEqual(['ada-lovelace'])

    await store.correctSpeaker('article-1', quote, 'charles-babbage')
    expect((await cardsOf(quote.start)).map((card) => card.answerSpeakerId)).toEqual([
      'charles-babbage'
    ])
    expect(store.cardSyncErrors['article-1']).toBeUndefined()
  })
})
