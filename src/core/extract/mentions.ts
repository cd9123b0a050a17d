import type { Token } from './tokens'
import { isAbbreviationBefore, stripPossessive, isPossessive } from './tokens'
import {
  SPEECH_VERBS,
  UNNAMED_SOURCE_NOUNS,
  ABBREVIATIONS,
  GENDERED_ROLE_NOUNS,
  GIVEN_NAME_GENDER,
  HONORIFICS,
  LOCATIVE_PREPOSITIONS,
  NATIONALITY_ADJECTIVES,
  ORG_WORDS,
  PLACE_WORDS,
  ROLE_MODIFIERS,
  ROLE_NOUNS,
  SENTENCE_START_STOPWORDS,
  TITLE_WORDS,
  WEEKDAYS_AND_MONTHS
} from './lexicon'
import { normalizeName } from './names'

export type Gender = 'male' | 'female' | null

/** One place where the article names someone or something with a capitalised name. */
export interface Mention {
  paragraph: number
  /** Token indices (within the paragraph's tokens) of the name itself, end exclusive. */
  nameFrom: number
  nameTo: number
  /** First token of the whole phrase: role before the name, title or honorific included. */
  phraseFrom: number
  /** Offsets of the name itself (possessive ending excluded). */
  start: number
  end: number
  /** The name as written, possessive dropped: "Mara Quist", "Quist", "Railco". */
  name: string
  /** Title or honorific plus name as written ("Mr Quist", "President Quist"), or null. */
  titled: string | null
  /** The whole phrase with its role ("Foreign Secretary Mara Quist"), or null. */
  withRole: string | null
  role: string | null
  honorific: string | null
  /** The name has a courtesy or job title, a role or an appositive: surely a person. */
  personCue: boolean
  gender: Gender
  inQuote: boolean
  afterThe: boolean
  afterLocative: boolean
  possessive: boolean
  /** A word of the name marks an organisation ("Department", "Airlines"). */
  orgWord: boolean
  /** The last word marks a place or a thing ("Airport", "Street", "Act"). */
  placeWord: boolean
  /** A dateline ("ELM FORD —") or a law ("Clean Air Act"): never a speaker. */
  mute: boolean
  /** Number of words in the name. */
  size: number
  /** The name opens a sentence (weaker evidence that a lone word is a name). */
  initial: boolean
  /** Entity index once linked; -1 while unknown; candidates when a bare word fits several. */
  entity: number
  candidates: number[]
}

const CONNECTORS = new Set(['of', 'for', 'the', 'de', 'del', 'della', 'der', 'den', 'van', 'von'])
const PARTICLES = new Set([
  'de',
  'del',
  'della',
  'der',
  'den',
  'van',
  'von',
  'bin',
  'al',
  'da',
  'di',
  'du',
  'le',
  'la',
  'ter',
  'y',
  'dos',
  'das'
])
const DETERMINERS = new Set(['the', 'a', 'an'])
const SENTENCE_END = new Set(['.', '!', '?', '…', ':', ';'])
const QUOTE_MARKS = new Set(['"', '“', '”', '‘', '’', "'", '«', '»', '„'])
const QUOTE_CHARS = { test: (text: string): boolean => QUOTE_MARKS.has(text) }

/** Per-token flags the mention finder needs. */
export interface TokenContext {
  tokens: Token[]
  /** Index of the quote a token sits in, or -1. */
  quoteOf: Int32Array
  /** The token opens a sentence (or a quotation). */
  sentenceInitial: Uint8Array
}

/** Computes which tokens open a sentence. */
export function sentenceInitialFlags(text: string, tokens: Token[]): Uint8Array {
  const flags = new Uint8Array(tokens.length)
  let expectStart = true
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]
    if (QUOTE_CHARS.test(t.text) || t.text === '(' || t.text === '[') {
      // an opening mark keeps the next word sentence-initial
      if (t.text === '“' || t.text === '‘' || t.text === '(' || t.text === '[') expectStart = true
      else if (i > 0 && !/\s/u.test(text[t.start - 1] ?? ' ')) {
        // closing mark: keep state
      } else expectStart = true
      continue
    }
    if (t.isWord || t.isNumber) {
      if (expectStart) flags[i] = 1
      expectStart = false
      continue
    }
    if (SENTENCE_END.has(t.text)) {
      expectStart = t.text !== '.' || !isAbbreviationBefore(text, t.start)
    }
  }
  return flags
}

