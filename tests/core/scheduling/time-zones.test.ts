import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  buryUntil,
  defaultSchedulerSettings,
  selectStudyQueue,
  studyDayEnd,
  studyDayStart,
  zoneOffsetMinutes,
  type SchedulerSettings
} from '../../../src/core/scheduling'
import { FUZZ_SEED } from '../../support/fuzz'

const HOUR_MS = 3_600_000
const settings = (dayRolloverHour: number): SchedulerSettings => ({
  ...defaultSchedulerSettings,
  dayRolloverHour
})
const NEW_YORK = 'America/New_York'
const LONDON = 'Europe/London'
const utc = (iso: string): number => Date.parse(iso)

describe('study days in the user’s zone across daylight-saving changes (2026)', () => {
  it('New York spring forward (8 March): bury until 04:00 EDT, not 05:00', () => {
    const now = utc('2026-03-08T03:00:00Z') // 22:00 EST on 7 March
    expect(buryUntil(now, settings(4), NEW_YORK)).toBe(utc('2026-03-08T08:00:00Z'))
    // The fixed offset of the evening before is an hour late on the new wall clock.
    expect(buryUntil(now, settings(4), -300)).toBe(utc('2026-03-08T09:00:00Z'))
    const start = studyDayStart(utc('2026-03-08T12:00:00Z'), settings(4), NEW_YORK)
    const end = studyDayEnd(utc('2026-03-08T12:00:00Z'), settings(4), NEW_YORK)
    expect(start).toBe(utc('2026-03-08T08:00:00Z'))
    expect(end - start).toBe(24 * HOUR_MS)
    const before = studyDayStart(utc('2026-03-08T03:00:00Z'), settings(4), NEW_YORK)
    expect(utc('2026-03-08T08:00:00Z') - before).toBe(23 * HOUR_MS)
  })

  it('New York fall back (1 November): the day that contains the change is 25 hours', () => {
    const now = utc('2026-11-01T02:00:00Z') // 22:00 EDT on 31 October
    expect(buryUntil(now, settings(4), NEW_YORK)).toBe(utc('2026-11-01T09:00:00Z')) // 04:00 EST
    const start = studyDayStart(now, settings(4), NEW_YORK)
    expect(start).toBe(utc('2026-10-31T08:00:00Z'))
    expect(studyDayEnd(now, settings(4), NEW_YORK) - start).toBe(25 * HOUR_MS)
  })

  it('London spring forward (29 March) with the rollover in the skipped hour: just after the gap', () => {
    const now = utc('2026-03-28T20:00:00Z')
    // 01:00 does not exist that night; the day starts at 02:00 BST (01:00 UTC).
    expect(buryUntil(now, settings(1), LONDON)).toBe(utc('2026-03-29T01:00:00Z'))
    expect(buryUntil(now, settings(4), LONDON)).toBe(utc('2026-03-29T03:00:00Z'))
    // Between the gap and 04:00 BST it is still the day before.
    expect(studyDayStart(utc('2026-03-29T02:30:00Z'), settings(4), LONDON)).toBe(
      utc('2026-03-28T04:00:00Z')
    )
  })

  it('London fall back (25 October) with the rollover in the repeated hour: its first time', () => {
    const now = utc('2026-10-24T20:00:00Z')
    expect(buryUntil(now, settings(1), LONDON)).toBe(utc('2026-10-25T00:00:00Z')) // 01:00 BST
    expect(studyDayStart(utc('2026-10-25T01:30:00Z'), settings(1), LONDON)).toBe(
      utc('2026-10-25T00:00:00Z')
    )
  })

  it('reads offsets through Intl, not the host zone', () => {
    expect(zoneOffsetMinutes(utc('2026-07-01T12:00:00Z'), LONDON)).toBe(60)
    expect(zoneOffsetMinutes(utc('2026-01-01T12:00:00Z'), LONDON)).toBe(0)
    expect(zoneOffsetMinutes(utc('2026-07-01T12:00:00Z'), NEW_YORK)).toBe(-240)
    expect(zoneOffsetMinutes(utc('2026-01-01T12:00:00Z'), NEW_YORK)).toBe(-300)
  })

  it('reviews due before the end of a 25-hour study day count as due today', () => {
    const now = utc('2026-11-01T02:00:00Z')
    const queue = selectStudyQueue({
      learning: [],
      review: [
        { id: 'early-est', due: utc('2026-11-01T08:30:00Z') }, // 03:30 EST: still today
        { id: 'tomorrow', due: utc('2026-11-01T09:00:00Z') } // 04:00 EST: tomorrow
      ],
      new: [],
      newDoneToday: 0,
      reviewsDoneToday: 0,
      settings: settings(4),
      nowMs: now,
      tzOffsetMinutes: NEW_YORK
    })
    expect(queue).toEqual(['early-est'])
  })

  it('for any instant, zone and rollover hour: start ≤ now < end, 23–25 hours, days chain', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: utc('2026-01-01T00:00:00Z'), max: utc('2027-01-01T00:00:00Z') }),
        fc.constantFrom(NEW_YORK, LONDON, 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'),
        fc.integer({ min: 0, max: 23 }),
        (now, zone, hour) => {
          const start = studyDayStart(now, settings(hour), zone)
          const end = studyDayEnd(now, settings(hour), zone)
          expect(start).toBeLessThanOrEqual(now)
          expect(end).toBeGreaterThan(now)
          expect(end - start).toBeGreaterThanOrEqual(23 * HOUR_MS)
          expect(end - start).toBeLessThanOrEqual(25 * HOUR_MS)
          expect(studyDayStart(end, settings(hour), zone)).toBe(end)
          expect(studyDayEnd(start - 1, settings(hour), zone)).toBe(start)
          expect(buryUntil(now, settings(hour), zone)).toBe(end)
        }
      ),
      { numRuns: 500, seed: FUZZ_SEED }
    )
  })

  it('when the clock moves backwards, the day is the one of the new time', () => {
    const later = utc('2026-03-10T15:00:00Z')
    const earlier = later - 3 * 24 * HOUR_MS
    expect(studyDayStart(earlier, settings(4), NEW_YORK)).toBeLessThan(
      studyDayStart(later, settings(4), NEW_YORK)
    )
    expect(buryUntil(earlier, settings(4), NEW_YORK)).toBe(utc('2026-03-08T08:00:00Z'))
  })
})
