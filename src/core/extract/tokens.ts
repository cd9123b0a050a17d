import type { TextSpan } from './types'
import { ABBREVIATIONS } from './lexicon'

/** A word, number or punctuation mark with its offsets in the article text. */
export interface Token {
  text: string
  lower: string
  start: number
  end: number
  /** Starts with an upper-case letter. */
  cap: boolean
  isWord: boolean
  isNumber: boolean
}

// Abbreviations with inner dots ("U.S.", "a.m."), numbers with separators, words with inner
// apostrophes or hyphens ("China’s", "then-House"), then any other single visible character.
const TOKEN_RE =
  /(?:\p{L}\.){2,}|\d+(?:[.,:]\d+)*|[\p{L}\p{M}]+(?:['’\u2010\u2011-][\p{L}\p{M}\d]+)*|\S/gu

const UPPER_RE = /^\p{Lu}/u
const WORD_RE = /^\p{L}/u
const NUMBER_RE = /^\d/

/** Splits `text[start, end)` into tokens carrying absolute offsets. */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = []
  const slice = text.slice(start, end)
  TOKEN_RE.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = TOKEN_RE.exec(slice)) !== null) {
    const t = m[0]
    out.push({
      text: t,
      lower: t.toLowerCase(),
      start: start + m.index,
      end: start + m.index + t.length,
      cap: UPPER_RE.test(t),
      isWord: WORD_RE.test(t),
      isNumber: NUMBER_RE.test(t)
    })
  }
  return out
}

/** Removes a possessive ending ("China’s" → "China", "Jones'" stays "Jones'"). */
export function stripPossessive(word: string): string {
  return word.replace(/['’]s$/u, '')
}

/** True when the word ends with a possessive "’s" / "'s". */
export function isPossessive(word: string): boolean {
  return /['’]s$/u.test(word)
}

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»'])
const OPENERS_AFTER_BREAK = /[\p{Lu}\d"“‘'([«]/u

/**
 * Sentence spans of `text` (offsets into it). Splits after `.`, `!`, `?` or `…` (plus any closing
 * quote or bracket) when the next word opens a sentence, and at every line break; a full stop after
 * a known abbreviation ("Mr.", "U.S.") or an initial ("M.") does not end a sentence.
 */
export function sentenceSpans(text: string, start = 0, end = text.length): TextSpan[] {
  const spans: TextSpan[] = []
  let sentStart = -1
  const push = (s: number, e: number): void => {
    let a = s
    let b = e
    while (a < b && /\s/u.test(text[a])) a++
    while (b > a && /\s/u.test(text[b - 1])) b--
    if (b > a) spans.push({ start: a, end: b })
  }
  let i = start
  sentStart = start
  while (i < end) {
    const c = text[i]
    if (c === '\n') {
      push(sentStart, i)
      sentStart = i + 1
      i++
      continue
    }
    if (c === '.' || c === '!' || c === '?' || c === '…') {
      let j = i + 1
      while (j < end && (text[j] === '.' || text[j] === '!' || text[j] === '?')) j++
      while (j < end && CLOSERS.has(text[j])) j++
      // need whitespace then a sentence opener
      let k = j
      while (k < end && (text[k] === ' ' || text[k] === '\u00a0' || text[k] === '\t')) k++
      const atEnd = k >= end || text[k] === '\n'
      if (k > j || atEnd) {
        if (atEnd || OPENERS_AFTER_BREAK.test(text[k])) {
          if (c !== '.' || !isAbbreviationBefore(text, i, start)) {
            push(sentStart, j)
            sentStart = j
          }
        }
      }
      i = j
      continue
    }
    i++
  }
  push(sentStart, end)
  return spans
}

/** True when the full stop at `dot` closes an abbreviation or an initial rather than a sentence. */
export function isAbbreviationBefore(text: string, dot: number, floor = 0): boolean {
  let s = dot
  while (s > floor && /[\p{L}.]/u.test(text[s - 1])) s--
  const word = text.slice(s, dot)
  if (word.length === 0) return false
  if (word.includes('.')) return true // "U.S." or "a.m."
  if (word.length === 1 && /\p{Lu}/u.test(word)) return true // an initial
  return ABBREVIATIONS.has(word.toLowerCase())
}
