import { describe, expect, it } from 'vitest'
import {
  CLOZE_GAP,
  generateCards,
  type CardContent,
  type CardTemplate
} from '../../../src/core/cards'
import { isStopWord } from '../../../src/core/cards/text'
import {
  figure,
  makeArticle,
  makeExtraction,
  PARAGRAPHS,
  quote,
  seedLikeFixture,
  speaker
} from './fixture'

function byTemplate(cards: CardContent[], template: CardTemplate): CardContent[] {
  return cards.filter((c) => c.template === template)
}

function find(cards: CardContent[], template: CardTemplate, answer: string): CardContent {
  const card = cards.find((c) => c.template === template && c.answer === answer)
  if (!card) throw new Error(`no ${template} card answering ${answer}`)
  return card
}

describe('cloze-figure', () => {
  const { article, extraction } = seedLikeFixture()
  const { cards } = generateCards({ article, extraction })

  it('blanks the figure in its sentence, with the figure kind as hint', () => {
    const card = find(cards, 'cloze-figure', 'five-and-a-half hours')
    expect(card.prompt).toBe(
      `Blinken raised the matter during ${CLOZE_GAP} of talks with China’s top diplomat Wang Yi in Beijing.`
    )
    expect(card.hint).toBe('duration')
    expect(find(cards, 'cloze-figure', '$8 billion').hint).toBe('amount of money')
  })

  it('keeps the anchor: article, sentence, span and paragraph', () => {
    const card = find(cards, 'cloze-figure', '$8 billion')
    expect(card.anchor.articleId).toBe(article.id)
    expect(article.text.slice(card.anchor.span.start, card.anchor.span.end)).toBe('$8 billion')
    expect(article.text.slice(card.anchor.sentence.start, card.anchor.sentence.end)).toMatch(
      /^President Joe Biden signed .* for Taiwan\.$/
    )
    expect(card.anchor.paragraphIndex).toBe(6)
  })

  it('a vague figure gets no cloze', () => {
    expect(cards.some((c) => c.answer === 'some money')).toBe(false)
    expect(byTemplate(cards, 'cloze-figure')).toHaveLength(2)
  })

  it('blanks a repeat of the same figure so the answer never shows in the prompt', () => {
    const a = makeArticle(['Talks lasted 5 hours on Monday and 5 hours on Tuesday.'])
    const x = makeExtraction(a, [], [], [figure(a, '5 hours', 'duration')])
    const [card] = generateCards({ article: a, extraction: x }).cards
    expect(card.prompt).toBe(`Talks lasted ${CLOZE_GAP} on Monday and ${CLOZE_GAP} on Tuesday.`)
    expect(card.prompt).not.toContain('5 hours')
  })
})

describe('cloze-figure siblings', () => {
  const a = makeArticle([
    'The ferry carried 212 passengers and a crew of nine when it sank in 1987.',
    'Rescuers took four hours to reach it.'
  ])
  const x = makeExtraction(
    a,
    [],
    [],
    [
      figure(a, '212 passengers', 'count'),
      figure(a, 'a crew of nine', 'count'),
      figure(a, '1987', 'date'),
      figure(a, 'four hours', 'duration')
    ]
  )
  const { notes, cards } = generateCards({ article: a, extraction: x })
  const clozes = byTemplate(cards, 'cloze-figure')

  it('the figures of one sentence share one note, so answering one buries the others', () => {
    const [passengers, crew, year, hours] = [
      '212 passengers',
      'a crew of nine',
      '1987',
      'four hours'
    ].map((answer) => find(clozes, 'cloze-figure', answer))
    expect(crew.noteId).toBe(passengers.noteId)
    expect(year.noteId).toBe(passengers.noteId)
    expect(hours.noteId).not.toBe(passengers.noteId)
    expect(notes.map((n) => n.id)).toEqual([passengers.noteId, hours.noteId])
  })

  it('each card keeps the id of its own figure (studied cards keep their history)', () => {
    expect(clozes.map((c) => c.id)).toEqual([
      `${a.id}:figure:212-passengers:cloze-figure`,
      `${a.id}:figure:a-crew-of-nine:cloze-figure`,
      `${a.id}:figure:1987:cloze-figure`,
      `${a.id}:figure:four-hours:cloze-figure`
    ])
    expect(clozes[0].noteId).toBe(`${a.id}:figure:212-passengers`)
  })

  it('a lone figure keeps the note it always had', () => {
    const hours = find(clozes, 'cloze-figure', 'four hours')
    expect(hours.id).toBe(`${hours.noteId}:cloze-figure`)
  })

  it('a vague first figure does not become the note: the first carded one does', () => {
    const b = makeArticle(['Thousands of fans watched 3 goals in 90 minutes.'])
    const y = makeExtraction(
      b,
      [],
      [],
      [
        figure(b, 'Thousands of fans', 'count', { vague: true }),
        figure(b, '3 goals', 'count'),
        figure(b, '90 minutes', 'duration')
      ]
    )
    const out = generateCards({ article: b, extraction: y })
    expect(out.cards.map((c) => c.noteId)).toEqual([
      `${b.id}:figure:3-goals`,
      `${b.id}:figure:3-goals`
    ])
    expect(out.notes.map((n) => n.id)).toEqual([`${b.id}:figure:3-goals`])
  })
})

