import { describe, expect, it } from 'vitest'
import {
  foldText,
  matchesSearch,
  parseSearchQuery,
  type SearchableCard,
  type SearchContext,
  type SearchNode
} from '../../../src/core/browser/search-query'

function parsed(input: string): SearchNode | null {
  const result = parseSearchQuery(input)
  if (!result.ok) throw new Error(`expected "${input}" to parse: ${result.message}`)
  return result.node
}

function failure(input: string): { message: string; position: number } {
  const result = parseSearchQuery(input)
  if (result.ok) throw new Error(`expected "${input}" to be refused`)
  return result
}

describe('parseSearchQuery', () => {
  it('reads an empty or blank query as every card', () => {
    expect(parsed('')).toBeNull()
    expect(parsed('   ')).toBeNull()
  })

  it('reads free text, words joined by and', () => {
    expect(parsed('tariff')).toEqual({ kind: 'text', text: 'tariff' })
    expect(parsed('trade  tariff')).toEqual({
      kind: 'and',
      nodes: [
        { kind: 'text', text: 'trade' },
        { kind: 'text', text: 'tariff' }
      ]
    })
    expect(parsed('trade and tariff')).toEqual(parsed('trade tariff'))
  })

  it('keeps a quoted phrase as one text term', () => {
    expect(parsed('"trade war"')).toEqual({ kind: 'text', text: 'trade war' })
    expect(parsed('"say \\"no\\""')).toEqual({ kind: 'text', text: 'say "no"' })
  })

  it('reads speaker: and article: with plain and quoted values', () => {
    expect(parsed('speaker:"Wang Yi"')).toEqual({ kind: 'speaker', text: 'Wang Yi' })
    expect(parsed('speaker:Blinken')).toEqual({ kind: 'speaker', text: 'Blinken' })
    expect(parsed('article:"Trade talks"')).toEqual({ kind: 'article', text: 'Trade talks' })
    expect(parsed('ARTICLE:budget')).toEqual({ kind: 'article', text: 'budget' })
  })

  it('maps type: names to templates', () => {
    expect(parsed('type:who-said')).toEqual({ kind: 'type', templates: ['who-said'] })
    expect(parsed('type:cloze')).toEqual({
      kind: 'type',
      templates: ['cloze-figure', 'cloze-quote']
    })
    expect(parsed('type:who-is-who')).toEqual({ kind: 'type', templates: ['who-is', 'role-of'] })
  })

  it('reads every is: state', () => {
    for (const state of ['due', 'new', 'learning', 'review', 'suspended', 'leech', 'buried']) {
      expect(parsed(`is:${state}`)).toEqual({ kind: 'is', state })
    }
    expect(parsed('is:DUE')).toEqual({ kind: 'is', state: 'due' })
  })

  it('reads prop: comparisons, including negative and decimal numbers', () => {
    expect(parsed('prop:lapses>3')).toEqual({ kind: 'prop', prop: 'lapses', op: '>', value: 3 })
    expect(parsed('prop:stability<=2.5')).toEqual({
      kind: 'prop',
      prop: 'stability',
      op: '<=',
      value: 2.5
    })
    expect(parsed('prop:due>=-2')).toEqual({ kind: 'prop', prop: 'due', op: '>=', value: -2 })
    expect(parsed('prop:reps!=0')).toEqual({ kind: 'prop', prop: 'reps', op: '!=', value: 0 })
    expect(parsed('prop:interval=1')).toEqual({
      kind: 'prop',
      prop: 'interval',
      op: '=',
      value: 1
    })
  })

  it('reads rated: and added: day counts', () => {
    expect(parsed('rated:7')).toEqual({ kind: 'rated', days: 7 })
    expect(parsed('added:30')).toEqual({ kind: 'added', days: 30 })
  })

  it('negates with a leading minus', () => {
    expect(parsed('-is:suspended')).toEqual({
      kind: 'not',
      node: { kind: 'is', state: 'suspended' }
    })
    expect(parsed('-"trade war"')).toEqual({
      kind: 'not',
      node: { kind: 'text', text: 'trade war' }
    })
    expect(parsed('--tariff')).toEqual({
      kind: 'not',
      node: { kind: 'not', node: { kind: 'text', text: 'tariff' } }
    })
  })

  it('keeps a minus inside a word as text', () => {
    expect(parsed('year-on-year')).toEqual({ kind: 'text', text: 'year-on-year' })
  })

  it('binds and tighter than or, and brackets group', () => {
    expect(parsed('a b or c')).toEqual({
      kind: 'or',
      nodes: [
        {
          kind: 'and',
          nodes: [
            { kind: 'text', text: 'a' },
            { kind: 'text', text: 'b' }
          ]
        },
        { kind: 'text', text: 'c' }
      ]
    })
    expect(parsed('a (b OR c)')).toEqual({
      kind: 'and',
      nodes: [
        { kind: 'text', text: 'a' },
        {
          kind: 'or',
          nodes: [
            { kind: 'text', text: 'b' },
            { kind: 'text', text: 'c' }
          ]
        }
      ]
    })
    expect(parsed('-(is:new or is:suspended)')).toEqual({
      kind: 'not',
      node: {
        kind: 'or',
        nodes: [
          { kind: 'is', state: 'new' },
          { kind: 'is', state: 'suspended' }
        ]
      }
    })
  })

  it('treats a quoted "or" as text and an unknown key as text', () => {
    expect(parsed('"or"')).toEqual({ kind: 'text', text: 'or' })
    expect(parsed('10:30')).toEqual({ kind: 'text', text: '10:30' })
    expect(parsed(':x')).toEqual({ kind: 'text', text: ':x' })
  })

  it.each([
    ['"unclosed', 'not closed', 0],
    ['speaker:"Wang', 'not closed', 8],
    ['(a b', 'not closed', 0],
    ['a b)', 'no matching', 3],
    ['()', 'empty', 0],
    ['or a', 'before it', 0],
    ['a or', 'after it', 2],
    ['a or or b', 'after it', 2],
    ['and a', '"and"', 0],
    ['a -', 'right after it', 2],
    ['a - b', 'right after it', 2],
    ['-)', 'right after it', 0],
    ['is:fresh', 'Unknown state "fresh"', 0],
    ['is:', 'needs a value', 0],
    ['speaker:', 'needs a value', 0],
    ['type:essay', 'Unknown card type', 0],
    ['prop:lapses', 'comparison', 0],
    ['prop:lapses>x', 'comparison', 0],
    ['prop:ease>2', 'Unknown property', 0],
    ['rated:0', 'number of days', 0],
    ['rated:week', 'number of days', 0],
    ['added:-3', 'number of days', 0]
  ])('refuses %s with a message, not an exception', (input, message, position) => {
    const result = failure(input)
    expect(result.message).toContain(message)
    expect(result.position).toBe(position)
  })

  it('never throws on arbitrary input', () => {
    // Seeded pseudo-random strings over the syntax's own characters.
    let seed = 42
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const alphabet = ['a', ' ', '"', '(', ')', '-', ':', 'or', 'is', 'prop', '>', '3', '\\']
    for (let run = 0; run < 2000; run++) {
      const length = Math.floor(next() * 12)
      const input = Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)])
      expect(() => parseSearchQuery(input.join(''))).not.toThrow()
    }
  })
})

