import { beforeEach, describe, expect, it } from 'vitest'
import {
  correctionId,
  deleteCorrection,
  getExtraction,
  listCorrections,
  listLibrarySpeakerNames,
  replaceArticleAndCorrections,
  saveCorrection,
  saveExtraction
} from '../../../src/renderer/src/db/extractions-repo'
import { QuotedeckDatabase, type CorrectionRecord } from '../../../src/renderer/src/db/schema'
import { fakeExtract, sampleArticle } from './fixtures'

const NOW_MS = Date.UTC(2026, 0, 15, 9, 30)

function correction(
  articleId: string,
  start: number,
  end: number,
  overrides: Partial<CorrectionRecord> = {}
): CorrectionRecord {
  return {
    id: correctionId(articleId, start, end),
    articleId,
    start,
    end,
    kind: 'speaker',
    speakerId: 'charles-babbage',
    correctedAt: NOW_MS,
    ...overrides
  }
}

describe('extractions repo', () => {
  let db: QuotedeckDatabase

  beforeEach(() => {
    db = new QuotedeckDatabase('t-' + crypto.randomUUID())
  })

  it('keys corrections by article and span', () => {
    expect(correctionId('abc', 10, 25)).toBe('abc:10-25')
  })

  it('stores an extraction with its extractor version and reads it back', async () => {
    const extraction = fakeExtract(sampleArticle())
    const saved = await saveExtraction(db, extraction, 3, NOW_MS)
    expect(saved.extractorVersion).toBe(3)
    const read = await getExtraction(db, 'article-1')
    expect(read).toEqual({ ...extraction, extractedAt: NOW_MS, extractorVersion: 3 })
  })

  it('reads an extraction stored without a version as version 0', async () => {
    const extraction = fakeExtract(sampleArticle())
    await db.extractions.put({ ...extraction, extractedAt: NOW_MS })
    expect((await getExtraction(db, 'article-1'))?.extractorVersion).toBe(0)
  })

  it('returns null for an article that was never extracted', async () => {
    expect(await getExtraction(db, 'missing')).toBeNull()
  })

  it('lists one article’s corrections in text order', async () => {
    await saveCorrection(db, correction('article-1', 50, 60))
    await saveCorrection(db, correction('article-1', 5, 20, { kind: 'not-quote', speakerId: null }))
    await saveCorrection(db, correction('article-2', 1, 2))
    const listed = await listCorrections(db, 'article-1')
    expect(listed.map((c) => c.id)).toEqual(['article-1:5-20', 'article-1:50-60'])
  })

  it('replaces a correction of the same span instead of adding a second one', async () => {
    await saveCorrection(db, correction('article-1', 5, 20))
    await saveCorrection(db, correction('article-1', 5, 20, { speakerId: 'ada-lovelace' }))
    const listed = await listCorrections(db, 'article-1')
    expect(listed).toHaveLength(1)
    expect(listed[0].speakerId).toBe('ada-lovelace')
  })

  it('deletes a correction, and deleting a missing one is harmless', async () => {
    await saveCorrection(db, correction('article-1', 5, 20))
    await deleteCorrection(db, 'article-1:5-20')
    await deleteCorrection(db, 'article-1:5-20')
    expect(await listCorrections(db, 'article-1')).toEqual([])
  })

  it('replaces an article and its corrections together, keeping when it was added', async () => {
    const article = sampleArticle()
    await db.articles.put({ ...article, addedAt: NOW_MS })
    await saveCorrection(db, correction('article-1', 5, 20))
    await saveCorrection(db, correction('article-2', 5, 20))
    const changed = { ...article, title: 'Changed', addedAt: NOW_MS + 999 }
    await replaceArticleAndCorrections(db, changed, [correction('article-1', 9, 24)])
    const stored = await db.articles.get('article-1')
    expect(stored?.title).toBe('Changed')
    expect(stored?.addedAt).toBe(NOW_MS)
    expect((await listCorrections(db, 'article-1')).map((c) => c.id)).toEqual(['article-1:9-24'])
    expect(await listCorrections(db, 'article-2')).toHaveLength(1)
  })

  it('lists every speaker name in the library once, sorted', async () => {
    const first = fakeExtract(sampleArticle('a'))
    const second = fakeExtract(sampleArticle('b'))
    second.speakers[0] = { ...second.speakers[0], id: 'grace-hopper', name: 'Grace Hopper' }
    await saveExtraction(db, first, 1, NOW_MS)
    await saveExtraction(db, second, 1, NOW_MS)
    expect(await listLibrarySpeakerNames(db)).toEqual([
      'Ada Lovelace',
      'Charles Babbage',
      'Grace Hopper'
    ])
    expect(await listLibrarySpeakerNames(db, 'a')).toEqual(['Charles Babbage', 'Grace Hopper'])
  })
})
