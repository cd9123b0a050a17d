import type { Article } from '../../article/types'
import { SPEECH_VERBS } from '../lexicon'
import { tokenizeParagraphs, type Token } from '../tokens'
import type { Extraction, Quote } from '../types'
import { FEATURES, firstAtOrAfter, paragraphIndexAt, type FeatureContext } from './features'

/** "Nobody said it": the candidate that leaves a quote unattributed. */
export const NOBODY = null

/** One possible speaker of one quote, with its named feature values. */
export interface Candidate {
  /** Speaker id, or `null` for nobody. */
  speakerId: string | null
  features: Record<string, number>
}

/** The candidates of one quote of an extraction. */
export interface QuoteCandidates {
  quoteIndex: number
  candidates: Candidate[]
}

/** How many paragraphs before the quote's own are searched for candidate speakers. */
export const PARAGRAPH_WINDOW = 3

interface Span {
  start: number
  end: number
}

/**
 * Positions of reporting verbs in the narration (outside every quote): every run of letters that
 * is one, also inside a joined token ("so-called", "she’d said"), read from the paragraphs' tokens.
 */
function speechVerbPositions(tokenLists: readonly Token[][], quotes: readonly Quote[]): Span[] {
  const out: Span[] = []
  // quotes come in text order, so one pointer walks them alongside the tokens
  let next = 0
  for (const tokens of tokenLists) {
    for (const token of tokens) {
      if (!token.isWord) continue
      const start = token.start
      while (next < quotes.length && quotes[next].end <= start) next++
      if (next < quotes.length && start >= quotes[next].start) continue
      if (LETTERS_ONLY.test(token.text)) {
        if (token.lower.length <= LONGEST_SPEECH_VERB && SPEECH_VERBS.has(token.lower))
          out.push({ start, end: token.end })
        continue
      }
      for (const run of token.text.matchAll(LETTER_RUN)) {
        if (SPEECH_VERBS.has(run[0].toLowerCase()))
          out.push({ start: start + run.index, end: start + run.index + run[0].length })
      }
    }
  }
  return out
}

const LETTERS_ONLY = /^\p{L}+$/u
const LETTER_RUN = /\p{L}+/gu
const LONGEST_SPEECH_VERB = Math.max(...[...SPEECH_VERBS].map((verb) => verb.length))

/**
 * Builds the candidates of every quote: each speaker named (outside quotes) in the quote's
 * sentence, its paragraph or the {@link PARAGRAPH_WINDOW} paragraphs before, the speaker of the
 * previous quote, the rule pass's choice, and nobody. Each gets the features of `FEATURES`.
 */
export function buildCandidates(
  article: Article,
  extraction: Extraction,
  tokenLists: readonly Token[][] = tokenizeParagraphs(article)
): QuoteCandidates[] {
  const quotes = extraction.quotes
  const verbs = speechVerbPositions(tokenLists, quotes)
  const insideQuote = (position: number): boolean => {
    // quotes never overlap: only the last one starting at or before `position` can hold it
    let low = 0
    let high = quotes.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (quotes[middle].start - 1 <= position) low = middle + 1
      else high = middle
    }
    return low > 0 && position < quotes[low - 1].end + 1
  }
  /** The first of `mentions` lying wholly inside [from, to). */
  const firstWithin = (mentions: readonly Span[], from: number, to: number): Span | undefined => {
    const first = mentions[firstAtOrAfter(mentions, 'start', from)]
    return first !== undefined && first.end <= to ? first : undefined
  }
  const outsideMentions = new Map<string, Span[]>(
    extraction.speakers.map((s) => [s.id, s.mentions.filter((m) => !insideQuote(m.start))])
  )
  const speakerById = new Map(extraction.speakers.map((s) => [s.id, s]))
  const quoteParagraphs = quotes.map((q) => paragraphIndexAt(article, q.start))
  return quotes.map((quote, quoteIndex) => {
    const paragraph = quoteParagraphs[quoteIndex]
    const windowStart = article.paragraphs[Math.max(0, paragraph - PARAGRAPH_WINDOW)]?.start ?? 0
    const windowEnd = article.paragraphs[paragraph]?.end ?? article.text.length
    const previous = quoteIndex > 0 ? quotes[quoteIndex - 1] : null
    const previousParagraph = quoteIndex > 0 ? quoteParagraphs[quoteIndex - 1] : -1
    const ids = new Set<string>()
    for (const speaker of extraction.speakers) {
      const mentions = outsideMentions.get(speaker.id) ?? []
      if (firstWithin(mentions, windowStart, windowEnd) !== undefined) ids.add(speaker.id)
    }
    if (previous?.speaker && paragraph - previousParagraph <= PARAGRAPH_WINDOW)
      ids.add(previous.speaker)
    if (quote.speaker !== null) ids.add(quote.speaker)
    const paragraphSpan = article.paragraphs[paragraph] ?? { start: 0, end: article.text.length }
    let sentenceSubjectId: string | null = null
    let firstAt = Infinity
    for (const [id, mentions] of outsideMentions) {
      const first = firstWithin(mentions, quote.sentence.start, quote.start)
      if (first !== undefined && first.start < firstAt) {
        firstAt = first.start
        sentenceSubjectId = id
      }
    }
    // one context object, its candidate fields overwritten, spares an object per candidate
    const context: FeatureContext = {
      article,
      quote,
      quoteIndex,
      paragraph,
      paragraphSpan,
      previous,
      previousParagraph,
      verbs,
      isHeading: article.paragraphs[paragraph]?.kind === 'heading',
      sentenceSubjectId,
      candidateCount: ids.size,
      speaker: null,
      mentions: []
    }
    const candidates: Candidate[] = [...ids].sort().map((speakerId) => {
      context.speaker = speakerById.get(speakerId) ?? null
      context.mentions = outsideMentions.get(speakerId) ?? []
      return { speakerId, features: featuresOf(context) }
    })
    context.speaker = null
    context.mentions = []
    candidates.push({ speakerId: NOBODY, features: featuresOf(context) })
    return { quoteIndex, candidates }
  })
}

function featuresOf(context: FeatureContext): Record<string, number> {
  const out: Record<string, number> = {}
  for (const feature of FEATURES) {
    const values = feature(context)
    for (const name in values) {
      const value = values[name]
      if (value !== 0 && Number.isFinite(value)) out[name] = value
    }
  }
  return out
}
