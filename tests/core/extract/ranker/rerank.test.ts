import { describe, expect, it } from 'vitest'
import { cleanArticle } from '../../../../src/core/article/clean'
import type { Article } from '../../../../src/core/article/types'
import { ATTRIBUTION_MODEL, extractArticle } from '../../../../src/core/extract'
import { buildCandidates } from '../../../../src/core/extract/ranker/candidates'
import { RANKER_FORMAT_VERSION } from '../../../../src/core/extract/ranker/model'
import { decide } from '../../../../src/core/extract/ranker/rerank'

function article(text: string): Article {
  const result = cleanArticle({ rawText: text, source: { kind: 'clipboard' }, encoding: 'utf-8' })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const TEXT = [
  'The council met on Monday to vote on the budget for the coming year.',
  '“We had no choice,” said Maria Ortiz, the council leader. “The roads cannot wait.”',
  'Tomas Berg, who leads the opposition, disagreed. “This is a mistake,” Berg said.',
  'The so-called “rainy day fund” was left untouched.'
].join('\n\n')

describe('decide', () => {
  const ranked = { quoteIndex: 0, speakerIds: ['a', 'b', null], probabilities: [0.6, 0.3, 0.1] }

  it('takes the most probable speaker at or above the threshold', () => {
    expect(decide(ranked, 0.5)).toEqual({ speaker: 'a', confidence: 0.6, abstained: false })
  })

  it('abstains below the threshold, with the probability of nobody as confidence', () => {
    expect(decide(ranked, 0.7)).toEqual({ speaker: null, confidence: 0.1, abstained: true })
  })

  it('chooses nobody when nobody is the most probable', () => {
    const nobody = { ...ranked, probabilities: [0.2, 0.1, 0.7] }
    expect(decide(nobody, 0.5)).toEqual({ speaker: null, confidence: 0.7, abstained: false })
  })
})

describe('the shipped attribution model', () => {
  it('is a current-format model learned from an annotated corpus', () => {
    expect(ATTRIBUTION_MODEL.formatVersion).toBe(RANKER_FORMAT_VERSION)
    expect(ATTRIBUTION_MODEL.trainedOn.quotes).toBeGreaterThan(100)
    expect(ATTRIBUTION_MODEL.temperature).toBeGreaterThan(0)
    expect(ATTRIBUTION_MODEL.threshold).toBeGreaterThanOrEqual(0)
    expect(ATTRIBUTION_MODEL.threshold).toBeLessThan(1)
  })

  it('names the speakers of cued quotes and nobody for a scare quote', () => {
    const a = article(TEXT)
    const x = extractArticle(a)
    const names = new Map(x.speakers.map((s) => [s.id, s.name]))
    const byText = new Map(x.quotes.map((q) => [q.text, q.speaker ? names.get(q.speaker) : null]))
    expect(byText.get('We had no choice,')).toBe('Maria Ortiz')
    expect(byText.get('The roads cannot wait.')).toBe('Maria Ortiz')
    expect(byText.get('This is a mistake,')).toBe('Tomas Berg')
    expect(byText.get('rainy day fund')).toBeNull()
  })

  it('gives every quote a confidence between 0 and 1 and counts quotes per speaker', () => {
    const x = extractArticle(article(TEXT))
    for (const q of x.quotes) {
      expect(q.confidence).toBeGreaterThanOrEqual(0)
      expect(q.confidence).toBeLessThanOrEqual(1)
    }
    const ortiz = x.speakers.find((s) => s.name === 'Maria Ortiz')
    expect(ortiz?.quoteCount).toBe(2)
  })

  it('offers each quote the speakers named nearby, the previous speaker and nobody', () => {
    const a = article(TEXT)
    const proposed = extractArticle(a, { model: null })
    const candidates = buildCandidates(a, proposed)
    const third = candidates[2].candidates.map((c) => c.speakerId)
    expect(third).toContain(null)
    const ids = new Map(proposed.speakers.map((s) => [s.name, s.id]))
    expect(third).toContain(ids.get('Tomas Berg'))
    expect(third).toContain(ids.get('Maria Ortiz'))
  })
})
