import { describe, expect, it } from 'vitest'
import {
  buryUntil,
  defaultSchedulerSettings,
  forecastDue,
  selectStudyQueue,
  studyDayStart,
  tzOffsetMinutesAt,
  type QueueCandidate,
  type SchedulerSettings
} from '../../../src/core/scheduling'

const NOW = Date.parse('2026-01-01T09:00:00Z')
const MINUTE = 60_000
const HOUR = 3_600_000
const DAY = 86_400_000
const settings: SchedulerSettings = { ...defaultSchedulerSettings }

function cards(prefix: string, count: number, dueOf: (i: number) => number): QueueCandidate[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, due: dueOf(i) }))
}

describe('studyDayStart and buryUntil', () => {
  it('the study day starts at the rollover hour (UTC)', () => {
    expect(studyDayStart(NOW, settings, 0)).toBe(Date.parse('2026-01-01T04:00:00Z'))
    expect(buryUntil(NOW, settings, 0)).toBe(Date.parse('2026-01-02T04:00:00Z'))
  })

  it('before the rollover hour it is still the previous study day', () => {
    const lateNight = Date.parse('2026-01-02T03:59:00Z')
    expect(studyDayStart(lateNight, settings, 0)).toBe(Date.parse('2026-01-01T04:00:00Z'))
    const atRollover = Date.parse('2026-01-02T04:00:00Z')
    expect(studyDayStart(atRollover, settings, 0)).toBe(atRollover)
  })

  it('the rollover is in local time: UTC+2 rolls over at 02:00Z, UTC-5 at 09:00Z', () => {
    expect(studyDayStart(NOW, settings, 120)).toBe(Date.parse('2026-01-01T02:00:00Z'))
    expect(studyDayStart(NOW, settings, -300)).toBe(Date.parse('2026-01-01T09:00:00Z'))
    const justBefore = NOW - 1
    expect(studyDayStart(justBefore, settings, -300)).toBe(Date.parse('2025-12-31T09:00:00Z'))
  })

  it('a different rollover hour moves the day boundary', () => {
    const midnight = { ...settings, dayRolloverHour: 0 }
    expect(studyDayStart(NOW, midnight, 0)).toBe(Date.parse('2026-01-01T00:00:00Z'))
    const noon = { ...settings, dayRolloverHour: 12 }
    expect(studyDayStart(NOW, noon, 0)).toBe(Date.parse('2025-12-31T12:00:00Z'))
    expect(buryUntil(NOW, noon, 0)).toBe(Date.parse('2026-01-01T12:00:00Z'))
  })

  it('tzOffsetMinutesAt is minutes east of UTC', () => {
    expect(tzOffsetMinutesAt(NOW)).toBe(-new Date(NOW).getTimezoneOffset() || 0)
  })
})

describe('selectStudyQueue', () => {
  const base = {
    learning: [] as QueueCandidate[],
    review: [] as QueueCandidate[],
    new: [] as QueueCandidate[],
    newDoneToday: 0,
    reviewsDoneToday: 0,
    settings,
    nowMs: NOW
  }

  it('puts due learning cards first, then reviews by due date', () => {
    const queue = selectStudyQueue({
      ...base,
      learning: [
        { id: 'l2', due: NOW - MINUTE },
        { id: 'l1', due: NOW - 5 * MINUTE }
      ],
      review: [
        { id: 'r2', due: NOW - HOUR },
        { id: 'r1', due: NOW - 2 * DAY }
      ]
    })
    expect(queue).toEqual(['l1', 'l2', 'r1', 'r2'])
  })

  it('leaves out learning cards not due within the learn-ahead window', () => {
    const queue = selectStudyQueue({
      ...base,
      learning: [
        { id: 'soon', due: NOW + 10 * MINUTE },
        { id: 'later', due: NOW + 2 * HOUR }
      ]
    })
    expect(queue).toEqual(['soon'])
  })

  it('counts reviews due before the next rollover as due today, not later ones', () => {
    const queue = selectStudyQueue({
      ...base,
      review: [
        { id: 'tonight', due: NOW + 10 * HOUR },
        { id: 'tomorrow', due: Date.parse('2026-01-02T05:00:00Z') }
      ]
    })
    expect(queue).toEqual(['tonight'])
  })

  it('honours the daily new-card limit minus what was done today', () => {
    const fresh = cards('n', 50, (i) => NOW - DAY + i)
    expect(selectStudyQueue({ ...base, new: fresh })).toHaveLength(20)
    const queue = selectStudyQueue({ ...base, new: fresh, newDoneToday: 15 })
    expect(queue).toEqual(['n0', 'n1', 'n2', 'n3', 'n4'])
    expect(selectStudyQueue({ ...base, new: fresh, newDoneToday: 25 })).toEqual([])
  })

  it('honours the daily review limit minus what was done today, most overdue first', () => {
    const review = cards('r', 300, (i) => NOW - (i + 1) * MINUTE)
    const queue = selectStudyQueue({ ...base, review, reviewsDoneToday: 190 })
    expect(queue).toEqual(
      cards('r', 300, () => 0)
        .slice(290)
        .reverse()
        .map((c) => c.id)
    )
  })

  it('learning cards are not limited by the review limit', () => {
    const queue = selectStudyQueue({
      ...base,
      learning: cards('l', 3, () => NOW - MINUTE),
      review: cards('r', 5, () => NOW - HOUR),
      reviewsDoneToday: 200
    })
    expect(queue).toEqual(['l0', 'l1', 'l2'])
  })

  it('spreads new cards among the reviews instead of leaving them to the end', () => {
    const queue = selectStudyQueue({
      ...base,
      review: cards('r', 10, (i) => NOW - HOUR + i),
      new: cards('n', 2, (i) => i)
    })
    expect(queue).toHaveLength(12)
    const positions = ['n0', 'n1'].map((id) => queue.indexOf(id))
    expect(positions[0]).toBeGreaterThan(0)
    expect(positions[1]).toBeLessThan(11)
    expect(positions[1] - positions[0]).toBeGreaterThan(2)
    // Both streams keep their own order.
    expect(queue.filter((id) => id.startsWith('r'))).toEqual(
      cards('r', 10, () => 0).map((c) => c.id)
    )
  })

  it('is deterministic: ties on due are broken by id', () => {
    const review = [
      { id: 'b', due: NOW - HOUR },
      { id: 'a', due: NOW - HOUR }
    ]
    expect(selectStudyQueue({ ...base, review })).toEqual(['a', 'b'])
  })
})

describe('forecastDue', () => {
  it('counts due cards per study day, overdue ones on today', () => {
    const dueTimes = [
      NOW - 3 * DAY,
      NOW + HOUR,
      Date.parse('2026-01-02T03:00:00Z'), // before tomorrow's rollover: still today
      Date.parse('2026-01-02T05:00:00Z'),
      Date.parse('2026-01-03T12:00:00Z'),
      Date.parse('2026-01-20T12:00:00Z') // beyond the horizon
    ]
    expect(forecastDue(dueTimes, NOW, 7, settings, 0)).toEqual([3, 1, 1, 0, 0, 0, 0])
  })

  it('returns no days for a non-positive horizon', () => {
    expect(forecastDue([NOW], NOW, 0, settings, 0)).toEqual([])
  })
})
