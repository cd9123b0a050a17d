import { describe, expect, it } from 'vitest'
import {
  evaluateParameters,
  isBetter,
  optimiseParameters,
  toBindingItems
} from '../../../src/main/services/fsrs-optimiser'
import {
  MIN_OPTIMISER_ITEMS,
  countTrainingItems,
  type OptimiserHistory
} from '../../../src/shared/fsrs-optimiser'
import { simulateReviewHistory } from '../../../src/core/scheduling/simulation'
import { defaultFsrsParameters } from '../../../src/core/scheduling'

const START_MS = Date.UTC(2026, 0, 5, 4)

/** A learner who forgets new cards faster than the defaults assume (lower initial stabilities). */
export function trueParameters(): number[] {
  const w = defaultFsrsParameters()
  w[0] = 0.1
  w[1] = 0.5
  w[2] = 1.0
  w[3] = 4.0
  return w
}

function historyOf(cardCount: number, days: number, seed: number): OptimiserHistory {
  const reviews = simulateReviewHistory({
    cardCount,
    days,
    trueParameters: trueParameters(),
    seed,
    startMs: START_MS
  })
  return {
    cards: reviews.map((r) => r.card),
    days: reviews.map((r) => r.day),
    grades: reviews.map((r) => r.grade)
  }
}

describe('binding adapter: items', () => {
  it('makes one item per later-day review, keeping same-day repeats in the history', () => {
    // card 0: day 0 Again, day 0 Good (same day), day 2 Good, day 7 Again; card 1: day 1 Good only
    const history: OptimiserHistory = {
      cards: [0, 0, 1, 0, 0],
      days: [0, 0, 1, 2, 7],
      grades: [1, 3, 3, 3, 1]
    }
    const items = toBindingItems(history)
    expect(items).toHaveLength(2)
    expect(items.map((item) => item.reviews.map((r) => [r.rating, r.deltaT]))).toEqual([
      [
        [1, 0],
        [3, 0],
        [3, 2]
      ],
      [
        [1, 0],
        [3, 0],
        [3, 2],
        [1, 5]
      ]
    ])
    expect(countTrainingItems(history)).toBe(2)
  })
})

describe('binding adapter: too few reviews', () => {
  it('an empty history keeps the parameters and says how many reviews are needed', async () => {
    const outcome = await optimiseParameters({
      history: { cards: [], days: [], grades: [] },
      currentParameters: null
    })
    expect(outcome.kind).toBe('kept')
    if (outcome.kind !== 'kept') return
    expect(outcome.reason).toBe('too-few-reviews')
    expect(outcome.itemsNeeded).toBe(MIN_OPTIMISER_ITEMS)
    expect(outcome.itemCount).toBe(0)
    expect(outcome.message).toContain(`at least ${MIN_OPTIMISER_ITEMS}`)
  })

  it('a tiny history (3 cards over 10 days) is too few as well', async () => {
    const history = historyOf(3, 10, 7)
    expect(history.grades.length).toBeGreaterThan(0)
    const outcome = await optimiseParameters({ history, currentParameters: null })
    expect(outcome).toMatchObject({ kind: 'kept', reason: 'too-few-reviews' })
    if (outcome.kind === 'kept') expect(outcome.itemCount).toBeLessThan(MIN_OPTIMISER_ITEMS)
  })
})

describe('binding adapter: synthetic learner', () => {
  it('fitted parameters beat the defaults on log loss and RMSE(bins)', async () => {
    const history = historyOf(300, 120, 42)
    const progress: number[] = []
    const outcome = await optimiseParameters(
      { history, currentParameters: null },
      { onProgress: (p) => progress.push(p.current / Math.max(1, p.total)), progressIntervalMs: 1 }
    )
    expect(outcome.kind).toBe('improved')
    if (outcome.kind !== 'improved') return
    expect(outcome.after.logLoss).toBeLessThan(outcome.before.logLoss)
    expect(outcome.after.rmseBins).toBeLessThan(outcome.before.rmseBins)
    expect(outcome.parameters).toHaveLength(21)
    // The first initial stability moves towards the learner's true 0.1 (default 0.212).
    expect(outcome.parameters[0]).toBeLessThan(defaultFsrsParameters()[0])
    expect(outcome.reviewCount).toBe(history.grades.length)
    console.info(
      `synthetic 300 cards / 120 days: ${outcome.reviewCount} reviews, ${outcome.itemCount} items; ` +
        `log loss ${outcome.before.logLoss.toFixed(4)} → ${outcome.after.logLoss.toFixed(4)}, ` +
        `RMSE(bins) ${outcome.before.rmseBins.toFixed(4)} → ${outcome.after.rmseBins.toFixed(4)}`
    )
  })

  it('only lower RMSE(bins) with no higher log loss counts as better', () => {
    const before = { logLoss: 0.35, rmseBins: 0.04 }
    expect(isBetter(before, { logLoss: 0.34, rmseBins: 0.03 })).toBe(true)
    expect(isBetter(before, { logLoss: 0.35, rmseBins: 0.04 })).toBe(false)
    expect(isBetter(before, { logLoss: 0.36, rmseBins: 0.03 })).toBe(false)
    expect(isBetter(before, { logLoss: 0.3, rmseBins: 0.05 })).toBe(false)
  })

  it('evaluates the true parameters better than the defaults (the simulator is sound)', () => {
    const items = toBindingItems(historyOf(300, 120, 42))
    const defaults = evaluateParameters(items, null)
    const truth = evaluateParameters(items, trueParameters())
    expect(isBetter(defaults, truth)).toBe(true)
  })
})
