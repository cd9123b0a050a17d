import type { Article } from '../article/types'
import type { Figure, FigureKind, TextSpan } from './types'
import { tokenize, sentenceSpans, type Token } from './tokens'
import { isCaption } from './captions'

const ONES: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  dozen: 12
}
const MULTIPLIERS: Record<string, number> = {
  hundred: 1e2,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  bn: 1e9,
  m: 1e6,
  mn: 1e6,
  k: 1e3,
  tn: 1e12,
  b: 1e9,
  lakh: 1e5,
  lakhs: 1e5,
  crore: 1e7,
  crores: 1e7
}
const WORD_MULTIPLIERS = new Set(['hundred', 'thousand', 'million', 'billion', 'trillion'])
const CURRENCY_SYMBOLS: Record<string, string> = {
  $: 'USD',
  '£': 'GBP',
  '€': 'EUR',
  '¥': 'JPY',
  '₹': 'INR'
}
const CURRENCY_WORDS: Record<string, string> = {
  dollar: 'USD',
  dollars: 'USD',
  pound: 'GBP',
  pounds: 'GBP',
  euro: 'EUR',
  euros: 'EUR',
  yen: 'JPY',
  yuan: 'CNY',
  rupees: 'INR',
  rupee: 'INR',
  rs: 'INR',
  inr: 'INR',
  francs: 'CHF',
  pence: 'GBX',
  cents: 'USX',
  kronor: 'SEK',
  krona: 'SEK',
  kroner: 'NOK',
  rand: 'ZAR',
  pesos: 'MXN',
  roubles: 'RUB',
  rubles: 'RUB',
  lira: 'TRY',
  baht: 'THB',
  ringgit: 'MYR',
  naira: 'NGN',
  shillings: 'KES',
  dirhams: 'AED',
  riyals: 'SAR',
  zloty: 'PLN',
  rupiah: 'IDR',
  hryvnias: 'UAH'
}
const CURRENCY_PREFIX: Record<string, string> = {
  us: 'USD',
  c: 'CAD',
  a: 'AUD',
  nz: 'NZD',
  hk: 'HKD',
  s: 'SGD'
}
const DURATION_UNITS: Record<string, string> = {
  second: 'seconds',
  seconds: 'seconds',
  minute: 'minutes',
  minutes: 'minutes',
  hour: 'hours',
  hours: 'hours',
  day: 'days',
  days: 'days',
  week: 'weeks',
  weeks: 'weeks',
  fortnight: 'weeks',
  month: 'months',
  months: 'months',
  year: 'years',
  years: 'years',
  decade: 'decades',
  decades: 'decades',
  century: 'centuries',
  centuries: 'centuries'
}
const MEASURE_UNITS: Record<string, string> = {
  mph: 'mph',
  kph: 'km/h',
  km: 'km',
  kilometres: 'km',
  kilometers: 'km',
  kilometre: 'km',
  kilometer: 'km',
  mile: 'miles',
  miles: 'miles',
  metre: 'm',
  metres: 'm',
  meter: 'm',
  meters: 'm',
  foot: 'feet',
  feet: 'feet',
  ft: 'feet',
  inch: 'inches',
  inches: 'inches',
  cm: 'cm',
  mm: 'mm',
  kg: 'kg',
  kilograms: 'kg',
  kilogram: 'kg',
  kilos: 'kg',
  grams: 'g',
  gram: 'g',
  lb: 'lb',
  lbs: 'lb',
  tonnes: 'tonnes',
  tonne: 'tonnes',
  tons: 'tons',
  ton: 'tons',
  litres: 'litres',
  liters: 'litres',
  litre: 'litres',
  liter: 'litres',
  gallons: 'gallons',
  gallon: 'gallons',
  acres: 'acres',
  acre: 'acres',
  hectares: 'hectares',
  hectare: 'hectares',
  degrees: 'degrees',
  degree: 'degrees',
  '°': 'degrees',
  knots: 'knots',
  barrels: 'barrels',
  megawatts: 'MW',
  mw: 'MW',
  gigawatts: 'GW',
  kwh: 'kWh',
  storeys: 'storeys',
  stories: 'storeys',
  yards: 'yards',
  yard: 'yards'
}
const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12
}
const APPROXIMATORS: string[][] = [
  ['more', 'than'],
  ['less', 'than'],
  ['fewer', 'than'],
  ['at', 'least'],
  ['at', 'most'],
  ['up', 'to'],
  ['as', 'many', 'as'],
  ['as', 'much', 'as'],
  ['an', 'estimated'],
  ['about'],
  ['around'],
  ['nearly'],
  ['almost'],
  ['approximately'],
  ['roughly'],
  ['some'],
  ['over'],
  ['under'],
  ['close', 'to'],
  ['upwards', 'of'],
  ['just', 'over'],
  ['just', 'under'],
  // "all 228 people": the whole of a counted group
  ['all']
]
const VAGUE_WORDS = new Set(['billions', 'millions', 'thousands', 'hundreds', 'dozens', 'tens'])
const IRREGULAR_PLURALS = new Set([
  'people',
  'men',
  'women',
  'children',
  'police',
  'staff',
  'personnel',
  'cattle',
  'feet',
  'teeth',
  'mice',
  'geese',
  'sheep',
  'deer',
  'aircraft',
  'crew',
  'others',
  'youths',
  'troops'
])
const NP_STOPWORDS = new Set([
  'times',
  'ways',
  'the',
  'a',
  'an',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'and',
  'or',
  'but',
  'that',
  'which',
  'who',
  'were',
  'was',
  'is',
  'are',
  'have',
  'has',
  'had',
  'will',
  'would',
  'per',
  'from',
  'by',
  'with',
  'as',
  'than',
  'since',
  'after',
  'before',
  'ago',
  'old',
  'less',
  'each',
  'this',
  'these',
  'those',
  'it',
  'its',
  'their',
  'his',
  'her',
  'into',
  'out',
  'up',
  'down',
  'over',
  'under',
  'while',
  'when',
  'if',
  'so',
  'not',
  'no',
  'can',
  'could',
  'may',
  'might',
  'did',
  'do'
])
const DEFINITE_BEFORE = new Set([
  'the',
  'these',
  'those',
  'both',
  'all',
  'its',
  'their',
  'his',
  'her',
  'our',
  'my'
])
const TIME_ZONES = new Set([
  'et',
  'est',
  'edt',
  'pt',
  'pst',
  'pdt',
  'ct',
  'cst',
  'cdt',
  'mt',
  'gmt',
  'bst',
  'utc',
  'cet',
  'local'
])

