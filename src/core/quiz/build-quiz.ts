import type { CardTemplate, SourceAnchor } from '../cards/types'
import { Queue, type QueueValue } from '../scheduling/types'
import { seededRandom, shuffled } from './random'

/** The quiz formats. */
export type QuizFormat = 'choice' | 'typed' | 'match'

/** How many questions: a fixed number or every eligible card. */
export type QuizLength = 10 | 20 | 'all'

/** Which cards a quiz draws from. */
export type QuizScope =
  | { kind: 'article'; articleId: string }
  | { kind: 'library' }
  /** "Speakers I mix up": cards whose answer is a speaker the user has confused. */
  | { kind: 'confusions'; speakerIds: string[] }

/** The fields of a stored card a quiz needs. */
export interface QuizSourceCard {
  id: string
  articleId: string
  template: CardTemplate
  prompt: string
  answer: string
  context: string | null
  options: string[] | null
  answerSpeakerId: string | null
  anchor: SourceAnchor
  queue: QueueValue
}

/** One question of a quiz. */
export interface QuizQuestion {
  cardId: string
  articleId: string
  template: CardTemplate
  prompt: string
  context: string | null
  answer: string
  answerSpeakerId: string | null
  /** The options in display order (shuffled with the quiz seed); empty for typed answers. */
  options: string[]
  anchor: SourceAnchor
}

/** Templates whose answer is a speaker: the only ones a who-said-what quiz asks. */
const SPEAKER_TEMPLATES: ReadonlySet<CardTemplate> = new Set(['who-said', 'contrast'])

function inScope(card: QuizSourceCard, scope: QuizScope): boolean {
  if (scope.kind === 'article') return card.articleId === scope.articleId
  if (scope.kind === 'confusions') {
    return card.answerSpeakerId !== null && scope.speakerIds.includes(card.answerSpeakerId)
  }
  return true
}

/** Whether a card can be asked in the given format. */
function askable(card: QuizSourceCard, format: QuizFormat): boolean {
  if (!SPEAKER_TEMPLATES.has(card.template) || card.queue === Queue.Suspended) return false
  if (card.answer.trim().length === 0) return false
  if (format === 'choice') {
    return card.options !== null && card.options.length >= 2 && card.options.includes(card.answer)
  }
  return true
}

/**
 * Picks and orders a quiz's questions: who-said and contrast cards in the scope (suspended cards
 * left out), shuffled with `seed`, cut to `length`. Multiple-choice options are shuffled too, so
 * the right answer does not sit in the same place every time.
 */
export function buildQuiz(input: {
  cards: readonly QuizSourceCard[]
  scope: QuizScope
  length: QuizLength
  format: QuizFormat
  seed: number
}): QuizQuestion[] {
  const random = seededRandom(input.seed)
  const eligible = input.cards
    .filter((card) => inScope(card, input.scope) && askable(card, input.format))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const chosen = shuffled(eligible, random)
  const limited = input.length === 'all' ? chosen : chosen.slice(0, input.length)
  return limited.map((card) => ({
    cardId: card.id,
    articleId: card.articleId,
    template: card.template,
    prompt: card.prompt,
    context: card.context,
    answer: card.answer,
    answerSpeakerId: card.answerSpeakerId,
    options: input.format === 'choice' && card.options ? shuffled(card.options, random) : [],
    anchor: card.anchor
  }))
}
