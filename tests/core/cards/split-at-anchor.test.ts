import { describe, expect, it } from 'vitest'
import { splitAtAnchor } from '../../../src/core/cards/text'

const text = 'Intro. She said “we will win” on Friday. Next sentence.'
const quoteStart = text.indexOf('“')
const quoteEnd = text.indexOf('”') + 1
const sentence = { start: text.indexOf('She'), end: text.indexOf(' Next') }

describe('splitAtAnchor', () => {
  it('splits the sentence around the quote', () => {
    expect(splitAtAnchor(text, { sentence, span: { start: quoteStart, end: quoteEnd } })).toEqual({
      before: 'She said ',
      quote: '“we will win”',
      after: ' on Friday.'
    })
  })

  it('widens the sentence when the span reaches past it, so the whole quote shows', () => {
    const span = { start: quoteStart, end: text.length }
    const parts = splitAtAnchor(text, { sentence, span })
    expect(parts.quote).toBe(text.slice(quoteStart))
    expect(parts.after).toBe('')
    expect(parts.before + parts.quote + parts.after).toBe(text.slice(sentence.start))
  })
})
