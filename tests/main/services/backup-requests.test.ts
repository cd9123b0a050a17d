import { describe, expect, it, vi } from 'vitest'
import { createBackupRequester, createUseTimer } from '../../../src/main/services/backup-requests'

describe('createBackupRequester', () => {
  it('resolves true when the page saves the requested backup', async () => {
    vi.useFakeTimers()
    const sent: number[] = []
    const requester = createBackupRequester({
      send: (id) => {
        sent.push(id)
        return true
      },
      timeoutMs: 10_000
    })
    const saved = requester.request('quit')
    requester.settle(sent[0])
    await expect(saved).resolves.toBe(true)
    vi.useRealTimers()
  })

  it('gives up after the timeout, and at once when there is no page', async () => {
    vi.useFakeTimers()
    const requester = createBackupRequester({ send: () => true, timeoutMs: 5000 })
    const saved = requester.request('quit')
    vi.advanceTimersByTime(4999)
    let settled = false
    void saved.then(() => (settled = true))
    await Promise.resolve()
    expect(settled).toBe(false)
    vi.advanceTimersByTime(1)
    await expect(saved).resolves.toBe(false)
    const noPage = createBackupRequester({ send: () => false, timeoutMs: 5000 })
    await expect(noPage.request('auto')).resolves.toBe(false)
    vi.useRealTimers()
  })
})

describe('createUseTimer', () => {
  it('fires after 30 minutes of use, not counting time out of use', () => {
    let inUse = true
    const onDue = vi.fn()
    const timer = createUseTimer({ intervalMs: 30 * 60_000, isInUse: () => inUse, onDue })
    for (let minute = 0; minute < 20; minute += 1) timer.tick(60_000)
    inUse = false
    for (let minute = 0; minute < 120; minute += 1) timer.tick(60_000)
    expect(onDue).not.toHaveBeenCalled()
    inUse = true
    for (let minute = 0; minute < 10; minute += 1) timer.tick(60_000)
    expect(onDue).toHaveBeenCalledTimes(1)
    expect(timer.usedMs()).toBe(0)
  })
})