interface NumberPhrase {
  value: number
  /** Token index after the number (multiplier included). */
  next: number
  /** The number was written in words ("two"). */
  inWords: boolean
}

function parseNumberAt(tokens: Token[], i: number, text: string): NumberPhrase | null {
  const t = tokens[i]
  if (t.isNumber) {
    if (t.text.includes(':')) return null
    const raw = t.text.replace(/,/g, '')
    if (!/^\d+(?:\.\d+)?$/u.test(raw)) return null
    let value = Number(raw)
    let next = i + 1
    const n = tokens[next]
    if (n && n.isWord) {
      const glued = n.start === t.end
      const mult = MULTIPLIERS[n.lower]
      if (mult && (glued || WORD_MULTIPLIERS.has(n.lower))) {
        value *= mult
        next++
        if (tokens[next] && WORD_MULTIPLIERS.has(tokens[next].lower)) {
          value *= MULTIPLIERS[tokens[next].lower]
          next++
        }
      }
    }
    // "6 ½ minutes", "6½ minutes"
    const fraction = tokens[next] ? VULGAR_FRACTIONS[tokens[next].text] : undefined
    if (fraction !== undefined && next === i + 1) {
      value += fraction
      next++
    }
    void text
    return { value, next, inWords: false }
  }
  if (!t.isWord) return null
  // "a"/"an" counts as one only after an approximator ("more than a decade", "up to a foot")
  if ((t.lower === 'a' || t.lower === 'an') && approximatorBefore(tokens, i) < i) {
    return { value: 1, next: i + 1, inWords: true }
  }
  const v = wordNumber(t.lower)
  if (v === null) return null
  let value = v
  let next = i + 1
  while (tokens[next] && WORD_MULTIPLIERS.has(tokens[next].lower)) {
    value *= MULTIPLIERS[tokens[next].lower]
    next++
  }
  if (t.lower === 'dozen' && i > 0 && tokens[i - 1].lower === 'a') value = 12
  // "two and a half years"
  const half = andAHalf(tokens, next)
  if (half > 0) {
    value += 0.5
    next = half
  }
  return { value, next, inWords: true }
}

const VULGAR_FRACTIONS: Record<string, number> = {
  '½': 0.5,
  '¼': 0.25,
  '¾': 0.75,
  '⅓': 1 / 3,
  '⅔': 2 / 3
}

/** End (exclusive) of "and a half" starting at `k`, or -1. */
function andAHalf(tokens: Token[], k: number): number {
  return tokens[k]?.lower === 'and' &&
    (tokens[k + 1]?.lower === 'a' || tokens[k + 1]?.lower === 'one') &&
    tokens[k + 2]?.lower === 'half'
    ? k + 3
    : -1
}

/** Value of a number written in words: "seven", "twenty-five", "five-and-a-half". */
export function wordNumber(word: string): number | null {
  const w = word.toLowerCase()
  if (Object.prototype.hasOwnProperty.call(ONES, w)) return ONES[w]
  if (!w.includes('-')) return null
  const half = /^([a-z]+)-and-a-half$/u.exec(w)
  if (half) {
    const base = wordNumber(half[1])
    return base === null ? null : base + 0.5
  }
  const compound = /^([a-z]+)-([a-z]+)$/u.exec(w)
  if (
    compound &&
    compound[1] in ONES &&
    compound[2] in ONES &&
    ONES[compound[1]] >= 20 &&
    ONES[compound[2]] < 10
  ) {
    return ONES[compound[1]] + ONES[compound[2]]
  }
  return null
}