describe('cloze-quote', () => {
  const { article, extraction } = seedLikeFixture()
  const { cards } = generateCards({ article, extraction })
  const clozes = byTemplate(cards, 'cloze-quote')

  it('blanks content words of the quote, with the speaker as context', () => {
    const card = clozes.find((c) => c.context === 'Xi Jinping said:')!
    expect(card.prompt).toContain(CLOZE_GAP)
    const filled = card.prompt.replace(CLOZE_GAP, card.answer)
    expect(filled).toBe(
      '“This is a fundamental issue that must be addressed, just like the first button of a shirt.”'
    )
  })

  it('never blanks a stop word or the speaker’s name, and the answer is not left in the prompt', () => {
    expect(clozes.length).toBeGreaterThanOrEqual(3)
    for (const card of clozes) {
      const words = card.answer.split(/\s+/)
      expect(words.every((w) => !isStopWord(w))).toBe(true)
      expect(card.answer).not.toMatch(/Blinken|Wang|Xi/)
      expect(card.prompt.toLowerCase()).not.toContain(card.answer.toLowerCase())
    }
  })

  it('never blanks the speaker’s own name even when it is the longest word', () => {
    const a = makeArticle([
      '“Blinken never abandons Ukraine or its people,” Blinken said of himself.'
    ])
    const s = speaker('antony-blinken', 'Antony Blinken', { aliases: ['Blinken'] })
    const q = quote(a, 'Blinken never abandons Ukraine or its people,', 'antony-blinken')
    const x = makeExtraction(a, [s, speaker('wang-yi', 'Wang Yi')], [q], [])
    const [card] = byTemplate(generateCards({ article: a, extraction: x }).cards, 'cloze-quote')
    expect(card.answer).not.toContain('Blinken')
    expect(card.prompt).toContain('Blinken')
  })

  it('blanks at most half of a short quote, and never a contraction of a function word', () => {
    const a = makeArticle(['“We could’ve gone to Jamaica instead,” Smith said. Jones laughed.'])
    const smith = speaker('jane-smith', 'Jane Smith', { aliases: ['Smith'] })
    const x = makeExtraction(
      a,
      [smith, speaker('tom-jones', 'Tom Jones')],
      [quote(a, 'We could’ve gone to Jamaica instead,', smith.id)],
      []
    )
    const [card] = byTemplate(generateCards({ article: a, extraction: x }).cards, 'cloze-quote')
    expect(card.answer).toBe('Jamaica')
    const b = makeArticle(['He called it “common sense gun safety laws” on Monday.'])
    const y = makeExtraction(
      b,
      [smith, speaker('tom-jones', 'Tom Jones')],
      [quote(b, 'common sense gun safety laws', smith.id, { kind: 'partial' })],
      []
    )
    const [short] = byTemplate(generateCards({ article: b, extraction: y }).cards, 'cloze-quote')
    expect(short.answer.split(' ').length).toBeLessThanOrEqual(2)
  })

  it('a short quote gets no cloze (too little left around the gap)', () => {
    const wangClozes = clozes.filter((c) => c.context === 'Wang Yi said:')
    expect(wangClozes.every((c) => !c.prompt.includes('endless'))).toBe(true)
    expect(cards.some((c) => c.template === 'cloze-quote' && c.answer === 'endless')).toBe(false)
  })
})

