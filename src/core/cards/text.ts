/**
 * Small text helpers for card generation: normalisation for stable keys, word tokens, stop words,
 * sentence bounds and a seeded shuffle. General English rules only.
 */

/** Words never worth blanking or quizzing on: function words, pronouns, auxiliaries, fillers. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but nor so yet for of in on at to from by with without about above below ' +
    'into onto over under up down out off than then there here this that these those such ' +
    'i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his ' +
    'himself she her hers herself it its itself they them their theirs themselves one ones ' +
    'who whom whose which what when where why how whether if because as while until unless ' +
    'although though since after before during through between among against per via ' +
    'is am are was were be been being have has had having do does did doing done ' +
    'will would shall should can could may might must ought need ' +
    'not no yes all any both each few more most other some own same only very too just also ' +
    'even still again ever never always often now already much many lot lots ' +
    'said say says saying told tell tells think thinks thought know knows knew ' +
    'get gets got make makes made go goes going went come comes came ' +
    'thing things way ways really quite rather well like want wants ' +
    "let let's it's i'm we're they're you're he's she's that's there's what's don't doesn't " +
    "didn't can't won't isn't aren't wasn't weren't we've i've they've we'll i'll " +
    'instead however perhaps maybe indeed therefore thus hence anyway pretty otherwise ' +
    'mr mrs ms dr sir'
  ).split(/\s+/)
)

/** Lower-case, fold typographic quotes and dashes, strip diacritics, collapse whitespace. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** A url-safe slug of at most `maxWords` words. */
export function slugify(text: string, maxWords = 8): string {
  const words = normaliseText(text)
    .replace(/'/g, '')
    .split(/[^a-z0-9.]+/)
    .map((w) => w.replace(/^\.+|\.+$/g, ''))
    .filter((w) => w.length > 0)
  return words.slice(0, maxWords).join('-') || 'x'
}

/** FNV-1a 32-bit hash, as 7 base-36 characters. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(36).padStart(7, '0')
}

/** A seeded pseudo-random generator (mulberry32): same seed, same sequence. Returns [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A shuffled copy (Fisher–Yates) driven by `random`. */
export function shuffleWith<T>(items: readonly T[], random: () => number): T[] {
  const result = items.slice()
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[result[i], result[j]] = [result[j], result[i]]
  }
  return result
}

/** A seeded PRNG (mulberry32) yielding floats in [0, 1), seeded by a string. */
export function seededRandom(seed: string): () => number {
  return mulberry32(parseInt(shortHash(seed), 36))
}

/** Fisher–Yates shuffle driven by `seed`; same seed, same order. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  return shuffleWith(items, seededRandom(seed))
}

/** A word of a text with its offsets (relative to the text). */
export interface WordToken {
  text: string
  start: number
  end: number
}

/** Letters, digits and inner apostrophes/hyphens/periods ("Russia’s", "dual-use", "U.S."). */
const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’.\-‐][\p{L}\p{N}]+)*\.?/gu

/** The words of `text` with their offsets. */
export function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = []
  for (const match of text.matchAll(WORD_PATTERN)) {
    let word = match[0]
    // A trailing period belongs to the word only for abbreviations like "U.S.".
    if (word.endsWith('.') && !/\.[\p{L}\p{N}]+\.$/u.test(word)) word = word.slice(0, -1)
    tokens.push({ text: word, start: match.index, end: match.index + word.length })
  }
  return tokens
}

/** Number of words in a text. */
export function wordCount(text: string): number {
  return wordTokens(text).length
}

/** A single word lower-cased with apostrophes folded; full normalisation only when needed. */
function foldWord(word: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f’]*$/.test(word) ? word.toLowerCase().replace(/’/g, "'") : normaliseText(word)
}

