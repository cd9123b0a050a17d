import { describe, expect, it } from 'vitest'
import { quizGradeToFsrs, shouldSchedule } from '../../../src/core/quiz/mapping'
import { Queue } from '../../../src/core/scheduling/types'

const nowMs = Date.UTC(2026, 10, 28, 12, 0, 0)
const hourMs = 3_600_000

describe('quizGradeToFsrs', () => {
  it('maps wrong to Again and right to Good, never Easy', () => {
    expect(quizGradeToFsrs(false)).toBe(1)
    expect(quizGradeToFsrs(true)).toBe(3)
  })
})

describe('shouldSchedule', () => {
  const base = { nowMs, quizFeedsScheduler: true, isRedrill: false }

  it('schedules new cards and cards that are due', () => {
    expect(shouldSchedule({ ...base, card: { queue: Queue.New, due: nowMs + 99 * hourMs } })).toBe(
      true
    )
    expect(shouldSchedule({ ...base, card: { queue: Queue.Review, due: nowMs - hourMs } })).toBe(
      true
    )
    expect(shouldSchedule({ ...base, card: { queue: Queue.Review, due: nowMs } })).toBe(true)
    expect(shouldSchedule({ ...base, card: { queue: Queue.Learning, due: nowMs - 1 } })).toBe(true)
  })

  it('keeps cards that are not due yet out of the scheduler', () => {
    expect(shouldSchedule({ ...base, card: { queue: Queue.Review, due: nowMs + hourMs } })).toBe(
      false
    )
    expect(shouldSchedule({ ...base, card: { queue: Queue.Learning, due: nowMs + 60_000 } })).toBe(
      false
    )
  })

  it('never schedules suspended or buried cards', () => {
    expect(shouldSchedule({ ...base, card: { queue: Queue.Suspended, due: nowMs - hourMs } })).toBe(
      false
    )
    expect(shouldSchedule({ ...base, card: { queue: Queue.Buried, due: nowMs - hourMs } })).toBe(
      false
    )
  })

  it('treats every answer as practice when the setting is off', () => {
    const card = { queue: Queue.New, due: nowMs }
    expect(shouldSchedule({ ...base, quizFeedsScheduler: false, card })).toBe(false)
  })

  it('treats re-drills as practice even for due cards', () => {
    const card = { queue: Queue.Review, due: nowMs - hourMs }
    expect(shouldSchedule({ ...base, isRedrill: true, card })).toBe(false)
  })
})