const NUMBER_WORD =
  /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousands|millions|dozens)(?:-\w+)?$/u

function isNameWord(t: Token): boolean {
  if (!t.isWord) return false
  return t.cap || (t.text.includes('-') && /^(?:then|ex|former)-\p{Lu}/u.test(t.text))
}

function placeOrBodyWord(t: Token): boolean {
  const base = stripPossessive(t.lower)
  return PLACE_WORDS.has(base) || ORG_WORDS.has(base)
}

/** True when `t` is a capitalised word that is a name, not a capitalised function word. */
function nameStartOk(
  t: Token,
  initial: boolean,
  lowerWords: ReadonlySet<string>,
  next?: Token
): boolean {
  if (!isNameWord(t)) return false
  const base = stripPossessive(t.lower)
  if (WEEKDAYS_AND_MONTHS.has(base) && base !== 'may') return false
  if (t.text === 'I' || base === 'a' || base === 'an' || base === 'the') return false
  // a party and state after a name: "Sen. Jo Ray, R-Ohio," / "(D-Calif.)"
  if (t.text.charCodeAt(1) === 45 && /^[RDI]-\p{Lu}/u.test(t.text)) return false
  if (initial) {
    if (SENTENCE_START_STOPWORDS.has(base)) return false
    if (UNNAMED_SOURCE_NOUNS.has(base) || SPEECH_VERBS.has(base)) return false
    if (NUMBER_WORD.test(base)) return false
    // "Downing Street", "Reading Council": a word like a participle opens a place or body's name
    const placeOrBodyNext = next !== undefined && next.cap && placeOrBodyWord(next)
    // "Retired …", "Asked …": participles open sentences; short names such as "Ed" stay names
    if (/ed$/u.test(base) && base.length >= 6 && !placeOrBodyNext) return false
    if (/(?:ing|ed|ly)$/u.test(base) && lowerWords.has(base)) return false
    if (/(?:ing|ly)$/u.test(base) && base.length > 5 && !placeOrBodyNext) return false
    if (lowerWords.has(base) && !TITLE_WORDS.has(base) && !HONORIFICS.has(base)) return false
  }
  return true
}

/**
 * Walks left from token `from` (exclusive) over a role phrase: capitalised words, role nouns and
 * modifiers, "and"/"of"/"for" and the objects of "of"/"for". Returns the first token of the role
 * or `from` when there is none.
 */
export function roleStartBefore(tokens: Token[], from: number, floor: number): number {
  let i = from - 1
  let start = from
  let sawRole = false
  while (i >= floor) {
    const t = tokens[i]
    const base = stripPossessive(t.lower)
    if (!t.isWord) break
    // an agent noun right before the name: "passenger Jo Lee", "signalman Bo Finch"
    if (i === from - 1 && !t.cap && isAgentNoun(base) && !verbBefore(tokens, i, base)) {
      sawRole = true
      start = i
      i--
      continue
    }
    if (
      t.cap ||
      isPossessive(t.text) ||
      ROLE_NOUNS.has(base) ||
      ROLE_MODIFIERS.has(base) ||
      /^(?:then|ex|former)-/u.test(base)
    ) {
      if (ROLE_NOUNS.has(base) || TITLE_WORDS.has(base)) sawRole = true
      if (t.cap && SENTENCE_START_STOPWORDS.has(base) && !TITLE_WORDS.has(base)) break
      start = i
      i--
      continue
    }
    if (base === 'and' && i > floor && (tokens[i - 1].cap || ROLE_NOUNS.has(tokens[i - 1].lower))) {
      i--
      continue
    }
    if ((base === 'of' || base === 'for') && start < from) {
      start = i
      i--
      continue
    }
    // lower-case words are allowed only as the object of "of"/"for" inside the role
    let k = i
    while (k >= floor && k > i - 3 && tokens[k].isWord && !tokens[k].cap) {
      const b = tokens[k].lower
      if (b === 'of' || b === 'for') break
      if (ROLE_NOUNS.has(b) || ROLE_MODIFIERS.has(b) || DETERMINERS.has(b)) {
        k = -1
        break
      }
      k--
    }
    if (k >= floor && (tokens[k].lower === 'of' || tokens[k].lower === 'for') && k > floor) {
      const head = stripPossessive(tokens[k - 1].lower)
      if (ROLE_NOUNS.has(head) || TITLE_WORDS.has(head)) {
        start = k
        i = k - 1
        continue
      }
    }
    break
  }
  if (!sawRole) return from
  // "leader of Vantara": the name is the object of the role, not its holder
  if (from - 1 >= floor && ['of', 'for', 'and'].includes(tokens[from - 1].lower)) return from
  // a role starts with a content word
  while (start < from && ['and', 'of', 'for'].includes(tokens[start].lower)) start++
  return start
}

