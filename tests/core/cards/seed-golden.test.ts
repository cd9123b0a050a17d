/**
 * Golden tests on the built-in seed article, through the real loader and extractor: whatever the
 * extractor finds, the cards must cover it and keep the quality rules.
 */
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Article } from '../../../src/core/article/types'
import type { Extraction } from '../../../src/core/extract/types'
import { extractArticle } from '../../../src/core/extract'
import {
  CLOZE_GAP,
  generateCards,
  MIN_WHO_SAID_WORDS,
  toAnkiTsv,
  type GeneratedCards
} from '../../../src/core/cards'
import { wordCount } from '../../../src/core/cards/text'
import { loadBuiltinArticle } from '../../../src/main/services/article-loader'

let article: Article
let extraction: Extraction
let generated: GeneratedCards

beforeAll(async () => {
  const loaded = await loadBuiltinArticle(resolve(__dirname, '../../../resources'))
  if (!loaded.ok) throw new Error(loaded.error.message)
  article = loaded.value
  extraction = extractArticle(article)
  generated = generateCards({ article, extraction })
})

describe('seed article cards (golden)', () => {
  it('the extractor found quotes, figures and speakers to work with', () => {
    expect(extraction.quotes.filter((q) => q.speaker !== null).length).toBeGreaterThanOrEqual(8)
    expect(extraction.figures.filter((f) => !f.vague).length).toBeGreaterThanOrEqual(4)
  })

  it('every attributed quote (two words or more) has a who-said card with the right answer', () => {
    const attributed = extraction.quotes.filter(
      (q) => q.speaker !== null && wordCount(q.text) >= MIN_WHO_SAID_WORDS
    )
    for (const quote of attributed) {
      const speaker = extraction.speakers.find((s) => s.id === quote.speaker)!
      const card = generated.cards.find(
        (c) => c.template === 'who-said' && c.anchor.span.start === quote.start
      )
      expect(card, `who-said for “${quote.text}”`).toBeDefined()
      expect(card!.answer).toBe(speaker.name)
      expect(card!.answerSpeakerId).toBe(speaker.id)
    }
  })

  it('every who-said card has three distinct distractors besides the answer', () => {
    const whoSaid = generated.cards.filter((c) => c.template === 'who-said')
    expect(whoSaid.length).toBeGreaterThanOrEqual(8)
    for (const card of whoSaid) {
      expect(card.options).toHaveLength(4)
      expect(new Set(card.options).size).toBe(4)
      expect(card.options!.filter((o) => o === card.answer)).toHaveLength(1)
    }
  })

  it('every precise figure has a cloze; vague ones have none', () => {
    for (const figure of extraction.figures) {
      const card = generated.cards.find(
        (c) => c.template === 'cloze-figure' && c.anchor.span.start === figure.start
      )
      if (figure.vague) {
        expect(card, `no cloze for vague “${figure.text}”`).toBeUndefined()
      } else {
        expect(card, `cloze for “${figure.text}”`).toBeDefined()
        expect(card!.answer).toBe(figure.text)
        expect(card!.prompt).toContain(CLOZE_GAP)
      }
    }
  })

  it('asks who holds the roles the article states', () => {
    const whoIs = generated.cards.filter((c) => c.template === 'who-is')
    const wang = extraction.speakers.find((s) => s.role && /top diplomat/.test(s.role))
    expect(wang).toBeDefined()
    const card = whoIs.find((c) => c.answerSpeakerId === wang!.id)!
    expect(card.prompt).toBe(`Who is ${wang!.role}?`)
    const reverse = generated.cards.find((c) => c.template === 'role-of' && c.answer === wang!.role)
    expect(reverse!.prompt).toBe(`What is ${wang!.name}’s role?`)
  })

  it('keeps the quality rules: unique ids and prompts, no visible cloze answer, anchors in text', () => {
    const ids = generated.cards.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    const prompts = generated.cards.map((c) => `${c.context} ${c.prompt}`)
    expect(new Set(prompts).size).toBe(prompts.length)
    for (const card of generated.cards) {
      if (card.template.startsWith('cloze')) {
        expect(card.prompt.toLowerCase()).not.toContain(card.answer.toLowerCase())
      }
      expect(card.anchor.span.end).toBeLessThanOrEqual(article.text.length)
      expect(card.anchor.sentence.start).toBeLessThanOrEqual(card.anchor.span.start)
      expect(card.anchor.sentence.end).toBeGreaterThanOrEqual(card.anchor.span.end)
    }
  })

  it('nothing comes from unattributed quotes', () => {
    for (const quote of extraction.quotes.filter((q) => q.speaker === null)) {
      expect(generated.cards.some((c) => c.anchor.span.start === quote.start)).toBe(false)
    }
  })

  it('is stable: generating twice gives the same cards', () => {
    expect(generateCards({ article, extraction })).toEqual(generated)
  })

  it('exports one TSV line per card', () => {
    const lines = toAnkiTsv(generated.cards).trimEnd().split('\n')
    expect(lines).toHaveLength(generated.cards.length + 3)
    for (const line of lines.slice(3)) expect(line.split('\t')).toHaveLength(3)
  })
})