describe('long quotes', () => {
  const long =
    'We came here to talk about trade and the economy. ' +
    'We discussed tariffs on steel and aluminium at great length with our counterparts. ' +
    'Nobody expected a breakthrough on semiconductors during this visit. ' +
    'The next round of negotiations will take place in Geneva before the summer recess,'
  const a = makeArticle([`“${long}” Smith said. Jones agreed.`])
  const smith = speaker('jane-smith', 'Jane Smith', { aliases: ['Smith'] })
  const x = makeExtraction(
    a,
    [smith, speaker('tom-jones', 'Tom Jones', { aliases: ['Jones'] })],
    [quote(a, long, smith.id)],
    []
  )
  const { cards } = generateCards({ article: a, extraction: x })

  it('a quote cloze is cut to the sentence holding the gap', () => {
    const [card] = byTemplate(cards, 'cloze-quote')
    expect(card.prompt).toContain(CLOZE_GAP)
    expect(card.prompt.split(/\s+/).length).toBeLessThan(20)
    expect(card.prompt).toMatch(/…/)
    const excerpt = card.prompt.replace(/^“(… )?/, '').replace(/( …)?”$/, '')
    expect(long).toContain(excerpt.replace(CLOZE_GAP, card.answer))
  })

  it('a who-said card shows the first sentences, then an ellipsis', () => {
    const card = find(cards, 'who-said', 'Jane Smith')
    expect(card.prompt).toBe(
      '“We came here to talk about trade and the economy. We discussed tariffs on steel and aluminium at great length with our counterparts. …”'
    )
  })
})

