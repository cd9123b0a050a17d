import type { Article } from '../../article/types'
import { SPEECH_VERBS } from '../lexicon'
import type { Extraction, Quote } from '../types'
import { FEATURES, paragraphIndexAt, type FeatureContext } from './features'

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

/** Positions of reporting verbs in the narration (outside every quote). */
function speechVerbPositions(text: string, quotes: readonly Quote[]): Span[] {
  const out: Span[] = []
  const word = /\p{L}+/gu
  // quotes come in text order, so one pointer walks them alongside the words
  let next = 0
  for (const match of text.matchAll(word)) {
    const start = match.index
    while (next < quotes.length && quotes[next].end <= start) next++
    if (next < quotes.length && start >= quotes[next].start) continue
    if (!SPEECH_VERBS.has(match[0].toLowerCase())) continue
    out.push({ start, end: start + match[0].length })
  }
  return out
}

/**
 * Builds the candidates of every quote: each speaker named (outside quotes) in the quote's
 * sentence, its paragraph or the {@link PARAGRAPH_WINDOW} paragraphs before, the speaker of the
 * previous quote, the rule pass's choice, and nobody. Each gets the features of `FEATURES`.
 */
export function buildCandidates(article: Article, extraction: Extraction): QuoteCandidates[] {
  const quotes = extraction.quotes
  const verbs = speechVerbPositions(article.text, quotes)
  const insideQuote = (position: number): boolean =>
    quotes.some((q) => position >= q.start - 1 && position < q.end + 1)
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
      if (mentions.some((m) => m.start >= windowStart && m.end <= windowEnd)) ids.add(speaker.id)
    }
    if (previous?.speaker && paragraph - previousParagraph <= PARAGRAPH_WINDOW)
      ids.add(previous.speaker)
    if (quote.speaker !== null) ids.add(quote.speaker)
    const paragraphSpan = article.paragraphs[paragraph] ?? { start: 0, end: article.text.length }
    let sentenceSubjectId: string | null = null
    let firstAt = Infinity
    for (const [id, mentions] of outsideMentions) {
      const first = mentions.find((m) => m.start >= quote.sentence.start && m.end <= quote.start)
      if (first !== undefined && first.start < firstAt) {
        firstAt = first.start
        sentenceSubjectId = id
      }
    }
    const context: Omit<FeatureContext, 'speaker' | 'mentions'> = {
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
      candidateCount: ids.size
    }
    const candidates: Candidate[] = [
      ...[...ids].sort().map((speakerId) => ({
        speakerId,
        features: featuresOf({
          ...context,
          speaker: speakerById.get(speakerId) ?? null,
          mentions: outsideMentions.get(speakerId) ?? []
        })
      })),
      { speakerId: NOBODY, features: featuresOf({ ...context, speaker: null, mentions: [] }) }
    ]
    return { quoteIndex, candidates }
  })
}

function featuresOf(context: FeatureContext): Record<string, number> {
  const out: Record<string, number> = {}
  for (const feature of FEATURES) {
    for (const [name, value] of Object.entries(feature(context))) {
      if (value !== 0 && Number.isFinite(value)) out[name] = value
    }
  }
  return out
}