function isPlural(word: string): boolean {
  const w = word.toLowerCase()
  if (IRREGULAR_PLURALS.has(w)) return true
  // "grandchildren", "great-grandchildren", "schoolchildren"
  if (/children$/u.test(w)) return true
  if (/men$/u.test(w) && w.length > 4) return true
  return /[^su']s$/u.test(w) && w.length > 3
}

/** Finds the approximator phrase ending right before token `i`; returns its first token. */
function approximatorBefore(tokens: Token[], i: number): number {
  for (const phrase of APPROXIMATORS) {
    const k = i - phrase.length
    if (k < 0) continue
    if (phrase.every((w, j) => tokens[k + j].lower === w)) return k
  }
  return i
}

interface Draft {
  from: number
  to: number
  kind: FigureKind
  value: number | null
  unit: string | null
  iso: string | null
  vague: boolean
}

/** A figure with no date form and nothing vague about it: most matches. */
function precise(
  from: number,
  to: number,
  kind: FigureKind,
  value: number | null,
  unit: string | null
): Draft {
  return { from, to, kind, value, unit, iso: null, vague: false }
}

/** Scans one paragraph for figures. */
function scanParagraph(text: string, tokens: Token[]): Draft[] {
  const out: Draft[] = []
  const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c)
  let i = 0
  while (i < tokens.length) {
    const t = tokens[i]
    if (t.isWord && !mayStartFigure(t.lower)) {
      i++
      continue
    }
    // a capitalised number word inside a name ("the Three Amigos") is no quantity
    if (
      t.isWord &&
      t.cap &&
      ONES[t.lower] !== undefined &&
      i > 0 &&
      !opensSentence(tokens[i - 1]) &&
      tokens[i + 1]?.cap
    ) {
      i += 2
      continue
    }
    const wordless = wordlessDurationAt(tokens, i)
    if (wordless) {
      out.push(wordless)
      i = wordless.to
      continue
    }
    // vague amounts: "thousands of tourists", "tens of thousands", "for decades"
    if (t.isWord && VAGUE_WORDS.has(t.lower)) {
      const d = vagueAt(tokens, i)
      if (d) {
        out.push(d)
        i = d.to
        continue
      }
    }
    if (
      t.isWord &&
      (t.lower === 'decades' || t.lower === 'years') &&
      i > 0 &&
      tokens[i - 1].lower === 'for' &&
      !(tokens[i + 1]?.lower === 'of')
    ) {
      if (t.lower === 'decades') {
        out.push({
          from: i - 1,
          to: i + 1,
          kind: 'duration',
          value: null,
          unit: 'decades',
          iso: null,
          vague: true
        })
        i++
        continue
      }
    }
    // money written with a symbol or a currency word first: "$8 billion", "£600m", "pounds 1,400"
    let currency: string | null = null
    let numAt = -1
    let moneyFrom = i
    if (CURRENCY_SYMBOLS[t.text] && tokens[i + 1]?.isNumber) {
      currency = CURRENCY_SYMBOLS[t.text]
      numAt = i + 1
      const prev = tokens[i - 1]
      if (prev && prev.isWord && prev.end === t.start && CURRENCY_PREFIX[prev.lower]) {
        currency = t.text === '$' ? CURRENCY_PREFIX[prev.lower] : currency
        moneyFrom = i - 1
      }
    } else if (
      t.isWord &&
      CURRENCY_WORDS[t.lower] &&
      tokens[i + 1]?.isNumber &&
      !(i > 0 && tokens[i - 1].isNumber)
    ) {
      currency = CURRENCY_WORDS[t.lower]
      numAt = i + 1
    }
    if (currency && numAt >= 0) {
      const num = parseNumberAt(tokens, numAt, text)
      if (num) {
        let to = num.next
        const tail = tokens[to]
        if (
          tail &&
          tail.isWord &&
          (tail.text === 'US' || tail.text === 'USD' || tail.text === 'CAD' || tail.text === 'AUD')
        ) {
          if (tail.text !== 'US' || currency === 'USD') to++
        }
        const from = approximatorBefore(tokens, moneyFrom)
        out.push({
          from,
          to,
          kind: 'money',
          value: num.value,
          unit: currency,
          iso: null,
          vague: false
        })
        i = to
        continue
      }
    }
    // clock times with minutes: "10:30 a.m.", "at 14:00 GMT"
    if (
      t.isNumber &&
      /^\d{1,2}:\d{2}$/u.test(t.text) &&
      !isLetter(text[t.start - 1]) &&
      !isLetter(text[t.end])
    ) {
      const time = clockAt(tokens, i)
      if (time) {
        out.push(time)
        i = time.to
        continue
      }
    }
    // "a seven-year deal", "a six-month-old calf"
    const unitWord = t.isWord
      ? /^([a-z]+(?:-[a-z]+)?)-(second|minute|hour|day|week|month|year|decade)(-old)?$/u.exec(
          t.lower
        )
      : null
    const modifier = unitWord ? null : wordModifierAt(tokens, i)
    if (modifier) {
      out.push(modifier)
      i = modifier.to
      continue
    }
    if (unitWord && wordNumber(unitWord[1]) !== null) {
      const value = wordNumber(unitWord[1])
      const unit = DURATION_UNITS[unitWord[2]]
      out.push({
        from: i,
        to: i + 1,
        kind: unitWord[3] ? 'age' : 'duration',
        value,
        unit,
        iso: null,
        vague: false
      })
      i++
      continue
    }
    // "mid-2015", "the mid-1990s"
    const part = t.isWord ? /^(?:mid|early|late)-(\d{4})(s?)$/u.exec(t.lower) : null
    if (part) {
      const year = Number(part[1])
      const decade = part[2] === 's'
      out.push({
        from: i,
        to: i + 1,
        kind: 'date',
        value: year,
        unit: decade ? periodUnit(year) : 'year',
        iso: decade ? `${part[1]}s` : String(year),
        vague: false
      })
      i++
      continue
    }
    // "the 1990s", "the early 2000s", centuries: "the 1600s"
    if (
      t.isNumber &&
      /^\d{3}0$/u.test(t.text) &&
      tokens[i + 1]?.text === 's' &&
      tokens[i + 1].start === t.end
    ) {
      const decade = Number(t.text)
      if (decade >= 1000 && decade <= 2090) {
        const early = /^(?:early|mid|late)$/u.test(tokens[i - 1]?.lower ?? '')
        out.push({
          from: early ? i - 1 : i,
          to: i + 2,
          kind: 'date',
          value: decade,
          unit: periodUnit(decade),
          iso: `${t.text}s`,
          vague: false
        })
        i += 2
        continue
      }
    }
    // an age in an appositive: "Jane Roe, 45, said"
    if (
      t.isNumber &&
      /^\d{1,3}$/u.test(t.text) &&
      tokens[i - 1]?.text === ',' &&
      // "Jane Roe, 45, said", or closing the sentence: "said Mr Roe, 45."
      (tokens[i + 1]?.text === ',' || tokens[i + 1]?.text === '.' || tokens[i + 1]?.text === ';') &&
      tokens[i - 2]?.isWord &&
      (tokens[i - 2].cap || !NP_STOPWORDS.has(tokens[i - 2].lower)) &&
      // not a list of numbers ("rooms 4, 5, 6")
      !tokens[i + 2]?.isNumber &&
      Number(t.text) < 120
    ) {
      out.push(precise(i, i + 1, 'age', Number(t.text), 'years'))
      i++
      continue
    }
    // "0.9C", "40p": a degree or pence letter glued to the number
    const glued = tokens[i + 1]
    if (
      t.isNumber &&
      glued &&
      glued.start === t.end &&
      /^[CFp]$/u.test(glued.text) &&
      !isLetter(text[t.start - 1]) &&
      !isLetter(text[glued.end])
    ) {
      const approx = approximatorBefore(tokens, i)
      const pence = glued.text === 'p'
      out.push(
        precise(
          approx,
          i + 2,
          pence ? 'money' : 'measure',
          Number(t.text.replace(/,/gu, '')),
          pence ? 'GBP-pence' : glued.text === 'C' ? 'celsius' : 'fahrenheit'
        )
      )
      i += 2
      continue
    }
    // a score: "beat Ashby 3-2", "a 2-1 win"
    const dash = tokens[i + 1]
    const other = tokens[i + 2]
    if (
      t.isNumber &&
      /^\d{1,3}$/u.test(t.text) &&
      dash &&
      (dash.text === '-' || dash.text === '–') &&
      dash.start === t.end &&
      other &&
      other.start === dash.end &&
      /^\d{1,3}$/u.test(other.text) &&
      scoreContext(tokens, i)
    ) {
      out.push(precise(i, i + 3, 'count', Number(t.text), 'score'))
      i += 3
      continue
    }
    const num = t.isNumber || t.isWord ? parseNumberAt(tokens, i, text) : null
    if (!num) {
      i++
      continue
    }
    // numbers glued to letters ("Burner23:36", "G7") and parts of "9/11" are not figures
    if (
      t.isNumber &&
      (isLetter(text[t.start - 1]) ||
        (isLetter(text[t.end]) &&
          !(tokens[i + 1] && MULTIPLIERS[tokens[i + 1].lower] !== undefined) &&
          !(tokens[i + 1] && MEASURE_UNITS[tokens[i + 1].lower]) &&
          !(tokens[i + 1] && /^(?:am|pm)$/u.test(tokens[i + 1].lower))))
    ) {
      i++
      continue
    }
    if (
      text[t.start - 1] === '/' ||
      text[t.end] === '/' ||
      (t.isNumber &&
        /^(?:st|nd|rd|th)$/u.test(tokens[i + 1]?.lower ?? '') &&
        tokens[i + 1].start === t.end)
    ) {
      i = num.next
      continue
    }
    // "five or six": two neighbouring numbers are an estimate, not a choice
    if (tokens[num.next]?.lower === 'or' && tokens[num.next + 1]) {
      const alt = parseNumberAt(tokens, num.next + 1, text)
      if (alt && alt.value === num.value + 1 && alt.inWords === num.inWords) {
        const ranged = classify(tokens, num.next + 1, alt, text)
        if (ranged && ranged.kind !== 'date' && ranged.kind !== 'time') {
          out.push({ ...ranged, from: approximatorBefore(tokens, i), value: num.value })
          i = ranged.to
        } else {
          out.push(precise(approximatorBefore(tokens, i), alt.next, 'count', num.value, null))
          i = alt.next
        }
        continue
      }
    }
    // ranges: "10 to 15 inches", "three to five years"
    const link = tokens[num.next]
    const second = link && /^(?:to|-|–)$/u.test(link.lower) ? tokens[num.next + 1] : undefined
    if (second && (second.isNumber || wordNumber(second.lower) !== null) && num.value !== 1) {
      const secondNum = parseNumberAt(tokens, num.next + 1, text)
      const ranged = secondNum ? classify(tokens, num.next + 1, secondNum, text) : null
      if (ranged && ranged.kind !== 'date' && ranged.kind !== 'time' && ranged.kind !== 'count') {
        out.push({ ...ranged, from: approximatorBefore(tokens, i), value: num.value })
        i = ranged.to
        continue
      }
    }
    const draft = classify(tokens, i, num, text)
    if (draft && num.inWords && parallelSlogan(tokens, i, draft.to)) {
      i = draft.to
      continue
    }
    if (draft) {
      out.push(draft)
      i = Math.max(draft.to, i + 1)
    } else {
      i = num.next
    }
  }
  return out
}

