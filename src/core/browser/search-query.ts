/**
 * The card browser's search syntax (a small subset of Anki's), parsed into a tree that
 * `matchesSearch` evaluates on one card and the database layer uses to pick an index.
 *
 * Grammar (terms separated by spaces are ANDed):
 *
 *   query  := or
 *   or     := and ('or' and)*
 *   and    := unary+
 *   unary  := '-' unary | '(' or ')' | term
 *   term   := word | "quoted text" | key ':' value
 *
 * Keys: `speaker:`, `article:`, `type:`, `is:`, `prop:`, `rated:`, `added:`. Malformed queries
 * return a message (never throw), so the browser can show it under the search box.
 */
import type { CardTemplate } from '../cards/types'

/** The states `is:` accepts. */
export const SEARCH_STATES = [
  'due',
  'new',
  'learning',
  'review',
  'suspended',
  'leech',
  'buried'
] as const
export type SearchState = (typeof SEARCH_STATES)[number]

/** The numeric card properties `prop:` accepts. */
export const SEARCH_PROPS = [
  'lapses',
  'reps',
  'interval',
  'stability',
  'difficulty',
  'due'
] as const
export type SearchProp = (typeof SEARCH_PROPS)[number]

export type CompareOp = '<' | '<=' | '=' | '!=' | '>=' | '>'

/** What the user may write after `type:`, and the templates each name covers. */
export const SEARCH_TYPES: Readonly<Record<string, readonly CardTemplate[]>> = {
  cloze: ['cloze-figure', 'cloze-quote'],
  'cloze-figure': ['cloze-figure'],
  'cloze-quote': ['cloze-quote'],
  'who-said': ['who-said'],
  'who-is-who': ['who-is', 'role-of'],
  'who-is': ['who-is'],
  'role-of': ['role-of'],
  contrast: ['contrast']
}

/** A parsed search. */
export type SearchNode =
  | { kind: 'text'; text: string }
  | { kind: 'speaker'; text: string }
  | { kind: 'article'; text: string }
  | { kind: 'type'; templates: readonly CardTemplate[] }
  | { kind: 'is'; state: SearchState }
  | { kind: 'prop'; prop: SearchProp; op: CompareOp; value: number }
  | { kind: 'rated'; days: number }
  | { kind: 'added'; days: number }
  | { kind: 'not'; node: SearchNode }
  | { kind: 'and'; nodes: SearchNode[] }
  | { kind: 'or'; nodes: SearchNode[] }

/** `node` is null for an empty query (every card). */
export type ParsedSearch =
  { ok: true; node: SearchNode | null } | { ok: false; message: string; position: number }

type Token =
  | { kind: 'word'; text: string; quoted: boolean; position: number }
  | { kind: 'open' | 'close' | 'minus'; position: number }

class SearchSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number
  ) {
    super(message)
  }
}

/** Reads a quoted run starting at `start` (on the quote); returns the text and the next index. */
function readQuoted(input: string, start: number): [string, number] {
  let text = ''
  let index = start + 1
  while (index < input.length && input[index] !== '"') {
    if (input[index] === '\\' && index + 1 < input.length) index++
    text += input[index]
    index++
  }
  if (index >= input.length) {
    throw new SearchSyntaxError('A quote (") is not closed.', start)
  }
  return [text, index + 1]
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = []
  let index = 0
  while (index < input.length) {
    const char = input[index]
    if (/\s/.test(char)) {
      index++
    } else if (char === '(') {
      tokens.push({ kind: 'open', position: index++ })
    } else if (char === ')') {
      tokens.push({ kind: 'close', position: index++ })
    } else if (char === '-') {
      if (index + 1 >= input.length || /\s/.test(input[index + 1])) {
        throw new SearchSyntaxError('"-" needs a search term right after it.', index)
      }
      tokens.push({ kind: 'minus', position: index++ })
    } else if (char === '"') {
      const [text, next] = readQuoted(input, index)
      tokens.push({ kind: 'word', text, quoted: true, position: index })
      index = next
    } else {
      const position = index
      let text = ''
      while (index < input.length && !/[\s()]/.test(input[index])) {
        if (input[index] === '"') {
          // key:"quoted value" — the quotes belong to the value.
          const [quoted, next] = readQuoted(input, index)
          text += `"${quoted.replace(/"/g, '\\"')}"`
          index = next
        } else {
          text += input[index++]
        }
      }
      tokens.push({ kind: 'word', text, quoted: false, position })
    }
  }
  return tokens
}

function unquote(value: string): string {
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
    return value.slice(1, -1).replace(/\\"/g, '"')
  }
  return value
}

function positiveInteger(value: string, key: string, position: number): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new SearchSyntaxError(
      `${key}: needs a number of days (1 or more), e.g. ${key}:7.`,
      position
    )
  }
  return Number(value)
}

