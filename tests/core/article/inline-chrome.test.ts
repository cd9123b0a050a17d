import { describe, expect, it } from 'vitest'
import { splitInlineChrome } from '../../../src/core/article/inline-chrome'
import { cleanArticle } from '../../../src/core/article/clean'
import type { Article } from '../../../src/core/article/types'

const clean = (rawText: string): Article => {
  const result = cleanArticle({ rawText, source: { kind: 'clipboard' }, encoding: 'utf-8' })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const BODY = 'The council approved the budget on Monday after a long debate about roads and taxes.'
const BODY_2 = 'Opposition members said they would challenge the decision in court next month.'

describe('splitInlineChrome', () => {
  it('leaves a paragraph without furniture whole', () => {
    expect(splitInlineChrome(BODY)).toEqual([BODY])
  })

  it('cuts a row of share-button labels out between a headline and a caption', () => {
    const line =
      'TOWN: Mayor quits after vote, aides say Share Pin It More Galleries ADVERTISEMENT A crowd waits outside city hall on Monday. CITY POLICE DEPT./CONTRIBUTED IMAGE Related article »'
    expect(splitInlineChrome(line)).toEqual([
      'TOWN: Mayor quits after vote, aides say',
      'Share Pin It More Galleries ADVERTISEMENT',
      'A crowd waits outside city hall on Monday.',
      'CITY POLICE DEPT./CONTRIBUTED IMAGE Related article »'
    ])
  })

  it('cuts a bracketed link to another story after the last sentence', () => {
    expect(splitInlineChrome(`${BODY} [Ten Things to Know About the Budget ]`)).toEqual([
      BODY,
      '[Ten Things to Know About the Budget ]'
    ])
  })

  it('keeps editorial insertions in square brackets', () => {
    const quote = '“[The plan] will not work,” she said. “It is [in my view] too late.”'
    expect(splitInlineChrome(quote)).toEqual([quote])
  })

  it('keeps two capitalised words that only look like widget labels', () => {
    const line = 'Next Share of the profits goes to the workers, the union said.'
    expect(splitInlineChrome(line)).toEqual([line])
  })
})

describe('cleanArticle with captions and datelines', () => {
  it('removes a short caption standing just before its credit line', () => {
    const article = clean(
      `${BODY}\n\nA firefighter sprays water on a burning barn.\n\nCredit: Agency View full size image\n\n${BODY_2}`
    )
    expect(article.removed.map((line) => [line.text, line.ruleId])).toEqual([
      ['A firefighter sprays water on a burning barn.', 'photo-caption'],
      ['Credit: Agency View full size image', 'image-credit']
    ])
  })

  it('keeps a quotation before a credit line', () => {
    const quote = '“We will rebuild,” the farmer said.'
    const article = clean(`${BODY}\n\n${quote}\n\nCredit: Agency\n\n${BODY_2}`)
    expect(article.removed.map((line) => line.text)).toEqual(['Credit: Agency'])
  })

  it('takes the lines before a datelined first paragraph as headline and dek', () => {
    const dek =
      'The council passed its budget after a long night, and the opposition vowed to fight it in court.'
    const article = clean(`${dek}\n\nSPRINGFIELD — ${BODY}\n\n${BODY_2}`)
    const headings = article.paragraphs
      .filter((p) => p.kind === 'heading')
      .map((p) => article.text.slice(p.start, p.end))
    expect(headings).toEqual([dek])
  })

  it('does not take a one-sentence first paragraph that opens with a pronoun for a title', () => {
    const article = clean(`We all wanted a better budget.\n\n${BODY}\n\n${BODY_2}`)
    expect(article.paragraphs[0].kind).toBe('body')
  })
})
