import { describe, expect, it } from 'vitest'
import { formatDuration, summarizeQuiz } from '../../../src/core/quiz/summary'

describe('summarizeQuiz', () => {
  it('scores, times and lists the misses', () => {
    const answers = Array.from({ length: 10 }, (_, index) => ({
      cardId: `c${index}`,
      correct: ![2, 5, 7].includes(index),
      answerMs: 1000
    }))
    const summary = summarizeQuiz(answers, 65_400)
    expect(summary.scoreLabel).toBe('7/10')
    expect(summary.missedCardIds).toEqual(['c2', 'c5', 'c7'])
    expect(summary.timeLabel).toBe('1 min 05 s')
  })

  it('formats short durations in seconds', () => {
    expect(formatDuration(42_000)).toBe('42 s')
    expect(formatDuration(-5)).toBe('0 s')
  })
})
