import { describe, expect, it } from 'vitest'
import { checkMatch, createMatchBoard, isBoardComplete } from '../../../src/core/quiz/match-board'

const quotes = [
  { id: 'q1', text: 'First quote', speakerId: 'blinken' },
  { id: 'q2', text: 'Second quote', speakerId: 'wang' },
  { id: 'q3', text: 'Third quote', speakerId: 'blinken' },
  { id: 'q4', text: 'Fourth quote', speakerId: 'xi' }
]
const speakers = [
  { id: 'blinken', name: 'Antony Blinken' },
  { id: 'wang', name: 'Wang Yi' },
  { id: 'xi', name: 'Xi Jinping' },
  { id: 'pelosi', name: 'Nancy Pelosi' }
]

describe('match board', () => {
  it('lays out the same board for the same seed', () => {
    const board = createMatchBoard(quotes, speakers, 11)
    expect(createMatchBoard(quotes, speakers, 11)).toEqual(board)
    expect(board.quotes.map((q) => q.id).sort()).toEqual(['q1', 'q2', 'q3', 'q4'])
    expect(board.speakers).toHaveLength(4)
  })

  it('keeps right pairs, counts wrong ones and completes when all are matched', () => {
    let board = createMatchBoard(quotes, speakers, 2)
    let result = checkMatch(board, 'q1', 'wang')
    expect(result.correct).toBe(false)
    board = result.board
    expect(board.mistakes).toEqual({ q1: 1 })
    expect(board.matched).toEqual({})
    for (const [quoteId, speakerId] of [
      ['q1', 'blinken'],
      ['q2', 'wang'],
      ['q3', 'blinken']
    ]) {
      result = checkMatch(board, quoteId, speakerId)
      expect(result.correct).toBe(true)
      board = result.board
    }
    expect(isBoardComplete(board)).toBe(false)
    board = checkMatch(board, 'q4', 'xi').board
    expect(isBoardComplete(board)).toBe(true)
    expect(board.matched).toEqual({ q1: 'blinken', q2: 'wang', q3: 'blinken', q4: 'xi' })
  })

  it('refuses a quote whose speaker is not on the board', () => {
    expect(() => createMatchBoard(quotes, speakers.slice(1), 1)).toThrow(/no speaker/)
  })
})
