import { describe, expect, it } from 'vitest'
import {
  cardTypeLabel,
  facetCounts,
  facetTerm,
  isColumnList,
  rangeIds,
  sortRows
} from '../../../src/core/browser/browser-table'
import { parseSearchQuery, type SearchableCard } from '../../../src/core/browser/search-query'

function card(id: string, overrides: Partial<SearchableCard> = {}): SearchableCard {
  return {
    id,
    template: 'cloze-quote',
    prompt: id,
    answer: '',
    context: null,
    speakerName: null,
    articleTitle: 'A',
    queue: 0,
    due: 0,
    lapses: 0,
    reps: 0,
    intervalDays: 0,
    stability: 0,
    difficulty: 0,
    createdAt: 0,
    lastRatedAt: null,
    ...overrides
  }
}

describe('browser table', () => {
  it('names card types as the issue does', () => {
    expect(cardTypeLabel('cloze-figure')).toBe('cloze')
    expect(cardTypeLabel('who-said')).toBe('who-said')
    expect(cardTypeLabel('role-of')).toBe('who-is-who')
  })

  it('sorts by a column both ways, ties by id, speakerless last', () => {
    const rows = [
      card('b', { lapses: 2, speakerName: 'Émile' }),
      card('a', { lapses: 2 }),
      card('c', { lapses: 1, speakerName: 'anna' })
    ]
    expect(sortRows(rows, { column: 'lapses', direction: 'ascending' }).map((r) => r.id)).toEqual([
      'c',
      'a',
      'b'
    ])
    expect(sortRows(rows, { column: 'lapses', direction: 'descending' }).map((r) => r.id)).toEqual([
      'a',
      'b',
      'c'
    ])
    expect(sortRows(rows, { column: 'speaker', direction: 'ascending' }).map((r) => r.id)).toEqual([
      'c',
      'b',
      'a'
    ])
  })

  it('takes a Shift-click range in shown order, either direction', () => {
    const ids = ['a', 'b', 'c', 'd']
    expect(rangeIds(ids, 'b', 'd')).toEqual(['b', 'c', 'd'])
    expect(rangeIds(ids, 'd', 'b')).toEqual(['b', 'c', 'd'])
    expect(rangeIds(ids, 'gone', 'c')).toEqual(['c'])
    expect(rangeIds(ids, null, 'x')).toEqual([])
  })

  it('counts facets and writes terms the parser reads back', () => {
    expect(facetCounts(['x', 'y', 'x'])).toEqual([
      { value: 'x', count: 2 },
      { value: 'y', count: 1 }
    ])
    const term = facetTerm('speaker', 'Wang "the" Yi')
    const parsed = parseSearchQuery(term)
    expect(parsed).toEqual({ ok: true, node: { kind: 'speaker', text: 'Wang "the" Yi' } })
    expect(facetTerm('is', 'due')).toBe('is:due')
  })

  it('accepts only known column lists', () => {
    expect(isColumnList(['type', 'due'])).toBe(true)
    expect(isColumnList([])).toBe(false)
    expect(isColumnList(['type', 'colour'])).toBe(false)
    expect(isColumnList('type')).toBe(false)
  })
})
