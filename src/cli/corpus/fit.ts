/**
 * Fitting the attribution ranker on annotated articles, and scoring a model on an article. The
 * temperature and the abstention threshold are chosen on leave-one-article-out predictions of the
 * articles given, never on the articles' own training fit.
 */
import {
  candidateScores,
  DEFAULT_TRAINING,
  RANKER_FORMAT_VERSION,
  softmax,
  trainWeights,
  type RankerModel,
  type TrainingOptions
} from '../../core/extract/ranker/model'
import { decide, decideQuote, FIRST_PASS_RULES, rankQuotes } from '../../core/extract/ranker/rerank'
import type { Extraction } from '../../core/extract/types'
import { examplesOf, type CorpusArticle } from './dataset'
import { scoreArticle, type ScoreCounts } from './score'

/** One decision of a model on one quote, for the calibration table. */
export interface ScoredDecision {
  slug: string
  quote: string
  speaker: string | null
  confidence: number
  right: boolean
}

/** A model's result on one article. */
export interface ArticleResult {
  slug: string
  counts: ScoreCounts
  problems: string[]
  decisions: ScoredDecision[]
}

const TEMPERATURES = Array.from({ length: 36 }, (_, i) => 0.25 + i * 0.1)
const THRESHOLDS = Array.from({ length: 19 }, (_, i) => i * 0.05)

function modelOf(
  weights: Record<string, number>,
  temperature: number,
  threshold: number,
  firstPassConfidence: Record<string, number>,
  articles: readonly CorpusArticle[],
  training: TrainingOptions,
  corpusDigest: string
): RankerModel {
  return {
    formatVersion: RANKER_FORMAT_VERSION,
    weights,
    temperature,
    threshold,
    firstPassConfidence,
    trainedOn: {
      articles: articles.length,
      quotes: articles.reduce((n, a) => n + a.proposed.quotes.length, 0),
      corpusDigest
    },
    training
  }
}

/** The extraction `model` gives for a corpus article (speakers re-decided, rest unchanged). */
export function extractionWith(article: CorpusArticle, model: RankerModel): Extraction {
  const ranked = rankQuotes(model, article.candidates)
  return {
    ...article.proposed,
    quotes: article.proposed.quotes.map((q, i) => {
      const d = decideQuote(q, ranked[i], model)
      return { ...q, speaker: d.speaker, confidence: d.confidence }
    })
  }
}

/** Scores `model` on one corpus article, with each decision marked right or wrong. */
export function scoreWith(article: CorpusArticle, model: RankerModel): ArticleResult {
  const extraction = extractionWith(article, model)
  const details = scoreArticle(article.gold, extraction)
  const decisions = extraction.quotes.map((q, i) => {
    const label = article.labels[i]
    const rightId = label >= 0 ? article.candidates[i].candidates[label].speakerId : undefined
    return {
      slug: article.slug,
      quote: q.text,
      speaker: q.speaker,
      confidence: q.confidence,
      right: rightId !== undefined && rightId === q.speaker
    }
  })
  return { slug: article.slug, counts: details.counts, problems: details.problems, decisions }
}

const L2_CHOICES = [0.003, 0.01, 0.03, 0.1]

/** Raw candidate scores of every quote, each article scored by weights trained without it. */
function heldOutScoresOf(
  articles: readonly CorpusArticle[],
  training: TrainingOptions
): number[][][] {
  return articles.map((held, k) => {
    const weights = trainWeights(examplesOf(articles.filter((_, j) => j !== k)), training)
    return held.candidates.map((q) =>
      candidateScores(
        weights,
        q.candidates.map((c) => c.features)
      )
    )
  })
}

/** Total log loss of held-out scores over the ranked (not first-pass) labelled quotes. */
function heldOutLoss(
  articles: readonly CorpusArticle[],
  scores: number[][][],
  temperature = 1
): number {
  let loss = 0
  articles.forEach((a, k) =>
    a.labels.forEach((label, i) => {
      if (label < 0 || FIRST_PASS_RULES.has(a.proposed.quotes[i].rule)) return
      loss -= Math.log(Math.max(softmax(scores[k][i], temperature)[label], 1e-12))
    })
  )
  return loss
}