describe('who-said', () => {
  const { article, extraction } = seedLikeFixture()
  const { cards } = generateCards({ article, extraction })
  const whoSaid = byTemplate(cards, 'who-said')

  it('asks for the speaker of every attributed quote of two words or more', () => {
    expect(whoSaid.map((c) => c.answer).sort()).toEqual(['Antony Blinken', 'Wang Yi', 'Xi Jinping'])
    for (const card of whoSaid) {
      expect(card.answerSpeakerId).toBe(extraction.speakers.find((s) => s.name === card.answer)!.id)
    }
  })

  it('offers the answer and three distinct distractors, never "none of these"', () => {
    for (const card of whoSaid) {
      expect(card.options).toHaveLength(4)
      expect(new Set(card.options).size).toBe(4)
      expect(card.options).toContain(card.answer)
      expect(card.options!.some((o) => /none/i.test(o))).toBe(false)
    }
  })

  it('takes distractors first from the other quoted speakers, then from people named', () => {
    const blinken = find(cards, 'who-said', 'Antony Blinken')
    // Wang Yi and Xi Jinping are quoted; the third comes from the people merely named.
    expect(blinken.options).toEqual(expect.arrayContaining(['Wang Yi', 'Xi Jinping']))
    const third = blinken.options!.filter(
      (o) => !['Antony Blinken', 'Wang Yi', 'Xi Jinping'].includes(o)
    )
    expect(['Joe Biden', 'Wang Xiaohong']).toContain(third[0])
  })

  it('masks the words that give the speaker away', () => {
    const a = makeArticle([
      '“Antony Blinken is not afraid, and Blinken will keep pressing Beijing,” Blinken said.'
    ])
    const s = speaker('antony-blinken', 'Antony Blinken', { aliases: ['Blinken'] })
    const q = quote(
      a,
      'Antony Blinken is not afraid, and Blinken will keep pressing Beijing,',
      s.id
    )
    const x = makeExtraction(a, [s, speaker('wang-yi', 'Wang Yi')], [q], [])
    const card = find(
      generateCards({ article: a, extraction: x }).cards,
      'who-said',
      'Antony Blinken'
    )
    expect(card.prompt).not.toMatch(/Blinken|Antony/)
    expect(card.prompt).toContain('is not afraid')
  })

  it('a partial quote under two words is context, not a who-said card', () => {
    expect(whoSaid.some((c) => c.prompt.includes('endless'))).toBe(false)
    const a = makeArticle(['Wang called the measures “endless” and “deeply unfair” on Friday.'])
    const wang = speaker('wang-yi', 'Wang Yi', { aliases: ['Wang'] })
    const x = makeExtraction(
      a,
      [wang, speaker('antony-blinken', 'Antony Blinken')],
      [
        quote(a, 'endless', wang.id, { kind: 'partial' }),
        quote(a, 'deeply unfair', wang.id, { kind: 'partial' })
      ],
      []
    )
    const prompts = byTemplate(generateCards({ article: a, extraction: x }).cards, 'who-said').map(
      (c) => c.prompt
    )
    expect(prompts).toEqual(['“deeply unfair”'])
  })

  it('uses library speakers when the article has too few, and what exists when fewer than three', () => {
    const a = makeArticle(['“We will not back down from this fight,” Smith said. Jones listened.'])
    const smith = speaker('jane-smith', 'Jane Smith', { aliases: ['Smith'] })
    const jones = speaker('tom-jones', 'Tom Jones', { aliases: ['Jones'] })
    const q = quote(a, 'We will not back down from this fight,', smith.id)
    const x = makeExtraction(a, [smith, jones], [q], [])
    const two = find(generateCards({ article: a, extraction: x }).cards, 'who-said', 'Jane Smith')
    expect(two.options!.slice().sort()).toEqual(['Jane Smith', 'Tom Jones'])

    const library = ['Jane Smith', 'Ann Lee', 'Tom Jones', 'Bo Diaz', 'Janet Smith', 'Cy Young']
    const full = find(
      generateCards({ article: a, extraction: x, librarySpeakerNames: library }).cards,
      'who-said',
      'Jane Smith'
    )
    expect(full.options).toHaveLength(4)
    expect(new Set(full.options).size).toBe(4)
    // The article's own people come first; the rest from the library.
    expect(full.options).toContain('Tom Jones')
    const fromLibrary = full.options!.filter((o) => o !== 'Jane Smith' && o !== 'Tom Jones')
    expect(fromLibrary).toHaveLength(2)
    for (const name of fromLibrary) expect(['Ann Lee', 'Bo Diaz', 'Cy Young']).toContain(name)
  })

  it('skips library names that share the answer’s last name (likely the same person)', () => {
    const a = makeArticle(['“We will not back down from this fight,” Smith said.'])
    const smith = speaker('jane-smith', 'Jane Smith', { aliases: ['Smith'] })
    const x = makeExtraction(
      a,
      [smith],
      [quote(a, 'We will not back down from this fight,', smith.id)],
      []
    )
    const card = find(
      generateCards({ article: a, extraction: x, librarySpeakerNames: ['J. Smith', 'Ann Lee'] })
        .cards,
      'who-said',
      'Jane Smith'
    )
    expect(card.options!.slice().sort()).toEqual(['Ann Lee', 'Jane Smith'])
  })

  it('makes no who-said card when there is nobody to confuse the speaker with', () => {
    const a = makeArticle(['“We will not back down from this fight,” Smith said.'])
    const smith = speaker('jane-smith', 'Jane Smith', { aliases: ['Smith'] })
    const x = makeExtraction(
      a,
      [smith],
      [quote(a, 'We will not back down from this fight,', smith.id)],
      []
    )
    const { cards: only } = generateCards({ article: a, extraction: x })
    expect(byTemplate(only, 'who-said')).toEqual([])
    expect(byTemplate(only, 'cloze-quote')).toHaveLength(1)
  })

  it('prefers speakers of the same kind as distractors', () => {
    const a = makeArticle([
      '“Prices will keep rising this winter,” the Treasury said.',
      '“We expect a difficult winter ahead,” Smith said.',
      '“Our members cannot pay these bills,” the union said. Jones agreed.'
    ])
    const treasury = speaker('treasury', 'the Treasury', { kind: 'organisation' })
    const union = speaker('union', 'the union', { kind: 'organisation' })
    const smith = speaker('jane-smith', 'Jane Smith', { aliases: ['Smith'] })
    const jones = speaker('tom-jones', 'Tom Jones', { aliases: ['Jones'] })
    const x = makeExtraction(
      a,
      [treasury, union, smith, jones],
      [
        quote(a, 'Prices will keep rising this winter,', treasury.id),
        quote(a, 'We expect a difficult winter ahead,', smith.id),
        quote(a, 'Our members cannot pay these bills,', union.id)
      ],
      []
    )
    const { cards: all } = generateCards({ article: a, extraction: x })
    const card = find(all, 'who-said', 'Jane Smith')
    // Tom Jones (a person, named) beats the quoted organisations.
    expect(card.options).toContain('Tom Jones')
    const orgCard = find(all, 'who-said', 'the Treasury')
    expect(orgCard.options).toContain('the union')
  })

  it('orders options deterministically from the card id, not always answer-first', () => {
    const again = byTemplate(generateCards({ article, extraction }).cards, 'who-said')
    expect(again.map((c) => c.options)).toEqual(whoSaid.map((c) => c.options))
    const positions = new Set<number>()
    for (let i = 0; i < 8; i++) {
      const a = makeArticle(PARAGRAPHS, `article-${i}`)
      const x = { ...seedLikeFixture().extraction, articleId: a.id }
      for (const card of byTemplate(
        generateCards({ article: a, extraction: x }).cards,
        'who-said'
      )) {
        positions.add(card.options!.indexOf(card.answer))
      }
    }
    expect(positions.size).toBeGreaterThan(1)
  })
})