function parseProp(value: string, position: number): SearchNode {
  const match = /^([a-z]+)(<=|>=|!=|<|>|=)(-?\d+(?:\.\d+)?)$/i.exec(value)
  if (!match) {
    throw new SearchSyntaxError(
      `prop: needs a property, a comparison and a number, e.g. prop:lapses>3.`,
      position
    )
  }
  const prop = match[1].toLowerCase()
  if (!(SEARCH_PROPS as readonly string[]).includes(prop)) {
    throw new SearchSyntaxError(
      `Unknown property "${match[1]}"; use one of ${SEARCH_PROPS.join(', ')}.`,
      position
    )
  }
  return {
    kind: 'prop',
    prop: prop as SearchProp,
    op: match[2] as CompareOp,
    value: Number(match[3])
  }
}

function parseTerm(token: Extract<Token, { kind: 'word' }>): SearchNode {
  if (token.quoted) return { kind: 'text', text: token.text }
  const colon = token.text.indexOf(':')
  if (colon <= 0) return { kind: 'text', text: unquote(token.text) }
  const key = token.text.slice(0, colon).toLowerCase()
  const raw = token.text.slice(colon + 1)
  const value = unquote(raw)
  const position = token.position
  const needValue = (): void => {
    if (value.trim() === '') {
      throw new SearchSyntaxError(`${key}: needs a value after the colon.`, position)
    }
  }
  switch (key) {
    case 'speaker':
    case 'article':
      needValue()
      return { kind: key, text: value }
    case 'type': {
      needValue()
      const templates = SEARCH_TYPES[value.toLowerCase()]
      if (!templates) {
        throw new SearchSyntaxError(
          `Unknown card type "${value}"; use one of ${Object.keys(SEARCH_TYPES).join(', ')}.`,
          position
        )
      }
      return { kind: 'type', templates }
    }
    case 'is': {
      needValue()
      const state = value.toLowerCase()
      if (!(SEARCH_STATES as readonly string[]).includes(state)) {
        throw new SearchSyntaxError(
          `Unknown state "${value}"; use one of ${SEARCH_STATES.join(', ')}.`,
          position
        )
      }
      return { kind: 'is', state: state as SearchState }
    }
    case 'prop':
      needValue()
      return parseProp(value, position)
    case 'rated':
      return { kind: 'rated', days: positiveInteger(value, key, position) }
    case 'added':
      return { kind: 'added', days: positiveInteger(value, key, position) }
    default:
      // Not a key we know ("10:30", "U.S.:"): search for the text as written.
      return { kind: 'text', text: token.text }
  }
}

class Parser {
  private index = 0
  constructor(
    private readonly tokens: Token[],
    private readonly inputLength: number
  ) {}

  parse(): SearchNode | null {
    if (this.tokens.length === 0) return null
    const node = this.parseOr()
    const rest = this.tokens[this.index]
    if (rest) {
      throw new SearchSyntaxError(
        rest.kind === 'close' ? 'A ")" has no matching "(".' : 'Unexpected text.',
        rest.position
      )
    }
    return node
  }

  private peek(): Token | undefined {
    return this.tokens[this.index]
  }

  private isOr(token: Token | undefined): boolean {
    return token?.kind === 'word' && !token.quoted && token.text.toLowerCase() === 'or'
  }

  private isAnd(token: Token | undefined): boolean {
    return token?.kind === 'word' && !token.quoted && token.text.toLowerCase() === 'and'
  }

  private parseOr(): SearchNode {
    const nodes = [this.parseAnd()]
    while (this.isOr(this.peek())) {
      const orToken = this.tokens[this.index++]
      if (!this.startsTerm(this.peek())) {
        throw new SearchSyntaxError('"or" needs a search term after it.', orToken.position)
      }
      nodes.push(this.parseAnd())
    }
    return nodes.length === 1 ? nodes[0] : { kind: 'or', nodes }
  }

  private startsTerm(token: Token | undefined): boolean {
    return token !== undefined && token.kind !== 'close' && !this.isOr(token)
  }

  private parseAnd(): SearchNode {
    const first = this.peek()
    if (this.isOr(first) || first?.kind === 'close' || first === undefined) {
      throw new SearchSyntaxError(
        this.isOr(first) ? '"or" needs a search term before it.' : 'A search term is missing.',
        first?.position ?? this.inputLength
      )
    }
    const nodes: SearchNode[] = []
    while (this.startsTerm(this.peek())) {
      if (this.isAnd(this.peek())) {
        const andToken = this.tokens[this.index++]
        if (nodes.length === 0 || !this.startsTerm(this.peek())) {
          throw new SearchSyntaxError('"and" needs a search term on each side.', andToken.position)
        }
        continue
      }
      nodes.push(this.parseUnary())
    }
    return nodes.length === 1 ? nodes[0] : { kind: 'and', nodes }
  }

