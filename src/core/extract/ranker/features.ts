import type { Article } from '../../article/types'
import { looksLikeTitle } from '../attribution'
import type { Quote, Speaker } from '../types'

interface Span {
  start: number
  end: number
}

/** Everything a feature may look at: one quote, one candidate speaker, and the article. */
export interface FeatureContext {
  article: Article
  quote: Quote
  quoteIndex: number
  /** Index of the quote's paragraph. */
  paragraph: number
  paragraphSpan: Span
  previous: Quote | null
  previousParagraph: number
  /** Reporting verbs in the narration, in text order. */
  verbs: readonly Span[]
  isHeading: boolean
  /** Number of named candidates of this quote (nobody excluded). */
  candidateCount: number
  /** The speaker named first in the quote's sentence before the quote (its likely subject). */
  sentenceSubjectId: string | null
  /** The candidate; `null` is "nobody". */
  speaker: Speaker | null
  /** The candidate's mentions outside every quote, in text order. */
  mentions: readonly Span[]
}

/** A named function of (quote, candidate, context) giving one or more named values. */
export type Feature = (context: FeatureContext) => Record<string, number>

/** Characters around a quote within which a name and a verb form a cue ("…," said Jo Park). */
const CUE_REACH_CHARS = 90

const flag = (condition: boolean): number => (condition ? 1 : 0)

/** Index of the paragraph holding `position` (the last one starting at or before it). */
export function paragraphIndexAt(article: Article, position: number): number {
  const paragraphs = article.paragraphs
  let low = 0
  let high = paragraphs.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (paragraphs[middle].start <= position) low = middle
    else high = middle - 1
  }
  return Math.max(0, low)
}

/**
 * Index of the first span whose `key` is at least `position`, for spans that do not overlap and
 * come in text order (so both their starts and their ends ascend): verbs, one speaker's mentions.
 * A binary search keeps candidate building linear in the quotes rather than quotes × spans.
 */
export function firstAtOrAfter(
  spans: readonly Span[],
  key: 'start' | 'end',
  position: number
): number {
  let low = 0
  let high = spans.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (spans[middle][key] < position) low = middle + 1
    else high = middle
  }
  return low
}

function verbBetween(verbs: readonly Span[], from: number, to: number): boolean {
  const first = verbs[firstAtOrAfter(verbs, 'start', from)]
  return first !== undefined && first.end <= to
}

/** A verb starting within `reach` of `position`, or ending within `reach` of `endPosition`. */
function verbWithin(
  verbs: readonly Span[],
  position: number,
  endPosition: number,
  reach: number
): boolean {
  const byStart = verbs[firstAtOrAfter(verbs, 'start', position - reach)]
  if (byStart !== undefined && byStart.start <= position + reach) return true
  const byEnd = verbs[firstAtOrAfter(verbs, 'end', endPosition - reach)]
  return byEnd !== undefined && byEnd.end <= endPosition + reach
}

/** The rule pass's decision: its choice and its rule are strong evidence, not the verdict. */
const ruleDecision: Feature = ({ quote, speaker }): Record<string, number> => {
  if (speaker === null) {
    if (quote.speaker === null) return { 'nobody.rule': 1, [`nobody.rule.${quote.rule}`]: 1 }
    return { 'nobody.ruleNamed': 1, 'nobody.ruleConfidence': quote.confidence }
  }
  if (quote.speaker !== speaker.id) return {}
  return {
    'rule.agree': 1,
    [`rule.agree.${quote.rule}`]: 1,
    'rule.agree.confidence': quote.confidence
  }
}

/** What makes "nobody" likely: headings, fragments, no named candidate at all. */
const nobodyPrior: Feature = ({
  speaker,
  quote,
  isHeading,
  candidateCount,
  verbs
}): Record<string, number> => {
  if (speaker !== null) return {}
  const verbInSentence = verbBetween(verbs, quote.sentence.start, quote.sentence.end)
  return {
    'nobody.noVerbInSentence': flag(!verbInSentence),
    'nobody.partialNoVerb': flag(!verbInSentence && quote.kind === 'partial'),
    'nobody.bias': 1,
    'nobody.partial': flag(quote.kind === 'partial'),
    'nobody.heading': flag(isHeading),
    'nobody.noCandidate': flag(candidateCount === 0),
    'nobody.shortQuote': flag(quote.text.split(/\s+/u).length <= 3)
  }
}

/** Quoted titles of works: Title Case words after "of", "called", "the film" and the like. */
const titleShape: Feature = ({ speaker, quote, article }): Record<string, number> => {
  if (speaker !== null) return {}
  const before = article.text.slice(Math.max(0, quote.start - 20), Math.max(0, quote.start - 1))
  const wordBefore = (before.match(/(\p{L}+)\W*$/u)?.[1] ?? '').toLowerCase()
  return {
    'nobody.titleCase': flag(looksLikeTitle(quote.text.replace(/[.,:;]$/u, ''))),
    'nobody.afterOf': flag(wordBefore === 'of'),
    'nobody.afterLowercaseWord': flag(/^\p{Ll}+$/u.test(wordBefore) && quote.kind === 'partial')
  }
}

