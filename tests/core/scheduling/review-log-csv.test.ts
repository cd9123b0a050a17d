import { describe, expect, it } from 'vitest'
import { newSchedulingState } from '../../../src/core/scheduling'
import {
  numericCardId,
  REVIEW_LOG_CSV_HEADER,
  toReviewLogCsv
} from '../../../src/core/scheduling/review-log-csv'
import type { ReviewLogEntry } from '../../../src/core/scheduling/types'

const NOW = Date.UTC(2026, 2, 10, 12)

function entry(overrides: Partial<ReviewLogEntry>): ReviewLogEntry {
  const before = newSchedulingState(NOW)
  return {
    cardId: 'card-a',
    articleId: 'art',
    grade: 3,
    source: 'study',
    reviewedAt: NOW,
    answerMs: 1500,
    before,
    after: before,
    ...overrides
  }
}

describe('toReviewLogCsv', () => {
  it('writes the FSRS community columns, oldest first, without practice answers', () => {
    const csv = toReviewLogCsv([
      entry({ id: 2, reviewedAt: NOW + 1000, grade: 1, answerMs: 800.4 }),
      entry({ id: 1, cardId: 'card-b', before: { ...newSchedulingState(NOW), memoryState: 2 } }),
      entry({ id: 3, source: 'practice' })
    ])
    const lines = csv.trimEnd().split('\n')
    expect(lines[0]).toBe(REVIEW_LOG_CSV_HEADER)
    expect(lines.slice(1)).toEqual([
      `${numericCardId('card-b')},${NOW},3,2,1500`,
      `${numericCardId('card-a')},${NOW + 1000},1,0,800`
    ])
  })

  it('gives each card a stable whole-number id', () => {
    expect(numericCardId('card-a')).toBe(numericCardId('card-a'))
    expect(numericCardId('card-a')).not.toBe(numericCardId('card-b'))
    expect(Number.isSafeInteger(numericCardId('x'))).toBe(true)
  })
})
