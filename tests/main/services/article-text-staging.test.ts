import { describe, expect, it } from 'vitest'
import type { Article } from '../../../src/core/article/types'
import {
  MAX_STAGED_TEXTS,
  STAGED_TEXT_TTL_MS,
  STAGE_TEXT_MIN_CHARS,
  TEXT_PART_CHARS,
  createArticleTextStaging,
  packForPage
} from '../../../src/main/services/article-text-staging'
import { packArticle, receiveArticle } from '../../../src/shared/article-transport'
import { fail, ok, type Result } from '../../../src/shared/result'

const FIXED_NOW_MS = Date.UTC(2026, 11, 7, 12, 0, 0)

/** An article of `chars` characters: numbered paragraphs, with curly quotes and an emoji pair. */
function longArticle(chars: number): Article {
  const paragraphs: string[] = []
  let size = 0
  for (let index = 0; size < chars; index += 1) {
    const paragraph = `Paragraph ${index}: “We are open again 🌉,” the mayor said.`
    paragraphs.push(paragraph)
    size += paragraph.length + 2
  }
  const text = paragraphs.join('\n\n')
  let start = 0
  return {
    id: `long-${chars}`,
    title: 'Harbour bridge reopens',
    byline: null,
    source: { kind: 'file', path: '/news/big.txt', fileName: 'big.txt' },
    text,
    paragraphs: paragraphs.map((paragraph) => {
      const range = { kind: 'body' as const, start, end: start + paragraph.length }
      start += paragraph.length + 2
      return range
    }),
    removed: [],
    encoding: 'utf-8',
    wordCount: paragraphs.length * 9
  }
}

function clock(startMs = FIXED_NOW_MS): { now: () => number; advance: (ms: number) => void } {
  let nowMs = startMs
  return { now: () => nowMs, advance: (ms) => (nowMs += ms) }
}