const VERB_MARKERS = new Set(
  'to will would could can may might must should shall not did does do cannot'.split(' ')
)

/** "to counter Norland", "will monitor Estavia": the word before the name is a verb, not a role. */
function verbBefore(tokens: Token[], i: number, base: string): boolean {
  if (SPEECH_VERBS.has(base) && !ROLE_NOUNS.has(base)) return true
  return i > 0 && VERB_MARKERS.has(tokens[i - 1].lower)
}

/** Last words of the names of laws and rules, which are cited, never heard. */
const LAW_WORDS = new Set(
  'act acts bill law laws code amendment regulation regulations directive ordinance statute charter constitution treaty'.split(
    ' '
  )
)

/** First words of names of storms, operations and other things that never speak. */
const THING_FIRST_WORDS = new Set([
  'hurricane',
  'storm',
  'typhoon',
  'cyclone',
  'tropical',
  'operation',
  'project'
])

/** The run [from, to) ends with at least two name words after its titles: a person's name. */
function personBefore(tokens: Token[], from: number, to: number): boolean {
  let names = 0
  for (let k = to - 1; k >= from; k--) {
    const t = tokens[k]
    if (t.text === '.') continue
    const base = stripPossessive(t.lower).replace(/\.$/u, '')
    if (!t.isWord || TITLE_WORDS.has(base) || ORG_WORDS.has(base) || CONNECTORS.has(base)) break
    names++
  }
  return names >= 2
}

/** A lower-case noun that names a person by what they do ("passenger", "signalman"). */
export function isAgentNoun(word: string): boolean {
  if (ROLE_NOUNS.has(word)) return true
  if (/^[a-z]{2,}(?:man|woman|person)$/u.test(word)) return true
  return /^[a-z]{3,}(?:er|or|ist|ian|ant|ent)$/u.test(word) && !NOT_AGENTS.has(word)
}

const NOT_AGENTS = new Set(
  'elder older younger after under other over never either whether however rather later better water power order number border minor major floor door error mirror sector factor paper matter letter weather winter summer center centre corner member silent recent current urgent percent moment comment event extent agent parent talent patient client different ancient decent'.split(
    ' '
  )
)

/** The appositive role after a name (", a spokesman for the department,"), or null. */
function appositiveRoleAfter(
  text: string,
  tokens: Token[],
  nameTo: number,
  limit: number
): string | null {
  if (nameTo >= limit || tokens[nameTo].text !== ',') return null
  const i = nameTo + 1
  if (i >= limit) return null
  const first = tokens[i].lower
  if (
    [
      'who',
      'whose',
      'which',
      'whom',
      'where',
      'when',
      'along',
      'among',
      'and',
      'but',
      'who’s'
    ].includes(first)
  )
    return null
  const head = tokens[i]
  const headOk =
    DETERMINERS.has(head.lower) ||
    head.cap ||
    head.isNumber ||
    ROLE_NOUNS.has(stripPossessive(head.lower)) ||
    ROLE_MODIFIERS.has(head.lower)
  if (!headOk) return null
  let end = i
  let sawRole = false
  let n = 0
  while (end < limit && n < 14) {
    const t = tokens[end]
    if (t.text === ',' || SENTENCE_END.has(t.text) || QUOTE_CHARS.test(t.text)) break
    if (!t.isWord && !t.isNumber && t.text !== '-' && t.text !== '’' && t.text !== "'") break
    if (ROLE_NOUNS.has(stripPossessive(t.lower)) || (t.cap && TITLE_WORDS.has(t.lower)))
      sawRole = true
    if (!t.cap && SPEECH_LIKE.has(t.lower)) return null
    end++
    n++
  }
  if (!sawRole || end === i) return null
  let s = i
  if (DETERMINERS.has(tokens[s].lower) && s + 1 < end) s++
  return text.slice(tokens[s].start, tokens[end - 1].end)
}

