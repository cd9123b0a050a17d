import { describe, expect, it } from 'vitest'
import {
  markLocated,
  resolveLocatedSpan,
  type LocatedSegment
} from '../../../src/renderer/src/components/article/locate'
import { layoutArticle, type Segment } from '../../../src/renderer/src/components/article/segments'
import { buildArticle, fakeExtract, sampleArticle } from './fixtures'

const article = buildArticle([
  { text: 'Mr. Smith arrived late. He left early! Nobody noticed.' },
  { text: 'A second paragraph. With two sentences.' }
])
const { text } = article

function span(from: string, to: string): { start: number; end: number } {
  const start = text.indexOf(from)
  const end = text.indexOf(to) + to.length
  return { start, end }
}

describe('resolveLocatedSpan', () => {
  it('runs from `at` to the end of its sentence when no end is given', () => {
    const at = text.indexOf('He left')
    expect(resolveLocatedSpan(article, String(at), undefined)).toEqual(span('He left', 'early!'))
  })

  it('keeps an abbreviation inside the sentence (the extractor’s splitter)', () => {
    expect(resolveLocatedSpan(article, '0', null)).toEqual(span('Mr. Smith', 'late.'))
  })

  it('starts mid-sentence when `at` does, and ends with that sentence', () => {
    const at = text.indexOf('left early')
    expect(resolveLocatedSpan(article, String(at), undefined)).toEqual({
      start: at,
      end: text.indexOf('early!') + 'early!'.length
    })
  })

  it('uses `end` when it is an offset after `at` within the text', () => {
    const wanted = span('He left', 'noticed.')
    expect(resolveLocatedSpan(article, String(wanted.start), String(wanted.end))).toEqual(wanted)
    expect(resolveLocatedSpan(article, '0', String(text.length))).toEqual({
      start: 0,
      end: text.length
    })
  })

  it('falls back to the sentence end when `end` is not usable', () => {
    const at = text.indexOf('He left')
    const sentence = span('He left', 'early!')
    for (const end of [
      String(at),
      String(at - 1),
      String(text.length + 1),
      '12.5',
      '-3',
      'x',
      ''
    ]) {
      expect(resolveLocatedSpan(article, String(at), end)).toEqual(sentence)
    }
  })

  it('ignores an `at` that is missing, not a plain integer, or outside the text', () => {
    for (const at of [undefined, null, '', 'abc', '-1', '1e2', ' 4', '4.0', String(text.length)]) {
      expect(resolveLocatedSpan(article, at, undefined)).toBeNull()
    }
  })

  it('reads the first value of a repeated query parameter', () => {
    const at = text.indexOf('Nobody')
    expect(resolveLocatedSpan(article, [String(at), '0'], undefined)).toEqual(
      span('Nobody', 'noticed.')
    )
  })

  it('takes an offset between paragraphs to the next paragraph’s first sentence', () => {
    const gap = article.paragraphs[0].end + 1
    expect(resolveLocatedSpan(article, String(gap), undefined)).toEqual(
      span('A second', 'paragraph.')
    )
  })

  it('skips to the next sentence when `at` falls on the space between two', () => {
    const space = text.indexOf(' He left')
    expect(resolveLocatedSpan(article, String(space), undefined)).toEqual(span('He left', 'early!'))
  })
})

describe('markLocated', () => {
  const sample = sampleArticle()
  const layout = layoutArticle(sample, fakeExtract(sample))

  function wrappers(located: { start: number; end: number } | null): LocatedSegment[] {
    return markLocated(layout, located).flatMap((paragraph) =>
      paragraph.segments.filter((s): s is LocatedSegment => s.kind === 'located')
    )
  }

  it('leaves the layout alone without a located span', () => {
    expect(markLocated(layout, null)).toBe(layout)
  })

  it('cuts plain text at the span’s edges and keeps the rest of the paragraph around it', () => {
    const start = sample.text.indexOf('spoke on Monday')
    const end = start + 'spoke on Monday'.length
    const paragraph = markLocated(layout, { start, end })[0]
    const [wrapper] = wrappers({ start, end })
    expect(wrapper).toMatchObject({ start, end, first: true })
    expect(wrapper.segments).toEqual([{ kind: 'text', start, end, text: 'spoke on Monday' }])
    const textOf = (segment: Segment): string =>
      segment.kind === 'quote' ? segment.quote.text : segment.text
    const drawn = paragraph.segments
      .map((s) => (s.kind === 'located' ? `[${s.segments.map(textOf).join('')}]` : textOf(s)))
      .join('')
    expect(drawn).toBe('Minister Ada Lovelace [spoke on Monday] about the $5 billion engine plan.')
  })

  it('takes a quote whole when the span only covers part of it', () => {
    const start = sample.text.indexOf('build engines')
    const [wrapper] = wrappers({ start, end: start + 5 })
    expect(wrapper.segments.map((s) => s.kind)).toEqual(['quote'])
    expect(wrapper.segments[0].kind === 'quote' && wrapper.segments[0].quote.speaker).toBe(
      'ada-lovelace'
    )
  })

  it('wraps a sentence opening on a quote mark together with its quote', () => {
    const paragraph = sample.paragraphs[2]
    const [wrapper] = wrappers({ start: paragraph.start, end: paragraph.end })
    expect(wrapper.segments.map((s) => s.kind)).toEqual(['quote', 'text'])
    expect(wrapper.segments[1].kind === 'text' && wrapper.segments[1].text).toBe(' Lovelace said.')
  })

  it('wraps each paragraph a span crosses, and only the first takes the focus', () => {
    const start = sample.paragraphs[2].start
    const end = sample.paragraphs[3].end
    expect(wrappers({ start, end }).map((w) => w.first)).toEqual([true, false])
  })
})
