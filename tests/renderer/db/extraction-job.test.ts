import { describe, expect, it } from 'vitest'
import { addArticle } from '../../../src/renderer/src/db/articles-repo'
import {
  extractAndStore,
  ExtractionCancelledError,
  type ExtractionStep
} from '../../../src/renderer/src/db/extraction-job'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import {
  articleFromWire,
  articleToWire,
  chunkRecord,
  ITEMS_PER_CHUNK,
  WIRE_STEP_CHARS,
  WIRE_STEP_PARAGRAPHS
} from '../../../src/renderer/src/workers/extract-protocol'
import { makeArticle, NOW_MS, useFreshDatabase } from './fixtures'

let db: QuotedeckDatabase

useFreshDatabase((fresh) => (db = fresh))

describe('extractAndStore', () => {
  it('stores the extraction, notes and cards together and tells each step', async () => {
    const { article, extraction } = makeArticle()
    await addArticle(db, article, NOW_MS)
    const steps: [ExtractionStep, number][] = []

    const stored = await extractAndStore(db, article, {
      extract: () => extraction,
      extractorVersion: 7,
      nowMs: NOW_MS,
      onProgress: (step, fraction) => steps.push([step, fraction])
    })

    expect(stored.record.extractorVersion).toBe(7)
    expect(await db.extractions.get(article.id)).toMatchObject({ quotes: extraction.quotes })
    expect(stored.counts.added).toBeGreaterThan(0)
    expect(await db.cards.where('articleId').equals(article.id).count()).toBe(stored.counts.added)
    expect(steps.map(([step]) => step)).toEqual(
      expect.arrayContaining(['finding-quotes', 'making-cards', 'saving'])
    )
    const fractions = steps.map(([, fraction]) => fraction)
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    expect(fractions.at(-1)).toBe(1)
  })

  it('writes nothing when the cards cannot be stored (the disk is full)', async () => {
    const { article, extraction } = makeArticle()
    await addArticle(db, article, NOW_MS)
    db.cards.hook('creating', () => {
      throw Object.assign(new Error('The quota has been exceeded.'), {
        name: 'QuotaExceededError'
      })
    })

    await expect(
      extractAndStore(db, article, {
        extract: () => extraction,
        extractorVersion: 1,
        nowMs: NOW_MS
      })
    ).rejects.toThrow()

    expect(await db.extractions.get(article.id)).toBeUndefined()
    expect(await db.notes.count()).toBe(0)
    expect(await db.cards.count()).toBe(0)
  })

  it('stops before writing once cancelled', async () => {
    const { article, extraction } = makeArticle()
    await addArticle(db, article, NOW_MS)
    let cancelled = false

    await expect(
      extractAndStore(db, article, {
        extract: () => {
          cancelled = true
          return extraction
        },
        extractorVersion: 1,
        nowMs: NOW_MS,
        cancelled: () => cancelled
      })
    ).rejects.toBeInstanceOf(ExtractionCancelledError)

    expect(await db.extractions.count()).toBe(0)
    expect(await db.cards.count()).toBe(0)
  })

  it('stores nothing for an article removed while its quotes were found', async () => {
    const { article, extraction } = makeArticle()

    await expect(
      extractAndStore(db, article, {
        extract: () => extraction,
        extractorVersion: 1,
        nowMs: NOW_MS
      })
    ).rejects.toThrow('no longer in the library')
    expect(await db.cards.count()).toBe(0)
  })
})

describe('the worker wire', () => {
  it('carries an article through transferable buffers unchanged', async () => {
    const { article } = makeArticle()
    const { wire, transfer } = await articleToWire(article)
    expect(transfer).toEqual([wire.textBytes, wire.paragraphData.buffer])
    expect(articleFromWire(wire)).toEqual(article)
  })

  it('packs a long article in steps, giving the page turns, never splitting a character', async () => {
    const { article } = makeArticle()
    // Astral characters (two code units each) land on step boundaries.
    const unit = 'Quote 𝒜 “é” — '
    let text = ''
    while (text.length < WIRE_STEP_CHARS * 3 + 7) text += unit
    const paragraphs = Array.from({ length: WIRE_STEP_PARAGRAPHS * 2 + 3 }, (_, index) => ({
      kind: index % 7 === 0 ? ('heading' as const) : ('body' as const),
      start: index,
      end: index + 1
    }))
    const long = { ...article, text, paragraphs }
    // A clock where every step takes 5 ms: with an 8 ms budget the page gets a turn every second
    // step.
    let clockMs = 0
    let turns = 0
    const { wire } = await articleToWire(long, {
      nowMs: () => (clockMs += 5),
      budgetMs: 8,
      yieldToPage: async () => {
        turns += 1
      }
    })
    expect(turns).toBeGreaterThanOrEqual(2)
    expect(articleFromWire(wire)).toEqual(long)
    // A fast clock: no turn at all.
    let calls = 0
    await articleToWire(long, {
      nowMs: () => 0,
      yieldToPage: async () => {
        calls += 1
      }
    })
    expect(calls).toBe(0)
  })

  it('splits a long extraction into chunks that add up to it', () => {
    const { extraction } = makeArticle()
    const quote = extraction.quotes[0]
    const quotes = Array.from({ length: ITEMS_PER_CHUNK * 2 + 5 }, (_, index) => ({
      ...quote,
      id: `q${index}`
    }))
    const record = { ...extraction, quotes, extractedAt: NOW_MS, extractorVersion: 2 }
    const { head, chunks } = chunkRecord(record)
    expect(head.quotes).toEqual([])
    const rebuilt = {
      ...head,
      speakers: [] as unknown[],
      quotes: [] as unknown[],
      figures: [] as unknown[]
    }
    for (const chunk of chunks) rebuilt[chunk.field].push(...chunk.items)
    expect(rebuilt).toEqual(record)
    expect(chunks.filter((chunk) => chunk.field === 'quotes')).toHaveLength(3)
  })
})
