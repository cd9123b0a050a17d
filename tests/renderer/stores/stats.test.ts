import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { router } from '../../../src/renderer/src/router'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { useStatsStore } from '../../../src/renderer/src/stores/stats'
import { makeCard, NOW_MS } from '../db/fixtures'
import { useViewTestSetup } from '../study/helpers'

let db: QuotedeckDatabase
useViewTestSetup(
  (fresh) => (db = fresh),
  () => undefined
)

/** When set, the next slots read waits for it (after reading, outside its transaction). */
let slotsHeldUntil: Promise<void> | null = null

vi.mock('../../../src/renderer/src/db/stats-repo', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/renderer/src/db/stats-repo')>()
  return {
    ...original,
    loadSlots: async (...args: Parameters<typeof original.loadSlots>) => {
      const held = slotsHeldUntil
      slotsHeldUntil = null
      const slots = await original.loadSlots(...args)
      if (held) await held
      return slots
    }
  }
})

afterEach(() => {
  slotsHeldUntil = null
  vi.restoreAllMocks()
})

describe('stats store', () => {
  it('a visit joins the read already under way instead of starting a second', async () => {
    await db.cards.add(makeCard('c1', { articleId: 'a1' }))
    const stats = useStatsStore()
    const reads = vi.spyOn(db.cardTallies, 'toArray')
    const first = stats.loadForVisit()
    const second = stats.loadForVisit()
    await Promise.all([first, second])
    expect(reads).toHaveBeenCalledTimes(1)
    expect(stats.data?.queues.total).toBe(1)
    // Once it is done, the next visit reads afresh.
    await db.cards.add(makeCard('c2', { articleId: 'a1' }))
    await stats.loadForVisit()
    expect(reads).toHaveBeenCalledTimes(2)
    expect(stats.data?.queues.total).toBe(2)
  })

  it('an older read finishing after a newer one does not overwrite its figures', async () => {
    await db.cards.add(makeCard('c1', { articleId: 'a1' }))
    const stats = useStatsStore()
    let releaseOld: () => void = () => undefined
    // The first read's slots arrive only after the second read has finished.
    slotsHeldUntil = new Promise<void>((resolve) => (releaseOld = resolve))
    const older = stats.load(NOW_MS - 1000)
    await db.cards.add(makeCard('c2', { articleId: 'a1' }))
    await stats.load(NOW_MS)
    expect(stats.data?.nowMs).toBe(NOW_MS)
    releaseOld()
    await older
    expect(stats.data?.nowMs).toBe(NOW_MS)
    expect(stats.data?.queues.total).toBe(2)
    expect(stats.error).toBeNull()
    expect(stats.loading).toBe(false)
  })

  it('navigating to Stats starts the reads before the view is set up', async () => {
    const stats = useStatsStore()
    const visit = vi.spyOn(stats, 'loadForVisit')
    const host = mount(defineComponent({ render: () => h('div') }), {
      global: { plugins: [router] }
    })
    await router.push('/stats')
    await flushPromises()
    expect(visit).toHaveBeenCalled()
    host.unmount()
  })
})
