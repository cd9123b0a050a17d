import { describe, expect, it } from 'vitest'
import {
  applyAnswer,
  defaultSchedulerSettings,
  formatInterval,
  isLeech,
  MemoryState,
  newSchedulingState,
  previewAnswers,
  Queue,
  retrievability,
  snapshot,
  type Grade,
  type SchedulerSettings,
  type SchedulingState
} from '../../../src/core/scheduling'

const NOW = Date.parse('2026-01-01T09:00:00Z')
const MINUTE = 60_000
const DAY = 86_400_000
const settings: SchedulerSettings = { ...defaultSchedulerSettings }
const noFuzz: SchedulerSettings = { ...defaultSchedulerSettings, enableFuzz: false }

/** A card taken through Easy and then `goods` Good answers, each on its due date. */
function matureCard(goods: number, cardSettings = settings, seed = 'card-1'): SchedulingState {
  let state = applyAnswer(newSchedulingState(NOW), 4, NOW, cardSettings, seed)
  for (let i = 0; i < goods; i++) state = applyAnswer(state, 3, state.due, cardSettings, seed)
  return state
}

describe('newSchedulingState', () => {
  it('is a new card due at creation', () => {
    const state = newSchedulingState(NOW)
    expect(state).toMatchObject({
      due: NOW,
      reps: 0,
      lapses: 0,
      memoryState: MemoryState.New,
      queue: Queue.New,
      lastReviewedAt: null,
      queueBeforeBury: null,
      buriedUntil: null
    })
  })
})

describe('first answer on a new card', () => {
  const preview = previewAnswers(newSchedulingState(NOW), NOW, settings, 'card-1')

  it('Good goes to the second learning step: 10 minutes', () => {
    expect(preview[3].intervalMs).toBe(10 * MINUTE)
    expect(preview[3].intervalLabel).toBe('10m')
    expect(preview[3].state.queue).toBe(Queue.Learning)
    expect(preview[3].state.memoryState).toBe(MemoryState.Learning)
  })

  it('Again repeats the first step (1m) and Hard is between the steps (6m)', () => {
    expect(preview[1].intervalMs).toBe(1 * MINUTE)
    expect(preview[1].intervalLabel).toBe('1m')
    expect(preview[2].intervalMs).toBe(6 * MINUTE)
  })

  it('Easy graduates to review with an interval in whole days', () => {
    expect(preview[4].state.queue).toBe(Queue.Review)
    expect(preview[4].state.memoryState).toBe(MemoryState.Review)
    expect(preview[4].intervalMs).toBeGreaterThanOrEqual(DAY)
    expect(preview[4].intervalMs % DAY).toBe(0)
    expect(preview[4].intervalLabel).toMatch(/^\d+d$/)
  })

  it('records the review time and counts the repetition', () => {
    expect(preview[3].state.lastReviewedAt).toBe(NOW)
    expect(preview[3].state.reps).toBe(1)
  })

  it('custom learning steps are honoured', () => {
    const custom = { ...settings, learningStepsMinutes: [5, 30] }
    const p = previewAnswers(newSchedulingState(NOW), NOW, custom, 'card-1')
    expect(p[1].intervalMs).toBe(5 * MINUTE)
    expect(p[3].intervalMs).toBe(30 * MINUTE)
  })
})

describe('applyAnswer', () => {
  it('gives the same state the preview promised', () => {
    const state = matureCard(2)
    const preview = previewAnswers(state, state.due, settings, 'card-1')
    for (const grade of [1, 2, 3, 4] as Grade[]) {
      expect(applyAnswer(state, grade, state.due, settings, 'card-1')).toEqual(preview[grade].state)
    }
  })

  it('does not modify the state it is given', () => {
    const state = matureCard(1)
    const copy = snapshot(state)
    applyAnswer(state, 1, state.due, settings, 'card-1')
    expect(state).toEqual(copy)
  })

  it('a lapse on a review card goes to the relearning step and counts a lapse', () => {
    const state = matureCard(2)
    const after = applyAnswer(state, 1, state.due, settings, 'card-1')
    expect(after.memoryState).toBe(MemoryState.Relearning)
    expect(after.queue).toBe(Queue.Learning)
    expect(after.lapses).toBe(state.lapses + 1)
    expect(after.due - state.due).toBe(10 * MINUTE)
  })

  it('rejects a grade outside 1..4', () => {
    expect(() => applyAnswer(newSchedulingState(NOW), 0 as Grade, NOW, settings, 'x')).toThrow(
      RangeError
    )
  })

  it('keeps a suspended card suspended, remembering where it belongs', () => {
    const state = { ...matureCard(1), queue: Queue.Suspended }
    const after = applyAnswer(state, 3, state.due, settings, 'card-1')
    expect(after.queue).toBe(Queue.Suspended)
    expect(after.queueBeforeBury).toBe(Queue.Review)
  })

  it('an answered buried card returns to its queue', () => {
    const state: SchedulingState = {
      ...matureCard(1),
      queue: Queue.Buried,
      queueBeforeBury: Queue.Review,
      buriedUntil: NOW + DAY
    }
    const after = applyAnswer(state, 3, state.due, settings, 'card-1')
    expect(after.queue).toBe(Queue.Review)
    expect(after.buriedUntil).toBeNull()
  })
})

