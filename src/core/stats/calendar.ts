/**
 * Study days in a time zone, fast. `studyDayStart` (core/scheduling) is exact but asks Intl for
 * the wall clock several times per call, too slow for the thousands of days and slots a Stats
 * view groups. A zone's offset changes only a few times a year, so this finds those changes once
 * (sampling the offset every few days and narrowing each change to the minute), then computes
 * day starts by arithmetic; days within a day of a change still go through `studyDayStart`, so
 * the result is exactly `studyDayStart`'s everywhere. Memoised per zone and rollover hour.
 */
import {
  studyDayStart,
  zoneOffsetMinutes,
  type SchedulerSettings,
  type TimeZoneSpec
} from '../scheduling'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS
/** Offset changes are months apart; sampling every 6 days cannot miss one. */
const SAMPLE_MS = 6 * DAY_MS
/** Closer than this to an offset change, a day start is computed the exact (slow) way. */
const NEAR_CHANGE_MS = 27 * HOUR_MS

/** Study-day arithmetic for one zone and rollover hour. */
export interface StudyCalendar {
  /** Minutes east of UTC at an instant. */
  offsetMinutes(epochMs: number): number
  /** Start of the study day containing an instant (= `studyDayStart`). */
  dayStart(epochMs: number): number
  /** Start of the study day `days` after the one containing an instant (negative: before). */
  dayStartFrom(epochMs: number, days: number): number
}

function fixedCalendar(settings: SchedulerSettings, offset: number): StudyCalendar {
  return {
    offsetMinutes: () => offset,
    dayStart: (epochMs) => studyDayStart(epochMs, settings, offset),
    dayStartFrom(epochMs, days) {
      return studyDayStart(epochMs, settings, offset) + days * DAY_MS
    }
  }
}

function zoneCalendar(settings: SchedulerSettings, timeZone: string): StudyCalendar {
  const rolloverMs = settings.dayRolloverHour * HOUR_MS
  /** Instants (minute-exact) at which the offset changes, ascending, with the offset from then. */
  const changes: Array<{ atMs: number; offset: number }> = []
  let lowMs = NaN
  let highMs = NaN
  let lowOffset = 0
  let highOffset = 0

  /** The first minute in (fromMs, toMs] whose offset differs from fromMs's (they do differ). */
  const findChange = (fromMs: number, toMs: number, fromOffset: number): number => {
    let low = fromMs
    let high = toMs
    while (high - low > MINUTE_MS) {
      const middle = Math.floor((low + high) / 2 / MINUTE_MS) * MINUTE_MS
      if (middle <= low) break
      if (zoneOffsetMinutes(middle, timeZone) === fromOffset) low = middle
      else high = middle
    }
    return high
  }

  const cover = (epochMs: number): void => {
    if (Number.isNaN(lowMs)) {
      lowMs = Math.floor(epochMs / MINUTE_MS) * MINUTE_MS
      highMs = lowMs
      lowOffset = highOffset = zoneOffsetMinutes(lowMs, timeZone)
    }
    while (epochMs >= highMs) {
      const next = highMs + SAMPLE_MS
      const offset = zoneOffsetMinutes(next, timeZone)
      if (offset !== highOffset) {
        changes.push({ atMs: findChange(highMs, next, highOffset), offset })
      }
      highMs = next
      highOffset = offset
    }
    while (epochMs < lowMs) {
      const previous = lowMs - SAMPLE_MS
      const offset = zoneOffsetMinutes(previous, timeZone)
      if (offset !== lowOffset) {
        changes.unshift({ atMs: findChange(previous, lowMs, offset), offset: lowOffset })
      }
      lowMs = previous
      lowOffset = offset
    }
  }

  /** Index of the last change at or before an instant (-1: before every known change). */
  const changeIndex = (epochMs: number): number => {
    let low = 0
    let high = changes.length - 1
    let found = -1
    while (low <= high) {
      const middle = (low + high) >> 1
      if (changes[middle].atMs <= epochMs) {
        found = middle
        low = middle + 1
      } else {
        high = middle - 1
      }
    }
    return found
  }

  const offsetMinutes = (epochMs: number): number => {
    cover(epochMs - NEAR_CHANGE_MS)
    cover(epochMs + NEAR_CHANGE_MS)
    const index = changeIndex(epochMs)
    return index < 0 ? lowOffset : changes[index].offset
  }

  const nearChange = (epochMs: number): boolean => {
    const index = changeIndex(epochMs)
    const before = index >= 0 ? changes[index].atMs : -Infinity
    const after = index + 1 < changes.length ? changes[index + 1].atMs : Infinity
    return epochMs - before < NEAR_CHANGE_MS || after - epochMs < NEAR_CHANGE_MS
  }

  const dayStart = (epochMs: number): number => {
    const offsetMs = offsetMinutes(epochMs) * MINUTE_MS
    if (nearChange(epochMs)) return studyDayStart(epochMs, settings, timeZone)
    const shifted = epochMs + offsetMs - rolloverMs
    return Math.floor(shifted / DAY_MS) * DAY_MS + rolloverMs - offsetMs
  }

  return {
    offsetMinutes,
    dayStart,
    dayStartFrom(epochMs, days) {
      // Noon of the wanted day, then back to its rollover: right across 23- and 25-hour days.
      return dayStart(dayStart(epochMs) + days * DAY_MS + 12 * HOUR_MS)
    }
  }
}

const calendars = new Map<string, StudyCalendar>()

/** The (memoised) study calendar of a zone or fixed offset and a rollover hour. */
export function studyCalendar(settings: SchedulerSettings, timeZone: TimeZoneSpec): StudyCalendar {
  if (typeof timeZone === 'number') return fixedCalendar(settings, timeZone)
  const key = `${timeZone}|${settings.dayRolloverHour}`
  let calendar = calendars.get(key)
  if (!calendar) {
    calendar = zoneCalendar(settings, timeZone)
    calendars.set(key, calendar)
  }
  return calendar
}
