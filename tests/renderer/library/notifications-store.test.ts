import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useNotificationsStore } from '../../../src/renderer/src/stores/notifications'

describe('notifications store', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    setActivePinia(createPinia())
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  it('keeps errors until dismissed and lets info messages go by themselves', () => {
    const notifications = useNotificationsStore()
    const errorId = notifications.error('That file is empty.')
    notifications.info('Added “A”.')

    vi.advanceTimersByTime(60_000)

    expect(notifications.items.map((item) => item.message)).toEqual(['That file is empty.'])
    notifications.dismiss(errorId)
    expect(notifications.items).toEqual([])
  })

  it('gives an Undo message longer to be noticed than a plain one', () => {
    const notifications = useNotificationsStore()
    notifications.info('Plain.')
    notifications.info('Removed “A”.', { action: { label: 'Undo', run: () => {} } })

    vi.advanceTimersByTime(7000)
    expect(notifications.items.map((item) => item.message)).toEqual(['Removed “A”.'])
    vi.advanceTimersByTime(4000)
    expect(notifications.items).toEqual([])
  })

  it('shows a repeated error once and never more than four messages', () => {
    const notifications = useNotificationsStore()
    notifications.error('Same.')
    notifications.error('Same.')
    expect(notifications.items).toHaveLength(1)

    for (const n of [1, 2, 3, 4, 5]) notifications.error(`Error ${n}.`)
    expect(notifications.items.map((item) => item.message)).toEqual([
      'Error 2.',
      'Error 3.',
      'Error 4.',
      'Error 5.'
    ])
  })

  it('runs an action once and dismisses its message', async () => {
    const notifications = useNotificationsStore()
    const run = vi.fn()
    const id = notifications.info('Removed.', { action: { label: 'Undo', run } })
    await notifications.runAction(id)
    await notifications.runAction(id)
    expect(run).toHaveBeenCalledTimes(1)
    expect(notifications.items).toEqual([])
  })
})
