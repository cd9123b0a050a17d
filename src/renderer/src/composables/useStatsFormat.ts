/**
 * Numbers, shares, durations and dates in the user's locale (the browser's, `undefined` to Intl)
 * and dates in the user's time zone, for the Stats view.
 */
export interface StatsFormat {
  number(value: number, fractionDigits?: number): string
  percent(share: number | null): string
  minutes(ms: number): string
  day(epochMs: number, withYear?: boolean): string
  weekday(epochMs: number): string
}

/** Formatters for a time zone (IANA name) and, for tests, a locale. */
export function useStatsFormat(timeZone: string, locale?: string): StatsFormat {
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  const decimals = new Map<number, Intl.NumberFormat>()
  const share = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
  const day = new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric' })
  const dayWithYear = new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric'
  })
  const weekday = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short' })
  return {
    number(value, fractionDigits = 0) {
      if (fractionDigits === 0) return integer.format(value)
      let format = decimals.get(fractionDigits)
      if (!format) {
        format = new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits })
        decimals.set(fractionDigits, format)
      }
      return format.format(value)
    },
    percent(value) {
      return value === null ? '—' : share.format(value)
    },
    minutes(ms) {
      const minutes = ms / 60_000
      if (ms > 0 && minutes < 1) return `< ${integer.format(1)} min`
      return `${integer.format(Math.round(minutes))} min`
    },
    day(epochMs, withYear = false) {
      return (withYear ? dayWithYear : day).format(new Date(epochMs))
    },
    weekday(epochMs) {
      return weekday.format(new Date(epochMs))
    }
  }
}
