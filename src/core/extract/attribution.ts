import type { Article } from '../article/types'
import type { Quote, Speaker, SpeakerKind, TextSpan } from './types'
import { tokenize, isPossessive, isAbbreviationBefore, type Token } from './tokens'
import { findQuoteSpans, type QuoteSpan } from './quote-marks'
import {
  findMentions,
  sentenceInitialFlags,
  isAgentNoun,
  type Gender,
  type Mention,
  type TokenContext
} from './mentions'
import {
  CLAUSE_OPENERS,
  ROLE_NOUNS,
  SENTENCE_START_STOPWORDS,
  SPEECH_VERBS,
  SUBJECT_PRONOUNS,
  SUBJECT_VERB_FILLERS,
  UNNAMED_SOURCE_NOUNS,
  VERB_PARTICLE
} from './lexicon'
import { nameWords, normalizeName, slugify } from './names'

/** A person, organisation, group or place the article names. */
interface Entity {
  key: string
  name: string
  kind: SpeakerKind | 'place'
  aliases: Set<string>
  role: string | null
  gender: Gender
  mentions: Mention[]
  /** Offset of the first mention by full name (or first mention at all). */
  firstAt: number
  personCue: boolean
  /** Was the subject of a reporting verb or credited with a quote. */
  spoke: boolean
  /** Was the subject of a sentence at least once. */
  subject: boolean
  quoteCount: number
}

interface Para {
  index: number
  start: number
  end: number
  heading: boolean
  tokens: Token[]
  quoteOf: Int32Array
  /** Units: token index (>= 0) or a quote as -(quoteIndex + 1); quote interiors are folded. */
  units: number[]
  /** Sentences as [from, to) ranges of units. */
  sentences: [number, number][]
  mentionEnding: Map<number, Mention>
  mentionStarting: Map<number, Mention>
  /** Unit index of each token that is a unit. */
  unitOfToken: Int32Array
  /** Memo of the reporting-verb test per unit: 0 unknown, 1 verb, 2 not. */
  verbAt: Uint8Array
}

type Subject =
  | { kind: 'none' }
  | { kind: 'elided' }
  | { kind: 'mention'; mention: Mention; from: number; to: number }
  | { kind: 'pronoun'; word: string; pos: number; from: number; to: number }
  | { kind: 'definite'; words: string[]; from: number; to: number; np: TextSpan }
  | { kind: 'unnamed'; from: number; to: number }

interface SpeechEvent {
  pos: number
  paragraph: number
  entity: number | null
}

interface Decision {
  speaker: number | null
  rule: string
  confidence: number
  cue: TextSpan | null
  /** The reporting verb, when it stands apart from the subject ("X, …, adding"). */
  cueVerb?: TextSpan
}

const NONE: Subject = { kind: 'none' }
const BUSINESS_NOUNS = new Set(
  'company firm carrier operator fund maker chipmaker carmaker automaker insurer lender retailer startup developer publisher broadcaster airline utility group bank'.split(
    ' '
  )
)
/** A proper adjective of nationality ("French", "British", "Dutch", "Israeli"). */
const DEMONYM = /^\p{Lu}\p{Ll}+(?:an|ian|ese|ish|ch|i)$/u
const OBJECT_PREPOSITIONS = new Set([
  'for',
  'of',
  'to',
  'at',
  'with',
  'from',
  'behind',
  'near',
  'close'
])
const LABEL_DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'its',
  'their',
  'his',
  'her',
  'our',
  'this',
  'that'
])
const NOT_NOUNS_AFTER_LABEL = new Set(
  'of to in on at for and or but nor that which who is was were are be been has had have will would could can may might should must as than by from with into over after before since because while if so'.split(
    ' '
  )
)
/** Reporting verb forms that are also common nouns. */
const NOUN_LIKE_VERB_FORMS = new Set(
  'state states post posts note notes report reports text texts question questions comment comments claim claims call calls answer answers promise promises demand demands remark remarks counter counters welcome welcomes email emails e-mail e-mails reply replies cry cries sigh sighs estimate estimates forecast forecasts point points brand brands label labels joke jokes quip quips shout shouts whisper whispers caution cautions praise praises stress stresses pledge pledges vow vows mention mentions blame blames chant chants plea pleas warning warnings'.split(
    ' '
  )
)
/** Words that may follow a reporting verb. */
const VERB_FOLLOWERS = new Set(
  'that the a an it he she they we i you his her its their our my this these those there on in to at for of with about by from out up as if whether how what why when where who which no not never also again only just repeatedly publicly privately later earlier yesterday today so simply then afterwards'.split(
    ' '
  )
)
/** Head nouns of definite descriptions that stand for a body ("the company", "the ministry"). */
const BODY_NOUNS = new Set([
  'department',
  'agency',
  'administration',
  'commission',
  'committee',
  'association',
  'federation',
  'organisation',
  'organization',
  'foundation',
  'institute',
  'bank',
  'party',
  'coalition',
  'movement',
  'authority',
  'board',
  'network',
  'society',
  'office',
  'bureau',
  'parliament',
  'senate',
  'congress',
  'assembly',
  'cabinet',
  'treasury',
  'partners',
  'company',
  'firm',
  'carrier',
  'operator',
  'fund',
  'maker',
  'chipmaker',
  'carmaker',
  'automaker',
  'regulator',
  'watchdog',
  'insurer',
  'lender',
  'retailer',
  'startup',
  'developer',
  'publisher',
  'broadcaster',
  'charity',
  'airline',
  'utility',
  'ministry',
  'government',
  'alliance',
  'union',
  'club',
  'team',
  'trust',
  'hospital',
  'university',
  'council',
  'court',
  'gallery',
  'museum',
  'company’s',
  'group'
])
const PREPOSITIONS_BEFORE_NOUN = new Set([
  'the',
  'a',
  'an',
  'his',
  'her',
  'its',
  'their',
  'our',
  'my',
  'your',
  'this',
  'that',
  'of',
  'in',
  'on',
  'for',
  'with',
  'by',
  'from',
  'at',
  'into',
  'no',
  'any',
  'every'
])
const BE_FORMS = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'be', "'s"])
const IRREGULAR_PARTICIPLES = new Set(['told', 'written', 'spoken', 'said'])
const UNNAMED_DETERMINERS = new Set([
  'a',
  'an',
  'one',
  'another',
  'some',
  'several',
  'many',
  'most',
  'other',
  'few',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'dozens',
  'hundreds',
  'thousands',
  'numerous',
  'various',
  'certain'
])
const POSSESSIVE_DETERMINERS = new Set(['his', 'her', 'their', 'its', 'our', 'my', 'your'])
const TAIL_PREPOSITIONS = new Set(['with', 'of', 'at', 'from', 'for', 'in'])
const LEADING_ADVERBS = new Set([
  'but',
  'and',
  'so',
  'yet',
  'still',
  'however',
  'meanwhile',
  'earlier',
  'later',
  'instead',
  'also',
  'then',
  'now',
  'indeed',
  'moreover',
  'separately',
  'overall',
  'finally',
  'first',
  'again',
  'or',
  'nor',
  'plus',
  'too'
])
/** Words that follow a clause's subject: "was", "had", "would", "survived". */
const CLAUSE_VERBS = /^(?:was|were|is|are|had|has|have|would|could|will|can|did|[a-z]{3,}ed)$/u
/** Generic nouns for a public body: "the agency" means the body the text was just about. */
const AGENCY_NOUNS = new Set(
  'agency bureau department office authority service regulator watchdog commission board institute foundation charity organisation organization'.split(
    ' '
  )
)
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'near', 'inside', 'outside'])
/** Role nouns that describe what someone does rather than an office only one person holds. */
const SPORT_AND_TRADE_ROLES = new Set(
  'midfielder striker defender goalkeeper forward winger substitute skipper batter bowler batsman pitcher quarterback jockey cyclist runner swimmer player veteran pacer spinner opener wicketkeeper keeper'.split(
    ' '
  )
)
/** People known for a work: "the “Night Harbor” star", "the “Blue Road” author". */
const WORK_ROLES = new Set(
  'star actor actress author writer director creator singer rapper host producer novelist poet composer presenter showrunner'.split(
    ' '
  )
)
/** Stands for a quoted title inside a noun phrase's words. */
const TITLE_IN_PHRASE = '“title”'
/** Words right before a quote that mark it as a label, not speech ("a so-called “…”"). */
const SCARE_MARKERS = new Set(['so-called', 'nicknamed', 'self-styled', 'self-described'])
/** Verbs of crowds: "fans chanting “…”", "protesters sang “…”". */
const CHANT_VERBS = new Set(['chanting', 'chanted', 'chant', 'singing', 'sang', 'sing'])
const DASHES = new Set([',', '—', '–', '--', '-', '\u2015'])
const CONFIDENCE: Record<string, number> = {
  'cue-after': 0.95,
  'cue-after-inverted': 0.95,
  'cue-before': 0.9,
  'cue-clause-final': 0.85,
  'cue-after-manner': 0.75,
  'multi-paragraph': 0.85,
  continuation: 0.75,
  heading: 0.9,
  label: 0.7,
  title: 0.7,
  nickname: 0.8,
  'unnamed-source': 0.8,
  'pronoun-unresolved': 0.5,
  'no-cue': 0.7,
  'judgement-partial': 0.8,
  'split-quote': 0.9,
  'sentence-cue': 0.7
}

/** Words right before a quoted title: `a film called “…”`, `the novel “…”`. */
const TITLE_INTRODUCERS = new Set([
  'called',
  'titled',
  'entitled',
  'named',
  'film',
  'movie',
  'book',
  'novel',
  'song',
  'album',
  'series',
  'show',
  'play',
  'documentary',
  'poem',
  'episode',
  'travelogue',
  'memoir',
  'musical',
  'opera',
  'painting'
])

/** Reporting verbs whose passive hides the speaker: "was told", "were assured". */
const PASSIVE_REPORTS = new Set(['told', 'informed', 'assured', 'warned', 'promised', 'advised'])

