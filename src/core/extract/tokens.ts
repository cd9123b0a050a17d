import type { Article } from '../article/types'
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

const LETTER_OR_MARK = /[\p{L}\p{M}]/u
const UPPER = /\p{Lu}/u

function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return true
  if (c < 128 || Number.isNaN(c)) return false
  return LETTER_OR_MARK.test(text[i])
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  return c >= 48 && c <= 57
}

function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  return (
    c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || (c > 127 && /\s/u.test(text[i]))
  )
}

const WORD_JOINERS = new Set(["'", '’', '\u2010', '\u2011', '-'])

/**
 * Splits `text[start, end)` into tokens carrying absolute offsets: abbreviations with inner dots
 * ("U.S.", "a.m."), numbers with separators ("1,400.50", "23:36"), words with inner apostrophes or
 * hyphens ("Norland’s", "then-House"), then any other single visible character.
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = []
  let i = start
  while (i < end) {
    if (isSpaceAt(text, i)) {
      i++
      continue
    }
    const from = i
    let kind: 'word' | 'number' | 'other' = 'other'
    if (isLetterAt(text, i)) {
      kind = 'word'
      if (
        text[i + 1] === '.' &&
        i + 3 < end + 1 &&
        isLetterAt(text, i + 2) &&
        text[i + 3] === '.'
      ) {
        // "U.S.", "a.m.", "e.g."
        while (i + 1 < end && isLetterAt(text, i) && text[i + 1] === '.') i += 2
      } else {
        while (i < end && isLetterAt(text, i)) i++
        while (
          i + 1 < end &&
          WORD_JOINERS.has(text[i]) &&
          (isLetterAt(text, i + 1) ||
            (isDigitAt(text, i + 1) && text[i] !== "'" && text[i] !== '’'))
        ) {
          i++
          while (i < end && (isLetterAt(text, i) || isDigitAt(text, i))) i++
        }
      }
    } else if (isDigitAt(text, i)) {
      kind = 'number'
      while (i < end && isDigitAt(text, i)) i++
      while (
        i + 1 < end &&
        (text[i] === '.' || text[i] === ',' || text[i] === ':') &&
        isDigitAt(text, i + 1)
      ) {
        i++
        while (i < end && isDigitAt(text, i)) i++
      }
    } else {
      const cp = text.codePointAt(i) ?? 0
      i += cp > 0xffff ? 2 : 1
    }
    const t = text.slice(from, i)
    const first = t.charCodeAt(0)
    out.push({
      text: t,
      lower: t.toLowerCase(),
      start: from,
      end: i,
      cap: kind === 'word' && ((first >= 65 && first <= 90) || (first > 127 && UPPER.test(t[0]))),
      isWord: kind === 'word',
      isNumber: kind === 'number'
    })
  }
  return out
}

/** Removes a possessive ending ("Norland’s" → "Norland", "Jones'" stays "Jones'"). */
export function stripPossessive(word: string): string {
  return isPossessive(word) ? word.slice(0, -2) : word
}

/** True when the word ends with a possessive "’s" / "'s". */
export function isPossessive(word: string): boolean {
  // called for nearly every token, so char codes rather than a regex
  const length = word.length
  if (length < 2 || word.charCodeAt(length - 1) !== 115) return false
  const mark = word.charCodeAt(length - 2)
  return mark === 39 || mark === 0x2019
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
  while (s > floor && (text[s - 1] === '.' || isLetterAt(text, s - 1))) s--
  const word = text.slice(s, dot)
  if (word.length === 0) return false
  // "U.S." or "a.m." (short parts), not a domain name such as "example.com"
  if (word.includes('.')) return word.split('.').every((part) => part.length <= 2)
  if (word.length === 1 && /\p{Lu}/u.test(word)) return true // an initial
  return ABBREVIATIONS.has(word.toLowerCase())
}

/**
 * The tokens of each of the article's paragraphs (the whole text as one paragraph when it has
 * none), as the extractor and the ranker both read them.
 */
export function tokenizeParagraphs(article: Article): Token[][] {
  const paragraphs =
    article.paragraphs.length > 0
      ? article.paragraphs
      : [{ kind: 'body' as const, start: 0, end: article.text.length }]
  return paragraphs.map((p) => tokenize(article.text, p.start, p.end))
}
