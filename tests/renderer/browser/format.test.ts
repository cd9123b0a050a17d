import { describe, expect, it } from 'vitest'
import { formatDate, formatDays } from '../../../src/renderer/src/components/browser/format'

describe('browser cell formatting', () => {
  it('shows days rounded, with thousands separated, and "< 1 d" under a day', () => {
    expect(formatDays(0.4)).toBe('< 1 d')
    expect(formatDays(1)).toBe('1 d')
    expect(formatDays(12.5)).toBe('13 d')
    expect(formatDays(1234.4)).toBe('1,234 d')
    expect(formatDays(36_500)).toBe('36,500 d')
  })

  it('shows dates as YYYY-MM-DD in local time', () => {
    expect(formatDate(new Date(2026, 0, 5, 23, 59).getTime())).toBe('2026-01-05')
  })
})