/** Words that can open a figure; any other word is skipped at once. */
const FIGURE_STARTERS: ReadonlySet<string> = new Set([
  ...Object.keys(ONES),
  ...VAGUE_WORDS,
  ...Object.keys(CURRENCY_WORDS),
  ...Object.keys(CURRENCY_PREFIX),
  'a',
  'an',
  'decades',
  'another',
  'past',
  'last',
  'previous'
])

/**
 * "one country, two systems": a number word right after "one <noun>," is a slogan's second half,
 * not a count, unless a list goes on ("one car, two bikes and three hats").
 */
function parallelSlogan(tokens: Token[], i: number, to: number): boolean {
  const after = tokens[to]
  const listGoesOn =
    after &&
    (after.lower === 'and' || after.text === ',') &&
    tokens[to + 1] &&
    (tokens[to + 1].isNumber || wordNumber(tokens[to + 1].lower) !== null)
  return (
    tokens[i - 1]?.text === ',' &&
    tokens[i - 2]?.isWord === true &&
    tokens[i - 3]?.lower === 'one' &&
    !tokens[i - 2].cap &&
    !listGoesOn
  )
}

/** Cheap test: can a word token start a figure at all? */
function mayStartFigure(lower: string): boolean {
  return FIGURE_STARTERS.has(lower) || lower.includes('-')
}

