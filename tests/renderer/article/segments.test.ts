import { describe, expect, it } from 'vitest'
import {
  layoutArticle,
  type QuoteSegment
} from '../../../src/renderer/src/components/article/segments'
import type { Figure, Quote } from '../../../src/core/extract/types'
import { buildArticle, fakeExtract, sampleArticle } from './fixtures'

function quoteAt(text: string, inner: string, overrides: Partial<Quote> = {}): Quote {
  const start = text.indexOf(inner)
  return {
    id: `q-${start}`,
    text: inner,
    start,
    end: start + inner.length,
    kind: 'full',
    speaker: null,
    cue: null,
    confidence: 0.5,
    rule: 'test',
    sentence: { start, end: start + inner.length },
    ...overrides
  }
}

function figureAt(text: string, inner: string): Figure {
  const start = text.indexOf(inner)
  return {
    id: `f-${start}`,
    text: inner,
    start,
    end: start + inner.length,
    kind: 'count',
    value: null,
    unit: null,
    iso: null,
    vague: false,
    sentence: { start, end: start + inner.length }
  }
}

describe('layoutArticle', () => {
  it('lays out the first paragraphs of an article exactly as they are in the whole layout', () => {
    const article = sampleArticle()
    const extraction = fakeExtract(article)
    expect(extraction.quotes.length + extraction.figures.length).toBeGreaterThan(2)
    const whole = layoutArticle(article, extraction)
    for (let count = 0; count <= article.paragraphs.length; count += 1) {
      const first = layoutArticle(
        { text: article.text, paragraphs: article.paragraphs.slice(0, count) },
        extraction
      )
      expect(first).toEqual(whole.slice(0, count))
    }
  })

  it('keeps paragraph kinds and covers every character of each paragraph exactly once', () => {
    const article = sampleArticle()
    const layout = layoutArticle(article, fakeExtract(article))
    expect(layout.map((p) => p.kind)).toEqual(['body', 'heading', 'body', 'body', 'body'])
    for (const paragraph of layout) {
      const drawn = paragraph.segments
        .map((segment) =>
          segment.kind === 'quote'
            ? segment.openMark + segment.children.map((c) => c.text).join('') + segment.closeMark
            : segment.text
        )
        .join('')
      expect(drawn).toBe(article.text.slice(paragraph.start, paragraph.end))
    }
  })

  it('draws plain paragraphs when there is no extraction yet', () => {
    const article = sampleArticle()
    const layout = layoutArticle(article, null)
    expect(layout[2].segments).toEqual([
      {
        kind: 'text',
        start: layout[2].start,
        end: layout[2].end,
        text: article.text.slice(layout[2].start, layout[2].end)
      }
    ])
  })

  it('takes the quote marks next to a quote into the quote', () => {
    const article = sampleArticle()
    const layout = layoutArticle(article, fakeExtract(article))
    const quote = layout[2].segments[0] as QuoteSegment
    expect(quote.kind).toBe('quote')
    expect(quote.openMark).toBe('“')
    expect(quote.closeMark).toBe('”')
    expect(quote.quote.speaker).toBe('ada-lovelace')
  })

  it('nests a figure that stands inside a quote', () => {
    const article = buildArticle([{ text: 'She said “we hired 40 people” today.' }])
    const quote = quoteAt(article.text, 'we hired 40 people')
    const figure = figureAt(article.text, '40 people')
    const [paragraph] = layoutArticle(article, { quotes: [quote], figures: [figure] })
    const drawnQuote = paragraph.segments.find((s) => s.kind === 'quote') as QuoteSegment
    expect(drawnQuote.children.map((c) => [c.kind, c.text])).toEqual([
      ['text', 'we hired '],
      ['figure', '40 people']
    ])
  })

  it('clips a quote that runs over a paragraph break to each paragraph it covers', () => {
    const article = buildArticle([{ text: '“First part' }, { text: 'second part”' }])
    const start = 1
    const end = article.text.length - 1
    const quote = { ...quoteAt(article.text, 'First part'), start, end, id: 'q-1' }
    const layout = layoutArticle(article, { quotes: [quote], figures: [] })
    const pieces = layout.map((p) => p.segments.find((s) => s.kind === 'quote') as QuoteSegment)
    expect(pieces[0].children.map((c) => c.text).join('')).toBe('First part')
    expect(pieces[0].closeMark).toBe('')
    expect(pieces[1].children.map((c) => c.text).join('')).toBe('second part')
    expect(pieces[1].openMark).toBe('')
    expect(pieces[1].closeMark).toBe('”')
    // Both pieces carry the quote's own offsets (corrections are keyed by them).
    expect(pieces[1].quote.start).toBe(start)
  })

  it('draws only the first of two overlapping quotes', () => {
    const article = buildArticle([{ text: 'He said “alpha beta gamma” loudly.' }])
    const first = quoteAt(article.text, 'alpha beta')
    const second = quoteAt(article.text, 'beta gamma')
    const [paragraph] = layoutArticle(article, { quotes: [second, first], figures: [] })
    const quotes = paragraph.segments.filter((s) => s.kind === 'quote') as QuoteSegment[]
    expect(quotes.map((q) => q.quote.text)).toEqual(['alpha beta'])
  })

  it('draws a sub-heading in quote marks as a plain heading unless someone said it', () => {
    const article = buildArticle([
      { text: '‘All sorts of trouble’', kind: 'heading' },
      { text: 'She said ‘all sorts of trouble’ lay ahead.' }
    ])
    const heading = quoteAt(article.text, 'All sorts of trouble')
    const body = quoteAt(article.text, 'all sorts of trouble')
    const layout = layoutArticle(article, { quotes: [heading, body], figures: [] })
    expect(layout[0].segments.map((s) => s.kind)).toEqual(['text'])
    expect(layout[1].segments.map((s) => s.kind)).toEqual(['text', 'quote', 'text'])

    const credited = { ...heading, speaker: 'someone' }
    const again = layoutArticle(article, { quotes: [credited], figures: [] })
    expect(again[0].segments.map((s) => s.kind)).toEqual(['quote'])
  })
})