  private parseUnary(): SearchNode {
    const token = this.tokens[this.index++]
    if (token.kind === 'minus') {
      const next = this.peek()
      if (!this.startsTerm(next)) {
        throw new SearchSyntaxError('"-" needs a search term right after it.', token.position)
      }
      return { kind: 'not', node: this.parseUnary() }
    }
    if (token.kind === 'open') {
      if (this.peek()?.kind === 'close') {
        throw new SearchSyntaxError('The brackets "()" are empty.', token.position)
      }
      const node = this.parseOr()
      const close = this.tokens[this.index++]
      if (close?.kind !== 'close') {
        throw new SearchSyntaxError('A "(" is not closed.', token.position)
      }
      return node
    }
    if (token.kind !== 'word') {
      throw new SearchSyntaxError('A ")" has no matching "(".', token.position)
    }
    return parseTerm(token)
  }
}

/** Parses a browser search. Never throws: a malformed query gives a message and a position. */
export function parseSearchQuery(input: string): ParsedSearch {
  try {
    const tokens = tokenize(input)
    return { ok: true, node: new Parser(tokens, input.length).parse() }
  } catch (error) {
    if (error instanceof SearchSyntaxError) {
      return { ok: false, message: error.message, position: error.position }
    }
    throw error
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** What a search looks at on one card (the database layer fills it in). */
export interface SearchableCard {
  id: string
  template: CardTemplate
  prompt: string
  answer: string
  context: string | null
  speakerName: string | null
  articleTitle: string
  /** The card's queue (see `Queue` in core/scheduling). */
  queue: number
  due: number
  lapses: number
  reps: number
  /** Days until the next review as scheduled (FSRS `scheduledDays`). */
  intervalDays: number
  stability: number
  difficulty: number
  /** Epoch ms. */
  createdAt: number
  /**
   * Epoch ms of the card's latest answer that moved its schedule (practice left out), null when
   * it was never answered so. Kept through a reset to new: `rated:` looks at the history.
   */
  lastRatedAt: number | null
}

/** The moment a search is evaluated at, and what it needs beyond the card. */
export interface SearchContext {
  nowMs: number
  /** Epoch ms when the current study day ends: `is:due` means due before then. */
  dayEndMs: number
  /** Lapses at which a card counts as a leech. */
  leechThreshold: number
}

const DAY_MS = 24 * 60 * 60 * 1000

/** Lower-cased, without accents, for accent- and case-insensitive matching. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
}

function compare(left: number, op: CompareOp, right: number): boolean {
  switch (op) {
    case '<':
      return left < right
    case '<=':
      return left <= right
    case '=':
      return left === right
    case '!=':
      return left !== right
    case '>=':
      return left >= right
    case '>':
      return left > right
  }
}

function propValue(card: SearchableCard, prop: SearchProp, context: SearchContext): number {
  switch (prop) {
    case 'lapses':
      return card.lapses
    case 'reps':
      return card.reps
    case 'interval':
      return card.intervalDays
    case 'stability':
      return card.stability
    case 'difficulty':
      return card.difficulty
    case 'due':
      // Days from now (negative: overdue), as Anki's prop:due.
      return Math.floor((card.due - context.nowMs) / DAY_MS)
  }
}

// Queue values, repeated here so this module stays free of scheduling imports.
const NEW = 0
const LEARNING = 1
const REVIEW = 2
const SUSPENDED = -1
const BURIED = -2

function matchesState(card: SearchableCard, state: SearchState, context: SearchContext): boolean {
  switch (state) {
    case 'due':
      return (card.queue === LEARNING || card.queue === REVIEW) && card.due < context.dayEndMs
    case 'new':
      return card.queue === NEW
    case 'learning':
      return card.queue === LEARNING
    case 'review':
      return card.queue === REVIEW
    case 'suspended':
      return card.queue === SUSPENDED
    case 'buried':
      return card.queue === BURIED
    case 'leech':
      return card.lapses >= context.leechThreshold
  }
}

/**
 * Whether `card` matches `node` (null matches every card). Text matches ignore case and accents;
 * free text looks in the prompt, answer and context.
 */
export function matchesSearch(
  node: SearchNode | null,
  card: SearchableCard,
  context: SearchContext
): boolean {
  if (node === null) return true
  switch (node.kind) {
    case 'text': {
      const needle = foldText(node.text)
      return (
        foldText(card.prompt).includes(needle) ||
        foldText(card.answer).includes(needle) ||
        (card.context !== null && foldText(card.context).includes(needle))
      )
    }
    case 'speaker':
      return card.speakerName !== null && foldText(card.speakerName).includes(foldText(node.text))
    case 'article':
      return foldText(card.articleTitle).includes(foldText(node.text))
    case 'type':
      return node.templates.includes(card.template)
    case 'is':
      return matchesState(card, node.state, context)
    case 'prop':
      return compare(propValue(card, node.prop, context), node.op, node.value)
    case 'rated':
      return card.lastRatedAt !== null && card.lastRatedAt >= context.nowMs - node.days * DAY_MS
    case 'added':
      return card.createdAt >= context.nowMs - node.days * DAY_MS
    case 'not':
      return !matchesSearch(node.node, card, context)
    case 'and':
      return node.nodes.every((child) => matchesSearch(child, card, context))
    case 'or':
      return node.nodes.some((child) => matchesSearch(child, card, context))
  }
}