/** The last token before a sentence (or a quote, a parenthesis, a dash aside) begins. */
function opensSentence(prev: Token): boolean {
  return /^[.!?:;"“‘'(—–-]$/u.test(prev.text)
}

/** "1990s" names a decade, "1600s" (before 1800) a century. */
function periodUnit(year: number): string {
  return year % 100 === 0 && year < 1800 ? 'century' : 'decade'
}

const SINGLE_UNITS = new Set([
  'second',
  'minute',
  'hour',
  'day',
  'week',
  'fortnight',
  'month',
  'year',
  'decade',
  'century'
])
/**
 * Words before "a month" that make it a span of time ("for a month", "it lasted a week"), not a
 * rate or a name.
 */
const SPAN_BEFORE = new Set([
  'for',
  'within',
  'just',
  'only',
  'barely',
  'nearly',
  'lasted',
  'lasts',
  'took',
  'takes',
  'spent',
  'spend',
  'spends',
  'waited',
  'served'
])
const SPAN_AFTER = new Set(['ago', 'later', 'earlier', 'long', 'before', 'after'])

/**
 * Durations without digits: "another year", "the past decade", "a year and a half" (kept whole),
 * "for a month", "a week later". "a month" alone is too common (rates, idioms) to count.
 */
function wordlessDurationAt(tokens: Token[], i: number): Draft | null {
  const t = tokens[i]
  const u = tokens[i + 1]
  if (!t.isWord || !u || !SINGLE_UNITS.has(u.lower)) return null
  const unit = DURATION_UNITS[u.lower]
  const half = andAHalf(tokens, i + 2)
  const to = half > 0 ? half : i + 2
  const value = half > 0 ? 1.5 : 1
  const prev = tokens[i - 1]
  if (t.lower === 'another') return precise(i, to, 'duration', value, unit)
  if (/^(?:past|last|previous)$/u.test(t.lower)) {
    // "(over) the past decade" looks back over a span; "at the last minute" is an idiom and
    // "the next year" may be a date as much as a span
    if (prev?.lower !== 'the' || /^(?:second|minute|day)$/u.test(u.lower)) return null
    return precise(approximatorBefore(tokens, i - 1), to, 'duration', value, unit)
  }
  if (t.lower !== 'a' && t.lower !== 'an') return null
  // "wait a minute", "for a second", "a day after": too often idioms
  if (/^(?:second|minute|day)$/u.test(u.lower) && half < 0) return null
  const approx = approximatorBefore(tokens, i)
  if (
    half > 0 ||
    approx < i ||
    (prev && SPAN_BEFORE.has(prev.lower)) ||
    SPAN_AFTER.has(tokens[to]?.lower ?? '')
  ) {
    if (prev && /^(?:once|twice|per|times)$/u.test(prev.lower)) return null
    // "a year ago" keeps its "ago", as "four years ago" does
    const end = tokens[to]?.lower === 'ago' ? to + 1 : to
    return precise(approx, end, 'duration', value, unit)
  }
  return null
}

/** Second halves of hyphenated words that are no counted unit ("one-sided", "two-thirds"). */
const NOT_MODIFIER_UNITS = new Set(
  'on off sided time way ways stop faced liner third thirds quarter quarters fifth fifths half halves fold dimensional star'.split(
    ' '
  )
)

/**
 * A number word as a modifier: "a two-goal lead", "a six-member crew" (count, with its head
 * noun), "a ten-foot wall" (measure, the modifier alone).
 */
function wordModifierAt(tokens: Token[], i: number): Draft | null {
  const t = tokens[i]
  if (!t.isWord || wordNumber(t.lower) !== null) return null
  const m = /^(.+)-([a-z]{3,})$/u.exec(t.lower)
  if (!m || NOT_MODIFIER_UNITS.has(m[2]) || DURATION_UNITS[m[2]]) return null
  const value = wordNumber(m[1])
  if (value === null) return null
  if (MEASURE_UNITS[m[2]]) return precise(i, i + 1, 'measure', value, MEASURE_UNITS[m[2]])
  const head = tokens[i + 1]
  const to = head && head.isWord && !head.cap && !NP_STOPWORDS.has(head.lower) ? i + 2 : i + 1
  return precise(i, to, 'count', value, m[2])
}

/** A clock time written with minutes, when the words around it say it is one. */
function clockAt(tokens: Token[], i: number): Draft | null {
  const t = tokens[i]
  const [h, m] = t.text.split(':').map(Number)
  if (h > 24 || m > 59) return null
  const next = tokens[i + 1]
  const prev = tokens[i - 1]
  let to = i + 1
  let hour = h
  // a game clock: "17:46 into the period", "with 2:13 left", "at the 4:30 mark"
  if (next && /^(?:into|left|remaining|mark)$/u.test(next.lower)) {
    return { from: i, to, kind: 'time', value: h + m / 60, unit: 'clock', iso: null, vague: false }
  }
  if (next && /^(?:a\.m\.|p\.m\.|am|pm)$/u.test(next.lower)) {
    if (h > 12) return null
    hour = (h % 12) + (next.lower.startsWith('p') ? 12 : 0)
    to++
  } else if (
    !(next && TIME_ZONES.has(next.lower)) &&
    !(prev && /^(?:at|by|until|from|before|after|since)$/u.test(prev.lower))
  ) {
    return null
  }
  if (tokens[to] && TIME_ZONES.has(tokens[to].lower)) to++
  const iso = `${String(hour).padStart(2, '0')}:${String(m).padStart(2, '0')}`
  return { from: i, to, kind: 'time', value: hour + m / 60, unit: 'hour', iso, vague: false }
}

function vagueAt(tokens: Token[], i: number): Draft | null {
  const t = tokens[i]
  const vague = (to: number, kind: FigureKind): Draft => ({
    from: i,
    to,
    kind,
    value: null,
    unit: null,
    iso: null,
    vague: true
  })
  if (t.lower === 'tens' || t.lower === 'hundreds') {
    const big = tokens[i + 2]
    if (
      tokens[i + 1]?.lower === 'of' &&
      big &&
      /^(?:thousands|millions|billions)$/u.test(big.lower)
    ) {
      return vague(i + 3, 'count')
    }
  }
  if (t.lower === 'tens') return null
  const link = tokens[i + 1]
  if (!link || (link.lower !== 'of' && link.lower !== 'in')) return null
  // "billions in defence aid": up to three words; "thousands of tourists": up to a plural noun
  let k = i + 2
  let end = -1
  while (k < tokens.length && k < i + 5) {
    const w = tokens[k]
    if (!w.isWord || NP_STOPWORDS.has(w.lower)) break
    k++
    if (isPlural(w.text) || w.cap) {
      end = k
      break
    }
    if (link.lower === 'in') end = k
  }
  if (end < 0) return null
  const money =
    link.lower === 'in' ||
    tokens.slice(i + 2, end).some((w) => CURRENCY_WORDS[w.lower] !== undefined)
  return vague(end, money && (t.lower === 'billions' || t.lower === 'millions') ? 'money' : 'count')
}

function classify(tokens: Token[], i: number, num: NumberPhrase, text: string): Draft | null {
  const t = tokens[i]
  const next = num.next
  const approx = approximatorBefore(tokens, i)
  const prev = tokens[i - 1]
  const nt = tokens[next]
  const n2 = tokens[next + 1]
  // clock time: "9 a.m. ET", "4 p.m."
  if (nt && /^(?:a\.m\.|p\.m\.|am|pm)$/u.test(nt.lower) && num.value <= 12 && !num.inWords) {
    let to = next + 1
    if (tokens[to] && TIME_ZONES.has(tokens[to].lower) && tokens[to].cap !== false) to++
    // "6.15am": British style writes the minutes after a full stop
    const minutes = Math.round((num.value % 1) * 100)
    if (minutes > 59) return null
    const h = (Math.floor(num.value) % 12) + (nt.lower.startsWith('p') ? 12 : 0)
    return {
      from: i,
      to,
      kind: 'time',
      value: h + minutes / 60,
      unit: 'hour',
      iso: `${String(h).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`,
      vague: false
    }
  }
  // a 24-hour clock time with a zone: "1451 GMT"
  if (
    !num.inWords &&
    /^[0-2]\d[0-5]\d$/u.test(t.text) &&
    nt &&
    TIME_ZONES.has(nt.lower) &&
    nt.text === nt.text.toUpperCase() &&
    Number(t.text.slice(0, 2)) < 24
  ) {
    const h = Number(t.text.slice(0, 2))
    const m = Number(t.text.slice(2))
    return {
      from: i,
      to: next + 1,
      kind: 'time',
      value: h + m / 60,
      unit: 'hour',
      iso: `${t.text.slice(0, 2)}:${t.text.slice(2)}`,
      vague: false
    }
  }
  // percentages
  if (
    nt &&
    (nt.text === '%' || nt.lower === 'percent' || (nt.lower === 'per' && n2?.lower === 'cent'))
  ) {
    const to = nt.lower === 'per' ? next + 2 : next + 1
    return {
      from: approx,
      to,
      kind: 'percent',
      value: num.value,
      unit: 'percent',
      iso: null,
      vague: false
    }
  }
  // money with the currency word after: "8 billion dollars"
  if (nt && CURRENCY_WORDS[nt.lower] && !weighs(tokens, i)) {
    return precise(approx, next + 1, 'money', num.value, CURRENCY_WORDS[nt.lower])
  }
  // "a 128-minute film", "a seven-year deal"
  if (
    nt &&
    nt.text === '-' &&
    n2 &&
    nt.start === t.end &&
    DURATION_UNITS[n2.lower] &&
    !/s$/u.test(n2.lower)
  ) {
    return precise(i, next + 2, 'duration', num.value, DURATION_UNITS[n2.lower])
  }
  // "45-year-old", "six-month-old"
  if (nt && nt.text === '-' && n2 && /^(?:year|month|week|day)s?-old$/u.test(n2.lower)) {
    return precise(
      i,
      next + 2,
      'age',
      num.value,
      n2.lower.startsWith('year') ? 'years' : n2.lower.replace(/s?-old$/u, 's')
    )
  }
  // "a 300-pound shark" (measure), "a 600-seat hall", "a 600-persons capacity" (count)
  if (
    nt &&
    nt.text === '-' &&
    nt.start === t.end &&
    n2 &&
    n2.isWord &&
    n2.start === nt.end &&
    n2.text === n2.lower &&
    n2.text.length >= 3 &&
    !NP_STOPWORDS.has(n2.lower) &&
    !NOT_MODIFIER_UNITS.has(n2.lower) &&
    !/-old$/u.test(n2.lower) &&
    !DURATION_UNITS[n2.lower]
  ) {
    // "pound" as a modifier is a weight ("a 300-pound shark"), not money
    const measure = n2.lower === 'pound' ? 'lb' : MEASURE_UNITS[n2.lower]
    if (measure) return precise(i, next + 2, 'measure', num.value, measure)
    const head = tokens[next + 2]
    const withHead =
      !isPlural(n2.text) && head && head.isWord && !head.cap && !NP_STOPWORDS.has(head.lower)
    return precise(i, withHead ? next + 3 : next + 2, 'count', num.value, n2.lower)
  }
  // "aged 45", "age 42"
  if (prev && (prev.lower === 'aged' || prev.lower === 'age') && !num.inWords && num.value < 130) {
    return precise(i - 1, next, 'age', num.value, 'years')
  }
  // "three of her short films", "46 of the report's recommendations"
  if (
    nt &&
    nt.lower === 'of' &&
    n2 &&
    /^(?:the|her|his|their|its|our|my)$/u.test(n2.lower) &&
    num.value !== 1
  ) {
    const end = countNounEnd(tokens, next + 2)
    if (end > 0) {
      return precise(approx, end, 'count', num.value, tokens[end - 1].lower)
    }
  }
  // "N of them", "six of those months"
  if (
    nt &&
    nt.lower === 'of' &&
    n2 &&
    /^(?:them|those|these|us|whom)$/u.test(n2.lower) &&
    num.value !== 1
  ) {
    const n3 = tokens[next + 2]
    if (n3 && DURATION_UNITS[n3.lower]) {
      return precise(approx, next + 3, 'duration', num.value, DURATION_UNITS[n3.lower])
    }
    return precise(approx, next + 2, 'count', num.value, null)
  }
  // durations and ages: "five-and-a-half hours", "18 months", "six months old", "four years ago"
  if (nt && DURATION_UNITS[nt.lower]) {
    // "one week after" is a figure; "a week" needs more (see wordlessDurationAt), "one day" is an idiom
    if (num.value === 1 && num.inWords && approx === i) {
      if (t.lower !== 'one') return null
      if (nt.lower === 'day' && !SPAN_AFTER.has(tokens[next + 1]?.lower ?? '')) return null
    }
    let to = next + 1
    const unit = DURATION_UNITS[nt.lower]
    // "a year and a half" is one span, not "a year"
    const half = andAHalf(tokens, to)
    if (half > 0) {
      return precise(approx, half, 'duration', num.value + 0.5, unit)
    }
    if (tokens[to]?.lower === 'old') {
      return {
        from: approx,
        to: to + 1,
        kind: 'age',
        value: num.value,
        unit,
        iso: null,
        vague: false
      }
    }
    if (tokens[to]?.lower === 'ago') to++
    else to = rangeEnd(tokens, to)
    return { from: approx, to, kind: 'duration', value: num.value, unit, iso: null, vague: false }
  }
  // measures: "23 mph", "31 degrees", "a foot" after an approximator
  if (nt && MEASURE_UNITS[nt.lower] && !(nt.lower === 'm' && !num.inWords)) {
    return precise(approx, next + 1, 'measure', num.value, MEASURE_UNITS[nt.lower])
  }
  // dates: "February 2023", "March 18, 2015", "18 March 2015", "2011 to 2013", "in 2022"
  if (!num.inWords && /^\d{4}$/u.test(t.text) && num.value >= 1800 && num.value <= 2099) {
    let from = i
    let iso = t.text
    let value = num.value
    let unit = 'year'
    const m1 = tokens[i - 1]
    const m2 = tokens[i - 2]
    const m3 = tokens[i - 3]
    if (m1 && MONTHS[m1.lower] !== undefined && m1.cap) {
      from = i - 1
      const month = MONTHS[m1.lower]
      iso = `${t.text}-${String(month).padStart(2, '0')}`
      value = num.value * 100 + month
      unit = 'year-month'
      if (m2 && m2.isNumber && Number(m2.text) <= 31) {
        from = i - 2
        iso = `${iso}-${m2.text.padStart(2, '0')}`
        value = value * 100 + Number(m2.text)
        unit = 'date'
      }
    } else if (
      m1 &&
      m1.text === ',' &&
      m2 &&
      m2.isNumber &&
      Number(m2.text) <= 31 &&
      m3 &&
      MONTHS[m3.lower] !== undefined &&
      m3.cap
    ) {
      from = i - 3
      const month = MONTHS[m3.lower]
      iso = `${t.text}-${String(month).padStart(2, '0')}-${m2.text.padStart(2, '0')}`
      value = (num.value * 100 + month) * 100 + Number(m2.text)
      unit = 'date'
    }
    let to = next
    const r1 = tokens[to]
    const r2 = tokens[to + 1]
    if (
      r1 &&
      (r1.lower === 'to' || r1.text === '-' || r1.text === '–') &&
      r2 &&
      /^\d{4}$/u.test(r2.text)
    ) {
      to += 2
      iso = `${iso}/${r2.text}`
    }
    void text
    return { from, to, kind: 'date', value, unit, iso, vague: false }
  }
  // counts: "two people", "464,000 subscribers", "nine African-American churchgoers"
  if (num.inWords) {
    if (num.value <= 1 && approx === i) return null
    if (prev && DEFINITE_BEFORE.has(prev.lower)) return null
  }
  // "shot four times"; not a multiplier ("three times faster", "four times as many")
  if (nt && nt.lower === 'times' && num.value >= 2) {
    const after = tokens[next + 1]
    const ratio =
      after &&
      after.isWord &&
      (/^(?:more|less|as|the|that|bigger|higher|larger|greater|faster)$/u.test(after.lower) ||
        /[a-z]er$/u.test(after.lower))
    return ratio ? null : precise(approx, next + 1, 'count', num.value, 'times')
  }
  const nounEnd = countNounEnd(tokens, next)
  if (nounEnd > 0) {
    return precise(approx, nounEnd, 'count', num.value, tokens[nounEnd - 1].lower)
  }
  // "two 'Final Verdicts'": a quoted plural name after the number
  if (nt && /^["“‘']$/u.test(nt.text) && nt.start === t.end + 1) {
    for (let k = next + 1; k < Math.min(tokens.length, next + 6); k++) {
      const w = tokens[k]
      if (w.isWord) continue
      if (/^["”’']$/u.test(w.text) && k > next + 1 && isPlural(tokens[k - 1].text)) {
        return precise(approx, k + 1, 'count', num.value, tokens[k - 1].lower)
      }
      break
    }
  }
  // "239 on board", "all 12 aboard"
  if (nt && (nt.lower === 'aboard' || (nt.lower === 'on' && n2?.lower === 'board'))) {
    return precise(approx, nt.lower === 'on' ? next + 2 : next + 1, 'count', num.value, 'people')
  }
  // "a crew of seven", "a family of four": the group noun carries the count
  const noun = tokens[i - 2]
  if (
    prev?.lower === 'of' &&
    noun &&
    noun.isWord &&
    !noun.cap &&
    !NP_STOPWORDS.has(noun.lower) &&
    !/s$/u.test(noun.lower) &&
    /^(?:a|an)$/u.test(tokens[i - 3]?.lower ?? '') &&
    num.value > 1 &&
    // a crew or a family is small; "a crowd of 31,412" reads as the bare number
    num.value < 100
  ) {
    return precise(i - 2, next, 'count', num.value, noun.lower)
  }
  // a bare number after an approximator ("less than 100"), with a multiplier ("43 million") or
  // written with a thousands separator ("a crowd of 31,412")
  if (!num.inWords && (approx < i || num.next > i + 1 || /^\d{1,3}(?:,\d{3})+$/u.test(t.text))) {
    return precise(approx, num.next, 'count', num.value, null)
  }
  return null
}

const SCORE_WORDS = new Set(
  'beat beats won win wins winning lost lose loses losing loss losses drew draw tie tied defeat defeated defeats victory edged rout routed lead led leading trail trailed trailing thrashed score scored scoreline final vote votes voted passed margin'.split(
    ' '
  )
)

/** A match verb or noun within six words before or three after "3-2". */
function scoreContext(tokens: Token[], i: number): boolean {
  for (let k = Math.max(0, i - 6); k < Math.min(tokens.length, i + 6); k++)
    if (SCORE_WORDS.has(tokens[k].lower)) return true
  return false
}

function weighs(tokens: Token[], i: number): boolean {
  for (let k = Math.max(0, i - 4); k < i; k++) if (/^weigh/u.test(tokens[k].lower)) return true
  return false
}

/** Extends a duration over a range: "30 minutes to an hour". */
function rangeEnd(tokens: Token[], to: number): number {
  const a = tokens[to]
  const b = tokens[to + 1]
  const c = tokens[to + 2]
  if (
    a &&
    a.lower === 'to' &&
    b &&
    c &&
    (b.lower === 'a' || b.lower === 'an' || b.isNumber || wordNumber(b.lower) !== null) &&
    DURATION_UNITS[c.lower]
  ) {
    return to + 3
  }
  return to
}

/** End (exclusive) of a plural noun phrase of up to three words after a number, or -1. */
function countNounEnd(tokens: Token[], from: number): number {
  let k = from
  let words = 0
  while (k < tokens.length && words < 3) {
    const w = tokens[k]
    if (!w.isWord) {
      // hyphenated words are split only around stand-alone dashes
      break
    }
    if (NP_STOPWORDS.has(w.lower)) break
    words++
    k++
    if (isPlural(w.text)) return k
  }
  return -1
}

/** Longest quoted phrase (in words) read as a slogan or title rather than speech. */
const SLOGAN_WORDS = 6

/**
 * A figure written in words inside a short quoted phrase that is no sentence ("one country, two
 * systems", "the "two-state" idea"): a slogan, title or scare quote, not a quantity. A quoted
 * sentence ("Now it's five or six.") keeps its figures.
 */
function inSlogan(
  text: string,
  p: { start: number; end: number },
  start: number,
  end: number
): boolean {
  if (/\d/u.test(text.slice(start, end))) return false
  const before = text.slice(p.start, start)
  const open = Math.max(before.lastIndexOf('“'), before.lastIndexOf('"'))
  if (open < 0 || before.lastIndexOf('”') > open) return false
  // a straight mark opens a quote only when an odd number of them precede the figure
  if (before[open] === '"' && (before.match(/"/gu) ?? []).length % 2 === 0) return false
  const after = text.slice(end, p.end)
  const close = after.search(/["”]/u)
  if (close < 0) return false
  const quoted = text.slice(p.start + open + 1, end + close).trim()
  return quoted.split(/\s+/u).length <= SLOGAN_WORDS && !/[.!?,;:]$/u.test(quoted)
}

/**
 * Finds the figures a student could be quizzed on in the article's body paragraphs: money,
 * percentages, counts, durations, dates that carry a year, ages, measures and clock times, each
 * with a normalised value and unit. Sub-headings after the first paragraph and photo captions are
 * skipped; other page chrome is already gone.
 */
export function extractFigures(article: Article, tokenLists?: Token[][]): Figure[] {
  const text = article.text
  const paragraphs =
    article.paragraphs.length > 0
      ? article.paragraphs
      : [{ kind: 'body' as const, start: 0, end: text.length }]
  const figures: Figure[] = []
  paragraphs.forEach((p, index) => {
    // the headline states the story's main facts; later sub-headings only label sections
    if (p.kind === 'heading' && index > 0) return
    const next = paragraphs[index + 1]
    const nextText = next ? text.slice(next.start, next.end) : null
    if (isCaption(text.slice(p.start, p.end), nextText)) return
    const tokens = tokenLists?.[index] ?? tokenize(text, p.start, p.end)
    const drafts = scanParagraph(text, tokens).filter(
      (d) => !inSlogan(text, p, tokens[d.from].start, tokens[d.to - 1].end)
    )
    if (drafts.length === 0) return
    const sentences = sentenceSpans(text, p.start, p.end)
    for (const d of drafts) {
      const start = tokens[d.from].start
      const end = tokens[d.to - 1].end
      const sentence: TextSpan = sentences.find((s) => s.start <= start && s.end >= end) ?? {
        start: p.start,
        end: p.end
      }
      figures.push({
        id: `f-${start}`,
        text: text.slice(start, end),
        start,
        end,
        kind: d.kind,
        value: d.value,
        unit: d.unit,
        iso: d.iso,
        vague: d.vague,
        sentence
      })
    }
  })
  return figures
}
