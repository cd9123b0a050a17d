import { describe, expect, it } from 'vitest'
import type { Article } from '../../../src/core/article/types'
import type { Extraction } from '../../../src/core/extract/types'
import { applyCorrections, generateCards } from '../../../src/core/cards'
import { makeArticle, PARAGRAPHS, seedLikeFixture } from './fixture'

/** The same article with `prefix` added before it: every offset moves, no content changes. */
function shifted(
  article: Article,
  extraction: Extraction,
  prefix: string
): { article: Article; extraction: Extraction } {
  const by = prefix.length
  const moved = <T extends { start: number; end: number }>(span: T): T => ({
    ...span,
    start: span.start + by,
    end: span.end + by
  })
  const withPrefix = makeArticle([prefix.replace(/\n\n$/, ''), ...PARAGRAPHS], article.id)
  return {
    article: withPrefix,
    extraction: {
      ...extraction,
      speakers: extraction.speakers.map((s) => ({ ...s, mentions: s.mentions.map(moved) })),
      quotes: extraction.quotes.map((q) => ({
        ...moved(q),
        id: `q-${q.start + by}`,
        sentence: moved(q.sentence)
      })),
      figures: extraction.figures.map((f) => ({
        ...moved(f),
        id: `f-${f.start + by}`,
        sentence: moved(f.sentence)
      }))
    }
  }
}

describe('card and note ids', () => {
  const { article, extraction } = seedLikeFixture()
  const first = generateCards({ article, extraction })

  it('follow `${articleId}:${kind}:${key}` and `${noteId}:${template}`', () => {
    for (const note of first.notes) {
      expect(note.id.startsWith(`${article.id}:${note.kind}:`)).toBe(true)
    }
    for (const card of first.cards) {
      // a figure sibling keeps its own figure's id under its sentence's note
      if (card.template === 'cloze-figure')
        expect(card.id).toMatch(/^.*:figure:[^:]+:cloze-figure$/)
      else expect(card.id).toBe(`${card.noteId}:${card.template}`)
      expect(first.notes.some((n) => n.id === card.noteId)).toBe(true)
    }
    expect(first.notes.map((n) => n.id)).toContain(`${article.id}:role:wang-yi`)
    expect(first.notes.map((n) => n.id)).toContain(`${article.id}:figure:five-and-a-half-hours`)
  })

  it('are unique', () => {
    const ids = first.cards.map((c) => c.id)
    expect(new Set(ids).size).toBe(ids.length)
    const noteIds = first.notes.map((n) => n.id)
    expect(new Set(noteIds).size).toBe(noteIds.length)
  })

  it('regeneration gives exactly the same notes and cards', () => {
    expect(generateCards({ article, extraction })).toEqual(first)
  })

  it('survive an offset shift (a paragraph added before): same ids, anchors moved', () => {
    const prefix = 'A new first paragraph appeared after a cleaning tweak.\n\n'
    const moved = shifted(article, extraction, prefix)
    const again = generateCards(moved)
    expect(again.cards.map((c) => c.id)).toEqual(first.cards.map((c) => c.id))
    expect(again.cards.map((c) => c.prompt)).toEqual(first.cards.map((c) => c.prompt))
    const before = first.cards.find((c) => c.template === 'who-said')!
    const after = again.cards.find((c) => c.id === before.id)!
    expect(after.anchor.span.start).toBe(before.anchor.span.start + prefix.length)
    expect(after.anchor.paragraphIndex).toBe(before.anchor.paragraphIndex + 1)
    expect(after.options).toEqual(before.options)
  })

  it('a speaker correction keeps the card ids and changes the answer', () => {
    const target = extraction.quotes.find((q) => q.speaker === 'xi-jinping')!
    const corrected = applyCorrections(extraction, [
      { start: target.start, end: target.end, kind: 'speaker', speakerId: 'joe-biden' }
    ])
    const again = generateCards({ article, extraction: corrected })
    const before = first.cards.find((c) => c.template === 'who-said' && c.answer === 'Xi Jinping')!
    const after = again.cards.find((c) => c.id === before.id)!
    expect(after.answer).toBe('Joe Biden')
    expect(after.answerSpeakerId).toBe('joe-biden')
    expect(after.options).toContain('Joe Biden')
    expect(new Set(after.options).size).toBe(after.options!.length)
  })

  it('removing one quote does not change the ids of the others', () => {
    const dropped = extraction.quotes[0]
    const corrected = applyCorrections(extraction, [
      { start: dropped.start, end: dropped.end, kind: 'not-quote', speakerId: null }
    ])
    const again = generateCards({ article, extraction: corrected })
    const remaining = first.cards.filter((c) => c.anchor.span.start !== dropped.start)
    expect(again.cards.map((c) => c.id).sort()).toEqual(remaining.map((c) => c.id).sort())
  })

  it('differ between articles', () => {
    const other = makeArticle(PARAGRAPHS, 'art2')
    const cards = generateCards({
      article: other,
      extraction: { ...extraction, articleId: 'art2' }
    })
    expect(cards.cards.every((c) => c.id.startsWith('art2:'))).toBe(true)
  })
})
