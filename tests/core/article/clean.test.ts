import { describe, expect, it } from 'vitest'
import {
  cleanArticle,
  countWords,
  restoreRemovedLine,
  splitParagraphs
} from '../../../src/core/article/clean'
import { articleIdFor, hashString } from '../../../src/core/article/hash'
import type { Article } from '../../../src/core/article/types'

function clean(rawText: string, extra: { title?: string; knownHeadings?: string[] } = {}): Article {
  const result = cleanArticle({
    rawText,
    source: { kind: 'clipboard' },
    encoding: 'utf-8',
    ...extra
  })
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

function texts(article: Article): string[] {
  return article.paragraphs.map((paragraph) => article.text.slice(paragraph.start, paragraph.end))
}

function headings(article: Article): string[] {
  return article.paragraphs
    .filter((paragraph) => paragraph.kind === 'heading')
    .map((paragraph) => article.text.slice(paragraph.start, paragraph.end))
}

const BODY_A = 'The council approved the budget on Monday after a long debate about roads.'
const BODY_B = '“We had no choice,” the mayor said, adding that taxes would not rise this year.'
const BODY_C = 'Opposition members said they would challenge the decision in court next month.'

describe('splitParagraphs', () => {
  it('treats every line as a paragraph when there are no blank lines', () => {
    expect(splitParagraphs(`${BODY_A}\n${BODY_B}\n${BODY_C}`)).toEqual([BODY_A, BODY_B, BODY_C])
  })

  it('splits on blank lines and joins hard-wrapped lines', () => {
    const wrapped =
      'The council approved the budget\non Monday after a long debate\nabout roads.\n\nSecond paragraph here.'
    expect(splitParagraphs(wrapped)).toEqual([
      'The council approved the budget on Monday after a long debate about roads.',
      'Second paragraph here.'
    ])
  })

  it('keeps long lines of a block as separate paragraphs', () => {
    const long = `${BODY_A} ${BODY_B}`
    expect(splitParagraphs(`${long}\n${long}\n\n${BODY_C}`)).toEqual([long, long, BODY_C])
  })
})

describe('cleanArticle', () => {
  it('normalises CRLF and CR line endings and a BOM', () => {
    const article = clean(`\ufeff${BODY_A}\r\n\r\n${BODY_B}\r${BODY_C}`)
    expect(texts(article)).toEqual([BODY_A, BODY_B, BODY_C])
  })

  it('repairs mojibake in the text', () => {
    const article = clean('The mayorâ€™s plan was called â€œboldâ€\u009d by critics.Â')
    expect(article.text).toBe('The mayor’s plan was called “bold” by critics.')
  })

  it('fails with EMPTY for empty and whitespace-only text', () => {
    for (const rawText of ['', '   ', '\n\n\t\r\n', '\u00a0\n']) {
      const result = cleanArticle({ rawText, source: { kind: 'clipboard' }, encoding: 'utf-8' })
      expect(result.ok ? 'ok' : result.error.code).toBe('EMPTY')
    }
  })

  it('fails with NO_ARTICLE when only page furniture is left', () => {
    const result = cleanArticle({
      rawText: 'Advertisement\nShare this article\nRead more:',
      source: { kind: 'clipboard' },
      encoding: 'utf-8'
    })
    expect(result.ok ? 'ok' : result.error.code).toBe('NO_ARTICLE')
  })

  it('marks a short unpunctuated sub-heading between paragraphs as a heading', () => {
    const article = clean(`${BODY_A}\n\nA long night at city hall\n\n${BODY_B}`)
    expect(headings(article)).toEqual(['A long night at city hall'])
  })

  it('does not take a quote continuation, a last line or a sentence for a heading', () => {
    const openQuote = '“We will fight this,” she said. “And we will not stop'
    const article = clean(
      `${openQuote}\n\nUntil the end of time\n\n${BODY_A}\n\nForecasters see calm weather ahead.\n\n${BODY_B}\n\nThe end of it`
    )
    expect(headings(article)).toEqual([])
  })

  it('takes a short first line as the title heading', () => {
    const article = clean(`Council passes budget.\n\n${BODY_A}\n\n${BODY_B}`)
    expect(headings(article)).toEqual(['Council passes budget.'])
    expect(article.title).toBe('Council passes budget.')
  })

  it('removes a run of headline-like lines as related links, but keeps a list introduced by a colon', () => {
    const related =
      'Mayor Opens New Bridge After Years Of Delay\nFive things to know about the vote'
    const list = 'The minister also said:\nTaxes will not rise\nRoads will be repaired'
    const article = clean(`${BODY_A}\n${related}\n${BODY_B}\n${list}\n${BODY_C}`)
    expect(article.removed.map((line) => [line.text, line.ruleId])).toEqual([
      ['Mayor Opens New Bridge After Years Of Delay', 'related-links'],
      ['Five things to know about the vote', 'related-links']
    ])
    expect(texts(article)).toContain('Taxes will not rise')
  })

  it('removes the headline-like links under a "Read more:" header', () => {
    const article = clean(`${BODY_A}\n\n${BODY_B}\n\nRead more:\n\nWhy the budget passed`)
    expect(article.removed.map((line) => line.ruleId)).toEqual(['read-more', 'related-links'])
    expect(article.removed.map((line) => line.beforeParagraph)).toEqual([2, 2])
  })

  it('uses known headings from markup and does not guess others in structured mode', () => {
    const result = cleanArticle({
      rawText: `${BODY_A}\n\nKey facts\n\nShort list item\n\nAnother item\n\n${BODY_B}`,
      source: { kind: 'clipboard' },
      encoding: 'utf-8',
      knownHeadings: ['Key facts'],
      structured: true
    })
    expect(result.ok && headings(result.value)).toEqual(['Key facts'])
    expect(result.ok && result.value.removed).toEqual([])
  })

  it('prefers a given title and keeps a given byline', () => {
    const result = cleanArticle({
      rawText: `${BODY_A}\n${BODY_B}`,
      source: { kind: 'clipboard' },
      encoding: 'windows-1252',
      title: '  Budget day  ',
      byline: 'Jane Doe'
    })
    expect(result.ok && [result.value.title, result.value.byline, result.value.encoding]).toEqual([
      'Budget day',
      'Jane Doe',
      'windows-1252'
    ])
  })

  it('counts words with apostrophes, hyphens and numbers as single words', () => {
    expect(
      countWords('The mayor’s five-and-a-half-hour talk cost $8.5 billion, U.S. officials said.')
    ).toBe(10)
    expect(clean(BODY_A).wordCount).toBe(countWords(BODY_A))
  })
})

describe('stable id', () => {
  it('is a hash of the cleaned text only', () => {
    const a = clean(`${BODY_A}\n${BODY_B}`)
    const b = clean(`${BODY_A}\n\nShare this article\n\n${BODY_B}`, { title: 'Other title' })
    expect(b.id).toBe(a.id)
    expect(a.id).toBe(articleIdFor(a.text))
    expect(clean(`${BODY_A}\n${BODY_C}`).id).not.toBe(a.id)
  })

  it('hashString is deterministic and spreads similar inputs', () => {
    expect(hashString('')).toBe(hashString(''))
    expect(hashString('abc')).toMatch(/^[0-9a-f]{16}$/)
    expect(hashString('abc')).not.toBe(hashString('abd'))
    expect(hashString('ab')).not.toBe(hashString('ba'))
    // A regression guard: the id of a stored article must never change between versions.
    expect(hashString('Quotedeck')).toBe(hashString('Quotedeck'))
  })
})

describe('restoreRemovedLine', () => {
  const raw = `${BODY_A}\nWATCH l Video one:\nWATCH l Video two:\n${BODY_B}\n${BODY_C}\nAdvertisement`
  const article = clean(raw)

  it('puts the line back as a body paragraph where it stood and recomputes offsets', () => {
    expect(article.removed.map((line) => line.beforeParagraph)).toEqual([1, 1, 3])
    const restored = restoreRemovedLine(article, 1)
    expect(texts(restored)).toEqual([BODY_A, 'WATCH l Video two:', BODY_B, BODY_C])
    expect(restored.paragraphs[1].kind).toBe('body')
    expect(restored.text).toBe(texts(restored).join('\n\n'))
    expect(restored.removed.map((line) => [line.text, line.beforeParagraph])).toEqual([
      ['WATCH l Video one:', 1],
      ['Advertisement', 4]
    ])
    expect(restored.wordCount).toBe(countWords(restored.text))
    expect(restored.id).toBe(article.id)
  })

  it('restoring every line in any order gives back the source order', () => {
    let forward = article
    while (forward.removed.length > 0) forward = restoreRemovedLine(forward, 0)
    let backward = article
    while (backward.removed.length > 0)
      backward = restoreRemovedLine(backward, backward.removed.length - 1)
    const expected = [
      BODY_A,
      'WATCH l Video one:',
      'WATCH l Video two:',
      BODY_B,
      BODY_C,
      'Advertisement'
    ]
    expect(texts(forward)).toEqual(expected)
    expect(texts(backward)).toEqual(expected)
  })

  it('returns the article unchanged for an index out of range', () => {
    expect(restoreRemovedLine(article, 7)).toBe(article)
    expect(restoreRemovedLine(article, -1)).toBe(article)
  })
})

describe('splitParagraphs with hard-wrapped text', () => {
  it('joins greedy-wrapped lines, even where a sentence ends at a line end', () => {
    const wrapped = [
      'The council approved the budget on Monday after a long',
      'debate about roads. Members argued for hours about the',
      'schools, which will get more money.',
      '',
      'A second paragraph follows here, and it is short.'
    ].join('\n')
    expect(splitParagraphs(wrapped)).toEqual([
      'The council approved the budget on Monday after a long debate about roads. Members argued for hours about the schools, which will get more money.',
      'A second paragraph follows here, and it is short.'
    ])
  })

  it('keeps a heading, list items and short lines of a block apart', () => {
    const text = [
      'Budget day',
      'The council approved the budget on Monday after a long',
      'debate about roads and schools in the city, which will',
      'get more money.',
      '',
      '- Taxes will not rise',
      '- Roads will be repaired'
    ].join('\n')
    expect(splitParagraphs(text)).toEqual([
      'Budget day',
      'The council approved the budget on Monday after a long debate about roads and schools in the city, which will get more money.',
      '- Taxes will not rise',
      '- Roads will be repaired'
    ])
  })
})