describe('who-is and role-of', () => {
  const { article, extraction } = seedLikeFixture()
  const { cards } = generateCards({ article, extraction })

  it('asks who holds a role and, reversed, what a person’s role is', () => {
    expect(find(cards, 'who-is', 'Wang Yi').prompt).toBe('Who is China’s top diplomat?')
    expect(find(cards, 'role-of', 'China’s top diplomat').prompt).toBe('What is Wang Yi’s role?')
    expect(find(cards, 'who-is', 'Antony Blinken').prompt).toBe(
      'Who is the U.S. Secretary of State?'
    )
    expect(find(cards, 'who-is', 'Wang Yi').answerSpeakerId).toBe('wang-yi')
  })

  it('anchors the role where the article states it next to the person', () => {
    const card = find(cards, 'who-is', 'Wang Yi')
    expect(article.text.slice(card.anchor.span.start, card.anchor.span.end)).toBe(
      'China’s top diplomat'
    )
    expect(card.anchor.paragraphIndex).toBe(1)
    expect(article.text.slice(card.anchor.sentence.start, card.anchor.sentence.end)).toBe(
      PARAGRAPHS[1]
    )
  })

  it('no role, no card', () => {
    const a = makeArticle(['Smith and Jones met.'])
    const x = makeExtraction(a, [speaker('jane-smith', 'Jane Smith')], [], [])
    expect(generateCards({ article: a, extraction: x }).cards).toEqual([])
  })

  it('a role shared by two people asks no "who is" (two answers), but keeps both reverses', () => {
    const a = makeArticle(['Spokesperson Jane Smith and spokesperson Tom Jones spoke.'])
    const x = makeExtraction(
      a,
      [
        speaker('jane-smith', 'Jane Smith', { role: 'spokesperson' }),
        speaker('tom-jones', 'Tom Jones', { role: 'spokesperson' })
      ],
      [],
      []
    )
    const { cards: roleCards } = generateCards({ article: a, extraction: x })
    expect(byTemplate(roleCards, 'who-is')).toEqual([])
    expect(byTemplate(roleCards, 'role-of').map((c) => c.prompt)).toEqual([
      'What is Jane Smith’s role?',
      'What is Tom Jones’s role?'
    ])
  })

  it('a role that is part of another person’s role asks no "who is" (two answers)', () => {
    const card = cards.find((c) => c.template === 'who-is' && c.answer === 'Joe Biden')
    expect(card).toBeUndefined()
    expect(find(cards, 'role-of', 'President').prompt).toBe('What is Joe Biden’s role?')
    expect(find(cards, 'who-is', 'Xi Jinping').prompt).toBe('Who is the Chinese President?')
  })

  it('a role held in the past is asked in the past tense', () => {
    const a = makeArticle(['It followed a visit by then-House Speaker Nancy Pelosi.'])
    const x = makeExtraction(
      a,
      [speaker('nancy-pelosi', 'Nancy Pelosi', { role: 'then-House Speaker' })],
      [],
      []
    )
    const { cards: past } = generateCards({ article: a, extraction: x })
    expect(find(past, 'who-is', 'Nancy Pelosi').prompt).toBe(
      'Who was the House Speaker at the time?'
    )
    expect(find(past, 'role-of', 'House Speaker').prompt).toBe(
      'What was Nancy Pelosi’s role at the time?'
    )
  })

  it('skips roles that are only an ordinal or too long to ask about', () => {
    const a = makeArticle(['The First Amendment and a long-winded person spoke.'])
    const x = makeExtraction(
      a,
      [
        speaker('amendment', 'Amendment', { role: 'First' }),
        speaker('jane-smith', 'Jane Smith', {
          role: 'veteran herself and the wife of an active-duty member of the armed services'
        })
      ],
      [],
      []
    )
    expect(generateCards({ article: a, extraction: x }).cards).toEqual([])
  })

  it('one of many is asked with "a": "Who is a member of …?"', () => {
    const a = makeArticle(['Jane Smith, a member of the party’s executive, spoke.'])
    const x = makeExtraction(
      a,
      [speaker('jane-smith', 'Jane Smith', { role: 'member of the party’s executive' })],
      [],
      []
    )
    const { cards: member } = generateCards({ article: a, extraction: x })
    expect(find(member, 'who-is', 'Jane Smith').prompt).toBe(
      'Who is a member of the party’s executive?'
    )
  })

  it('a role that names its holder gives no card', () => {
    const a = makeArticle(['Smith, the Smith family lawyer, spoke.'])
    const x = makeExtraction(
      a,
      [
        speaker('jane-smith', 'Jane Smith', { aliases: ['Smith'], role: 'the Smith family lawyer' })
      ],
      [],
      []
    )
    expect(generateCards({ article: a, extraction: x }).cards).toEqual([])
  })
})

