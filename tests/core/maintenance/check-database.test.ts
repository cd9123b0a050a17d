import { describe, expect, it } from 'vitest'
import {
  describeRepairs,
  invalidStateReason,
  isHealthy,
  planRepairs,
  type CheckedCard
} from '../../../src/core/maintenance/check-database'
import { newSchedulingState } from '../../../src/core/scheduling'

const NOW = Date.UTC(2026, 2, 10, 12)

function card(id: string, overrides: Partial<CheckedCard> = {}): CheckedCard {
  return {
    ...newSchedulingState(NOW),
    id,
    articleId: 'a1',
    template: 'cloze-quote',
    prompt: `prompt ${id}`,
    answer: `answer ${id}`,
    createdAt: NOW,
    ...overrides
  }
}

describe('planRepairs', () => {
  it('finds nothing in a healthy collection', () => {
    const plan = planRepairs({
      articleIds: ['a1'],
      cards: [card('c1'), card('c2')],
      logs: [{ id: 1, cardId: 'c1' }]
    })
    expect(isHealthy(plan)).toBe(true)
    expect(describeRepairs(plan)).toEqual(['No problems found. Nothing was changed.'])
  })

  it('finds orphan cards, orphan logs, invalid states and duplicates', () => {
    const plan = planRepairs({
      articleIds: ['a1'],
      cards: [
        card('ok'),
        card('orphan', { articleId: 'gone' }),
        card('nan', { stability: Number.NaN }),
        card('negative', { stability: -1 }),
        card('early', { lastReviewedAt: NOW, due: NOW - 1 }),
        card('dup-old', { prompt: 'same', answer: 'same', reps: 4 }),
        card('dup-new', { prompt: 'same', answer: 'same', reps: 0, createdAt: NOW + 1 })
      ],
      logs: [
        { id: 1, cardId: 'ok' },
        { id: 2, cardId: 'vanished' },
        { id: 3, cardId: 'orphan' },
        { id: 4, cardId: 'dup-new' },
        { id: 5, cardId: 'nan' }
      ]
    })
    expect(plan.orphanCardIds).toEqual(['orphan'])
    expect(plan.duplicateCardIds).toEqual(['dup-new'])
    expect(plan.invalidStates).toEqual([
      { cardId: 'nan', reason: 'its stability is not a number' },
      { cardId: 'negative', reason: 'its stability is negative' },
      { cardId: 'early', reason: 'it is due before its last review' }
    ])
    expect(plan.orphanLogIds).toEqual([2, 3, 4])
    expect(describeRepairs(plan)).toEqual([
      'Deleted 1 card whose article is gone.',
      'Deleted 1 duplicate card.',
      'Reset 3 cards with an invalid schedule to new (history kept).',
      'Deleted 3 reviews whose card is gone.'
    ])
  })

  it('accepts a sound reviewed card', () => {
    expect(invalidStateReason(card('x', { lastReviewedAt: NOW, due: NOW + 1000 }))).toBeNull()
  })
})
