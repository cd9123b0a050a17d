import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { cleanArticle } from '../../../src/core/article/clean'
import type { Article } from '../../../src/core/article/types'
import { generateCards } from '../../../src/core/cards'
import { extractArticle } from '../../../src/core/extract'
import type { TextSpan } from '../../../src/core/extract'
import {
  articleText,
  callTyped,
  fuzzCounter,
  fuzzParameters,
  FUZZ_TIMEOUT_MS
} from '../../support/fuzz'

/** Every character the extractor may treat as a quote mark (opening or closing). */
const QUOTE_MARKS = new Set([
  '“',
  '”',
  '"',
  "'",
  '‘',
  '’',
  '«',
  '»',
  '„',
  '‚',
  '‹',
  '›',
  '「',
  '」'
])

function articleOf(text: string): Article | null {
  const result = cleanArticle({ rawText: text, source: { kind: 'clipboard' }, encoding: 'utf-8' })
  return result.ok ? result.value : null
}

/** The character before `index`, spaces skipped. */
function markBefore(text: string, index: number): string {
  let at = index - 1
  while (at >= 0 && /\s/u.test(text[at])) at -= 1
  return text[at] ?? ''
}

/** The character at or after `index`, spaces skipped. */
function markAfter(text: string, index: number): string {
  let at = index
  while (at < text.length && /\s/u.test(text[at])) at += 1
  return text[at] ?? ''
}

function expectInside(span: TextSpan, text: string): void {
  expect(Number.isInteger(span.start) && Number.isInteger(span.end)).toBe(true)
  expect(span.start).toBeGreaterThanOrEqual(0)
  expect(span.end).toBeLessThanOrEqual(text.length)
  expect(span.start).toBeLessThanOrEqual(span.end)
}

describe('extractor properties over generated articles', () => {
  const counter = fuzzCounter('extractor and cards')
  afterAll(() => {
    const counts = counter.report()
    expect(counts.crashes + counts.hangs + counts.untypedErrors).toBe(0)
  })

  it(
    'spans lie inside the text, quotes never overlap and stand between quote marks; cards are valid',
    { timeout: FUZZ_TIMEOUT_MS },
    () => {
      fc.assert(
        fc.property(
          articleText,
          counter.check((raw: string) => {
            const article = articleOf(raw)
            if (article === null) return
            const extraction = callTyped(() => extractArticle(article))
            const { text } = article
            const paragraphEnds = new Set(article.paragraphs.map((paragraph) => paragraph.end))
            const quotes = [...extraction.quotes].sort((a, b) => a.start - b.start)
            for (const [index, quote] of quotes.entries()) {
              expectInside(quote, text)
              expectInside(quote.sentence, text)
              expect(quote.text).toBe(text.slice(quote.start, quote.end))
              // Quote text is trimmed of the spaces inside its marks; a quote left open runs to
              // the end of its paragraph (the press convention for quotes over several paragraphs).
              expect(QUOTE_MARKS.has(markBefore(text, quote.start))).toBe(true)
              expect(
                QUOTE_MARKS.has(markAfter(text, quote.end)) || paragraphEnds.has(quote.end)
              ).toBe(true)
              if (index > 0) expect(quotes[index - 1].end).toBeLessThanOrEqual(quote.start)
              expect(quote.confidence).toBeGreaterThanOrEqual(0)
              expect(quote.confidence).toBeLessThanOrEqual(1)
            }
            const speakerIds = new Set(extraction.speakers.map((speaker) => speaker.id))
            for (const quote of quotes) {
              if (quote.speaker !== null) expect(speakerIds.has(quote.speaker)).toBe(true)
            }
            for (const speaker of extraction.speakers) {
              for (const mention of speaker.mentions) expectInside(mention, text)
            }
            for (const figure of extraction.figures) {
              expectInside(figure, text)
              expect(figure.text).toBe(text.slice(figure.start, figure.end))
            }

            const { notes, cards } = callTyped(() => generateCards({ article, extraction }))
            const noteIds = new Set(notes.map((note) => note.id))
            expect(new Set(cards.map((card) => card.id)).size).toBe(cards.length)
            for (const card of cards) {
              expect(noteIds.has(card.noteId)).toBe(true)
              expect(card.articleId).toBe(article.id)
              expect(card.prompt.trim()).not.toBe('')
              expect(card.answer.trim()).not.toBe('')
              expectInside(card.anchor.span, text)
              expectInside(card.anchor.sentence, text)
              expect(card.anchor.paragraphIndex).toBeGreaterThanOrEqual(0)
              expect(card.anchor.paragraphIndex).toBeLessThan(article.paragraphs.length)
              if (card.options !== null) {
                expect(card.options).toContain(card.answer)
                expect(new Set(card.options).size).toBe(card.options.length)
              }
            }
          })
        ),
        fuzzParameters()
      )
    }
  )

  it('is deterministic: the same article gives the same extraction', () => {
    fc.assert(
      fc.property(articleText, (raw) => {
        const article = articleOf(raw)
        if (article === null) return
        expect(extractArticle(article)).toEqual(extractArticle(article))
      }),
      { ...fuzzParameters(), numRuns: 20 }
    )
  })
})
