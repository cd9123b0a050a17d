import type { Extraction, Quote } from '../extract/types'

/** A user's correction of one quote, keyed by the quote's span in `Article.text`. */
export interface ExtractionCorrection {
  start: number
  end: number
  /** `speaker`: reassign the quote to `speakerId` (null: nobody named); `not-quote`: drop it. */
  kind: 'speaker' | 'not-quote'
  speakerId: string | null
}

/** Rule name recorded on a quote whose speaker the user set. */
export const USER_CORRECTION_RULE = 'user-correction'

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start))
}

/**
 * The quote a correction refers to: the one with exactly its span, else the one overlapping it
 * most, provided the overlap covers most of both (a re-extraction may move a boundary slightly).
 */
function findCorrectedQuote(quotes: Quote[], correction: ExtractionCorrection): number {
  const exact = quotes.findIndex((q) => q.start === correction.start && q.end === correction.end)
  if (exact >= 0) return exact
  let best = -1
  let bestOverlap = 0
  quotes.forEach((quote, index) => {
    const shared = overlap(quote, correction)
    const enough =
      shared * 2 > quote.end - quote.start && shared * 2 > correction.end - correction.start
    if (enough && shared > bestOverlap) {
      best = index
      bestOverlap = shared
    }
  })
  return best
}

/**
 * The extraction with the user's corrections applied, in order (a later correction of the same
 * quote wins): "not a quote" spans are removed, speakers reassigned, and every speaker's
 * `quoteCount` recounted. The input is not modified.
 */
export function applyCorrections(
  extraction: Extraction,
  corrections: ExtractionCorrection[]
): Extraction {
  let quotes: Quote[] = extraction.quotes.map((q) => ({ ...q, sentence: { ...q.sentence } }))
  for (const correction of corrections) {
    const index = findCorrectedQuote(quotes, correction)
    if (index < 0) continue
    if (correction.kind === 'not-quote') {
      quotes = quotes.filter((_, i) => i !== index)
    } else {
      quotes[index] = {
        ...quotes[index],
        speaker: correction.speakerId,
        confidence: 1,
        rule: USER_CORRECTION_RULE
      }
    }
  }
  const counts = new Map<string, number>()
  for (const quote of quotes) {
    if (quote.speaker !== null) counts.set(quote.speaker, (counts.get(quote.speaker) ?? 0) + 1)
  }
  const speakers = extraction.speakers.map((speaker) => ({
    ...speaker,
    aliases: speaker.aliases.slice(),
    mentions: speaker.mentions.map((m) => ({ ...m })),
    quoteCount: counts.get(speaker.id) ?? 0
  }))
  const figures = extraction.figures.map((f) => ({ ...f, sentence: { ...f.sentence } }))
  return { articleId: extraction.articleId, speakers, quotes, figures }
}