describe('createArticleTextStaging', () => {
  it('leaves a short text inside the article', () => {
    const staging = createArticleTextStaging(clock().now)
    const packed = packArticle(longArticle(10_000))
    expect(staging.forPage(packed)).toBe(packed)
    expect(staging.size()).toBe(0)
  })

  it('stages a long text and gives it back part by part, the same text to the character', async () => {
    const staging = createArticleTextStaging(clock().now)
    const article = longArticle(STAGE_TEXT_MIN_CHARS * 2 + 12_345)
    const forPage = staging.forPage(packArticle(article))
    expect(forPage.text).toBe('')
    expect(forPage.stagedText?.length).toBe(article.text.length)
    expect(forPage.stagedText?.partCount).toBe(Math.ceil(article.text.length / TEXT_PART_CHARS))
    const readSizes: number[] = []
    const received = await receiveArticle(forPage, async (handle, index) => {
      const part = staging.readPart(handle, index)
      if (part.ok) readSizes.push(part.value.length)
      return part
    })
    expect(received).toEqual(ok(article))
    // No part is longer than a part plus one half of a surrogate pair.
    expect(Math.max(...readSizes)).toBeLessThanOrEqual(TEXT_PART_CHARS + 1)
    // Read to the end: the text is no longer kept.
    expect(staging.size()).toBe(0)
  })

  it('never splits a surrogate pair between two parts', () => {
    const staging = createArticleTextStaging(clock().now)
    // An emoji straddles the first part boundary.
    const text = 'a'.repeat(TEXT_PART_CHARS - 1) + '🌉' + 'b'.repeat(STAGE_TEXT_MIN_CHARS)
    const article = { ...longArticle(10), text, paragraphs: [] }
    const { stagedText } = staging.forPage(packArticle(article))
    if (stagedText === undefined) throw new Error('the text was not staged')
    const first = staging.readPart(stagedText.handle, 0)
    expect(first.ok && first.value.endsWith('🌉')).toBe(true)
    const second = staging.readPart(stagedText.handle, 1)
    expect(second.ok && second.value.startsWith('b')).toBe(true)
  })

  it('answers unknown handles and wrong part numbers with typed failures', () => {
    const staging = createArticleTextStaging(clock().now)
    const { stagedText } = staging.forPage(packArticle(longArticle(STAGE_TEXT_MIN_CHARS + 10)))
    if (stagedText === undefined) throw new Error('the text was not staged')
    expect(staging.readPart('no-such-handle', 0)).toMatchObject({ error: { code: 'NOT_FOUND' } })
    expect(staging.readPart(42, 0)).toMatchObject({ error: { code: 'NOT_FOUND' } })
    for (const index of [-1, 1.5, '0', stagedText.partCount]) {
      expect(staging.readPart(stagedText.handle, index)).toMatchObject({
        error: { code: 'INVALID_ARGUMENT' }
      })
    }
    // The failures did not consume it.
    expect(staging.readPart(stagedText.handle, 0).ok).toBe(true)
  })

  it('drops a text nobody finished reading after the time limit', () => {
    const time = clock()
    const staging = createArticleTextStaging(time.now)
    const { stagedText } = staging.forPage(packArticle(longArticle(STAGE_TEXT_MIN_CHARS + 10)))
    if (stagedText === undefined) throw new Error('the text was not staged')
    expect(staging.readPart(stagedText.handle, 0).ok).toBe(true)
    time.advance(STAGED_TEXT_TTL_MS + 1)
    expect(staging.readPart(stagedText.handle, 1)).toMatchObject({ error: { code: 'NOT_FOUND' } })
    expect(staging.size()).toBe(0)
  })

  it(`keeps at most ${MAX_STAGED_TEXTS} texts, dropping the oldest`, () => {
    const staging = createArticleTextStaging(clock().now)
    const handles: string[] = []
    for (let index = 0; index < MAX_STAGED_TEXTS + 2; index += 1) {
      const { stagedText } = staging.forPage(packArticle(longArticle(STAGE_TEXT_MIN_CHARS + 10)))
      handles.push(stagedText?.handle ?? '')
    }
    expect(staging.size()).toBe(MAX_STAGED_TEXTS)
    expect(staging.readPart(handles[0], 0).ok).toBe(false)
    expect(staging.readPart(handles[1], 0).ok).toBe(false)
    expect(staging.readPart(handles[2], 0).ok).toBe(true)
  })

  it('packForPage packs and stages a success and passes failures and null through', () => {
    const staging = createArticleTextStaging(clock().now)
    const long = packForPage(staging, ok(longArticle(STAGE_TEXT_MIN_CHARS + 10)))
    expect(long.ok && long.value.stagedText?.partCount).toBe(3)
    expect(packForPage(staging, ok<Article | null>(null))).toEqual(ok(null))
    const failure: Result<Article> = fail('BINARY', 'Not text.')
    expect(packForPage(staging, failure)).toBe(failure)
  })
})

describe('receiveArticle', () => {
  it('gives a failure in words, and no article, when a part cannot be read', async () => {
    const staging = createArticleTextStaging(clock().now)
    const forPage = staging.forPage(packArticle(longArticle(STAGE_TEXT_MIN_CHARS + 10)))
    const received = await receiveArticle(forPage, async (handle, index) =>
      index === 1 ? fail('NOT_FOUND', 'gone') : staging.readPart(handle, index)
    )
    expect(received).toEqual(fail('NOT_FOUND', 'gone'))
  })

  it('refuses parts that do not add up to the announced length', async () => {
    const staging = createArticleTextStaging(clock().now)
    const forPage = staging.forPage(packArticle(longArticle(STAGE_TEXT_MIN_CHARS + 10)))
    const received = await receiveArticle(forPage, async () => ok('short'))
    expect(received.ok).toBe(false)
    expect(!received.ok && received.error.message).toMatch(/arrived incomplete/u)
  })
})