const NOW_MS = Date.UTC(2026, 2, 10, 12, 0, 0)
const DAY_MS = 24 * 60 * 60 * 1000

function card(overrides: Partial<SearchableCard> = {}): SearchableCard {
  return {
    id: 'c1',
    template: 'who-said',
    prompt: 'Who said "we will not back down"?',
    answer: 'Wang Yi',
    context: null,
    speakerName: 'Wang Yi',
    articleTitle: 'Trade talks in Geneva',
    queue: 2,
    due: NOW_MS + 2 * 60 * 60 * 1000,
    lapses: 0,
    reps: 3,
    intervalDays: 4,
    stability: 4.2,
    difficulty: 5.1,
    createdAt: NOW_MS - 10 * DAY_MS,
    lastRatedAt: NOW_MS - 1.5 * DAY_MS,
    ...overrides
  }
}

const context: SearchContext = {
  nowMs: NOW_MS,
  dayEndMs: NOW_MS + 16 * 60 * 60 * 1000,
  leechThreshold: 8
}

function matches(query: string, overrides: Partial<SearchableCard> = {}): boolean {
  return matchesSearch(parsed(query), card(overrides), context)
}

describe('matchesSearch', () => {
  it('matches every card with an empty query', () => {
    expect(matches('')).toBe(true)
  })

  it('finds free text in prompt, answer and context, ignoring case and accents', () => {
    expect(matches('BACK DOWN')).toBe(true)
    expect(matches('wang')).toBe(true)
    expect(matches('geneva')).toBe(false)
    expect(matches('Blinken', { context: 'Blinken said:' })).toBe(true)
    expect(matches('zurich', { prompt: 'Talks in Zürich' })).toBe(true)
  })

  it('matches speaker and article by part of the name', () => {
    expect(matches('speaker:"wang yi"')).toBe(true)
    expect(matches('speaker:blinken')).toBe(false)
    expect(matches('speaker:wang', { speakerName: null })).toBe(false)
    expect(matches('article:geneva')).toBe(true)
    expect(matches('article:budget')).toBe(false)
  })

  it('matches card types', () => {
    expect(matches('type:who-said')).toBe(true)
    expect(matches('type:cloze')).toBe(false)
    expect(matches('type:cloze', { template: 'cloze-figure' })).toBe(true)
    expect(matches('type:who-is-who', { template: 'role-of' })).toBe(true)
  })

  it('matches states by queue, due before the end of the study day, leeches by lapses', () => {
    expect(matches('is:review')).toBe(true)
    expect(matches('is:due')).toBe(true)
    expect(matches('is:due', { due: NOW_MS + DAY_MS })).toBe(false)
    expect(matches('is:due', { queue: 0, due: NOW_MS - DAY_MS })).toBe(false)
    expect(matches('is:due', { queue: 1, due: NOW_MS - DAY_MS })).toBe(true)
    expect(matches('is:new', { queue: 0 })).toBe(true)
    expect(matches('is:learning', { queue: 1 })).toBe(true)
    expect(matches('is:suspended', { queue: -1 })).toBe(true)
    expect(matches('is:buried', { queue: -2 })).toBe(true)
    expect(matches('is:buried')).toBe(false)
    expect(matches('is:leech', { lapses: 8 })).toBe(true)
    expect(matches('is:leech', { lapses: 7 })).toBe(false)
  })

  it('compares properties', () => {
    expect(matches('prop:lapses>3', { lapses: 4 })).toBe(true)
    expect(matches('prop:lapses>3', { lapses: 3 })).toBe(false)
    expect(matches('prop:reps=3')).toBe(true)
    expect(matches('prop:interval>=4')).toBe(true)
    expect(matches('prop:stability<4')).toBe(false)
    expect(matches('prop:difficulty!=5.1')).toBe(false)
    expect(matches('prop:due=0')).toBe(true)
    expect(matches('prop:due<0', { due: NOW_MS - 2 * DAY_MS })).toBe(true)
  })

  it('matches rated: by the last scheduled answer and added: by creation time', () => {
    expect(matches('rated:7')).toBe(true)
    expect(matches('rated:2')).toBe(true)
    expect(matches('rated:1')).toBe(false)
    // Exactly N days ago still counts; never answered never does.
    expect(matches('rated:1', { lastRatedAt: NOW_MS - DAY_MS })).toBe(true)
    expect(matches('rated:1', { lastRatedAt: NOW_MS - DAY_MS - 1 })).toBe(false)
    expect(matches('rated:365', { lastRatedAt: null })).toBe(false)
    expect(matches('-rated:365', { lastRatedAt: null })).toBe(true)
    expect(matches('added:30')).toBe(true)
    expect(matches('added:5')).toBe(false)
  })

  it('combines with negation, and, or', () => {
    expect(matches('-is:suspended')).toBe(true)
    expect(matches('is:new or is:review')).toBe(true)
    expect(matches('is:new or is:suspended')).toBe(false)
    expect(matches('wang -article:geneva')).toBe(false)
    expect(matches('-(is:new or type:cloze) speaker:wang')).toBe(true)
  })
})

describe('helpers', () => {
  it('folds case and accents', () => {
    expect(foldText('Ménard ÉLYSÉE')).toBe('menard elysee')
  })
})
