/**
 * A parsed search turned into one predicate for many cards. `matchesSearch` folds the query's
 * text and every card field on each call; over 100,000 cards that folding is most of the time.
 * Here the query is folded once, and the cards' text fields are expected folded already (by
 * `foldCard`, once per card when the browser reads them). It answers exactly as `matchesSearch`.
 */
import {
  foldText,
  type CompareOp,
  type SearchableCard,
  type SearchContext,
  type SearchNode,
  type SearchProp
} from './search-query'

const DAY_MS = 24 * 60 * 60 * 1000

type SearchText = Pick<
  SearchableCard,
  'prompt' | 'answer' | 'context' | 'speakerName' | 'articleTitle'
>

/** `card`'s other fields with the given text fields. */
function withText(card: SearchableCard, text: SearchText): SearchableCard {
  return {
    id: card.id,
    template: card.template,
    ...text,
    queue: card.queue,
    due: card.due,
    lapses: card.lapses,
    reps: card.reps,
    intervalDays: card.intervalDays,
    stability: card.stability,
    difficulty: card.difficulty,
    createdAt: card.createdAt,
    lastRatedAt: card.lastRatedAt
  }
}

/** The card with its text fields folded (as `compileSearch`'s predicate expects). */
export function foldCard<T extends SearchableCard>(card: T): SearchableCard {
  return withText(card, {
    prompt: foldText(card.prompt),
    answer: foldText(card.answer),
    context: card.context === null ? null : foldText(card.context),
    speakerName: card.speakerName === null ? null : foldText(card.speakerName),
    articleTitle: foldText(card.articleTitle)
  })
}

/**
 * `foldCard(card)` for a new version of a card whose earlier version `before` was folded as
 * `beforeFolded`: text that did not change keeps its fold, so a bulk action over 10,000 cards
 * folds no text at all.
 */
export function refoldCard<T extends SearchableCard>(
  card: T,
  before: SearchableCard,
  beforeFolded: SearchableCard
): SearchableCard {
  const unchanged = (field: keyof SearchText): boolean => card[field] === before[field]
  if (!(['prompt', 'answer', 'context', 'speakerName', 'articleTitle'] as const).every(unchanged)) {
    return foldCard(card)
  }
  const { prompt, answer, context, speakerName, articleTitle } = beforeFolded
  return withText(card, { prompt, answer, context, speakerName, articleTitle })
}

type Predicate = (card: SearchableCard) => boolean

function comparer(op: CompareOp, right: number): (left: number) => boolean {
  switch (op) {
    case '<':
      return (left) => left < right
    case '<=':
      return (left) => left <= right
    case '=':
      return (left) => left === right
    case '!=':
      return (left) => left !== right
    case '>=':
      return (left) => left >= right
    case '>':
      return (left) => left > right
  }
}

function propReader(prop: SearchProp, nowMs: number): (card: SearchableCard) => number {
  switch (prop) {
    case 'lapses':
      return (card) => card.lapses
    case 'reps':
      return (card) => card.reps
    case 'interval':
      return (card) => card.intervalDays
    case 'stability':
      return (card) => card.stability
    case 'difficulty':
      return (card) => card.difficulty
    case 'due':
      return (card) => Math.floor((card.due - nowMs) / DAY_MS)
  }
}

// Queue values, as in search-query (kept free of scheduling imports).
const NEW = 0
const LEARNING = 1
const REVIEW = 2
const SUSPENDED = -1
const BURIED = -2

function compileNode(node: SearchNode, context: SearchContext): Predicate {
  switch (node.kind) {
    case 'text': {
      const needle = foldText(node.text)
      return (card) =>
        card.prompt.includes(needle) ||
        card.answer.includes(needle) ||
        (card.context !== null && card.context.includes(needle))
    }
    case 'speaker': {
      const needle = foldText(node.text)
      return (card) => card.speakerName !== null && card.speakerName.includes(needle)
    }
    case 'article': {
      const needle = foldText(node.text)
      return (card) => card.articleTitle.includes(needle)
    }
    case 'type': {
      const templates = new Set<string>(node.templates)
      return (card) => templates.has(card.template)
    }
    case 'is':
      switch (node.state) {
        case 'due': {
          const end = context.dayEndMs
          return (card) => (card.queue === LEARNING || card.queue === REVIEW) && card.due < end
        }
        case 'new':
          return (card) => card.queue === NEW
        case 'learning':
          return (card) => card.queue === LEARNING
        case 'review':
          return (card) => card.queue === REVIEW
        case 'suspended':
          return (card) => card.queue === SUSPENDED
        case 'buried':
          return (card) => card.queue === BURIED
        case 'leech': {
          const threshold = context.leechThreshold
          return (card) => card.lapses >= threshold
        }
      }
      break
    case 'prop': {
      const read = propReader(node.prop, context.nowMs)
      const test = comparer(node.op, node.value)
      return (card) => test(read(card))
    }
    case 'rated': {
      const since = context.nowMs - node.days * DAY_MS
      return (card) => card.lastRatedAt !== null && card.lastRatedAt >= since
    }
    case 'added': {
      const since = context.nowMs - node.days * DAY_MS
      return (card) => card.createdAt >= since
    }
    case 'not': {
      const inner = compileNode(node.node, context)
      return (card) => !inner(card)
    }
    case 'and': {
      const parts = node.nodes.map((child) => compileNode(child, context))
      return (card) => parts.every((part) => part(card))
    }
    case 'or': {
      const parts = node.nodes.map((child) => compileNode(child, context))
      return (card) => parts.some((part) => part(card))
    }
  }
}

/**
 * One predicate for `node` (null: every card) at `context`. The cards it is given must have
 * their text fields folded (`foldCard`).
 */
export function compileSearch(node: SearchNode | null, context: SearchContext): Predicate {
  if (node === null) return () => true
  return compileNode(node, context)
}
