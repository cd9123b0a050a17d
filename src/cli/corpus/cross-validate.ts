/** Leave-one-article-out cross-validation of the attribution ranker, and its calibration. */
import type { CorpusArticle } from './dataset'
import { fitModel, scoreWith, type ArticleResult, type ScoredDecision } from './fit'

const f3 = (x: number): string => x.toFixed(3)

/** Leave-one-article-out results: each article scored by a model that never saw it. */
export function crossValidate(articles: readonly CorpusArticle[], digest: string): ArticleResult[] {
  return articles.map((held, k) =>
    scoreWith(
      held,
      fitModel(
        articles.filter((_, j) => j !== k),
        digest
      )
    )
  )
}

/** Confidence bins → share right, over every decision. */
export function calibrationTable(results: readonly ArticleResult[]): string[] {
  const bins = calibrationBins(results.flatMap((r) => r.decisions))
  const lines = ['confidence   quotes  mean conf.  share right  gap']
  bins.forEach((b) => {
    if (b.n === 0) return
    const mean = b.meanConfidence
    const share = b.shareRight
    const range = `${b.from.toFixed(1)}–${b.to.toFixed(1)}`
    lines.push(
      `${range.padEnd(12)} ${String(b.n).padStart(6)}  ${f3(mean).padStart(10)}  ${f3(share).padStart(11)}  ${(share - mean >= 0 ? '+' : '') + f3(share - mean)}`
    )
  })
  return lines
}

/** One confidence bin of the calibration table. */
export interface CalibrationBin {
  from: number
  to: number
  n: number
  meanConfidence: number
  shareRight: number
}

/** Decisions grouped into ten confidence bins of width 0.1. */
export function calibrationBins(decisions: readonly ScoredDecision[]): CalibrationBin[] {
  const bins = Array.from({ length: 10 }, (_, i) => ({
    from: i / 10,
    to: (i + 1) / 10,
    n: 0,
    confidenceSum: 0,
    right: 0
  }))
  for (const d of decisions) {
    const bin = bins[Math.min(9, Math.floor(d.confidence * 10))]
    bin.n += 1
    bin.confidenceSum += d.confidence
    if (d.right) bin.right += 1
  }
  return bins.map((b) => ({
    from: b.from,
    to: b.to,
    n: b.n,
    meanConfidence: b.n === 0 ? 0 : b.confidenceSum / b.n,
    shareRight: b.n === 0 ? 0 : b.right / b.n
  }))
}