/**
 * Fits a model on `articles`: leave-one-article-out predictions choose the temperature (lowest
 * log loss) and the threshold (highest who-said F1), then the weights are trained on them all.
 */
export function fitModel(
  articles: readonly CorpusArticle[],
  corpusDigest: string,
  training: TrainingOptions = DEFAULT_TRAINING
): RankerModel {
  // the L2 penalty with the lowest held-out log loss, then held-out scores under it
  let l2 = training.l2
  let heldOutScores = heldOutScoresOf(articles, training)
  let bestPenaltyLoss = heldOutLoss(articles, heldOutScores)
  for (const candidate of L2_CHOICES) {
    if (candidate === training.l2) continue
    const scores = heldOutScoresOf(articles, { ...training, l2: candidate })
    const loss = heldOutLoss(articles, scores)
    if (loss < bestPenaltyLoss - 1e-9) {
      bestPenaltyLoss = loss
      l2 = candidate
      heldOutScores = scores
    }
  }
  const chosen: TrainingOptions = { ...training, l2 }
  let temperature = 1
  let bestLoss = Infinity
  for (const t of TEMPERATURES) {
    const loss = heldOutLoss(articles, heldOutScores, t)
    if (loss < bestLoss - 1e-9) {
      bestLoss = loss
      temperature = t
    }
  }
  // who-said F1 from the labels (the scorer's rule, without re-matching spans for each try)
  const goldQuotes = articles.reduce((n, a) => n + a.gold.quotes.length, 0)
  const f1ByThreshold = THRESHOLDS.map((th) => {
    let truePositives = 0
    let attributed = 0
    articles.forEach((a, k) =>
      a.proposed.quotes.forEach((_, i) => {
        if (FIRST_PASS_RULES.has(a.proposed.quotes[i].rule)) return
        const speakerIds = a.candidates[i].candidates.map((c) => c.speakerId)
        const probabilities = softmax(heldOutScores[k][i], temperature)
        const d = decide({ quoteIndex: i, speakerIds, probabilities }, th)
        if (d.speaker === null) return
        attributed += 1
        const label = a.labels[i]
        if (label >= 0 && speakerIds[label] === d.speaker) truePositives += 1
      })
    )
    const precision = truePositives / Math.max(1, attributed)
    const recall = truePositives / Math.max(1, goldQuotes)
    return (2 * precision * recall) / Math.max(1e-9, precision + recall)
  })
  // the middle of the best plateau: the held-out data cannot tell its thresholds apart
  const bestF1 = Math.max(...f1ByThreshold)
  const plateau = THRESHOLDS.filter((_, i) => f1ByThreshold[i] >= bestF1 - 1e-9)
  const threshold = plateau[Math.floor((plateau.length - 1) / 2)]
  const weights = trainWeights(examplesOf(articles), chosen)
  // first-pass decisions say "nobody": right when the quote's right candidate is nobody
  const tally = new Map<string, { n: number; right: number }>()
  for (const a of articles) {
    a.proposed.quotes.forEach((q, i) => {
      if (!FIRST_PASS_RULES.has(q.rule)) return
      const label = a.labels[i]
      const right = label >= 0 && a.candidates[i].candidates[label].speakerId === null
      const t = tally.get('*') ?? { n: 0, right: 0 }
      t.n += 1
      if (right) t.right += 1
      tally.set('*', t)
    })
  }
  // one pooled share (Jeffreys prior): per rule there are too few decisions to estimate apart
  const all = tally.get('*') ?? { n: 0, right: 0 }
  const firstPassConfidence: Record<string, number> = {
    '*': Math.round(((all.right + 0.5) / (all.n + 1)) * 1000) / 1000
  }
  return modelOf(
    weights,
    temperature,
    threshold,
    firstPassConfidence,
    articles,
    chosen,
    corpusDigest
  )
}

/** The rule pass alone, as a model that always agrees with it (the baseline). */
export function rulesOnlyModel(): RankerModel {
  return modelOf(
    { 'rule.agree': 20, 'nobody.rule': 20 },
    1,
    0,
    { '*': 1 },
    [],
    DEFAULT_TRAINING,
    'none'
  )
}
