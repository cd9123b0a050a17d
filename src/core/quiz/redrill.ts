/**
 * A re-drill round in the style of Quizlet's classic Learn: every card is asked; a missed card
 * goes to the back of the line and comes back until it has been answered right once.
 */
export interface RedrillRound {
  /** Cards still to be answered right, in the order they will be asked. */
  pending: string[]
  /** Cards answered right, in the order they were cleared. */
  cleared: string[]
  /** Wrong answers per card in this round. */
  missCounts: Record<string, number>
  /** Every answer given so far. */
  answerCount: number
}

/** Starts a round over the given cards (duplicates dropped, order kept). */
export function createRedrillRound(cardIds: readonly string[]): RedrillRound {
  return { pending: [...new Set(cardIds)], cleared: [], missCounts: {}, answerCount: 0 }
}

/** The card to ask next, or null when the round is done. */
export function currentRedrillCard(round: RedrillRound): string | null {
  return round.pending[0] ?? null
}

/** True when every card has been answered right once. */
export function isRedrillDone(round: RedrillRound): boolean {
  return round.pending.length === 0
}

/**
 * Records an answer and returns the next round state. A right answer clears the card; a wrong one
 * sends it to the back of the line. Answers for cards not pending are ignored.
 */
export function redrillAnswer(round: RedrillRound, cardId: string, correct: boolean): RedrillRound {
  const index = round.pending.indexOf(cardId)
  if (index < 0) return round
  const rest = [...round.pending.slice(0, index), ...round.pending.slice(index + 1)]
  if (correct) {
    return {
      pending: rest,
      cleared: [...round.cleared, cardId],
      missCounts: round.missCounts,
      answerCount: round.answerCount + 1
    }
  }
  return {
    pending: [...rest, cardId],
    cleared: round.cleared,
    missCounts: { ...round.missCounts, [cardId]: (round.missCounts[cardId] ?? 0) + 1 },
    answerCount: round.answerCount + 1
  }
}