const SPEECH_LIKE = new Set([
  'said',
  'says',
  'told',
  'added',
  'is',
  'was',
  'were',
  'are',
  'has',
  'had',
  'have'
])

/** Splits a name run into title words and the name proper; returns the index where the name starts. */
function nameStartInRun(tokens: Token[], from: number, to: number): number {
  let s = to
  while (s > from) {
    const t = tokens[s - 1]
    const base = stripPossessive(t.lower)
      .replace(/\.$/u, '')
      .replace(/^(?:then|ex|former)-/u, '')
    if (t.text === '.') {
      // the dot of an initial ("M.") belongs to the name; the dot of "Dr." does not
      const before = tokens[s - 2]
      if (before && before.text.length === 1 && before.cap) {
        s--
        continue
      }
      break
    }
    if (/^(?:then|ex|former)-/u.test(t.lower)) break
    // a capitalised role noun opening a longer run: "Investor Noor Vance", "Councillor Jo Bell"
    if (s - 1 === from && to - from >= 3 && ROLE_NOUNS.has(base)) break
    if (TITLE_WORDS.has(base) || (CONNECTORS.has(base) && !PARTICLES.has(base))) break
    s--
  }
  // a name does not follow "of"/"for"/"the" ("Secretary of State", "Lord of the Rings")
  if (s > from && CONNECTORS.has(tokens[s - 1].lower) && !PARTICLES.has(tokens[s - 1].lower))
    return to
  return s
}

/**
 * Finds capitalised name phrases in one paragraph's tokens, with their role and title. Runs never
 * cross a quotation boundary.
 */
