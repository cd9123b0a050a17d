import type { Article } from '../../article/types'
import type { Extraction, Quote } from '../types'
import { buildCandidates, type QuoteCandidates } from './candidates'
import type { Token } from '../tokens'
import { candidateScores, softmax, type RankerModel } from './model'

/**
 * Rule-pass decisions that are near-certain and stand without ranking: a quote in a heading, a
 * quoted title, nickname or label, and the words of an unnamed source ("said his brother", "a
 * witness said") are said by nobody named. Few articles have them, so a model trained on the
 * others cannot learn them well, and crediting them to the nearest name is the worst mistake.
 */
export const FIRST_PASS_RULES: ReadonlySet<string> = new Set([
  'heading',
  'title',
  'nickname',
  'label',
  'unnamed-source'
])

/** The confidence of a first-pass decision made by `rule`. */
export function firstPassConfidenceOf(model: RankerModel, rule: string): number {
  return model.firstPassConfidence[rule] ?? model.firstPassConfidence['*'] ?? 0.5
}

/** The ranker's view of one quote: each candidate's calibrated probability. */
export interface RankedQuote {
  quoteIndex: number
  speakerIds: (string | null)[]
  probabilities: number[]
}

/** Ranks the candidates of every quote of a rule-pass extraction. */
export function rankQuotes(
  model: RankerModel,
  candidates: readonly QuoteCandidates[]
): RankedQuote[] {
  return candidates.map(({ quoteIndex, candidates: list }) => ({
    quoteIndex,
    speakerIds: list.map((c) => c.speakerId),
    probabilities: softmax(
      candidateScores(
        model.weights,
        list.map((c) => c.features)
      ),
      model.temperature
    )
  }))
}

/**
 * The decision for one ranked quote: the most probable candidate when it is nobody, or when it
 * is a speaker whose probability reaches `threshold`; otherwise nobody (the user can assign it).
 * The confidence is the probability of what was decided.
 */
export function decide(
  ranked: RankedQuote,
  threshold: number
): { speaker: string | null; confidence: number; abstained: boolean } {
  let best = 0
  ranked.probabilities.forEach((p, i) => {
    if (p > ranked.probabilities[best]) best = i
  })
  const speaker = ranked.speakerIds[best]
  const probability = ranked.probabilities[best]
  if (speaker !== null && probability < threshold) {
    const nobody = ranked.speakerIds.indexOf(null)
    return {
      speaker: null,
      confidence: nobody >= 0 ? ranked.probabilities[nobody] : 1 - probability,
      abstained: true
    }
  }
  return { speaker, confidence: probability, abstained: false }
}

/**
 * The model's decision for one quote of the rule pass: a first-pass decision stands with the
 * model's first-pass confidence; any other is decided from the ranking.
 */
export function decideQuote(
  quote: Quote,
  ranked: RankedQuote,
  model: RankerModel
): { speaker: string | null; confidence: number; abstained: boolean } {
  if (FIRST_PASS_RULES.has(quote.rule))
    return {
      speaker: quote.speaker,
      confidence: firstPassConfidenceOf(model, quote.rule),
      abstained: false
    }
  return decide(ranked, model.threshold)
}

/**
 * Re-decides the speaker of every quote of a rule-pass extraction with the learned ranker. The
 * rule pass proposes (its choice and rule are features); the model decides. Quote counts of the
 * speakers follow the new decisions.
 */
export function rerankExtraction(
  article: Article,
  extraction: Extraction,
  model: RankerModel,
  tokenLists?: readonly Token[][]
): Extraction {
  const ranked = rankQuotes(model, buildCandidates(article, extraction, tokenLists))
  const quotes: Quote[] = extraction.quotes.map((quote, index) => {
    const decision = decideQuote(quote, ranked[index], model)
    const changed = decision.speaker !== quote.speaker
    return {
      ...quote,
      speaker: decision.speaker,
      confidence: Math.round(decision.confidence * 100) / 100,
      rule: !changed ? quote.rule : decision.abstained ? 'ranker-abstained' : 'ranker',
      cue: changed ? null : quote.cue
    }
  })
  const counts = new Map<string, number>()
  for (const q of quotes)
    if (q.speaker !== null) counts.set(q.speaker, (counts.get(q.speaker) ?? 0) + 1)
  return {
    ...extraction,
    quotes,
    speakers: extraction.speakers.map((s) => ({ ...s, quoteCount: counts.get(s.id) ?? 0 }))
  }
}