/** Where the candidate is named relative to the quote: same sentence, paragraphs back. */
const mentionPosition: Feature = ({
  speaker,
  mentions,
  quote,
  article,
  paragraph
}): Record<string, number> => {
  if (speaker === null) return {}
  const sentence = quote.sentence
  const inSentence = mentions.filter((m) => m.start >= sentence.start && m.end <= sentence.end)
  const before = mentions.filter((m) => m.end <= quote.start)
  const nearestBefore = before.length > 0 ? before[before.length - 1] : null
  const after = mentions.find((m) => m.start >= quote.end && m.end <= sentence.end) ?? null
  const paragraphsBack =
    nearestBefore === null ? -1 : paragraph - paragraphIndexAt(article, nearestBefore.start)
  const distance = Math.min(
    nearestBefore === null ? Infinity : quote.start - nearestBefore.end,
    after === null ? Infinity : after.start - quote.end
  )
  return {
    'mention.inSentence': flag(inSentence.length > 0),
    'mention.inSentenceAfter': flag(after !== null),
    'mention.sameParagraph': flag(paragraphsBack === 0 || after !== null),
    'mention.oneParagraphBack': flag(paragraphsBack === 1 && after === null),
    'mention.twoOrMoreBack': flag(paragraphsBack >= 2 && after === null),
    'mention.none': flag(nearestBefore === null && after === null),
    'mention.onlyLater': flag(mentions.length > 0 && mentions[0].start >= quote.end),
    'mention.nearness': Number.isFinite(distance) ? 1 / (1 + distance / 60) : 0,
    'partial.inSentence': flag(quote.kind === 'partial' && inSentence.length > 0)
  }
}

/** A name and a reporting verb right around the quote: `"…," Park said` / `Park said: "…"`. */
const cuePattern: Feature = ({
  speaker,
  mentions,
  quote,
  verbs,
  article
}): Record<string, number> => {
  if (speaker === null) return {}
  const sentence = quote.sentence
  const text = article.text
  let after = 0
  let before = 0
  let colon = 0
  for (const m of mentions) {
    if (m.start >= quote.end && m.start - quote.end <= CUE_REACH_CHARS && m.end <= sentence.end) {
      if (verbBetween(verbs, quote.end, m.end + 30)) after = 1
    }
    if (m.end <= quote.start && quote.start - m.end <= CUE_REACH_CHARS * 2) {
      if (m.start >= sentence.start && verbBetween(verbs, m.end, quote.start)) before = 1
      // the quote mark itself stands at quote.start - 1
      if (/:\s*$/u.test(text.slice(m.end, Math.max(m.end, quote.start - 1)))) colon = 1
    }
  }
  return { 'cue.after': after, 'cue.before': before, 'cue.colon': colon }
}

/** The candidate is the sentence's subject: named first in it, before the quote. */
const sentenceSubject: Feature = ({
  speaker,
  sentenceSubjectId,
  quote,
  verbs
}): Record<string, number> => {
  if (speaker === null || sentenceSubjectId !== speaker.id) return {}
  const verbInSentence = verbBetween(verbs, quote.sentence.start, quote.sentence.end)
  return {
    'subject.sentence': 1,
    'subject.partial': flag(quote.kind === 'partial'),
    'subject.partialWithVerb': flag(quote.kind === 'partial' && verbInSentence)
  }
}

/** A reporting verb next to one of the candidate's names in the quote's paragraph. */
const verbNearName: Feature = ({
  speaker,
  mentions,
  verbs,
  paragraphSpan
}): Record<string, number> => {
  if (speaker === null) return {}
  const near = mentions.some(
    (m) =>
      m.start >= paragraphSpan.start &&
      m.end <= paragraphSpan.end &&
      verbWithin(verbs, m.end, m.start, 30)
  )
  return { 'mention.nearVerb': flag(near) }
}

/** Continuation: the previous quote's speaker, above all in a paragraph with no cue of its own. */
const previousSpeaker: Feature = (context): Record<string, number> => {
  const { speaker, previous, previousParagraph, paragraph, paragraphSpan, verbs, quote } = context
  if (speaker === null || previous === null || previous.speaker !== speaker.id) return {}
  const cueless = !verbBetween(verbs, paragraphSpan.start, paragraphSpan.end)
  return {
    'previous.speaker': 1,
    'previous.sameParagraph': flag(previousParagraph === paragraph),
    'previous.nextParagraph': flag(paragraph - previousParagraph === 1),
    'previous.cuelessParagraph': flag(cueless),
    'previous.fullQuote': flag(quote.kind === 'full')
  }
}

/** Who the candidate is: person, organisation or group, and how present in the article. */
const candidateKind: Feature = ({ speaker, mentions, quote }): Record<string, number> => {
  if (speaker === null) return {}
  return {
    [`kind.${speaker.kind}`]: 1,
    'salience.quotes': Math.log1p(speaker.quoteCount) / 3,
    'salience.mentions': Math.log1p(mentions.length) / 3,
    'kind.groupPartial': flag(speaker.kind !== 'person' && quote.kind === 'partial')
  }
}

/** Every feature, in a fixed order (the model's weights are keyed by the names they give). */
export const FEATURES: readonly Feature[] = [
  ruleDecision,
  nobodyPrior,
  titleShape,
  mentionPosition,
  cuePattern,
  sentenceSubject,
  verbNearName,
  previousSpeaker,
  candidateKind
]
