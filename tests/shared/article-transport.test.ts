import { describe, expect, it } from 'vitest'
import {
  PACKED_PARAGRAPH_STRIDE,
  packParagraphs,
  unpackParagraphs
} from '../../src/core/article/paragraph-packing'
import type { Article } from '../../src/core/article/types'
import {
  packArticle,
  packArticleResult,
  receiveArticleResult,
  unpackArticle
} from '../../src/shared/article-transport'
import { fail, ok } from '../../src/shared/result'

const ARTICLE: Article = {
  id: 'a1',
  title: 'Harbour bridge reopens',
  byline: 'By Ada Quist',
  source: { kind: 'file', path: '/news/bridge.txt', fileName: 'bridge.txt' },
  text: 'Harbour bridge reopens\n\n“We are open,” the mayor said.\n\nMore follows',
  paragraphs: [
    { kind: 'heading', start: 0, end: 22 },
    { kind: 'body', start: 24, end: 54 },
    { kind: 'body', start: 56, end: 68 }
  ],
  removed: [{ text: 'Share this story', ruleId: 'share-line', beforeParagraph: 2 }],
  encoding: 'utf-8',
  wordCount: 9
}

describe('packParagraphs', () => {
  it('packs [start, end, kind] triples and unpacks the same paragraphs', () => {
    const data = packParagraphs(ARTICLE.paragraphs)
    expect(Array.from(data)).toEqual([0, 22, 1, 24, 54, 0, 56, 68, 0])
    expect(unpackParagraphs(data)).toEqual(ARTICLE.paragraphs)
  })

  it('ignores a trailing partial triple and keeps an empty list empty', () => {
    expect(unpackParagraphs(new Int32Array([0, 5, 0, 7]))).toEqual([
      { kind: 'body', start: 0, end: 5 }
    ])
    expect(unpackParagraphs(packParagraphs([]))).toEqual([])
    expect(PACKED_PARAGRAPH_STRIDE).toBe(3)
  })
})

describe('packArticle', () => {
  it('carries everything but the paragraph objects, which travel as one Int32Array', () => {
    const packed = packArticle(ARTICLE)
    expect(packed.paragraphData).toBeInstanceOf(Int32Array)
    expect(Object.keys(packed.meta).sort()).toEqual(
      ['byline', 'encoding', 'id', 'removed', 'source', 'title', 'wordCount'].sort()
    )
    expect(unpackArticle(packed)).toEqual(ARTICLE)
  })

  it('survives a structured clone (what Electron’s IPC does to it) unchanged', () => {
    const cloned = structuredClone(packArticle(ARTICLE))
    expect(cloned.paragraphData).toBeInstanceOf(Int32Array)
    expect(unpackArticle(cloned)).toEqual(ARTICLE)
  })

  it('packs and receives results, passing failures and a cancelled dialog through', async () => {
    const noParts = async (): Promise<never> => {
      throw new Error('a text inside the article needs no part read')
    }
    const packed = packArticleResult(ok(ARTICLE))
    expect(packed.ok && packed.value.paragraphData.length).toBe(9)
    expect(await receiveArticleResult(packed, noParts)).toEqual(ok(ARTICLE))
    expect(packArticleResult(ok<Article | null>(null))).toEqual(ok(null))
    expect(await receiveArticleResult(ok(null), noParts)).toEqual(ok(null))
    const failure = fail<Article>('NOT_FOUND', '“b.txt” was not found.')
    expect(packArticleResult(failure)).toBe(failure)
    expect(await receiveArticleResult(packArticleResult(failure), noParts)).toBe(failure)
  })

  it('refuses to unpack an article whose text is still staged', () => {
    const staged = {
      ...packArticle(ARTICLE),
      text: '',
      stagedText: { handle: 'h', partCount: 1, length: 68 }
    }
    expect(() => unpackArticle(staged)).toThrow(/staged/u)
  })
})
