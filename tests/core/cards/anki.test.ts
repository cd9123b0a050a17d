import { describe, expect, it } from 'vitest'
import { generateCards, toAnkiTsv, tsvField, type CardContent } from '../../../src/core/cards'
import { seedLikeFixture } from './fixture'

const base: CardContent = {
  id: 'a:figure:x:cloze-figure',
  noteId: 'a:figure:x',
  articleId: 'a',
  template: 'cloze-figure',
  prompt: 'Talks lasted [...].',
  answer: '5 hours',
  hint: 'duration',
  context: null,
  options: null,
  answerSpeakerId: null,
  anchor: {
    articleId: 'a',
    sentence: { start: 0, end: 10 },
    span: { start: 0, end: 5 },
    paragraphIndex: 0
  },
  tags: ['cloze-figure', 'figure-duration']
}

describe('toAnkiTsv', () => {
  it('starts with Anki’s header lines', () => {
    const lines = toAnkiTsv([base]).split('\n')
    expect(lines.slice(0, 3)).toEqual(['#separator:tab', '#html:false', '#tags column:3'])
  })

  it('writes one front\\tback\\ttags line per card', () => {
    const lines = toAnkiTsv([base]).trimEnd().split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[3]).toBe(
      'Talks lasted [...]. [hint: duration]\t5 hours\tcloze-figure figure-duration'
    )
  })

  it('quotes fields with tabs, line breaks or double quotes, so every line has three fields', () => {
    const tricky: CardContent = {
      ...base,
      prompt: 'He said "no"\tthen\nleft',
      answer: 'line one\r\nline two',
      tags: ['two words', 'ok']
    }
    const tsv = toAnkiTsv([tricky])
    const row = tsv.slice(tsv.indexOf('#tags column:3\n') + '#tags column:3\n'.length)
    expect(row).toBe(
      '"He said ""no""\tthen\nleft [hint: duration]"\t"line one\nline two"\ttwo_words ok\n'
    )
  })

  it('tsvField leaves plain text alone', () => {
    expect(tsvField('Wang Yi’s role')).toBe('Wang Yi’s role')
    expect(tsvField('"quoted"')).toBe('"""quoted"""')
  })

  it('shows who-said options and context on the front', () => {
    const { cards } = generateCards(seedLikeFixture())
    const card = cards.find((c) => c.template === 'who-said')!
    const line = toAnkiTsv([card]).trimEnd().split('\n')[3]
    const [front, back] = line.split('\t')
    expect(front.startsWith('Who said this? “')).toBe(true)
    for (const option of card.options!) expect(front).toContain(option)
    expect(back).toBe(card.answer)
  })
})
