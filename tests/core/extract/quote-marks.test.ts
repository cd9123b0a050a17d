import { describe, expect, it } from 'vitest'
import { findQuoteSpans } from '../../../src/core/extract'
import { makeArticle } from './make-article'

function spans(raw: string): { text: string; unclosed: boolean; continuesPrevious: boolean }[] {
  const article = makeArticle(raw)
  return findQuoteSpans(article.text, article.paragraphs).map((q) => ({
    text: article.text.slice(q.start, q.end),
    unclosed: q.unclosed,
    continuesPrevious: q.continuesPrevious
  }))
}

const texts = (raw: string): string[] => spans(raw).map((s) => s.text)

describe('findQuoteSpans', () => {
  it('pairs curly and straight double quotes, keeping inner punctuation', () => {
    expect(texts('“Go home,” she said. He said "stay," then left.')).toEqual(['Go home,', 'stay,'])
  })

  it('keeps nested single quotes and apostrophes inside a double quote', () => {
    expect(texts("\"They called it 'the big one' and didn't leave,\" he said.")).toEqual([
      "They called it 'the big one' and didn't leave,"
    ])
  })

  it('uses single marks as quote marks but not apostrophes or elisions', () => {
    expect(texts('‘We’re ready,’ said the coach, whose team’s best year was ’91.')).toEqual([
      'We’re ready,'
    ])
    expect(texts("The parents' group met. 'Enough is enough,' its chair said.")).toEqual([
      'Enough is enough,'
    ])
  })

  it('drops an unbalanced single mark', () => {
    expect(texts("Engineers Fail to Stop 'Rust Outbreaks")).toEqual([])
  })

  it('closes a quote at the next opening mark when its closing mark is missing', () => {
    const list = spans('She said: "One. "Two." Then she left.')
    expect(list.map((s) => s.text)).toEqual(['One.', 'Two.'])
    expect(list[0].unclosed).toBe(true)
  })

  it('runs a quote to the paragraph end and flags the continuation', () => {
    const list = spans('He said: "First part.\n\n"Second part."')
    expect(list).toEqual([
      { text: 'First part.', unclosed: true, continuesPrevious: false },
      { text: 'Second part.', unclosed: false, continuesPrevious: true }
    ])
  })

  it('runs a single-quoted quote on into a paragraph that opens with a single mark', () => {
    const list = spans("'First we wait,' she said. 'Then we build.\n\n'And then we rest.'")
    expect(list.map((x) => [x.text, x.unclosed, x.continuesPrevious])).toEqual([
      ['First we wait,', false, false],
      ['Then we build.', true, false],
      ['And then we rest.', false, true]
    ])
  })

  it('keeps editorial brackets and ellipses inside the quote', () => {
    expect(texts('“[The plan] is … late,” she said.')).toEqual(['[The plan] is … late,'])
  })

  it('gives offsets that slice the quoted characters exactly', () => {
    const article = makeArticle('Intro.\n\n“Exactly this,” he said.')
    const [q] = findQuoteSpans(article.text, article.paragraphs)
    expect(article.text.slice(q.start, q.end)).toBe('Exactly this,')
    expect(article.text[q.openAt]).toBe('“')
  })
})