/** The word without a possessive ending, lower-cased, for stop-word and name comparisons. */
export function wordKey(word: string): string {
  return foldWord(word).replace(/'s$/, '')
}

/** Whether `word` is a function word (never blanked). */
export function isStopWord(word: string): boolean {
  const key = foldWord(word)
  // Also inflected function words ("needs", "one's") and contractions of them ("could've").
  return (
    STOP_WORDS.has(key) ||
    STOP_WORDS.has(key.replace(/'?s$/, '')) ||
    (/'(ve|d|ll|re|m|t)$/.test(key) && STOP_WORDS.has(key.replace(/'[a-z]+$/, '')))
  )
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const patternCache = new Map<string, RegExp>()

/**
 * A regular expression matching `phrase` as whole words, tolerant of straight/curly apostrophes
 * and of a possessive ending.
 */
export function phrasePattern(phrase: string, flags = 'gu'): RegExp {
  const cacheKey = `${flags}\u0000${phrase}`
  const cached = patternCache.get(cacheKey)
  // Callers only use the pattern with replace/match/matchAll/test-without-g, which reset or ignore
  // `lastIndex`, so a compiled pattern can be shared.
  if (cached) return cached
  const body = escapeRegExp(phrase.trim()).replace(/['’]/g, "['’]").replace(/\s+/g, '\\s+')
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?:['’]s)?(?![\\p{L}\\p{N}])`, flags)
  if (patternCache.size >= 2000) patternCache.clear()
  patternCache.set(cacheKey, pattern)
  return pattern
}

/** Whether `phrase` occurs in `text` as whole words (case-insensitive). */
export function containsPhrase(text: string, phrase: string): boolean {
  if (phrase.trim().length === 0) return false
  return phrasePattern(phrase, 'iu').test(text)
}

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'prof',
  'gen',
  'sen',
  'rep',
  'gov',
  'jr',
  'sr',
  'vs',
  'no'
])

/** Whether the period at `index` ends an abbreviation ("U.S.", "Mr.") rather than a sentence. */
function isAbbreviationAt(text: string, index: number): boolean {
  if (text[index] !== '.') return false
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, index - 12), index))
  if (!before) return false
  const word = before[1].toLowerCase()
  return word.length === 1 || word.includes('.') || ABBREVIATIONS.has(word)
}

/** Where a sentence around [start, end) begins and ends, within [minStart, maxEnd). */
export function sentenceBounds(
  text: string,
  start: number,
  end: number,
  minStart = 0,
  maxEnd = text.length
): { start: number; end: number } {
  const boundary = /[.!?]["”’)]?\s+(?=["“‘(]?[\p{Lu}\p{N}])/gu
  let sentenceStart = minStart
  boundary.lastIndex = minStart
  for (let m = boundary.exec(text); m && m.index < start; m = boundary.exec(text)) {
    const after = m.index + m[0].length
    if (after <= start && !isAbbreviationAt(text, m.index)) sentenceStart = after
  }
  let sentenceEnd = maxEnd
  boundary.lastIndex = Math.max(end, minStart)
  for (let m = boundary.exec(text); m && m.index < maxEnd; m = boundary.exec(text)) {
    if (isAbbreviationAt(text, m.index)) continue
    sentenceEnd = m.index + m[0].trimEnd().length
    break
  }
  return { start: sentenceStart, end: sentenceEnd }
}

/** A source sentence split around the quote or figure it holds. */
export interface SentenceParts {
  before: string
  quote: string
  after: string
}

/**
 * Splits `text` at `anchor`: the sentence before the span, the span, and the rest. A span that
 * reaches past its sentence widens it, so the whole quote is always shown.
 */
export function splitAtAnchor(
  text: string,
  anchor: { sentence: { start: number; end: number }; span: { start: number; end: number } }
): SentenceParts {
  const { sentence, span } = anchor
  const start = Math.min(sentence.start, span.start)
  const end = Math.max(sentence.end, span.end)
  return {
    before: text.slice(start, span.start),
    quote: text.slice(span.start, span.end),
    after: text.slice(span.end, end)
  }
}
