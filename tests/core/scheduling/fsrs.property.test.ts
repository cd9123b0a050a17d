import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import {
  applyAnswer,
  defaultSchedulerSettings,
  MemoryState,
  newSchedulingState,
  snapshot,
  type Grade,
  type SchedulerSettings,
  type SchedulingState
} from '../../../src/core/scheduling'
import { callTyped, fuzzCounter, fuzzParameters, FUZZ_TIMEOUT_MS } from '../../support/fuzz'

const START_MS = Date.UTC(2026, 0, 5, 9, 0, 0)
const MINUTE_MS = 60_000

/** A review: a grade and how long after the previous one (from seconds to a year). */
const review = fc.record({
  grade: fc.constantFrom<Grade>(1, 2, 3, 4),
  waitMs: fc.oneof(
    fc.integer({ min: 0, max: 30 * MINUTE_MS }),
    fc.integer({ min: 0, max: 400 * 24 * 60 * MINUTE_MS })
  )
})
const settingsArbitrary: fc.Arbitrary<SchedulerSettings> = fc.record({
  ...Object.fromEntries(
    Object.entries(defaultSchedulerSettings).map(([key, value]) => [key, fc.constant(value)])
  ),
  desiredRetention: fc.double({ min: 0.7, max: 0.99, noNaN: true }),
  enableFuzz: fc.boolean(),
  maximumIntervalDays: fc.integer({ min: 1, max: 36500 }),
  learningStepsMinutes: fc.array(fc.integer({ min: 1, max: 1440 }), { maxLength: 3 }),
  relearningStepsMinutes: fc.array(fc.integer({ min: 1, max: 1440 }), { maxLength: 2 })
}) as fc.Arbitrary<SchedulerSettings>

interface Step {
  before: SchedulingState
  after: SchedulingState
  nowMs: number
}

/** Replays reviews from a new card; each step keeps the exact `before` a review log would. */
function replay(
  reviews: readonly { grade: Grade; waitMs: number }[],
  settings: SchedulerSettings,
  seed: string
): Step[] {
  let state = newSchedulingState(START_MS)
  let nowMs = START_MS
  const steps: Step[] = []
  for (const { grade, waitMs } of reviews) {
    nowMs += waitMs
    const before = snapshot(state)
    state = callTyped(() => applyAnswer(state, grade, nowMs, settings, seed))
    steps.push({ before, after: state, nowMs })
  }
  return steps
}

describe('FSRS invariants over random review sequences', () => {
  const counter = fuzzCounter('fsrs')
  afterAll(() => {
    const counts = counter.report()
    expect(counts.crashes + counts.hangs + counts.untypedErrors).toBe(0)
  })

  it(
    'due ≥ review time, stability > 0, difficulty in [1, 10], undo exact, deterministic',
    { timeout: FUZZ_TIMEOUT_MS },
    () => {
      fc.assert(
        fc.property(
          fc.tuple(
            fc.array(review, { minLength: 1, maxLength: 40 }),
            settingsArbitrary,
            fc.string({ minLength: 1, maxLength: 12 })
          ),
          counter.check(
            ([reviews, settings, seed]: [
              { grade: Grade; waitMs: number }[],
              SchedulerSettings,
              string
            ]) => {
              const steps = replay(reviews, settings, seed)
              let previous = newSchedulingState(START_MS)
              for (const { before, after, nowMs } of steps) {
                expect(after.due).toBeGreaterThanOrEqual(nowMs)
                expect(after.stability).toBeGreaterThan(0)
                expect(Number.isFinite(after.stability)).toBe(true)
                expect(after.difficulty).toBeGreaterThanOrEqual(1)
                expect(after.difficulty).toBeLessThanOrEqual(10)
                expect(after.memoryState).not.toBe(MemoryState.New)
                expect(after.lastReviewedAt).toBe(nowMs)
                expect(after.reps).toBe(before.reps + 1)
                expect(after.lapses).toBeGreaterThanOrEqual(before.lapses)
                if (after.memoryState === MemoryState.Review) {
                  expect(after.due - nowMs).toBeLessThanOrEqual(
                    settings.maximumIntervalDays * 24 * 60 * MINUTE_MS
                  )
                }
                // Undo restores the exact previous card: the log's `before` is that card, untouched
                // by the answer that followed.
                expect(before).toEqual(previous)
                previous = after
              }
              // The same answers in the same order give the same states.
              expect(replay(reviews, settings, seed)).toEqual(steps)
            }
          )
        ),
        fuzzParameters()
      )
    }
  )
})
