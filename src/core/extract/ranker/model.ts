/**
 * The attribution ranker: a conditional logit (multinomial logistic regression over each quote's
 * candidates). A candidate's score is the dot product of its named features with the weights;
 * a softmax over the quote's candidates turns scores into probabilities, sharpened or softened
 * by a temperature fitted on cross-validation so that they are calibrated.
 */

/** Version of the model file format; bump when features or the format change meaning. */
export const RANKER_FORMAT_VERSION = 1

/** The learned model as `npm run train` writes it. */
export interface RankerModel {
  formatVersion: number
  /** Feature name → weight. Features the model never saw weigh nothing. */
  weights: Record<string, number>
  /** Divides every score before the softmax; fitted on cross-validated predictions. */
  temperature: number
  /** Below this probability the best named candidate is not trusted: the quote stays unattributed. */
  threshold: number
  /**
   * The share of first-pass decisions (headings, titles, nicknames, labels, unnamed sources)
   * that were right on the training articles, under the key `*` (a rule's own key, if present,
   * takes precedence): their confidence.
   */
  firstPassConfidence: Record<string, number>
  /** What it was trained on, for the record. */
  trainedOn: { articles: number; quotes: number; corpusDigest: string }
  /** Training settings, so the same corpus gives the same weights. */
  training: TrainingOptions
}

/** One quote's candidates (feature maps) and which of them is right. */
export interface TrainingExample {
  candidates: readonly Record<string, number>[]
  correct: number
}

/** Settings of {@link trainWeights}. */
export interface TrainingOptions {
  iterations: number
  learningRate: number
  /** L2 penalty per weight. */
  l2: number
}

/** Defaults chosen so that training converges on a corpus of a few hundred quotes. */
export const DEFAULT_TRAINING: TrainingOptions = { iterations: 400, learningRate: 0.3, l2: 0.01 }

/** Scores of one quote's candidates under `weights`. */
export function candidateScores(
  weights: Readonly<Record<string, number>>,
  candidates: readonly Record<string, number>[]
): number[] {
  return candidates.map((features) => {
    let score = 0
    for (const name in features) score += (weights[name] ?? 0) * features[name]
    return score
  })
}

/** Softmax of `scores / temperature`, computed stably. */
export function softmax(scores: readonly number[], temperature = 1): number[] {
  const scaled = scores.map((s) => s / temperature)
  const top = Math.max(...scaled)
  const exps = scaled.map((s) => Math.exp(s - top))
  const sum = exps.reduce((a, b) => a + b, 0)
  return exps.map((e) => e / sum)
}

/**
 * Learns weights by full-batch gradient descent with AdaGrad step sizes on the mean negative
 * log-likelihood plus an L2 penalty. Deterministic: weights start at zero, examples and feature
 * names are visited in a fixed order, so the same examples always give the same weights.
 * Examples whose right candidate is unknown (`correct < 0`) are skipped.
 */
export function trainWeights(
  examples: readonly TrainingExample[],
  options: TrainingOptions = DEFAULT_TRAINING
): Record<string, number> {
  const usable = examples.filter((e) => e.correct >= 0 && e.correct < e.candidates.length)
  const names = [...new Set(usable.flatMap((e) => e.candidates.flatMap(Object.keys)))].sort()
  const index = new Map(names.map((name, i) => [name, i]))
  // flat sparse rows: candidate c of example e owns entries rowStart[c]..rowStart[c + 1]
  const featureIndex: number[] = []
  const featureValue: number[] = []
  const rowStart: number[] = [0]
  const exampleStart: number[] = [0]
  const correct: number[] = []
  for (const e of usable) {
    for (const features of e.candidates) {
      for (const name of Object.keys(features).sort()) {
        featureIndex.push(index.get(name)!)
        featureValue.push(features[name])
      }
      rowStart.push(featureIndex.length)
    }
    exampleStart.push(rowStart.length - 1)
    correct.push(e.correct)
  }
  const fi = Int32Array.from(featureIndex)
  const fv = Float64Array.from(featureValue)
  const weights = new Float64Array(names.length)
  const squaredGradients = new Float64Array(names.length)
  const gradient = new Float64Array(names.length)
  const scores = new Float64Array(rowStart.length)
  const count = Math.max(1, usable.length)
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    gradient.fill(0)
    for (let e = 0; e < usable.length; e++) {
      const first = exampleStart[e]
      const last = exampleStart[e + 1]
      let top = -Infinity
      for (let c = first; c < last; c++) {
        let score = 0
        for (let k = rowStart[c]; k < rowStart[c + 1]; k++) score += weights[fi[k]] * fv[k]
        scores[c] = score
        if (score > top) top = score
      }
      let total = 0
      for (let c = first; c < last; c++) {
        scores[c] = Math.exp(scores[c] - top)
        total += scores[c]
      }
      for (let c = first; c < last; c++) {
        const residual = scores[c] / total - (c - first === correct[e] ? 1 : 0)
        if (residual === 0) continue
        for (let k = rowStart[c]; k < rowStart[c + 1]; k++)
          gradient[fi[k]] += (residual * fv[k]) / count
      }
    }
    for (let i = 0; i < names.length; i++) {
      const g = gradient[i] + 2 * options.l2 * weights[i]
      squaredGradients[i] += g * g
      weights[i] -= (options.learningRate * g) / (Math.sqrt(squaredGradients[i]) + 1e-8)
    }
  }
  const out: Record<string, number> = {}
  names.forEach((name, i) => {
    const rounded = Math.round(weights[i] * 1e6) / 1e6
    if (rounded !== 0) out[name] = rounded
  })
  return out
}

/** Mean negative log-likelihood of the right candidates (examples with a known answer). */
export function logLoss(
  examples: readonly TrainingExample[],
  weights: Readonly<Record<string, number>>,
  temperature = 1
): number {
  let total = 0
  let count = 0
  for (const e of examples) {
    if (e.correct < 0) continue
    const p = softmax(candidateScores(weights, e.candidates), temperature)[e.correct]
    total -= Math.log(Math.max(p, 1e-12))
    count += 1
  }
  return count === 0 ? 0 : total / count
}