/** People named as the makers of a work: `the author of “…”`. */
const WORK_MAKERS = new Set([
  'author',
  'authors',
  'director',
  'writer',
  'creator',
  'editor',
  'producer',
  'composer',
  'host',
  'star',
  'co-author',
  'publisher'
])

/** Verbs that credit a quoted fragment of judgement to their subject: `called it “a farce”`. */
const JUDGEMENT_VERBS = new Set([
  'call',
  'calls',
  'called',
  'calling',
  'describe',
  'describes',
  'described',
  'describing',
  'alleging',
  'alleges',
  'alleged',
  'branded',
  'branding',
  'labelled',
  'labeled',
  'deemed',
  'termed',
  'dismissed',
  'denounced',
  'slammed',
  'blasted'
])

/** Quotes and speakers of one article, before figures. */
export interface QuoteAnalysis {
  speakers: Speaker[]
  quotes: Quote[]
}

/** Finds quotes, the people and bodies the article names, and who said each quote. */
export function analyseQuotes(article: Article, tokenLists?: Token[][]): QuoteAnalysis {
  return new Analyser(article, tokenLists).run()
}

class Analyser {
  private readonly text: string
  private readonly spans: QuoteSpan[]
  private readonly paras: Para[] = []
  private readonly entities: Entity[] = []
  private readonly byKey = new Map<string, number>()
  private readonly subjectEvents: { pos: number; paragraph: number; entity: number }[] = []
  private readonly speechEvents: SpeechEvent[] = []
  private readonly decisions = new Map<number, Decision>()
  private readonly quoteSentence = new Map<number, TextSpan>()
  private readonly quoteKind = new Map<number, 'full' | 'partial'>()

  constructor(article: Article, tokenLists?: Token[][]) {
    this.text = article.text
    const paragraphs =
      article.paragraphs.length > 0
        ? article.paragraphs
        : [{ kind: 'body' as const, start: 0, end: article.text.length }]
    this.spans = findQuoteSpans(this.text, paragraphs)
    const lowerWords = new Set<string>()
    const lists = tokenLists ?? paragraphs.map((p) => tokenize(this.text, p.start, p.end))
    for (const list of lists) for (const t of list) if (t.isWord && !t.cap) lowerWords.add(t.lower)
    const allMentions: Mention[] = []
    const quotesByParagraph: { q: QuoteSpan; qi: number }[][] = []
    this.spans.forEach((q, qi) => {
      ;(quotesByParagraph[q.paragraph] ??= []).push({ q, qi })
    })
    paragraphs.forEach((p, index) => {
      const tokens = lists[index]
      const quoteOf = new Int32Array(tokens.length).fill(-1)
      const units: number[] = []
      const unitOfToken = new Int32Array(tokens.length).fill(-1)
      const paraQuotes = quotesByParagraph[index] ?? []
      let k = 0
      tokens.forEach((t, ti) => {
        while (k < paraQuotes.length && t.start >= paraQuotes[k].q.closeEnd) k++
        const inside =
          k < paraQuotes.length &&
          t.start >= paraQuotes[k].q.openAt &&
          t.start < paraQuotes[k].q.closeEnd
        if (inside) {
          const { q, qi } = paraQuotes[k]
          const interior = t.start >= q.start && t.end <= q.end
          quoteOf[ti] = interior ? qi : -2
          if (units[units.length - 1] !== -(qi + 1)) units.push(-(qi + 1))
        } else {
          unitOfToken[ti] = units.length
          units.push(ti)
        }
      })
      // quotes with no interior token (e.g. "“…”") still need a unit
      const ctx: TokenContext = {
        tokens,
        quoteOf,
        sentenceInitial: sentenceInitialFlags(this.text, tokens)
      }
      const heading = p.kind === 'heading'
      const mentions = heading ? [] : findMentions(this.text, index, ctx, lowerWords)
      const mentionEnding = new Map<number, Mention>()
      const mentionStarting = new Map<number, Mention>()
      for (const m of mentions) {
        mentionEnding.set(m.nameTo - 1, m)
        mentionStarting.set(m.nameFrom, m)
        mentionStarting.set(m.phraseFrom, m)
      }
      allMentions.push(...mentions)
      const para: Para = {
        index,
        start: p.start,
        end: p.end,
        heading,
        tokens,
        quoteOf,
        units,
        sentences: [],
        mentionEnding,
        mentionStarting,
        unitOfToken,
        verbAt: new Uint8Array(units.length)
      }
      para.sentences = this.splitSentences(para)
      this.paras.push(para)
    })
    this.buildEntities(allMentions)
  }

  // ---------------------------------------------------------------- helpers on units

  private tok(p: Para, u: number): Token | null {
    const v = p.units[u]
    return v === undefined || v < 0 ? null : p.tokens[v]
  }

  private quoteAt(p: Para, u: number): number {
    const v = p.units[u]
    return v !== undefined && v < 0 ? -v - 1 : -1
  }

  private quoteText(qi: number): string {
    const q = this.spans[qi]
    return this.text.slice(q.start, q.end)
  }