describe('intervals', () => {
  it('are monotone in the grade for new, learning and review cards', () => {
    const learning = applyAnswer(newSchedulingState(NOW), 3, NOW, noFuzz, 'c')
    for (const state of [
      newSchedulingState(NOW),
      learning,
      matureCard(1, noFuzz),
      matureCard(3, noFuzz)
    ]) {
      const at = Math.max(state.due, NOW)
      const p = previewAnswers(state, at, noFuzz, 'c')
      expect(p[1].intervalMs).toBeLessThanOrEqual(p[2].intervalMs)
      expect(p[2].intervalMs).toBeLessThanOrEqual(p[3].intervalMs)
      expect(p[3].intervalMs).toBeLessThan(p[4].intervalMs)
    }
  })

  it('never exceed the maximum interval', () => {
    const capped = { ...settings, maximumIntervalDays: 30 }
    let state = applyAnswer(newSchedulingState(NOW), 4, NOW, capped, 'c')
    for (let i = 0; i < 12; i++) {
      const at = state.due
      state = applyAnswer(state, 4, at, capped, 'c')
      expect(state.scheduledDays).toBeLessThanOrEqual(30)
      expect(state.due - at).toBeLessThanOrEqual(30 * DAY)
    }
    expect(state.scheduledDays).toBe(30)
  })

  // Regression: ts-fsrs forces Good = Hard + 1 and Easy = Good + 1 days even at the cap, which
  // scheduled 32 days under a 30-day maximum.
  it('regression: Easy at the interval cap is not pushed past the maximum', () => {
    const capped = { ...noFuzz, maximumIntervalDays: 30 }
    const state = matureCard(6, capped, 'c')
    const preview = previewAnswers(state, state.due, capped, 'c')
    expect(preview[2].state.scheduledDays).toBe(30)
    expect(preview[3].state.scheduledDays).toBe(30)
    expect(preview[4].state.scheduledDays).toBe(30)
    expect(preview[4].intervalMs).toBe(30 * DAY)
    expect(applyAnswer(state, 4, state.due, capped, 'c').due).toBe(state.due + 30 * DAY)
  })

  it('a higher desired retention gives shorter intervals', () => {
    const strict = { ...noFuzz, desiredRetention: 0.97 }
    const relaxed = { ...noFuzz, desiredRetention: 0.8 }
    const state = matureCard(2, noFuzz)
    const strictGood = previewAnswers(state, state.due, strict, 'c')[3].intervalMs
    const defaultGood = previewAnswers(state, state.due, noFuzz, 'c')[3].intervalMs
    const relaxedGood = previewAnswers(state, state.due, relaxed, 'c')[3].intervalMs
    expect(strictGood).toBeLessThan(defaultGood)
    expect(defaultGood).toBeLessThan(relaxedGood)
  })
})

describe('fuzz', () => {
  const state = matureCard(3, settings, 'card-1')

  it('is deterministic for the same seed', () => {
    const a = applyAnswer(state, 3, state.due, settings, 'card-42')
    const b = applyAnswer(state, 3, state.due, settings, 'card-42')
    expect(a).toEqual(b)
  })

  it('does not depend on the time of day of the answer', () => {
    const sameDayLater = state.due + 6 * 3_600_000
    const morning = applyAnswer(state, 3, state.due, settings, 'card-42')
    const evening = applyAnswer(state, 3, sameDayLater, settings, 'card-42')
    expect(evening.scheduledDays).toBe(morning.scheduledDays)
  })

  it('differs between seeds', () => {
    const intervals = new Set<number>()
    for (let i = 0; i < 12; i++) {
      intervals.add(applyAnswer(state, 3, state.due, settings, `card-${i}`).scheduledDays)
    }
    expect(intervals.size).toBeGreaterThan(1)
  })

  it('is off when disabled: every seed gives the same interval', () => {
    const plain = matureCard(3, noFuzz)
    const intervals = new Set<number>()
    for (let i = 0; i < 12; i++) {
      intervals.add(applyAnswer(plain, 3, plain.due, noFuzz, `card-${i}`).scheduledDays)
    }
    expect(intervals.size).toBe(1)
  })
})

describe('undo by snapshot', () => {
  it('restores the exact previous state, due date included', () => {
    const before = matureCard(2)
    const saved = snapshot(before)
    const after = applyAnswer(before, 1, before.due + 2 * DAY, settings, 'card-1')
    expect(after.due).not.toBe(saved.due)
    expect(after).not.toEqual(saved)
    const restored = snapshot(saved)
    expect(restored).toEqual(before)
    expect(restored.due).toBe(before.due)
    expect(restored.lastReviewedAt).toBe(before.lastReviewedAt)
  })

  it('is a copy: changing it leaves the original alone', () => {
    const state = newSchedulingState(NOW)
    const copy = snapshot(state)
    copy.due = 0
    expect(state.due).toBe(NOW)
  })
})

describe('formatInterval', () => {
  it.each([
    [30_000, '<1m'],
    [MINUTE, '1m'],
    [10 * MINUTE, '10m'],
    [90 * MINUTE, '1.5h'],
    [DAY, '1d'],
    [12 * DAY, '12d'],
    [96 * DAY, '3.2mo'],
    [400 * DAY, '1.1y']
  ])('%d ms → %s', (ms, label) => {
    expect(formatInterval(ms)).toBe(label)
  })
})

describe('leeches and retrievability', () => {
  it('flags a card once its lapses reach the threshold', () => {
    const state = newSchedulingState(NOW)
    expect(isLeech({ ...state, lapses: 7 }, settings)).toBe(false)
    expect(isLeech({ ...state, lapses: 8 }, settings)).toBe(true)
  })

  it('recall probability is about the desired retention at the due date', () => {
    const state = matureCard(2, noFuzz)
    expect(retrievability(newSchedulingState(NOW), NOW)).toBe(0)
    expect(retrievability(state, state.lastReviewedAt!)).toBeCloseTo(1, 2)
    expect(retrievability(state, state.due)).toBeGreaterThan(0.85)
    expect(retrievability(state, state.due)).toBeLessThan(0.95)
  })
})
