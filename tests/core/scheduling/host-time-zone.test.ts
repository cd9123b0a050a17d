import { afterAll, describe, expect, it } from 'vitest'
import {
  buryUntil,
  defaultSchedulerSettings,
  localTimeZone,
  tzOffsetMinutesAt
} from '../../../src/core/scheduling'

/**
 * The app passes `localTimeZone()`: with the host's TZ set to each zone (Node re-reads TZ when it
 * is assigned), burial on the evening before a change ends at the new wall clock's 04:00.
 */
const originalTz = process.env.TZ
afterAll(() => {
  process.env.TZ = originalTz
})

describe.each([
  ['America/New_York', '2026-03-08T03:00:00Z', '2026-03-08T08:00:00Z', -300],
  ['America/New_York', '2026-11-01T02:00:00Z', '2026-11-01T09:00:00Z', -240],
  ['Europe/London', '2026-03-28T20:00:00Z', '2026-03-29T03:00:00Z', 0],
  ['Europe/London', '2026-10-24T20:00:00Z', '2026-10-25T04:00:00Z', 60]
])('TZ=%s, buried at %s', (zone, nowIso, expectedIso, offsetBefore) => {
  it(`comes back at ${expectedIso}`, () => {
    process.env.TZ = zone
    const now = Date.parse(nowIso)
    expect(localTimeZone()).toBe(zone)
    expect(tzOffsetMinutesAt(now)).toBe(offsetBefore)
    expect(new Date(buryUntil(now, defaultSchedulerSettings, localTimeZone())).toISOString()).toBe(
      new Date(Date.parse(expectedIso)).toISOString()
    )
    // Local wall clock of the result is the rollover hour, read through the host's own Date.
    expect(new Date(buryUntil(now, defaultSchedulerSettings, localTimeZone())).getHours()).toBe(4)
  })
})