  private splitSentences(p: Para): [number, number][] {
    const out: [number, number][] = []
    let from = 0
    const n = p.units.length
    for (let u = 0; u < n; u++) {
      const t = this.tok(p, u)
      const next = u + 1 < n ? p.units[u + 1] : null
      const nextTok = next !== null && next >= 0 ? p.tokens[next] : null
      const nextOpens =
        next === null ||
        next < 0 ||
        (nextTok !== null && (nextTok.cap || nextTok.isNumber || /^[“‘"'([]$/u.test(nextTok.text)))
      let boundary = false
      if (t) {
        if ((t.text === '.' || t.text === '!' || t.text === '?' || t.text === '…') && nextOpens) {
          boundary = t.text !== '.' || !isAbbreviationBefore(this.text, t.start, p.start)
        }
      } else {
        const qt = this.quoteText(this.quoteAt(p, u)).trimEnd()
        if (
          /[.!?…]["'”’)]*$/u.test(qt) &&
          next !== null &&
          (next < 0 || (nextTok !== null && nextTok.cap && !/^[.,;:]$/u.test(nextTok.text))) &&
          !(/[?!]["'”’)]*$/u.test(qt) && this.cueFollows(p, u + 1))
        )
          boundary = true
      }
      if (boundary) {
        out.push([from, u + 1])
        from = u + 1
      }
    }
    if (from < n) out.push([from, n])
    return out
  }

  /**
   * `“Is anyone inside?” Dana Ortega asked.`: a question or exclamation closes its quote, not
   * the sentence, when a name and a reporting verb follow.
   */
  private cueFollows(p: Para, from: number): boolean {
    for (let k = from; k < Math.min(p.units.length, from + 6); k++) {
      const t = this.tok(p, k)
      if (!t || t.text === '.' || t.text === ',' || t.text === '?' || t.text === '!') return false
      if (SPEECH_VERBS.has(t.lower)) return k > from
      if (!t.cap && t.text !== '.') return false
    }
    return false
  }

  // ---------------------------------------------------------------- entities

  private entityFor(key: string, name: string, kind: Entity['kind'], at: number): number {
    const found = this.byKey.get(key)
    if (found !== undefined) return found
    const e: Entity = {
      key,
      name,
      kind,
      aliases: new Set(),
      role: null,
      gender: null,
      mentions: [],
      firstAt: at,
      personCue: false,
      spoke: false,
      subject: false,
      quoteCount: 0
    }
    this.entities.push(e)
    this.byKey.set(key, this.entities.length - 1)
    return this.entities.length - 1
  }

  private buildEntities(mentions: Mention[]): void {
    const ordered = [...mentions].sort((a, b) => a.start - b.start)
    // full names first, so that bare surnames can find them wherever they stand
    for (const m of ordered) {
      if (m.size < 2 && !(m.size === 1 && m.orgWord)) continue
      const key = normalizeName(m.name.replace(/^the\s+/iu, ''))
      if (key.length === 0) continue
      // "the Greens" is a group; "the Bureau of Dams" is a body whose name ends in a plural
      const group =
        m.afterThe &&
        /s$/u.test(m.name) &&
        !m.placeWord &&
        !m.personCue &&
        !(m.orgWord && / of /u.test(m.name))
      const kind: Entity['kind'] = m.mute
        ? 'place'
        : group
          ? 'group'
          : m.orgWord
            ? 'organisation'
            : m.placeWord && !m.personCue
              ? 'place'
              : 'person'
      const e = this.entityFor(key, group ? `the ${m.name}` : m.name, kind, m.start)
      this.link(m, e)
    }
    // people known by a full name, with their name words folded once
    const people: { index: number; words: readonly string[] }[] = []
    this.entities.forEach((e, index) => {
      if (e.kind === 'person' && e.mentions.some((x) => x.size > 1)) {
        people.push({ index, words: nameWords(e.name) })
      }
    })
    for (const m of ordered) {
      if (m.entity >= 0 || m.size !== 1) continue
      const word = normalizeName(m.name)
      if (word.length === 0) continue
      let candidates = people
        .filter((x) => x.words[x.words.length - 1] === word)
        .map((x) => x.index)
      if (candidates.length === 0) {
        candidates = people.filter((x) => x.words.includes(word)).map((x) => x.index)
      }
      if (candidates.length === 0 && !m.honorific && !m.titled && !m.mute) {
        // "Tessaro" after "Tessaro Electronics": the short form of one organisation's name
        const orgs = this.entities
          .map((e, index) => ({ e, index }))
          .filter(
            ({ e }) =>
              (e.kind === 'organisation' || e.kind === 'group') &&
              e.mentions.some((x) => x.size > 1) &&
              nameWords(e.name)[0] === word
          )
        if (orgs.length === 1) candidates = [orgs[0].index]
      }
      if (candidates.length === 1) {
        this.link(m, candidates[0])
      } else if (candidates.length > 1) {
        m.candidates = candidates
      } else {
        // "Mr Reed", or a relative named by a given name: "Whitfield’s son, Tyler,"
        const titled =
          m.honorific !== null ||
          m.titled !== null ||
          (m.gender !== null && m.role !== null && !m.orgWord)
        const plural = m.afterThe && /s$/u.test(word)
        const kind: Entity['kind'] = titled ? 'person' : plural ? 'group' : 'organisation'
        const name = plural ? `the ${m.name}` : m.name
        const e = this.entityFor(word, name, kind, m.start)
        this.link(m, e)
      }
    }
    for (const e of this.entities) {
      if (
        e.kind === 'person' &&
        !e.personCue &&
        e.mentions.every((m) => m.afterThe || m.afterLocative || m.inQuote)
      ) {
        e.kind = e.mentions.every((m) => m.inQuote) ? 'person' : 'place'
      }
      if (e.kind === 'organisation' && e.mentions.every((m) => m.afterLocative) && !e.personCue)
        e.kind = 'place'
    }
  }

  private link(m: Mention, e: number): void {
    m.entity = e
    const ent = this.entities[e]
    ent.mentions.push(m)
    if (m.personCue) ent.personCue = true
    if (m.gender && !ent.gender) ent.gender = m.gender
    if (m.role && (!ent.role || (m.size > 1 && !ent.mentions.some((x) => x !== m && x.role))))
      ent.role = ent.role ?? m.role
    if (m.size > 1 && ent.mentions.every((x) => x === m || x.size <= 1))
      ent.firstAt = Math.min(ent.firstAt, m.start)
  }

  /** Picks the person a bare name means at `pos` when several share it. */
  private resolveMention(m: Mention, pos: number): number {
    if (m.entity >= 0) return m.entity
    if (m.candidates.length === 0) return -1
    let best = -1
    let bestScore = -Infinity
    for (const c of m.candidates) {
      const e = this.entities[c]
      const introduced = e.mentions.some((x) => x.size > 1 && x.start < pos)
      const spoke = this.speechEvents.some((s) => s.entity === c && s.pos < pos)
      let last = -1
      for (const x of e.mentions) if (x.start < pos && x.start > last) last = x.start
      for (const s of this.subjectEvents)
        if (s.entity === c && s.pos < pos && s.pos > last) last = s.pos
      const first = e.mentions.reduce((a, x) => Math.min(a, x.start), Infinity)
      // a relative called by a given name ("Emre") leaves the bare surname to the one the text
      // already called by it ("Solan, 70, …")
      const calledSo = e.mentions.some(
        (x) => x.size === 1 && x.start < pos && x.entity === c && x.name === m.name
      )
      // introduced before, then active as a speaker, then called so before, then most recent;
      // otherwise the first named
      const score =
        (introduced ? 4e9 : 0) +
        (spoke ? 2e9 : 0) +
        (calledSo ? 1e9 : 0) +
        (introduced ? last : -first)
      if (score > bestScore) {
        bestScore = score
        best = c
      }
    }
    if (best >= 0) this.link(m, best)
    return best
  }

  // ---------------------------------------------------------------- speech verbs and subjects

  /** Whether unit `u` is a reporting verb used as a verb (memoised per paragraph). */
  private isSpeechVerb(p: Para, u: number): boolean {
    const known = p.verbAt[u]
    if (known !== 0) return known === 1
    const answer = this.checkSpeechVerb(p, u)
    p.verbAt[u] = answer ? 1 : 2
    return answer
  }

  private checkSpeechVerb(p: Para, u: number): boolean {
    const t = this.tok(p, u)
    if (!t || !t.isWord || t.cap) return false
    if (t.lower === 'according') {
      const n = this.tok(p, u + 1)
      return n !== null && n.lower === 'to'
    }
    if (!SPEECH_VERBS.has(t.lower)) return false
    const particle = VERB_PARTICLE.get(t.lower)
    if (particle) {
      const n = this.tok(p, u + 1)
      if (!n || n.lower !== particle) return false
    }
    if (NOUN_LIKE_VERB_FORMS.has(t.lower)) {
      // as a verb it follows its subject (a pronoun or a name), a quote, or "and"/"but"
      let k = u - 1
      while (k >= 0 && this.tok(p, k) && SUBJECT_VERB_FILLERS.has(this.tok(p, k)!.lower)) k--
      const before = this.tok(p, k)
      const subjectLike =
        k < 0 ||
        this.quoteAt(p, k) >= 0 ||
        (before !== null &&
          (SUBJECT_PRONOUNS.has(before.lower) ||
            p.mentionEnding.has(p.units[k]) ||
            before.text === ',' ||
            before.lower === 'and' ||
            before.lower === 'but'))
      if (!subjectLike) return false
      // "state", "reports", "calls": also nouns; as verbs they are followed by a clause, a
      // quote, a name or punctuation, never by another common noun ("state broadcaster")
      const next = p.units[u + 1]
      const n = next !== undefined && next >= 0 ? p.tokens[next] : null
      if (n && n.isWord && !n.cap && !VERB_FOLLOWERS.has(n.lower)) return false
    }
    const prev = this.tok(p, u - 1)
    if (prev) {
      if (prev.lower === 'to') return false
      if (PREPOSITIONS_BEFORE_NOUN.has(prev.lower)) return false
      if (isPossessive(prev.text)) return false
      if (
        BE_FORMS.has(prev.lower) &&
        (t.lower.endsWith('ed') || IRREGULAR_PARTICIPLES.has(t.lower))
      )
        return false
    }
    return true
  }

  private mentionEndingAtUnit(p: Para, u: number): Mention | null {
    const v = p.units[u]
    if (v === undefined || v < 0) return null
    return p.mentionEnding.get(v) ?? null
  }

  private mentionStartingAtUnit(p: Para, u: number): Mention | null {
    const v = p.units[u]
    if (v === undefined || v < 0) return null
    const m = p.mentionStarting.get(v)
    return m ?? null
  }

  private unitOf(p: Para, tokenIndex: number): number {
    return p.unitOfToken[tokenIndex]
  }

  private entityKind(m: Mention): Entity['kind'] | null {
    if (m.entity >= 0) return this.entities[m.entity].kind
    return m.candidates.length > 0 ? 'person' : null
  }

  /** The subject written before the verb at unit `v`, not crossing unit `floor`. */
  private subjectLeft(p: Para, v: number, floor: number, isIng: boolean, depth = 0): Subject {
    let j = v - 1
    while (j >= floor) {
      const t = this.tok(p, j)
      if (!t || !t.isWord || t.cap) break
      if (
        SUBJECT_VERB_FILLERS.has(t.lower) ||
        (t.lower.endsWith('ly') && t.lower.length > 4 && !UNNAMED_SOURCE_NOUNS.has(t.lower))
      )
        j--
      else break
    }
    if (j < floor) return NONE
    const t = this.tok(p, j)
    if (!t) return NONE
    const pronoun = SUBJECT_PRONOUNS.get(t.lower)
    if (pronoun) return { kind: 'pronoun', word: t.lower, pos: t.start, from: j, to: j + 1 }
    if (t.lower === 'i' || t.lower === 'we' || t.lower === 'you')
      return { kind: 'unnamed', from: j, to: j + 1 }
    // "Rep. Jo Diaz (D-Calif.) said", "Jo Diaz, 58, said": step over the bracket or the age
    if (t.text === ')' && depth < 3) {
      let k = j - 1
      while (k >= floor && this.tok(p, k) && this.tok(p, k)!.text !== '(') k--
      if (k > floor) return this.subjectLeft(p, k, floor, false, depth + 1)
      return NONE
    }
    if (t.isNumber && this.tok(p, j - 1)?.text === ',' && depth < 3) {
      return this.subjectLeft(p, j - 1, floor, false, depth + 1)
    }
    const m = this.mentionEndingAtUnit(p, j)
    if (m && !m.possessive) {
      let from = this.unitOf(p, m.phraseFrom)
      if (from < 0) from = this.unitOf(p, m.nameFrom)
      if (this.entityKind(m) !== 'person' && depth < 2) {
        let k = from - 1
        if (k >= floor && this.tok(p, k)?.lower === 'the') k--
        const prep = this.tok(p, k)
        if (k > floor && prep && TAIL_PREPOSITIONS.has(prep.lower)) {
          const inner = this.subjectLeft(p, k, floor, false, depth + 1)
          if (inner.kind === 'mention' && this.entityKind(inner.mention) === 'person')
            return { ...inner, to: v }
        }
      }
      // "a spokesman for Gov. Jo Ray said": the name is the object of a preposition and the
      // speaker is the noun before it
      const prep = this.tok(p, from - 1)
      const head = this.tok(p, from - 2)
      if (
        prep &&
        head &&
        OBJECT_PREPOSITIONS.has(prep.lower) &&
        head.isWord &&
        !head.cap &&
        !SPEECH_VERBS.has(head.lower) &&
        !CLAUSE_OPENERS.has(head.lower)
      ) {
        const outer = this.subjectLeft(p, from - 1, floor, false, depth + 1)
        if (outer.kind === 'definite' || outer.kind === 'unnamed') return outer
        return { kind: 'unnamed', from: from - 2, to: j + 1 }
      }
      // "Crews in Brill and at Oakhurst said": a place after "in"/"at"/"near" is where the
      // speakers are, not who they are
      if (
        prep &&
        PLACE_PREPOSITIONS.has(prep.lower) &&
        !m.personCue &&
        this.entityKind(m) !== 'person'
      )
        return { kind: 'unnamed', from: from - 1, to: j + 1 }
      return { kind: 'mention', mention: m, from, to: j + 1 }
    }
    if (t.text === ',') {
      if (isIng) return { kind: 'elided' }
      let k = j - 1
      while (k >= floor) {
        const x = this.tok(p, k)
        if (!x) return NONE
        if (x.text === ',') break
        k--
      }
      if (k < floor) return NONE
      const inner = this.mentionEndingAtUnit(p, j - 1)
      // "the University of California, Davis, estimate": a lone name after a name and a comma
      // completes that name (a campus, a state), it is no appositive subject
      const before = this.tok(p, k - 1)
      const completesName =
        inner !== null && inner.size === 1 && !inner.personCue && before !== null && before.cap
      if (inner && !inner.possessive && !completesName) {
        let from = this.unitOf(p, inner.phraseFrom)
        if (from < 0) from = this.unitOf(p, inner.nameFrom)
        if (from === k + 1 || this.unitOf(p, inner.nameFrom) === k + 1)
          return { kind: 'mention', mention: inner, from, to: j }
      }
      // ", appositive," or ", who …," between the subject and the verb
      const res = this.subjectLeft(p, k, floor, false, depth + 1)
      return res.kind === 'elided' ? NONE : res
    }
    if (['and', 'but', 'or', 'then', 'yet'].includes(t.lower)) return { kind: 'elided' }
    if (t.isWord && !t.cap) {
      // a quoted title may stand inside the phrase ("the “Night Harbor” star"): one more step
      let reach = 4
      for (let k = j; k >= floor && k >= j - reach; k--) {
        const w = this.tok(p, k)
        const inner = this.quoteAt(p, k)
        if (!w && inner >= 0 && reach === 4 && looksLikeTitle(this.quoteText(inner).trim())) {
          reach++
          continue
        }
        // "the 24-year-old": a number and a hyphen may stand inside the noun phrase
        if (!w || !(w.isWord || w.isNumber || w.text === '-')) break
        if (!w.isWord) continue
        if (w.lower === 'the' || w.lower === 'this' || w.lower === 'that') {
          const words: string[] = []
          for (let x = k + 1; x <= j; x++) words.push(this.tok(p, x)?.lower ?? TITLE_IN_PHRASE)
          const np = { start: this.tok(p, k)!.start, end: t.end }
          return { kind: 'definite', words, from: k, to: j + 1, np }
        }
        if (UNNAMED_DETERMINERS.has(w.lower) || POSSESSIVE_DETERMINERS.has(w.lower))
          return { kind: 'unnamed', from: k, to: j + 1 }
        if (w.cap && isPossessive(w.text)) return { kind: 'unnamed', from: k, to: j + 1 }
        if (CLAUSE_OPENERS.has(w.lower) && k < j) break
      }
      if (UNNAMED_SOURCE_NOUNS.has(t.lower)) return { kind: 'unnamed', from: j, to: j + 1 }
      return NONE
    }
    if (t.cap && t.isWord) {
      // "Officials said", "Police said" at a sentence start
      if (UNNAMED_SOURCE_NOUNS.has(t.lower)) return { kind: 'unnamed', from: j, to: j + 1 }
      if (t.lower === 'the' || SENTENCE_START_STOPWORDS.has(t.lower)) return NONE
    }
    return NONE
  }

  /** The subject written after the verb at unit `v` ("said Mr Smith", "according to Railco"). */
  private subjectRight(p: Para, v: number, limit: number): Subject {
    let u = v + 1
    if (this.tok(p, v)?.lower === 'according') u = v + 2
    if (u >= limit) return NONE
    const t = this.tok(p, u)
    if (!t) return NONE
    const pronoun = SUBJECT_PRONOUNS.get(t.lower)
    if (pronoun && (pronoun === 'male' || pronoun === 'female'))
      return { kind: 'pronoun', word: t.lower, pos: t.start, from: u, to: u + 1 }
    const m = this.mentionStartingAtUnit(p, u)
    if (m && m.possessive) {
      // "said Smith’s lawyer, John Roe" names the lawyer; "said Smith’s lawyer" names nobody
      const comma = this.unitOf(p, m.nameTo - 1) + 1
      for (let k = comma; k < limit && k < comma + 4; k++) {
        if (this.tok(p, k)?.text !== ',') continue
        const inner = this.mentionStartingAtUnit(p, k + 1)
        if (inner && !inner.possessive) {
          return {
            kind: 'mention',
            mention: inner,
            from: v,
            to: this.unitOf(p, inner.nameTo - 1) + 1
          }
        }
        break
      }
      return { kind: 'unnamed', from: v, to: comma }
    }
    if (m) return { kind: 'mention', mention: m, from: v, to: this.unitOf(p, m.nameTo - 1) + 1 }
    if (t.lower === 'the') {
      const words: string[] = []
      for (let x = u + 1; x < limit && x < u + 5; x++) {
        const w = this.tok(p, x)
        if (!w || !w.isWord) break
        words.push(w.lower)
      }
      const np = this.spanOfUnits(p, u, u + 1 + words.length) ?? { start: t.start, end: t.end }
      return { kind: 'definite', words, from: v, to: u + 1 + words.length, np }
    }
    if (UNNAMED_DETERMINERS.has(t.lower) || UNNAMED_SOURCE_NOUNS.has(t.lower))
      return { kind: 'unnamed', from: v, to: u + 1 }
    return NONE
  }

  /** The subject of the main clause of the sentence [from, limit). */
  private mainSubject(p: Para, from: number, limit: number): Subject {
    let i = from === 0 ? this.afterLabel(p, this.afterDateline(p, limit), limit) : from
    for (let guard = 0; guard < 3; guard++) {
      while (i < limit) {
        const t = this.tok(p, i)
        if (!t) return NONE
        if (t.text === ',' || LEADING_ADVERBS.has(t.lower)) i++
        else break
      }
      const t = this.tok(p, i)
      if (!t) return NONE
      const isLead =
        t.isWord &&
        (SENTENCE_START_STOPWORDS.has(t.lower) || /ing$/u.test(t.lower)) &&
        ![
          'the',
          'a',
          'an',
          'he',
          'she',
          'they',
          'it',
          'we',
          'i',
          'his',
          'her',
          'their',
          'its',
          'our',
          'my',
          'officials',
          'police',
          'critics',
          'authorities'
        ].includes(t.lower)
      if (!isLead) break
      let k = i + 1
      while (k < limit) {
        const x = this.tok(p, k)
        if (x && x.text === ',') break
        if (!x) {
          k = limit
          break
        }
        k++
      }
      if (k >= limit) return NONE
      i = k + 1
    }
    if (i >= limit) return NONE
    const t = this.tok(p, i)
    if (!t) return NONE
    const pronoun = SUBJECT_PRONOUNS.get(t.lower)
    if (pronoun) return { kind: 'pronoun', word: t.lower, pos: t.start, from: i, to: i + 1 }
    const m = this.mentionStartingAtUnit(p, i)
    if (m && !m.possessive)
      return { kind: 'mention', mention: m, from: i, to: this.unitOf(p, m.nameTo - 1) + 1 }
    // "Reed’s son, Tyler, thanked …": the name after the possessive phrase and a comma
    if (m && m.possessive) {
      for (let k = this.unitOf(p, m.nameTo - 1) + 1; k < limit && k < i + 6; k++) {
        const x = this.tok(p, k)
        if (!x || !x.isWord || x.cap) {
          if (x?.text !== ',') break
          const inner = this.mentionStartingAtUnit(p, k + 1)
          const after = inner ? this.tok(p, this.unitOf(p, inner.nameTo - 1) + 1) : null
          if (inner && !inner.possessive && after?.text === ',')
            return {
              kind: 'mention',
              mention: inner,
              from: i,
              to: this.unitOf(p, inner.nameTo - 1) + 1
            }
          break
        }
      }
    }
    // "The Harbour Authority", "His rival Jane Doe", "Her lawyer, John Roe,"
    if (t.lower === 'the' || POSSESSIVE_DETERMINERS.has(t.lower)) {
      const reach = t.lower === 'the' ? i + 1 : i + 4
      for (let k = i + 1; k < limit && k <= reach; k++) {
        const x = this.tok(p, k)
        if (!x || !x.isWord || TAIL_PREPOSITIONS.has(x.lower)) break
        const inner = this.mentionStartingAtUnit(p, k)
        if (inner && !inner.possessive) {
          return {
            kind: 'mention',
            mention: inner,
            from: i,
            to: this.unitOf(p, inner.nameTo - 1) + 1
          }
        }
        if (x.cap) break
      }
    }
    if (
      t.lower === 'the' ||
      t.lower === 'a' ||
      t.lower === 'an' ||
      POSSESSIVE_DETERMINERS.has(t.lower)
    ) {
      // "The leader of the party, Jane Doe, said", "My editor, Jane Doe, said"
      for (let k = i + 1; k < limit && k < i + 12; k++) {
        const x = this.tok(p, k)
        if (!x) break
        if (x.text === ',') {
          // "The runner-up, 14-year-old Jo Bell of Leeds, stumbled": step over an age
          let s = k + 1
          while (s < k + 5 && s < limit) {
            const y = this.tok(p, s)
            if (!y || this.mentionStartingAtUnit(p, s)) break
            if (!(y.isNumber || y.text === '-' || /^(?:year|month)s?-old$/u.test(y.lower))) break
            s++
          }
          const inner = this.mentionStartingAtUnit(p, s)
          if (inner && !inner.possessive) {
            const after = this.tok(p, this.unitOf(p, inner.nameTo - 1) + 1)
            if (after && (after.text === ',' || after.lower === 'of' || after.lower === 'from'))
              return {
                kind: 'mention',
                mention: inner,
                from: i,
                to: this.unitOf(p, inner.nameTo - 1) + 1
              }
          }
          break
        }
      }
      const words: string[] = []
      for (let x = i + 1; x < limit && x < i + 5; x++) {
        const w = this.tok(p, x)
        if (!w || !w.isWord) break
        words.push(w.lower)
      }
      if (POSSESSIVE_DETERMINERS.has(t.lower)) return { kind: 'unnamed', from: i, to: i + 1 }
      return t.lower === 'the'
        ? {
            kind: 'definite',
            words,
            from: i,
            to: i + 1 + words.length,
            np: this.spanOfUnits(p, i, i + 1 + words.length) ?? { start: t.start, end: t.end }
          }
        : { kind: 'unnamed', from: i, to: i + 1 }
    }
    if (UNNAMED_SOURCE_NOUNS.has(t.lower)) return { kind: 'unnamed', from: i, to: i + 1 }
    return NONE
  }

  /**
   * Skips a wire dateline at the start of a paragraph ("TOKYO (Reuters) -", "CAIRO —") and returns
   * the unit where the sentence proper starts.
   */
  private afterDateline(p: Para, limit: number): number {
    let inBracket = false
    for (let u = 0; u < limit && u < 12; u++) {
      const t = this.tok(p, u)
      if (!t) return 0
      if (inBracket) {
        if (t.text === ')') inBracket = false
        continue
      }
      if (t.text === '(') inBracket = true
      else if (/^(?:-|--|—|–)$/u.test(t.text)) return u > 0 ? u + 1 : 0
      else if (!(t.cap || t.isNumber || t.text === ',' || t.text === '.')) return 0
    }
    return 0
  }

  /** Skips an interview transcript's speaker label at a paragraph start ("Harstad: …", "Q: …"). */
  private afterLabel(p: Para, from: number, limit: number): number {
    const m = this.mentionStartingAtUnit(p, from)
    const end = m ? this.unitOf(p, m.nameTo - 1) + 1 : from + 1
    const colon = this.tok(p, end)
    if (end < limit && colon && colon.text === ':' && (m || this.tok(p, from)?.text === 'Q'))
      return end + 1
    return from
  }

  /** Subject of the reporting verb at unit `v`, following elided subjects to the main clause. */
  private subjectOfVerb(p: Para, v: number, sentFrom: number, limit: number): Subject {
    const t = this.tok(p, v)
    if (!t) return NONE
    if (t.lower === 'according') return this.subjectRight(p, v, limit)
    const isIng = t.lower.endsWith('ing')
    const left = this.subjectLeft(p, v, sentFrom, isIng)
    if (left.kind === 'elided') return this.mainSubject(p, sentFrom, v)
    if (left.kind === 'none' && isIng) return this.mainSubject(p, sentFrom, v)
    return left
  }

  // ---------------------------------------------------------------- resolution

  private resolvePronoun(word: string, pos: number, paragraph: number): number | null {
    const kind = SUBJECT_PRONOUNS.get(word)
    for (let i = this.subjectEvents.length - 1; i >= 0; i--) {
      const ev = this.subjectEvents[i]
      if (ev.pos >= pos) continue
      if (ev.paragraph < paragraph - 3) break
      if (ev.entity < 0) {
        if (kind === 'male' || kind === 'female') return null
        continue
      }
      const e = this.entities[ev.entity]
      if (kind === 'male' || kind === 'female') {
        if (e.kind !== 'person') continue
        if (e.gender && e.gender !== kind) continue
        if (!e.gender) {
          // "Sheriff Dale Moss said Karen Reed was hurt. She was flown …": a person of the
          // pronoun's known gender named since that subject's paragraph began is likelier
          const other = this.genderedMentionBetween(kind, this.paras[ev.paragraph].start, pos)
          if (other >= 0) return other
          e.gender = kind
        }
        return ev.entity
      }
      if (kind === 'plural' && (e.kind === 'group' || e.kind === 'organisation')) return ev.entity
      if (kind === 'neuter' && e.kind === 'organisation') return ev.entity
    }
    return null
  }

  /** The latest subject before `pos` in its paragraph when it is a person, else null. */
  private paragraphSubjectPerson(pos: number): number | null {
    const here = this.paras.findIndex((x) => x.start <= pos && pos <= x.end)
    for (let i = this.subjectEvents.length - 1; i >= 0; i--) {
      const ev = this.subjectEvents[i]
      if (ev.pos >= pos) continue
      if (ev.paragraph !== here) return null
      if (ev.entity < 0) return null
      return this.entities[ev.entity].kind === 'person' ? ev.entity : null
    }
    return null
  }

  /** The person of gender `kind` mentioned last in [from, to), or -1. */
  private genderedMentionBetween(kind: 'male' | 'female', from: number, to: number): number {
    let best = -1
    let bestAt = -1
    this.entities.forEach((e, i) => {
      if (e.kind !== 'person' || e.gender !== kind) return
      for (const m of e.mentions) {
        if (m.start > from && m.start < to && m.start > bestAt && !m.inQuote) {
          // only as the subject of a clause ("… said Reed was hurt"), not as an object
          const next = this.paras[m.paragraph].tokens[m.nameTo]
          if (!next || !CLAUSE_VERBS.test(next.lower)) continue
          best = i
          bestAt = m.start
        }
      }
    })
    return best
  }

  /**
   * "the senator" → the one person whose role has that word; "the French farm ministry" → that
   * body; "the alliance" → the one named organisation with that word in its name; "the company"
   * → the organisation the article last made the subject of a sentence; otherwise nobody.
   */
  private resolveDefinite(phraseWords: string[], np: TextSpan): number | null {
    const titled = phraseWords.includes(TITLE_IN_PHRASE)
    const words = phraseWords.filter((w) => w !== TITLE_IN_PHRASE)
    let headCount = 0
    for (const w of words) {
      if (SPEECH_VERBS.has(w) || SUBJECT_VERB_FILLERS.has(w) || CLAUSE_OPENERS.has(w)) break
      headCount++
    }
    const head = words.slice(0, headCount)
    const roleWord = head.find((w) => ROLE_NOUNS.has(w))
    const noun = head[head.length - 1]
    // "the “Night Harbor” star": someone known for a work, the person the paragraph is about
    if (titled && noun !== undefined && WORK_ROLES.has(noun))
      return this.paragraphSubjectPerson(np.start)
    if (roleWord && !(noun && BODY_NOUNS.has(noun))) {
      const hits = this.entities
        .map((e, i) => ({ e, i }))
        .filter(
          ({ e }) =>
            e.kind === 'person' &&
            e.role !== null &&
            e.role
              .toLowerCase()
              .split(/[\s,]+/u)
              .includes(roleWord)
        )
      if (hits.length === 1) return hits[0].i
      if (hits.length > 1 || !SPORT_AND_TRADE_ROLES.has(roleWord)) return null
      // "Hale was blunter. “…,” the midfielder said": a role the text never gave anyone names
      // the person the paragraph is about
      return this.paragraphSubjectPerson(np.start)
    }
    // "“…,” the 24-year-old said": the person the paragraph is about
    if (noun && /^(?:year|month)s?-old$/u.test(noun) && words.some((w) => /^\d+$/u.test(w)))
      return this.paragraphSubjectPerson(np.start)
    if (!noun || !BODY_NOUNS.has(noun)) return null
    // the words of the phrase as written, without the article
    const written = this.text.slice(np.start, np.end).split(/\s+/u)
    if (written.length > 0 && /^(?:the|this|that)$/iu.test(written[0])) written.shift()
    const phrase = written.slice(0, headCount).join(' ')
    if (written.slice(0, headCount - 1).some((w) => DEMONYM.test(w))) {
      // a specific body named by a proper adjective: "the French agriculture ministry"
      return this.entityFor(normalizeName(phrase), phrase, 'organisation', np.start)
    }
    const named = this.entities
      .map((e, i) => ({ e, i }))
      .filter(
        ({ e }) =>
          (e.kind === 'organisation' || e.kind === 'group') && nameWords(e.name).includes(noun)
      )
    if (named.length === 1) return named[0].i
    if (named.length > 1) return null
    // "the company": the business the article last made the subject of a sentence; "the
    // agency": the body that was the subject of the paragraph or the one before
    const business = BUSINESS_NOUNS.has(noun)
    if (!business && !AGENCY_NOUNS.has(noun)) return null
    const here = this.paras.findIndex((x) => x.start <= np.start && np.start <= x.end)
    for (let i = this.subjectEvents.length - 1; i >= 0; i--) {
      const ev = this.subjectEvents[i]
      if (ev.pos >= np.start) continue
      if (!business && ev.paragraph < here - 1) return null
      if (ev.entity < 0) continue
      const e = this.entities[ev.entity]
      // a lone capitalised word seen only at sentence starts ("Revenue rose") is no company
      const named = e.mentions.some((m) => m.size > 1 || !m.initial) || e.spoke
      if (e.kind === 'organisation' && named) return ev.entity
    }
    return null
  }

  /** Entity a subject stands for: an index, null (unnamed or unresolved) or undefined (no subject). */
  private subjectEntity(s: Subject, p: Para): number | null | undefined {
    switch (s.kind) {
      case 'mention': {
        const e = this.resolveMention(s.mention, s.mention.start)
        if (e < 0) return null
        const ent = this.entities[e]
        // datelines and laws are cited, not heard
        if (ent.mentions.every((x) => x.mute)) return null
        // a "place" that speaks was a person named like a place ("Jo Hill") or a body
        // ("Downing Street said" is a body: no given name ends in -ing)
        if (ent.kind === 'place') {
          const first = nameWords(ent.name)[0] ?? ''
          ent.kind =
            ent.mentions.some((x) => x.personCue) ||
            (!/(?:ing|ed)$/u.test(first) &&
              ent.mentions.some((x) => x.size >= 2 && !x.orgWord && !x.afterThe))
              ? 'person'
              : 'organisation'
        }
        return e
      }
      case 'pronoun':
        return this.resolvePronoun(s.word, s.pos, p.index)
      case 'definite':
        return this.resolveDefinite(s.words, s.np)
      case 'unnamed':
        return null
      default:
        return undefined
    }
  }

  private spanOfUnits(p: Para, from: number, to: number): TextSpan | null {
    let start = -1
    let end = -1
    for (let u = from; u < to; u++) {
      const t = this.tok(p, u)
      if (t) {
        if (start < 0) start = t.start
        end = t.end
      }
    }
    return start < 0 ? null : { start, end }
  }

  // ---------------------------------------------------------------- the pass

  run(): QuoteAnalysis {
    for (const p of this.paras) {
      if (p.heading) {
        for (let u = 0; u < p.units.length; u++) {
          const qi = this.quoteAt(p, u)
          if (qi >= 0)
            this.decide(qi, {
              speaker: null,
              rule: 'heading',
              confidence: CONFIDENCE.heading,
              cue: null
            })
        }
        insertByPos(this.speechEvents, { pos: p.start, paragraph: p.index, entity: null })
        continue
      }
      for (const [sf, st] of p.sentences) this.sentence(p, sf, st)
    }
    return this.output()
  }

  private sentence(p: Para, sf: number, st: number): void {
    // bare names in this sentence that several people share
    for (let u = sf; u < st; u++) {
      const m = this.mentionStartingAtUnit(p, u)
      if (m && m.entity < 0 && m.candidates.length > 0 && !m.inQuote)
        this.resolveMention(m, m.start)
    }
    const sentenceSpan = this.sentenceSpan(p, sf, st)
    // subject of the main clause, for pronouns later on
    const main = this.mainSubject(p, sf, st)
    const mainEntity = this.subjectEntity(main, p)
    // reporting verbs in the narration
    const verbs: { v: number; subject: Subject; entity: number | null | undefined }[] = []
    for (let u = sf; u < st; u++) {
      if (!this.isSpeechVerb(p, u)) continue
      const subject = this.subjectOfVerb(p, u, sf, st)
      let sub = subject
      if (subject.kind === 'none' && u > sf && this.quoteAt(p, u - 1) >= 0)
        sub = this.subjectRight(p, u, st)
      verbs.push({ v: u, subject: sub, entity: this.subjectEntity(sub, p) })
    }
    // a pronoun later in the sentence may mean its main subject ("X declined to comment on what
    // it called …"), so a named main subject is on record before the quotes are attributed
    const mainRecorded =
      typeof mainEntity === 'number' && mainEntity >= 0 && main.kind === 'mention'
    if (mainRecorded) {
      insertByPos(this.subjectEvents, {
        pos: sentenceSpan.start,
        paragraph: p.index,
        entity: mainEntity
      })
      this.entities[mainEntity].subject = true
    }
    for (let u = sf; u < st; u++) {
      const qi = this.quoteAt(p, u)
      if (qi < 0) continue
      this.quoteSentence.set(qi, sentenceSpan)
      this.quoteKind.set(qi, this.kindOf(p, qi, u, sf))
      let d = this.attribute(p, qi, u, sf, st)
      if (d.speaker === null && d.rule === 'no-cue')
        d = this.sentenceCue(p, qi, u, sf, st, verbs) ?? d
      this.decide(qi, d)
      if (d.speaker !== null || d.rule === 'unnamed-source') {
        insertByPos(this.speechEvents, {
          pos: this.spans[qi].start,
          paragraph: p.index,
          entity: d.speaker
        })
      }
      if (d.speaker !== null)
        insertByPos(this.subjectEvents, {
          pos: this.spans[qi].start,
          paragraph: p.index,
          entity: d.speaker
        })
    }
    // record subjects for what follows
    const events: { pos: number; entity: number }[] = []
    if (typeof mainEntity === 'number' && !mainRecorded)
      events.push({ pos: sentenceSpan.start, entity: mainEntity })
    for (const x of verbs) {
      const t = this.tok(p, x.v)
      if (!t) continue
      if (typeof x.entity === 'number') {
        events.push({ pos: t.start, entity: x.entity })
        this.entities[x.entity].spoke = true
        insertByPos(this.speechEvents, { pos: t.start, paragraph: p.index, entity: x.entity })
      } else if (x.entity === null && x.subject.kind === 'unnamed') {
        insertByPos(this.speechEvents, { pos: t.start, paragraph: p.index, entity: null })
        // "One paramedic said …" then "he said": the pronoun means the unnamed speaker
        const head = this.tok(p, x.subject.to - 1)?.lower ?? ''
        if (UNNAMED_SOURCE_NOUNS.has(head) || isAgentNoun(head))
          events.push({ pos: t.start, entity: -1 })
      }
    }
    // "Jane Doe, who …" makes Jane Doe the subject of the relative clause
    for (let u = sf; u < st; u++) {
      const m = this.mentionEndingAtUnit(p, u)
      if (!m || m.inQuote || m.entity < 0) continue
      if (this.tok(p, u + 1)?.text === ',' && this.tok(p, u + 2)?.lower === 'who') {
        events.push({ pos: this.tok(p, u + 2)!.start, entity: m.entity })
      }
    }
    events.sort((a, b) => a.pos - b.pos)
    for (const e of events) {
      insertByPos(this.subjectEvents, { ...e, paragraph: p.index })
      if (e.entity >= 0) this.entities[e.entity].subject = true
    }
  }

  private sentenceSpan(p: Para, sf: number, st: number): TextSpan {
    const first = p.units[sf]
    const last = p.units[st - 1]
    const start = first >= 0 ? p.tokens[first].start : this.spans[-first - 1].openAt
    const end = last >= 0 ? p.tokens[last].end : this.spans[-last - 1].closeEnd
    return { start, end }
  }

  private kindOf(p: Para, qi: number, u: number, sf: number): 'full' | 'partial' {
    const text = this.quoteText(qi)
    const startsUpper = /^[[(…. ]*\p{Lu}/u.test(text)
    if (!startsUpper) return 'partial'
    if (this.isSentenceInitial(p, u, sf)) return 'full'
    const prev = this.tok(p, u - 1)
    return prev && (prev.text === ':' || prev.text === ',') ? 'full' : 'partial'
  }

  private isSentenceInitial(p: Para, u: number, sf: number): boolean {
    for (let k = sf; k < u; k++) {
      const t = this.tok(p, k)
      if (!t) continue
      if (t.isWord && !['and', 'but', 'so', 'or'].includes(t.lower)) return false
      if (t.isNumber) return false
    }
    return true
  }

  private decide(qi: number, d: Decision): void {
    this.decisions.set(qi, d)
  }

  private attribute(p: Para, qi: number, u: number, sf: number, st: number): Decision {
    const q = this.spans[qi]
    const text = this.quoteText(qi)
    const nul = (rule: string): Decision => ({
      speaker: null,
      rule,
      confidence: CONFIDENCE[rule] ?? 0.6,
      cue: null
    })
    // a run-on quote continues the previous one
    const prevQi = qi - 1
    if (prevQi >= 0) {
      const prev = this.spans[prevQi]
      const prevDecision = this.decisions.get(prevQi)
      const adjacent =
        prev.unclosed &&
        (q.continuesPrevious ||
          (prev.paragraph === q.paragraph &&
            this.text.slice(prev.closeEnd, q.openAt).trim() === ''))
      if (adjacent && prevDecision && prevDecision.rule !== 'heading') {
        return {
          ...prevDecision,
          rule: 'multi-paragraph',
          confidence: CONFIDENCE['multi-paragraph'],
          cue: prevDecision.cue
        }
      }
    }
    if (looksLikeTitle(text)) return nul('title')
    const before = this.tok(p, u - 1)
    // "a film called “Night Harbor.”", "his 1931 book “River Ways,”": American style puts the
    // sentence's comma or full stop inside the marks of a title
    const bareTitle = text.replace(/[.,]$/u, '')
    if (before && TITLE_INTRODUCERS.has(before.lower) && looksLikeTitle(bareTitle))
      return nul('title')
    // "the author of “River Ways: A History”": a work named after its maker
    const maker = this.tok(p, u - 2)
    if (
      before?.lower === 'of' &&
      maker &&
      WORK_MAKERS.has(maker.lower) &&
      looksLikeTitle(bareTitle.replace(/:/gu, ''))
    )
      return nul('title')
    const after = this.tok(p, u + 1)
    if (
      before &&
      after &&
      before.cap &&
      after.cap &&
      before.isWord &&
      after.isWord &&
      !SENTENCE_START_STOPWORDS.has(before.lower)
    )
      return nul('nickname')
    if (this.isLabel(p, u, text)) return nul('label')
    if (before && SCARE_MARKERS.has(before.lower)) return nul('label')
    if (before && CHANT_VERBS.has(before.lower)) {
      // "the crowd chanting “…”": the chanters are a crowd, not the sentence's subject
      const chanter = this.tok(p, u - 2)
      if (chanter && chanter.isWord && !chanter.cap && !SUBJECT_PRONOUNS.has(chanter.lower))
        return nul('unnamed-source')
    }
    const initial = this.isSentenceInitial(p, u, sf)
    const nextIsPunct = after !== null && DASHES.has(after.text)
    const endsForCue =
      /[,?!—–-]["'”’]?$/u.test(text) ||
      nextIsPunct ||
      (/[.…]$/u.test(text) && after !== null && after.isWord && !after.cap)
    const tryAfter = (): Decision | null => this.cueAfter(p, u, st, endsForCue, initial)
    const tryBefore = (): Decision | null => this.cueBefore(p, u, sf, st)
    const order =
      /[,?!]$/u.test(text) || nextIsPunct ? [tryAfter, tryBefore] : [tryBefore, tryAfter]
    for (const f of order) {
      const d = f()
      if (d) return d
    }
    const introduced = this.possessiveIntro(p, u, sf)
    if (introduced) return introduced
    // "Lind was told the plant would be “closed by March”": the teller is not named
    if (!initial && this.passiveReportBefore(p, sf, u)) return nul('unnamed-source')
    const judged = this.judgementPartial(p, u, sf, initial)
    if (judged) return judged
    // no cue of its own: a whole-sentence quote continues the latest speaker; a quoted phrase
    // that opens a sentence of narration ("“Woke” politics is …") does not
    const closesSentence =
      /[.!?…]["'”’)]*$/u.test(text) || u + 1 >= st || this.quoteAt(p, u + 1) >= 0
    if (initial && closesSentence && /^[[(…."'‘“ ]*[\p{Lu}\d]/u.test(text)) {
      // the sentence just before, in the same paragraph, names who speaks ("Jones disagreed.")
      const previous = this.previousSentenceSubject(p, sf)
      if (previous !== null) {
        return {
          speaker: previous,
          rule: 'continuation',
          confidence: CONFIDENCE.continuation,
          cue: null
        }
      }
      const last = this.lastSpeech(q.start, p.index)
      if (last !== undefined) {
        if (last === null) return nul('unnamed-source')
        return {
          speaker: last,
          rule: 'continuation',
          confidence: CONFIDENCE.continuation,
          cue: null
        }
      }
    }
    return nul('no-cue')
  }

  /** A passive reporting verb ("was told", "were assured") between `from` and unit `to`. */
  private passiveReportBefore(p: Para, from: number, to: number): boolean {
    for (let k = from; k + 1 < to; k++) {
      const be = this.tok(p, k)
      const verb = this.tok(p, k + 1)
      if (be && verb && BE_FORMS.has(be.lower) && PASSIVE_REPORTS.has(verb.lower)) return true
    }
    return false
  }

  /**
   * A cue the quote does not touch but its sentence holds: the second half of a split quote
   * (`“…,” said Jo Park, “…”`), a parenthetical cue (`The reason, writes Park, is “…”`), and a
   * borrowed phrase (`…, as the Daily Paper put it`).
   */
  private sentenceCue(
    p: Para,
    qi: number,
    u: number,
    sf: number,
    st: number,
    verbs: readonly { v: number; entity: number | null | undefined }[]
  ): Decision | null {
    const q = this.spans[qi]
    for (let k = u - 1; k >= sf; k--) {
      const previousQi = this.quoteAt(p, k)
      if (previousQi < 0) continue
      const previous = this.decisions.get(previousQi)
      const previousSpan = this.spans[previousQi]
      const between = this.text.slice(previousSpan.closeEnd, q.openAt)
      if (
        previous?.speaker != null &&
        previous.cue &&
        previous.cue.start >= previousSpan.closeEnd &&
        previous.cue.end <= q.openAt &&
        between.length <= 90 &&
        /,\s*$/u.test(between)
      )
        return {
          speaker: previous.speaker,
          rule: 'split-quote',
          confidence: CONFIDENCE['split-quote'],
          cue: previous.cue
        }
      break
    }
    // "as the Daily Paper put it"
    for (let k = sf; k < st - 2; k++) {
      if (this.tok(p, k)?.lower !== 'as') continue
      for (let j = k + 2; j < Math.min(st - 1, k + 8); j++) {
        const verb = this.tok(p, j)?.lower
        if ((verb !== 'put' && verb !== 'puts') || this.tok(p, j + 1)?.lower !== 'it') continue
        for (let m = k + 1; m < j; m++) {
          const mention = this.mentionStartingAtUnit(p, m)
          if (!mention || mention.inQuote) continue
          const e = this.resolveMention(mention, mention.start)
          if (e >= 0 && this.entities[e].kind !== 'place')
            return {
              speaker: e,
              rule: 'sentence-cue',
              confidence: CONFIDENCE['sentence-cue'],
              cue: this.spanOfUnits(p, k, j + 2)
            }
        }
      }
    }
    const named = verbs.filter((x) => typeof x.entity === 'number' && x.entity >= 0)
    // another reporting verb whose subject is unnamed ("said his brother") may be the cue
    if (named.length === 0 || named.length !== verbs.length) return null
    if (new Set(named.map((x) => x.entity)).size !== 1) return null
    const { v, entity } = named[0]
    // the verb's clause is parenthetical: commas on both sides, or the quote follows it
    const before = this.tok(p, v - 1)
    const parenthetical = before?.text === ',' || v < u
    if (!parenthetical) return null
    return {
      speaker: entity as number,
      rule: 'sentence-cue',
      confidence: CONFIDENCE['sentence-cue'],
      cue: this.spanOfUnits(p, v, v + 1)
    }
  }

  /**
   * `The mayor called the plan “dead on arrival.”`, `Jo Park is alleging the firm's “inept”
   * staff …`: a quoted fragment governed by a verb of judging or alleging belongs to the
   * sentence's subject, when that subject is named before the verb.
   */
  private judgementPartial(p: Para, u: number, sf: number, initial: boolean): Decision | null {
    if (initial) return null
    let verbAt = -1
    for (let k = u - 1; k >= sf && k >= u - 8; k--) {
      const t = this.tok(p, k)
      // `called it “inept” and “incompetent”`: an earlier fragment stands between
      if (!t && this.quoteAt(p, k) >= 0) continue
      if (!t) return null
      if (JUDGEMENT_VERBS.has(t.lower)) {
        verbAt = k
        break
      }
    }
    if (verbAt < 0) return null
    const main = this.mainSubject(p, sf, verbAt)
    if (main.kind !== 'mention' || main.to > verbAt) return null
    const speaker = this.subjectEntity(main, p)
    if (typeof speaker !== 'number' || speaker < 0) return null
    if (this.entities[speaker].kind === 'place') return null
    return {
      speaker,
      rule: 'judgement-partial',
      confidence: CONFIDENCE['judgement-partial'],
      cue: this.spanOfUnits(p, verbAt, verbAt + 1)
    }
  }

  /**
   * "His verdict: “Not yet.”", "Her reply was short — “No.”": a sentence that opens with his/her
   * and hands over to the quote with a colon or a dash credits the pronoun's person.
   */
  private possessiveIntro(p: Para, u: number, sf: number): Decision | null {
    const mark = this.tok(p, u - 1)
    if (!mark || (mark.text !== ':' && mark.text !== '—' && mark.text !== '–')) return null
    // "he shrugged: “…”", "Lena Moss smiled: “…”": a subject and a verb of manner, then a colon
    const verb = this.tok(p, u - 2)
    if (
      mark.text === ':' &&
      verb &&
      verb.isWord &&
      !verb.cap &&
      /(?:ed|s)$/u.test(verb.lower) &&
      !SUBJECT_VERB_FILLERS.has(verb.lower)
    ) {
      const who = this.tok(p, u - 3)
      const pronoun = who ? SUBJECT_PRONOUNS.get(who.lower) : undefined
      let subject: Subject = NONE
      if (who && (pronoun === 'male' || pronoun === 'female'))
        subject = { kind: 'pronoun', word: who.lower, pos: who.start, from: u - 3, to: u - 2 }
      else {
        const m = this.mentionEndingAtUnit(p, u - 3)
        if (m && !m.possessive) subject = { kind: 'mention', mention: m, from: u - 3, to: u - 2 }
      }
      if (subject.kind !== 'none') {
        const d = this.fromSubject(
          p,
          subject,
          'cue-after-manner',
          this.spanOfUnits(p, u - 3, u - 1)
        )
        if (d) return d
      }
    }
    const first = this.tok(p, sf)
    if (!first || (first.lower !== 'his' && first.lower !== 'her')) return null
    if (u - sf > 12) return null
    for (let k = sf + 1; k < u - 1; k++) {
      const t = this.tok(p, k)
      if (!t || this.quoteAt(p, k) >= 0 || this.isSpeechVerb(p, k)) return null
      if (t.cap && p.mentionStarting.has(p.units[k])) return null
    }
    const word = first.lower === 'his' ? 'he' : 'she'
    const e = this.resolvePronoun(word, first.start, p.index)
    if (e === null) return null
    return {
      speaker: e,
      rule: 'cue-before',
      confidence: CONFIDENCE['cue-before'] * 0.8,
      cue: this.spanOfUnits(p, sf, u)
    }
  }

  /** The person who is the main subject of the narration sentence right before unit `sf`. */
  private previousSentenceSubject(p: Para, sf: number): number | null {
    const index = p.sentences.findIndex(([from]) => from === sf)
    if (index < 0) return null
    if (index === 0) {
      // "Judge X addressed the court:" closing the paragraph before a quote paragraph
      const before = this.paras[p.index - 1]
      if (!before || before.heading || before.sentences.length === 0) return null
      const [from, to] = before.sentences[before.sentences.length - 1]
      if (this.tok(before, to - 1)?.text !== ':') return null
      return this.subjectPerson(before, from, to)
    }
    return this.subjectPerson(p, ...p.sentences[index - 1])
  }

  /** The person who is the main subject of a sentence with no quote in it, or null. */
  private subjectPerson(p: Para, from: number, to: number): number | null {
    if (this.quoteAt(p, from) >= 0) return null
    for (let u = from; u < to; u++) if (this.quoteAt(p, u) >= 0) return null
    const subject = this.mainSubject(p, from, to)
    if (subject.kind !== 'mention' && subject.kind !== 'pronoun') return null
    const pos = subject.kind === 'pronoun' ? subject.pos : subject.mention.start
    const e =
      subject.kind === 'pronoun'
        ? this.subjectEvents.find((ev) => ev.pos === this.sentenceSpan(p, from, to).start)?.entity
        : this.resolveMention(subject.mention, pos)
    if (e === undefined || e < 0) return null
    return this.entities[e].kind === 'person' ? e : null
  }

  /** Latest speaker before `pos` in this or the previous paragraph (undefined when none). */
  private lastSpeech(pos: number, paragraph: number): number | null | undefined {
    for (let i = this.speechEvents.length - 1; i >= 0; i--) {
      const ev = this.speechEvents[i]
      if (ev.pos >= pos) continue
      if (ev.paragraph < paragraph - 1) return undefined
      return ev.entity
    }
    return undefined
  }

  private fromSubject(p: Para, s: Subject, rule: string, cue: TextSpan | null): Decision | null {
    const e = this.subjectEntity(s, p)
    if (e === undefined) return null
    if (e === null) {
      const r = s.kind === 'pronoun' ? 'pronoun-unresolved' : 'unnamed-source'
      return { speaker: null, rule: r, confidence: CONFIDENCE[r], cue }
    }
    return {
      speaker: e,
      rule,
      confidence: CONFIDENCE[rule] * (s.kind === 'pronoun' ? 0.9 : 1),
      cue
    }
  }

  private cueAfter(
    p: Para,
    u: number,
    st: number,
    endsForCue: boolean,
    initial: boolean
  ): Decision | null {
    let k = u + 1
    if (k < st && this.tok(p, k) && DASHES.has(this.tok(p, k)!.text)) k++
    // "“…”, as she calls it": the subject of "as … it" said the quoted words
    if (
      this.tok(p, k)?.lower === 'as' &&
      this.isSpeechVerb(p, k + 2) &&
      this.tok(p, k + 3)?.lower === 'it'
    )
      k++
    if (k >= st) return null
    const candidates: number[] = []
    for (let v = k; v < st; v++) {
      const inner = this.quoteAt(p, v)
      // a quoted title may stand inside the cue ("the “Night Harbor” star said"); speech ends it
      if (inner >= 0 && !looksLikeTitle(this.quoteText(inner).trim())) break
      if (this.isSpeechVerb(p, v)) candidates.push(v)
    }
    if (candidates.length === 0) return endsForCue ? this.mannerCue(p, k, st) : null
    const first = candidates[0]
    if (endsForCue || initial) {
      if (first === k) {
        const s = this.subjectRight(p, first, st)
        const d = this.fromSubject(
          p,
          s,
          'cue-after-inverted',
          this.spanOfUnits(
            p,
            first,
            s.kind === 'none' ? first + 1 : Math.max(first + 1, (s as { to: number }).to)
          )
        )
        if (d) return d
      } else if (first - k <= 14) {
        const s = this.subjectOfVerb(p, first, k, st)
        if (s.kind !== 'none' && s.kind !== 'elided' && this.onlyRoleWordsBetween(p, k, s.from)) {
          const d = this.fromSubject(p, s, 'cue-after', this.spanOfUnits(p, s.from, first + 1))
          if (d) return d
        }
      }
    }
    if (initial) {
      // "“…” in that law, Okoro said."
      for (let i = candidates.length - 1; i >= 0; i--) {
        const v = candidates[i]
        const s = this.subjectLeft(p, v, k, false)
        if (s.kind === 'none' || s.kind === 'elided') continue
        const before = this.tok(p, s.from - 1)
        if (before && before.text === ',') {
          const d = this.fromSubject(p, s, 'cue-clause-final', this.spanOfUnits(p, s.from, v + 1))
          if (d) return d
        }
      }
    }
    return null
  }

  /**
   * A short quoted name used as a modifier: "the ‘fair pay’ law", "its “no limits” partnership".
   * Evaluative phrases ("the “particularly sensitive” nature") have an adverb and stay quotes.
   */
  private isLabel(p: Para, u: number, text: string): boolean {
    const words = text.split(/\s+/u)
    if (words.length > 4 || /[.,!?;:]$/u.test(text)) return false
    if (words.some((w) => /ly$/iu.test(w))) return false
    const before = this.tok(p, u - 1)
    const after = this.tok(p, u + 1)
    if (!before || !after || !after.isWord || after.cap) return false
    if (!LABEL_DETERMINERS.has(before.lower)) return false
    if (NOT_NOUNS_AFTER_LABEL.has(after.lower) || /(?:ed|ing|ly)$/u.test(after.lower)) return false
    return !SPEECH_VERBS.has(after.lower)
  }

  /**
   * `"…," she laughed.` — a subject and a verb of manner right after a quote that ends with a
   * comma, question or exclamation mark, even when the verb is not a reporting verb.
   */
  private mannerCue(p: Para, k: number, st: number): Decision | null {
    const t = this.tok(p, k)
    if (!t) return null
    let subject: Subject = NONE
    let next = k + 1
    const pronoun = SUBJECT_PRONOUNS.get(t.lower)
    if (pronoun === 'male' || pronoun === 'female') {
      subject = { kind: 'pronoun', word: t.lower, pos: t.start, from: k, to: k + 1 }
    } else {
      const m = this.mentionStartingAtUnit(p, k)
      if (!m || m.possessive) return null
      next = this.unitOf(p, m.nameTo - 1) + 1
      subject = { kind: 'mention', mention: m, from: k, to: next }
    }
    const verb = this.tok(p, next)
    if (!verb || !verb.isWord || verb.cap || !/(?:ed|s)$/u.test(verb.lower)) return null
    if (SUBJECT_VERB_FILLERS.has(verb.lower) || CLAUSE_OPENERS.has(verb.lower)) return null
    const after = this.tok(p, next + 1)
    if (
      next + 1 < st &&
      after &&
      after.isWord &&
      !TAIL_PREPOSITIONS.has(after.lower) &&
      after.lower !== 'as'
    )
      return null
    const d = this.fromSubject(p, subject, 'cue-after-manner', this.spanOfUnits(p, k, next + 1))
    return d
  }

  /** True when units [from, to) are at most four plain words of a role ("passenger", "local"). */
  private onlyRoleWordsBetween(p: Para, from: number, to: number): boolean {
    if (to < from || to - from > 4) return false
    for (let u = from; u < to; u++) {
      const t = this.tok(p, u)
      if (!t || !t.isWord) return false
      if (
        CLAUSE_OPENERS.has(t.lower) ||
        SPEECH_VERBS.has(t.lower) ||
        SUBJECT_VERB_FILLERS.has(t.lower)
      )
        return false
      if ((t.lower === 'the' && u > from) || t.lower === 'a' || t.lower === 'an') return false
    }
    return true
  }

  private cueBefore(p: Para, u: number, sf: number, st: number): Decision | null {
    for (let v = u - 1; v >= sf; v--) {
      if (this.quoteAt(p, v) >= 0) continue
      if (!this.isSpeechVerb(p, v)) continue
      const s = this.subjectOfVerb(p, v, sf, st)
      if (s.kind === 'none' || s.kind === 'elided') continue
      if (
        s.kind === 'definite' &&
        this.resolveDefinite(s.words, s.np) === null &&
        !s.words.some((w) => BODY_NOUNS.has(w) || ROLE_NOUNS.has(w) || UNNAMED_SOURCE_NOUNS.has(w))
      ) {
        // "the fine reflected …": a thing, not a source; look further back
        continue
      }
      const from = Math.min(s.from, v)
      const to = Math.max(v + 1, 'to' in s ? s.to : v + 1)
      const subjectEnd = 'to' in s ? s.to : v
      if (s.from < v && v - subjectEnd > 3) {
        // a subject far from its verb: the cue is "subject … verb"
        const d = this.fromSubject(p, s, 'cue-before', this.spanOfUnits(p, s.from, subjectEnd))
        const verb = this.tok(p, v)
        return d && verb ? { ...d, cueVerb: { start: verb.start, end: verb.end } } : d
      }
      return this.fromSubject(p, s, 'cue-before', this.spanOfUnits(p, from, Math.min(to, u)))
    }
    return null
  }

  // ---------------------------------------------------------------- output

  private output(): QuoteAnalysis {
    const used = new Set<string>()
    const ids: string[] = this.entities.map((e) => {
      let id = slugify(e.name)
      let n = 2
      while (used.has(id)) id = `${slugify(e.name)}-${n++}`
      used.add(id)
      return id
    })
    const quotes: Quote[] = this.spans.map((q, qi) => {
      const d = this.decisions.get(qi) ?? {
        speaker: null,
        rule: 'no-cue',
        confidence: 0.5,
        cue: null
      }
      if (d.speaker !== null) {
        this.entities[d.speaker].quoteCount++
        this.entities[d.speaker].spoke = true
      }
      return {
        id: `q-${q.start}`,
        text: this.text.slice(q.start, q.end),
        start: q.start,
        end: q.end,
        kind: this.quoteKind.get(qi) ?? 'partial',
        speaker: d.speaker === null ? null : ids[d.speaker],
        cue: d.cue
          ? this.text.slice(d.cue.start, d.cue.end) +
            (d.cueVerb ? ` … ${this.text.slice(d.cueVerb.start, d.cueVerb.end)}` : '')
          : null,
        confidence: Math.round(d.confidence * 100) / 100,
        rule: d.rule,
        sentence: this.quoteSentence.get(qi) ?? { start: q.openAt, end: q.closeEnd }
      }
    })
    const speakers: Speaker[] = []
    this.entities.forEach((e, i) => {
      if (e.kind === 'place') return
      if (e.kind !== 'person' && !e.spoke) return
      if (e.kind === 'person' && e.mentions.every((m) => m.inQuote) && e.quoteCount === 0) return
      // a capitalised phrase never introduced, never a subject and never speaking is not a person
      if (e.kind === 'person' && !e.personCue && !e.spoke && !e.subject) return
      const aliases = new Set<string>()
      for (const m of e.mentions) {
        for (const a of [m.name, m.titled, m.withRole]) {
          if (a && a !== e.name) aliases.add(a)
        }
      }
      if (e.kind === 'group' && e.name.startsWith('the ')) aliases.add(e.name.slice(4))
      const mentions = e.mentions
        .map((m) => ({ start: m.start, end: m.end }))
        .sort((a, b) => a.start - b.start)
      speakers.push({
        id: ids[i],
        name: e.name,
        aliases: [...aliases],
        role: e.role ? e.role.replace(/^(?:the|a|an)\s+/iu, '') : null,
        kind: e.kind,
        mentions,
        quoteCount: e.quoteCount
      })
    })
    return { speakers, quotes }
  }
}

/** A quoted span that reads like a title or a name ("Penguin Post Office"), not speech. */
export function looksLikeTitle(text: string): boolean {
  if (/[.!?,;:]$/u.test(text.trim())) return false
  const words = text.split(/\s+/u).filter((w) => /\p{L}/u.test(w))
  if (words.length < 2 || words.length > 10) return false
  const small = new Set([
    'a',
    'an',
    'the',
    'of',
    'in',
    'on',
    'and',
    'or',
    'for',
    'to',
    'at',
    'by',
    'with',
    'from',
    'is'
  ])
  return words.every((w, i) => /^\p{Lu}/u.test(w) || (i > 0 && small.has(w.toLowerCase())))
}

/** Inserts an event keeping the list ordered by position (events mostly arrive in order). */
function insertByPos<T extends { pos: number }>(list: T[], event: T): void {
  let i = list.length
  while (i > 0 && list[i - 1].pos > event.pos) i--
  list.splice(i, 0, event)
}
