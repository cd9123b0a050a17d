import { describe, expect, it } from 'vitest'
import { applyCorrections, USER_CORRECTION_RULE } from '../../../src/core/cards'
import { seedLikeFixture } from './fixture'

describe('applyCorrections', () => {
  const { extraction } = seedLikeFixture()
  const xiQuote = extraction.quotes.find((q) => q.speaker === 'xi-jinping')!
  const wangQuote = extraction.quotes.find((q) => q.speaker === 'wang-yi')!

  it('removes a span marked "not a quote" and recounts quotes', () => {
    const result = applyCorrections(extraction, [
      { start: xiQuote.start, end: xiQuote.end, kind: 'not-quote', speakerId: null }
    ])
    expect(result.quotes).toHaveLength(extraction.quotes.length - 1)
    expect(result.quotes.some((q) => q.start === xiQuote.start)).toBe(false)
    expect(result.speakers.find((s) => s.id === 'xi-jinping')!.quoteCount).toBe(0)
  })

  it('reassigns a speaker, marks the rule and full confidence, and recounts', () => {
    const result = applyCorrections(extraction, [
      { start: xiQuote.start, end: xiQuote.end, kind: 'speaker', speakerId: 'wang-yi' }
    ])
    const changed = result.quotes.find((q) => q.start === xiQuote.start)!
    expect(changed.speaker).toBe('wang-yi')
    expect(changed.rule).toBe(USER_CORRECTION_RULE)
    expect(changed.confidence).toBe(1)
    expect(result.speakers.find((s) => s.id === 'wang-yi')!.quoteCount).toBe(3)
    expect(result.speakers.find((s) => s.id === 'xi-jinping')!.quoteCount).toBe(0)
  })

  it('can set a quote to "nobody named" (speaker null)', () => {
    const result = applyCorrections(extraction, [
      { start: wangQuote.start, end: wangQuote.end, kind: 'speaker', speakerId: null }
    ])
    expect(result.quotes.find((q) => q.start === wangQuote.start)!.speaker).toBeNull()
  })

  it('applies corrections in order: the later one wins', () => {
    const result = applyCorrections(extraction, [
      { start: xiQuote.start, end: xiQuote.end, kind: 'speaker', speakerId: 'wang-yi' },
      { start: xiQuote.start, end: xiQuote.end, kind: 'speaker', speakerId: 'joe-biden' }
    ])
    expect(result.quotes.find((q) => q.start === xiQuote.start)!.speaker).toBe('joe-biden')
  })

  it('matches a quote whose boundary moved slightly after re-extraction', () => {
    const result = applyCorrections(extraction, [
      { start: xiQuote.start - 1, end: xiQuote.end + 1, kind: 'speaker', speakerId: 'joe-biden' }
    ])
    expect(result.quotes.find((q) => q.start === xiQuote.start)!.speaker).toBe('joe-biden')
  })

  it('ignores a correction that matches no quote', () => {
    const result = applyCorrections(extraction, [
      { start: 0, end: 5, kind: 'not-quote', speakerId: null }
    ])
    expect(result).toEqual(extraction)
  })

  it('does not modify its input', () => {
    const before = structuredClone(extraction)
    applyCorrections(extraction, [
      { start: xiQuote.start, end: xiQuote.end, kind: 'speaker', speakerId: 'wang-yi' },
      { start: wangQuote.start, end: wangQuote.end, kind: 'not-quote', speakerId: null }
    ])
    expect(extraction).toEqual(before)
  })
})
