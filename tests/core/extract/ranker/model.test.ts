import { describe, expect, it } from 'vitest'
import {
  candidateScores,
  logLoss,
  softmax,
  trainWeights,
  type TrainingExample
} from '../../../../src/core/extract/ranker/model'

/** A toy ranking task: the right candidate carries `cue`, distractors carry `near` or nothing. */
function toyExamples(count: number): TrainingExample[] {
  return Array.from({ length: count }, (_, i) => {
    const candidates: Record<string, number>[] = [{ near: 1 }, { cue: 1, near: i % 2 }, { bias: 1 }]
    return { candidates, correct: 1 }
  })
}

describe('softmax', () => {
  it('sums to one and keeps order, even for large scores', () => {
    const p = softmax([1000, 999, 0])
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
    expect(p[0]).toBeGreaterThan(p[1])
    expect(p[2]).toBeCloseTo(0, 12)
  })

  it('flattens with a higher temperature', () => {
    expect(softmax([2, 0], 4)[0]).toBeLessThan(softmax([2, 0], 1)[0])
  })
})

describe('trainWeights', () => {
  it('learns to rank the candidate with the telling feature first', () => {
    const examples = toyExamples(20)
    const weights = trainWeights(examples)
    expect(weights.cue).toBeGreaterThan(0)
    for (const e of examples) {
      const scores = candidateScores(weights, e.candidates)
      expect(scores.indexOf(Math.max(...scores))).toBe(1)
    }
    expect(logLoss(examples, weights)).toBeLessThan(logLoss(examples, {}))
  })

  it('gives the same weights for the same examples (reproducible training)', () => {
    expect(trainWeights(toyExamples(9))).toEqual(trainWeights(toyExamples(9)))
  })

  it('skips examples whose right candidate is unknown', () => {
    const unknown: TrainingExample = { candidates: [{ cue: 1 }, { near: 1 }], correct: -1 }
    expect(trainWeights([...toyExamples(5), unknown])).toEqual(trainWeights(toyExamples(5)))
  })

  it('keeps weights small with a strong L2 penalty', () => {
    const loose = trainWeights(toyExamples(10), { iterations: 200, learningRate: 0.3, l2: 0.001 })
    const tight = trainWeights(toyExamples(10), { iterations: 200, learningRate: 0.3, l2: 1 })
    expect(Math.abs(tight.cue)).toBeLessThan(Math.abs(loose.cue))
  })
})
