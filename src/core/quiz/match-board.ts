import { seededRandom, shuffled } from './random'

/** A quote on the match board. */
export interface MatchQuote {
  /** The card asked (who-said card id). */
  id: string
  text: string
  speakerId: string
}

/** A speaker on the match board. */
export interface MatchSpeaker {
  id: string
  name: string
}

/** The state of a "match quotes to speakers" board. */
export interface MatchBoard {
  quotes: MatchQuote[]
  speakers: MatchSpeaker[]
  /** quote id → speaker id, for quotes matched correctly. */
  matched: Record<string, string>
  /** Wrong pairings tried, per quote id. */
  mistakes: Record<string, number>
}

/** The outcome of one pairing attempt. */
export interface MatchResult {
  correct: boolean
  board: MatchBoard
}

/**
 * Lays out a board: the quotes and the speakers each in a seeded order. Every speaker who said one
 * of the quotes is on the board; extra speakers given are kept as distractors. A speaker can match
 * several quotes, so speakers stay available after a match.
 */
export function createMatchBoard(
  quotes: readonly MatchQuote[],
  speakers: readonly MatchSpeaker[],
  seed: number
): MatchBoard {
  const random = seededRandom(seed)
  const byId = new Map(speakers.map((speaker) => [speaker.id, speaker]))
  const missing = quotes.filter((quote) => !byId.has(quote.speakerId))
  if (missing.length > 0) {
    throw new Error(`Match board: no speaker for quote ${missing[0].id}`)
  }
  return {
    quotes: shuffled(quotes, random),
    speakers: shuffled([...byId.values()], random),
    matched: {},
    mistakes: {}
  }
}

/** Tries pairing a quote with a speaker; a right pair is kept, a wrong one counted. */
export function checkMatch(board: MatchBoard, quoteId: string, speakerId: string): MatchResult {
  const quote = board.quotes.find((candidate) => candidate.id === quoteId)
  if (!quote) throw new Error(`Match board: unknown quote ${quoteId}`)
  if (board.matched[quoteId] !== undefined) return { correct: true, board }
  if (quote.speakerId === speakerId) {
    return {
      correct: true,
      board: { ...board, matched: { ...board.matched, [quoteId]: speakerId } }
    }
  }
  return {
    correct: false,
    board: {
      ...board,
      mistakes: { ...board.mistakes, [quoteId]: (board.mistakes[quoteId] ?? 0) + 1 }
    }
  }
}

/** True when every quote is matched. */
export function isBoardComplete(board: MatchBoard): boolean {
  return board.quotes.every((quote) => board.matched[quote.id] !== undefined)
}
