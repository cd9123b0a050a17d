import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  BACKUP_BEFORE_UPGRADE_TEXT,
  progressText,
  showStartupStatus
} from '../../src/renderer/src/startup-status'

beforeEach(() => {
  vi.useFakeTimers()
  document.body.innerHTML = '<div id="app"></div>'
})
afterEach(() => {
  vi.useRealTimers()
})

function status(): HTMLElement | null {
  return document.querySelector('[role="status"]')
}

describe('showStartupStatus', () => {
  it('says in words what a long start-up is waiting for, and goes when it is done', () => {
    const { hide } = showStartupStatus(
      document.getElementById('app'),
      BACKUP_BEFORE_UPGRADE_TEXT,
      400
    )
    vi.advanceTimersByTime(399)
    expect(status()).toBeNull()
    vi.advanceTimersByTime(1)
    expect(status()?.textContent).toMatch(/Backing up your collection before/)
    hide()
    expect(status()).toBeNull()
  })

  it('never flashes on a quick start', () => {
    const { hide } = showStartupStatus(document.getElementById('app'), 'Starting…', 400)
    vi.advanceTimersByTime(100)
    hide()
    vi.advanceTimersByTime(1000)
    expect(status()).toBeNull()
  })

  it('does nothing without a container', () => {
    const { hide } = showStartupStatus(null, 'Starting…', 0)
    vi.advanceTimersByTime(10)
    expect(status()).toBeNull()
    hide()
  })

  it('shows how far the backup is, as a bar with its figures in words, told before or after it appears', () => {
    const shown = showStartupStatus(document.getElementById('app'), BACKUP_BEFORE_UPGRADE_TEXT, 400)
    shown.progress(0, 601_000)
    vi.advanceTimersByTime(400)
    const bar = (): HTMLProgressElement | null =>
      document.querySelector('progress[aria-label="Backup before the upgrade"]')
    expect(bar()?.max).toBe(601_000)
    expect(bar()?.value).toBe(0)
    shown.progress(120_200, 601_000)
    expect(bar()?.value).toBe(120_200)
    expect(bar()?.getAttribute('aria-valuetext')).toBe(progressText(120_200, 601_000))
    expect(status()?.textContent).toContain(progressText(120_200, 601_000))
    shown.hide()
    expect(bar()).toBeNull()
  })
})

describe('progressText', () => {
  it('gives rows done of all and the share, bounded, or only the rows when all are not known', () => {
    expect(progressText(120_200, 601_000)).toMatch(/^120.200 of 601.000 rows backed up \(20\s?%\)$/)
    expect(progressText(700, 600)).toMatch(/^600 of 600 rows backed up \(100\s?%\)$/)
    expect(progressText(2000, undefined)).toMatch(/^2.000 rows backed up$/)
    expect(progressText(0, 0)).toBe('0 rows backed up')
  })
})
