import { describe, expect, it } from 'vitest'
import {
  applyAnswer,
  defaultFsrsParameters,
  defaultSchedulerSettings,
  MemoryState,
  newSchedulingState,
  Queue,
  rescheduleState,
  type SchedulingState
} from '../../../src/core/scheduling'
import { optimiserHistoryFromLogs } from '../../../src/core/scheduling/optimiser-history'
import { estimateWorkload, simulateReviewHistory } from '../../../src/core/scheduling/simulation'
import { countTrainingItems } from '../../../src/shared/fsrs-optimiser'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
const NOW_MS = Date.UTC(2026, 2, 10, 12)

function reviewCard(stability: number, lastReviewDaysAgo: number): SchedulingState {
  return {
    ...newSchedulingState(NOW_MS - 100 * DAY_MS),
    memoryState: MemoryState.Review,
    queue: Queue.Review,
    stability,
    difficulty: 5,
    reps: 4,
    lastReviewedAt: NOW_MS - lastReviewDaysAgo * DAY_MS,
    elapsedDays: 0,
    scheduledDays: 10,
    due: NOW_MS + 2 * DAY_MS
  }
}

describe('the scheduler uses stored FSRS parameters', () => {
  it('a first Good gives the interval the parameters say', () => {
    const settings = { ...defaultSchedulerSettings, enableFuzz: false, learningStepsMinutes: [] }
    const w = defaultFsrsParameters()
    w[2] = 20 // initial stability after Good: 20 days
    const withDefaults = applyAnswer(newSchedulingState(NOW_MS), 3, NOW_MS, settings, 'c')
    const withFitted = applyAnswer(
      newSchedulingState(NOW_MS),
      3,
      NOW_MS,
      { ...settings, fsrsParameters: w },
      'c'
    )
    expect(withFitted.stability).toBeCloseTo(20, 5)
    expect(withFitted.scheduledDays).toBeGreaterThan(withDefaults.scheduledDays)
  })
})

describe('rescheduleState', () => {
  it('moves a review card to the interval of the new retention, from its last review', () => {
    const card = reviewCard(30, 5)
    const settings = { ...defaultSchedulerSettings, enableFuzz: false }
    const at90 = rescheduleState(card, settings, 'c')
    const at97 = rescheduleState(card, { ...settings, desiredRetention: 0.97 }, 'c')
    expect(at90.due).toBe(card.lastReviewedAt! + at90.scheduledDays * DAY_MS)
    expect(at97.scheduledDays).toBeLessThan(at90.scheduledDays)
    const capped = rescheduleState(card, { ...settings, maximumIntervalDays: 7 }, 'c')
    expect(capped.scheduledDays).toBe(7)
  })

  it('leaves new and learning cards alone', () => {
    const fresh = newSchedulingState(NOW_MS)
    expect(rescheduleState(fresh, defaultSchedulerSettings, 'c')).toBe(fresh)
  })
})

describe('estimateWorkload', () => {
  const cards = Array.from({ length: 200 }, (_, i) => reviewCard(2 + (i % 40), i % 10))
  const input = {
    cards,
    newCardCount: 100,
    settings: { ...defaultSchedulerSettings },
    nowMs: NOW_MS,
    seed: 7
  }

  it('is the same for the same seed, and grows with the desired retention', () => {
    const at90 = estimateWorkload(input)
    expect(estimateWorkload(input)).toEqual(at90)
    const at80 = estimateWorkload({
      ...input,
      settings: { ...input.settings, desiredRetention: 0.8 }
    })
    const at97 = estimateWorkload({
      ...input,
      settings: { ...input.settings, desiredRetention: 0.97 }
    })
    expect(at80.reviewsPerYear).toBeLessThan(at90.reviewsPerYear)
    expect(at97.reviewsPerYear).toBeGreaterThan(at90.reviewsPerYear)
    expect(at90.reviewsPerDay).toBeCloseTo(at90.reviewsPerYear / 365, 6)
    expect(at90.simulatedCards).toBe(300)
  })

  it('samples a large collection and scales the count back up', () => {
    const sampled = estimateWorkload({ ...input, newCardCount: 0, sampleSize: 50 })
    const full = estimateWorkload({ ...input, newCardCount: 0 })
    expect(sampled.simulatedCards).toBe(50)
    expect(sampled.reviewsPerYear / full.reviewsPerYear).toBeGreaterThan(0.7)
    expect(sampled.reviewsPerYear / full.reviewsPerYear).toBeLessThan(1.3)
  })

  it('scales a given sample to the studied cards it stands for (studiedTotal)', () => {
    const sample = estimateWorkload({ ...input, newCardCount: 0 })
    const tenTimes = estimateWorkload({ ...input, newCardCount: 0, studiedTotal: 2000 })
    expect(tenTimes.simulatedCards).toBe(200)
    expect(tenTimes.reviewsPerYear).toBeCloseTo(sample.reviewsPerYear * 10, 6)
  })

  it('no cards: no work', () => {
    expect(estimateWorkload({ ...input, cards: [], newCardCount: 0 }).reviewsPerYear).toBe(0)
  })
})

describe('optimiserHistoryFromLogs', () => {
  const settings = { ...defaultSchedulerSettings, dayRolloverHour: 4 }
  const log = (
    cardId: string,
    reviewedAt: number,
    grade: 1 | 2 | 3 | 4,
    source: 'study' | 'quiz' | 'practice' = 'study'
  ): { cardId: string; reviewedAt: number; grade: 1 | 2 | 3 | 4; source: typeof source } => ({
    cardId,
    reviewedAt,
    grade,
    source
  })

  it('leaves practice out, numbers cards, orders by time and counts days from 4 a.m.', () => {
    const day0 = Date.UTC(2026, 2, 10, 10)
    const history = optimiserHistoryFromLogs(
      [
        log('b', day0 + 2 * DAY_MS, 3),
        log('a', day0, 3),
        log('a', day0 + 1 * HOUR_MS, 1, 'practice'),
        // 03:00 the next calendar day is still the same study day (day starts at 4 a.m. UTC)
        log('a', day0 + 17 * HOUR_MS, 3, 'quiz'),
        log('a', day0 + 19 * HOUR_MS, 4)
      ],
      settings,
      'UTC'
    )
    expect(history.cards).toEqual([0, 0, 0, 1])
    expect(history.grades).toEqual([3, 3, 4, 3])
    const [first, second, third] = history.days
    expect(second - first).toBe(0)
    expect(third - first).toBe(1)
    expect(countTrainingItems(history)).toBe(1)
  })

  it('a simulated history gives training items the optimiser can use', () => {
    const reviews = simulateReviewHistory({
      cardCount: 30,
      days: 30,
      trueParameters: defaultFsrsParameters(),
      seed: 1,
      startMs: Date.UTC(2026, 0, 1, 4)
    })
    const history = optimiserHistoryFromLogs(
      reviews.map((r) => log(`c${r.card}`, r.reviewedAt, r.grade)),
      settings,
      'UTC'
    )
    expect(history.grades).toHaveLength(reviews.length)
    expect(countTrainingItems(history)).toBeGreaterThan(30)
  })
})