export function findMentions(
  text: string,
  paragraph: number,
  ctx: TokenContext,
  lowerWords: ReadonlySet<string>
): Mention[] {
  const { tokens, quoteOf, sentenceInitial } = ctx
  const out: Mention[] = []
  let i = 0
  while (i < tokens.length) {
    const t = tokens[i]
    // a letter glued to a number is a code, not a name: "Q3", "G7", "F1"
    const glued = i + 1 < tokens.length && tokens[i + 1].isNumber && tokens[i + 1].start === t.end
    if (glued || !nameStartOk(t, sentenceInitial[i] === 1, lowerWords, tokens[i + 1])) {
      i++
      continue
    }
    const q = quoteOf[i]
    let j = i + 1
    let possessive = isPossessive(t.text)
    let nickFrom = -1
    let nickTo = -1
    for (;;) {
      while (!possessive && j < tokens.length && quoteOf[j] === q) {
        const u = tokens[j]
        const ub = stripPossessive(u.lower)
        if (isNameWord(u) && (!WEEKDAYS_AND_MONTHS.has(ub) || ub === 'may')) {
          possessive = isPossessive(u.text)
          j++
          continue
        }
        // a plural possessive inside a name: "Growers’ Alliance"
        if (
          (u.text === '’' || u.text === "'") &&
          u.start === tokens[j - 1].end &&
          /s$/u.test(tokens[j - 1].text) &&
          j + 1 < tokens.length &&
          isNameWord(tokens[j + 1]) &&
          ORG_WORDS.has(stripPossessive(tokens[j + 1].lower))
        ) {
          j++
          continue
        }
        // an initial's dot: "Carla M. Penn"
        if (
          u.text === '.' &&
          ((tokens[j - 1].text.length === 1 && tokens[j - 1].cap) ||
            ABBREVIATIONS.has(tokens[j - 1].lower)) &&
          j + 1 < tokens.length &&
          isNameWord(tokens[j + 1])
        ) {
          j++
          continue
        }
        if ((u.lower === 'of' || u.lower === 'for') && personBefore(tokens, i, j)) {
          // "Prof Ida Wren of Lakeside University": the person ends before "of"
          break
        }
        // "Royal Gallery of the North": an organisation's name goes on over "of the"
        if (
          u.lower === 'of' &&
          tokens[j + 1]?.lower === 'the' &&
          j + 2 < tokens.length &&
          isNameWord(tokens[j + 2]) &&
          quoteOf[j + 2] === q &&
          tokens.slice(i, j).some((x) => ORG_WORDS.has(stripPossessive(x.lower)))
        ) {
          j += 2
          continue
        }
        if ((CONNECTORS.has(u.lower) || PARTICLES.has(u.lower)) && !u.cap) {
          // "Anke van der Berg": one or more particles, then a name word
          let k = j
          while (k < tokens.length && PARTICLES.has(tokens[k].lower) && !tokens[k].cap) k++
          if (k === j) k = j + 1
          if (k < tokens.length && k <= j + 2 && isNameWord(tokens[k]) && quoteOf[k] === q) {
            j = k
            continue
          }
        }
        break
      }
      // a nickname in quotation marks between given name and surname: Martin “Marty” Quill
      const mark = tokens[j]
      if (!mark || nickFrom >= 0 || possessive || quoteOf[j] === q || !QUOTE_CHARS.test(mark.text))
        break
      let k = j + 1
      while (k < tokens.length && quoteOf[k] >= 0 && quoteOf[k] !== q) k++
      const close = tokens[k]
      const after = tokens[k + 1]
      if (k - j - 1 < 1 || k - j - 1 > 2 || !close || !QUOTE_CHARS.test(close.text)) break
      if (!after || !isNameWord(after) || quoteOf[k + 1] !== q) break
      nickFrom = mark.start
      nickTo = close.end
      j = k + 1
    }
    const runFrom = i
    const runTo = j
    i = j
    // "Former India opener Vinod Shastri", "Chennai captain Rahul Menon": the run describes the
    // role of the name that follows, it names nobody itself
    const roleAfter = tokens[runTo]
    if (
      roleAfter &&
      roleAfter.isWord &&
      !roleAfter.cap &&
      quoteOf[runTo] === q &&
      ROLE_NOUNS.has(roleAfter.lower) &&
      tokens[runTo + 1]?.cap &&
      quoteOf[runTo + 1] === q &&
      !tokens
        .slice(runFrom, runTo)
        .some((x) => x.isWord && HONORIFICS.has(x.lower.replace(/\.$/u, '')))
    )
      continue
    let nameFrom = nameStartInRun(tokens, runFrom, runTo)
    // an organisation's name keeps its title-like words ("New York Police Department")
    const runHasOrgWord = tokens
      .slice(runFrom, runTo)
      .some((x) => x.isWord && ORG_WORDS.has(stripPossessive(x.lower)))
    const nameWordCount = tokens.slice(nameFrom, runTo).filter((x) => x.isWord).length
    const nameHasOrgWord = tokens
      .slice(nameFrom, runTo)
      .some((x) => x.isWord && ORG_WORDS.has(stripPossessive(x.lower)))
    if (runHasOrgWord && (nameWordCount < 2 || nameHasOrgWord)) nameFrom = runFrom
    if (nameFrom >= runTo) continue
    const nameTokens = tokens.slice(nameFrom, runTo)
    const words = nameTokens.filter((x) => x.isWord)
    if (words.length === 0) continue
    const last = nameTokens[nameTokens.length - 1]
    const start = nameTokens[0].start
    const end = isPossessive(last.text) ? last.end - 2 : last.end
    const written =
      nickFrom > start && nickTo < end
        ? `${text.slice(start, nickFrom).trimEnd()} ${text.slice(nickTo, end).trimStart()}`
        : text.slice(start, end)
    const name = written.replace(/['’]$/u, '')
    const lowers = words.map((w) => stripPossessive(w.lower))
    const orgWord = lowers.some((w) => ORG_WORDS.has(w))
    // a wire dateline is written in capitals ("ELM FORD —", "CAIRO (AP) —"); acronyms of
    // bodies ("NASA said") are one short word
    const capitals = words.every((w) => /^\p{Lu}[\p{Lu}’'.-]+$/u.test(w.text))
    const next = tokens[runTo]?.text ?? ''
    const dateline =
      capitals && (words.length >= 2 || (runFrom === 0 && /^(?:—|–|-|--|\()$/u.test(next)))
    const mute =
      dateline ||
      LAW_WORDS.has(lowers[lowers.length - 1]) ||
      (lowers.length === 1 && NATIONALITY_ADJECTIVES.has(lowers[0]))
    // "St. Luke’s hospital", "Saint Mary’s": a saint's name is a church, school or hospital
    const saint = /^(?:st|saint)$/u.test(tokens[runFrom].lower) && nameFrom > runFrom
    const placeWord =
      mute ||
      saint ||
      ((PLACE_WORDS.has(lowers[lowers.length - 1]) || THING_FIRST_WORDS.has(lowers[0])) &&
        nameFrom === runFrom)
    // title words inside the run ("President", "Mr")
    let honorific: string | null = null
    let gender: Gender = null
    for (let k = runFrom; k < nameFrom; k++) {
      const b = tokens[k].lower.replace(/\.$/u, '')
      if (HONORIFICS.has(b)) {
        honorific = tokens[k].text
        gender = HONORIFICS.get(b) ?? null
      }
    }
    const titleWords = tokens.slice(runFrom, nameFrom).filter((x) => x.isWord)
    const floor = lastBoundaryBefore(tokens, runFrom, quoteOf)
    const roleFrom = roleStartBefore(tokens, runFrom, floor)
    let role: string | null = null
    let phraseFrom = runFrom
    if (roleFrom < runFrom || (titleWords.length > 0 && !honorific)) {
      const rs = roleFrom < runFrom ? roleFrom : runFrom
      const roleTokens = tokens.slice(rs, nameFrom)
      if (roleTokens.length > 0) {
        role = text.slice(roleTokens[0].start, roleTokens[roleTokens.length - 1].end)
        phraseFrom = rs
      }
    }
    const nameToIdx = runTo
    if (role === null) {
      role = appositiveRoleAfter(text, tokens, nameToIdx, tokens.length)
      if (role === null && runFrom > 0 && tokens[runFrom - 1].text === ',') {
        const floorBefore = lastBoundaryBefore(tokens, runFrom - 1, quoteOf)
        const rs = roleStartBefore(tokens, runFrom - 1, floorBefore)
        if (rs < runFrom - 1) role = text.slice(tokens[rs].start, tokens[runFrom - 2].end)
      }
    }
    if (role) {
      for (const w of role.toLowerCase().split(/[\s,]+/u)) {
        const g = GENDERED_ROLE_NOUNS.get(w)
        if (g && gender === null) gender = g
      }
    }
    // a given name most people bear as one gender ("Beth Aldana")
    if (gender === null && words.length >= 2) gender = GIVEN_NAME_GENDER.get(lowers[0]) ?? null
    const before = runFrom > 0 ? tokens[runFrom - 1].lower : ''
    const phraseBefore = phraseFrom > 0 ? tokens[phraseFrom - 1].lower : ''
    out.push({
      paragraph,
      nameFrom,
      nameTo: runTo,
      phraseFrom,
      start,
      end,
      name,
      titled: runFrom < nameFrom ? text.slice(tokens[runFrom].start, end) : null,
      withRole: phraseFrom < nameFrom ? text.slice(tokens[phraseFrom].start, end) : null,
      role,
      honorific,
      personCue: !saint && (honorific !== null || titleWords.length > 0 || role !== null),
      gender,
      inQuote: q >= 0,
      afterThe: before === 'the' || phraseBefore === 'the',
      afterLocative: LOCATIVE_PREPOSITIONS.has(before),
      possessive,
      orgWord,
      placeWord,
      mute,
      size: words.length,
      initial: sentenceInitial[runFrom] === 1 && phraseFrom === runFrom,
      entity: -1,
      candidates: []
    })
  }
  return out
}

/** Index of the first token of the clause that contains token `at` (after punctuation). */
function lastBoundaryBefore(tokens: Token[], at: number, quoteOf: Int32Array): number {
  let k = at - 1
  while (k >= 0) {
    const t = tokens[k]
    if (quoteOf[k] !== quoteOf[at]) break
    if (!t.isWord && !t.isNumber && t.text !== '’' && t.text !== "'" && t.text !== '-') break
    k--
  }
  return k + 1
}

/** Folded key used to group mentions of the same name. */
export function mentionKey(name: string): string {
  return normalizeName(name)
}