describe('quality rules', () => {
  it('makes nothing from a quote without a speaker or with an unknown speaker', () => {
    const { article, extraction } = seedLikeFixture()
    const { cards } = generateCards({ article, extraction })
    expect(cards.some((c) => c.prompt.includes('no limits'))).toBe(false)
    const unknown = {
      ...extraction,
      quotes: extraction.quotes.map((q) => ({ ...q, speaker: 'nobody-known' }))
    }
    const fromUnknown = generateCards({ article, extraction: unknown }).cards
    expect(fromUnknown.some((c) => c.template === 'who-said' || c.template === 'cloze-quote')).toBe(
      false
    )
  })

  it('no two cards share a prompt (a repeated quote gives one set of cards)', () => {
    const a = makeArticle([
      '“We will not back down from this fight,” Smith said.',
      'Later she repeated: “We will not back down from this fight,” to cheers. Jones left.'
    ])
    const smith = speaker('jane-smith', 'Jane Smith', { aliases: ['Smith'] })
    const x = makeExtraction(
      a,
      [smith, speaker('tom-jones', 'Tom Jones', { aliases: ['Jones'] })],
      [
        quote(a, 'We will not back down from this fight,', smith.id),
        quote(a, 'We will not back down from this fight,', smith.id, { nth: 2 })
      ],
      []
    )
    const { cards, notes } = generateCards({ article: a, extraction: x })
    const prompts = cards.map((c) => `${c.context} ${c.prompt}`)
    expect(new Set(prompts).size).toBe(prompts.length)
    expect(byTemplate(cards, 'who-said')).toHaveLength(1)
    // Only notes with cards are returned.
    expect(notes.map((n) => n.id).sort()).toEqual([...new Set(cards.map((c) => c.noteId))].sort())
  })

  it('no cloze leaves its answer visible in the prompt', () => {
    const { article, extraction } = seedLikeFixture()
    for (const card of generateCards({ article, extraction }).cards) {
      if (card.template.startsWith('cloze')) {
        expect(card.prompt.toLowerCase()).not.toContain(card.answer.toLowerCase())
      }
    }
  })

  it('every card is anchored inside the article and its sentence contains its span', () => {
    const { article, extraction } = seedLikeFixture()
    for (const card of generateCards({ article, extraction }).cards) {
      const { sentence, span, paragraphIndex } = card.anchor
      expect(sentence.start).toBeLessThanOrEqual(span.start)
      expect(sentence.end).toBeGreaterThanOrEqual(span.end)
      const paragraph = article.paragraphs[paragraphIndex]
      expect(paragraph.start).toBeLessThanOrEqual(span.start)
      expect(paragraph.end).toBeGreaterThanOrEqual(span.end)
    }
  })
})
