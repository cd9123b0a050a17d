/** One answered question, as the summary needs it. */
export interface AnsweredQuestion {
  cardId: string
  correct: boolean
  answerMs: number
}

/** The end-of-quiz figures. */
export interface QuizSummary {
  correctCount: number
  total: number
  /** "7/10" */
  scoreLabel: string
  totalMs: number
  /** "1 min 05 s" or "42 s" */
  timeLabel: string
  missedCardIds: string[]
}

/** Formats a duration for the summary. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000))
  const minutes = Math.floor(totalSeconds / 60)
  const seconds = totalSeconds % 60
  if (minutes === 0) return `${seconds} s`
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`
}

/** Score, time and misses of a finished quiz; `elapsedMs` is wall time from start to end. */
export function summarizeQuiz(
  answers: readonly AnsweredQuestion[],
  elapsedMs: number
): QuizSummary {
  const correctCount = answers.filter((answer) => answer.correct).length
  return {
    correctCount,
    total: answers.length,
    scoreLabel: `${correctCount}/${answers.length}`,
    totalMs: elapsedMs,
    timeLabel: formatDuration(elapsedMs),
    missedCardIds: answers.filter((answer) => !answer.correct).map((answer) => answer.cardId)
  }
}
