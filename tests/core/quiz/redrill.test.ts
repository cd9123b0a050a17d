import { describe, expect, it } from 'vitest'
import {
  createRedrillRound,
  currentRedrillCard,
  isRedrillDone,
  redrillAnswer
} from '../../../src/core/quiz/redrill'

describe('re-drill round', () => {
  it('brings a missed card back until it is answered right once', () => {
    let round = createRedrillRound(['a', 'b', 'c'])
    const asked: string[] = []
    // Wrong on the first try of every card, wrong again on "b", right afterwards.
    const wrongTimes: Record<string, number> = { a: 1, b: 2, c: 1 }
    while (!isRedrillDone(round)) {
      const cardId = currentRedrillCard(round)!
      asked.push(cardId)
      const correct = wrongTimes[cardId] === 0
      if (!correct) wrongTimes[cardId] -= 1
      round = redrillAnswer(round, cardId, correct)
    }
    expect(asked).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'b'])
    expect(round.cleared).toEqual(['a', 'c', 'b'])
    expect(round.missCounts).toEqual({ a: 1, b: 2, c: 1 })
    expect(round.answerCount).toBe(7)
    expect(currentRedrillCard(round)).toBeNull()
  })

  it('is done at once when every card is right the first time', () => {
    let round = createRedrillRound(['a', 'b', 'a'])
    expect(round.pending).toEqual(['a', 'b'])
    round = redrillAnswer(round, 'a', true)
    expect(isRedrillDone(round)).toBe(false)
    round = redrillAnswer(round, 'b', true)
    expect(isRedrillDone(round)).toBe(true)
  })

  it('ignores answers for cards already cleared', () => {
    const round = redrillAnswer(createRedrillRound(['a']), 'a', true)
    expect(redrillAnswer(round, 'a', false)).toBe(round)
  })

  it('asks a lone missed card again straight away', () => {
    const round = redrillAnswer(createRedrillRound(['a']), 'a', false)
    expect(currentRedrillCard(round)).toBe('a')
  })
})
