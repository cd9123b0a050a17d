import { describe, expect, it } from 'vitest'
import type { CardTemplate } from '../../../src/core/cards/types'
import { compileSearch, foldCard, refoldCard } from '../../../src/core/browser/compiled-search'
import {
  matchesSearch,
  parseSearchQuery,
  type SearchableCard,
  type SearchContext
} from '../../../src/core/browser/search-query'

const NOW_MS = Date.UTC(2026, 2, 10, 12, 0, 0)
const DAY_MS = 86_400_000

/** mulberry32, so the cards are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const templates: CardTemplate[] = [
  'cloze-figure',
  'cloze-quote',
  'who-said',
  'who-is',
  'role-of',
  'contrast'
]
const words = ['Genève', 'border', 'Wang Yi', 'Ægir', 'talks', 'QUESTION', 'Ana Costa', 'progrès']

function cards(count: number): SearchableCard[] {
  const random = seeded(42)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  return Array.from({ length: count }, (_, index) => ({
    id: `c${index}`,
    template: pick(templates),
    prompt: `${pick(words)} ${pick(words)}`,
    answer: pick(words),
    context: random() < 0.5 ? null : pick(words),
    speakerName: random() < 0.4 ? null : pick(['Wang Yi', 'Ana Costa', 'José Núñez']),
    articleTitle: pick(['Talks in Genève', 'Border question', 'Markets']),
    queue: pick([0, 1, 2, -1, -2]),
    due: NOW_MS + Math.round((random() - 0.5) * 20 * DAY_MS),
    lapses: Math.floor(random() * 6),
    reps: Math.floor(random() * 10),
    intervalDays: Math.floor(random() * 40),
    stability: random() * 30,
    difficulty: 1 + random() * 9,
    createdAt: NOW_MS - Math.floor(random() * 60) * DAY_MS,
    // A third never answered; the rest up to ten days ago, some exactly on a day's edge.
    lastRatedAt:
      random() < 0.33
        ? null
        : random() < 0.2
          ? NOW_MS - Math.floor(random() * 10) * DAY_MS
          : NOW_MS - Math.round(random() * 10 * DAY_MS)
  }))
}

const context: SearchContext = {
  nowMs: NOW_MS,
  dayEndMs: NOW_MS + 6 * 3_600_000,
  leechThreshold: 4
}

const queries = [
  '',
  'geneve',
  '"wang yi"',
  'speaker:"Wang Yi"',
  'speaker:jose',
  'article:border',
  'type:cloze',
  'type:who-is-who -is:new',
  'is:due or is:leech',
  'is:suspended or is:buried',
  'prop:lapses>3',
  'prop:due<=-2',
  'prop:interval!=0 prop:difficulty>5',
  'rated:7',
  'rated:1 or added:10',
  '-rated:3',
  '-(talks or border) aegir',
  'progres type:who-said'
]

describe('compileSearch', () => {
  const sample = cards(400)
  const folded = sample.map(foldCard)
  for (const query of queries) {
    it(`answers as matchesSearch for ${JSON.stringify(query)}`, () => {
      const parsed = parseSearchQuery(query)
      if (!parsed.ok) throw new Error(parsed.message)
      const predicate = compileSearch(parsed.node, context)
      const compiled = folded.filter(predicate).map((card) => card.id)
      const reference = sample
        .filter((card) => matchesSearch(parsed.node, card, context))
        .map((card) => card.id)
      expect(compiled).toEqual(reference)
    })
  }

  it('finds something for most queries (the comparison is not vacuous)', () => {
    const nonEmpty = queries.filter((query) => {
      const parsed = parseSearchQuery(query)
      return parsed.ok && folded.some(compileSearch(parsed.node, context))
    })
    expect(nonEmpty.length).toBeGreaterThanOrEqual(queries.length - 1)
  })
})

describe('refoldCard', () => {
  it('equals foldCard for a changed card, whether its text changed or only its numbers', () => {
    const [before] = cards(1)
    const beforeFolded = foldCard(before)
    const suspended = { ...before, queue: -1, due: before.due + DAY_MS, lapses: 9 }
    expect(refoldCard(suspended, before, beforeFolded)).toEqual(foldCard(suspended))
    // Unchanged text keeps the fold it had (no folding again).
    expect(refoldCard(suspended, before, beforeFolded).prompt).toBe(beforeFolded.prompt)
    for (const change of [
      { prompt: 'Ça Progrès' },
      { answer: 'ÆGIR' },
      { context: 'Genève talks' },
      { context: null },
      { speakerName: 'Ana Costa' },
      { speakerName: null },
      { articleTitle: 'Wang Yi in Genève' }
    ]) {
      const edited = { ...suspended, ...change }
      expect(refoldCard(edited, before, beforeFolded)).toEqual(foldCard(edited))
    }
  })
})
