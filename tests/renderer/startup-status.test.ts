import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  BACKUP_BEFORE_UPGRADE_TEXT,
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
    const hide = showStartupStatus(document.getElementById('app'), BACKUP_BEFORE_UPGRADE_TEXT, 400)
    vi.advanceTimersByTime(399)
    expect(status()).toBeNull()
    vi.advanceTimersByTime(1)
    expect(status()?.textContent).toMatch(/Backing up your collection before/)
    hide()
    expect(status()).toBeNull()
  })

  it('never flashes on a quick start', () => {
    const hide = showStartupStatus(document.getElementById('app'), 'Starting…', 400)
    vi.advanceTimersByTime(100)
    hide()
    vi.advanceTimersByTime(1000)
    expect(status()).toBeNull()
  })

  it('does nothing without a container', () => {
    const hide = showStartupStatus(null, 'Starting…', 0)
    vi.advanceTimersByTime(10)
    expect(status()).toBeNull()
    hide()
  })
})
