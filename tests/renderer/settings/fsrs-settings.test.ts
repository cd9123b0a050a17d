import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { applyLogsToSlots } from '../../../src/renderer/src/db/review-slots-repo'
import type { AppApi, MenuCommand } from '../../../src/shared/api'
import type { OptimiseOutcome, OptimiseRequest } from '../../../src/shared/fsrs-optimiser'
import type { Result } from '../../../src/shared/result'
import { defaultFsrsParameters } from '../../../src/core/scheduling'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import {
  loadFsrsParameterState,
  loadSchedulerSettings,
  saveFsrsParameterState
} from '../../../src/renderer/src/db/study-settings-repo'
import FsrsSettings from '../../../src/renderer/src/components/settings/FsrsSettings.vue'
import { DAY_MS, NOW_MS, makeCard, reviewState } from '../db/fixtures'
import { getByRole, queryByRole, useViewTestSetup } from '../study/helpers'

/** Counts the workload simulations (the real one runs). */
const simulations = vi.hoisted(() => ({ count: 0 }))
vi.mock('../../../src/core/scheduling/simulation', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/core/scheduling/simulation')>()
  return {
    ...actual,
    estimateWorkload: (...args: Parameters<typeof actual.estimateWorkload>) => {
      simulations.count += 1
      return actual.estimateWorkload(...args)
    }
  }
})

let db: QuotedeckDatabase
let wrapper: VueWrapper | null = null
let listeners: ((command: MenuCommand) => void)[] = []

useViewTestSetup(
  (fresh) => (db = fresh),
  () => wrapper?.unmount()
)

const fitted = defaultFsrsParameters().map((w, i) => (i === 0 ? 0.11 : w))

function improved(): OptimiseOutcome {
  return {
    kind: 'improved',
    parameters: fitted,
    before: { logLoss: 0.403, rmseBins: 0.0615 },
    after: { logLoss: 0.398, rmseBins: 0.0544 },
    reviewCount: 2976,
    itemCount: 1921,
    elapsedMs: 30
  }
}

/** window.api with the calls this section makes; `optimiseFsrs` answers when `finish` is called. */
function installApi(outcome: OptimiseOutcome): {
  optimiseFsrs: ReturnType<typeof vi.fn>
  saveBackup: ReturnType<typeof vi.fn>
  finish: () => void
} {
  listeners = []
  let finish: () => void = () => undefined
  const optimiseFsrs = vi.fn<(request: OptimiseRequest) => Promise<Result<OptimiseOutcome>>>(
    () =>
      new Promise<Result<OptimiseOutcome>>((resolve) => {
        finish = () => resolve({ ok: true, value: outcome })
      })
  )
  const saveBackup = vi.fn(async () => ({
    ok: true,
    value: { name: 'b', reason: 'before-fsrs-reset', createdAt: NOW_MS, sizeBytes: 1 }
  }))
  const api: Partial<AppApi> = {
    optimiseFsrs: optimiseFsrs as unknown as AppApi['optimiseFsrs'],
    saveBackup: saveBackup as unknown as AppApi['saveBackup'],
    listBackups: async () => ({ ok: true, value: [] }),
    onMenuCommand: (listener) => {
      listeners.push(listener)
      return () => {
        listeners = listeners.filter((l) => l !== listener)
      }
    }
  }
  Object.defineProperty(window, 'api', { value: api, configurable: true, writable: true })
  return { optimiseFsrs, saveBackup, finish: () => finish() }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Polls until `find` gives an element (IndexedDB work under happy-dom takes a while). */
async function waitFor<T>(find: () => T | null | undefined, timeoutMs = 4000): Promise<T> {
  const startedAt = Date.now()
  for (;;) {
    const found = find()
    if (found !== null && found !== undefined) return found
    if (Date.now() - startedAt > timeoutMs) throw new Error('waitFor: timed out')
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function mountSection(): Promise<void> {
  const host = document.createElement('div')
  document.body.appendChild(host)
  wrapper = mount(FsrsSettings, { attachTo: host })
  await settle()
}

describe('FsrsSettings', () => {
  it('Optimise shows progress, then the before/after table, keeps the better parameters; Undo restores', async () => {
    const api = installApi(improved())
    await db.reviewLogs.add({
      cardId: 'c1',
      articleId: 'a',
      grade: 3,
      source: 'study',
      reviewedAt: NOW_MS - 3 * DAY_MS,
      answerMs: 1000,
      before: makeCard('c1'),
      after: null
    })
    await mountSection()
    expect(getByRole(document.body, 'button', 'Undo').hasAttribute('disabled')).toBe(true)

    getByRole(document.body, 'button', 'Optimise').click()
    await settle()
    const bar = getByRole(document.body, 'progressbar', 'Optimising FSRS parameters')
    expect(bar.getAttribute('aria-valuetext')).toBe('Starting')
    for (const listener of listeners) {
      listener({ kind: 'optimise-progress', progress: { current: 3, total: 4 } })
    }
    await flushPromises()
    expect(bar.getAttribute('aria-valuenow')).toBe('75')

    const request = api.optimiseFsrs.mock.calls[0][0] as OptimiseRequest
    expect(request.history).toEqual({ cards: [0], days: [expect.any(Number)], grades: [3] })
    expect(request.currentParameters).toBeNull()

    api.finish()
    await settle()
    expect(queryByRole(document.body, 'progressbar')).toBeNull()
    const table = getByRole(
      document.body,
      'table',
      /Your reviews predicted before and after optimising/
    )
    expect(table.textContent).toMatch(/Log loss\s*0[.,]4030\s*0[.,]3980/)
    expect(table.textContent).toMatch(/RMSE \(bins\)\s*0[.,]0615\s*0[.,]0544/)
    expect(
      getByRole(document.body, 'status', /New parameters fitted on 2,976 reviews/)
    ).toBeTruthy()
    expect(api.saveBackup).toHaveBeenCalledWith(
      expect.objectContaining({ reason: 'before-fsrs-reset' })
    )
    const stored = await loadFsrsParameterState(db)
    expect(stored.current?.parameters).toEqual(fitted)
    expect(stored.current?.reviewCount).toBe(2976)
    expect((await loadSchedulerSettings(db)).fsrsParameters).toEqual(fitted)

    getByRole(document.body, 'button', 'Undo').click()
    await settle()
    expect(getByRole(document.body, 'status', /default parameters are in use again/)).toBeTruthy()
    expect((await loadFsrsParameterState(db)).current).toBeNull()
    expect((await loadSchedulerSettings(db)).fsrsParameters).toBeUndefined()
    expect(api.saveBackup).toHaveBeenCalledTimes(2)
  })

  it('too few reviews: the parameters stay and the message says how many are needed', async () => {
    const api = installApi({
      kind: 'kept',
      reason: 'too-few-reviews',
      message:
        'Optimising needs at least 64 reviews of cards on a later day than their previous review; your history has 0 (of 0 reviews).',
      reviewCount: 0,
      itemCount: 0,
      itemsNeeded: 64,
      elapsedMs: 0
    })
    await mountSection()
    getByRole(document.body, 'button', 'Optimise').click()
    await settle()
    api.finish()
    await settle()
    expect(getByRole(document.body, 'status', /needs at least 64 reviews/)).toBeTruthy()
    expect(queryByRole(document.body, 'table')).toBeNull()
    expect(api.saveBackup).not.toHaveBeenCalled()
    const stored = await loadFsrsParameterState(db)
    expect(stored.current).toBeNull()
    expect(stored.lastRun).toMatchObject({ reviewCount: 0 })
  })

  it('reminds after 1,000 new reviews since the last optimisation', async () => {
    installApi(improved())
    await saveFsrsParameterState(db, {
      current: null,
      previous: [],
      lastRun: { at: Date.now(), reviewCount: 0 }
    })
    const logs = Array.from({ length: 1000 }, (_, i) => ({
      cardId: `c${i % 50}`,
      articleId: 'a',
      grade: 3 as const,
      source: 'study' as const,
      reviewedAt: NOW_MS - i * 60_000,
      answerMs: 1000,
      before: makeCard('c'),
      after: null
    }))
    // As every answer is stored: the log and the review aggregate in one transaction.
    await db.transaction('rw', db.reviewLogs, db.reviewSlots, async () => {
      await db.reviewLogs.bulkAdd(logs)
      await applyLogsToSlots(db, logs, 1)
    })
    await mountSection()
    const note = await waitFor(() => document.querySelector('[role="note"]'))
    expect(note.textContent).toMatch(/1,000 new reviews since the parameters were last optimised/)
  })

  it('the retention slider shows the workload and saves with the reschedule choice', async () => {
    installApi(improved())
    await db.cards.bulkAdd(
      Array.from({ length: 40 }, (_, i) =>
        makeCard(`r${i}`, { state: reviewState(NOW_MS + i * DAY_MS) })
      )
    )
    await mountSection()
    const slider = document.getElementById('fsrs-retention') as HTMLInputElement
    expect(slider.type).toBe('range')
    expect(slider.min).toBe('70')
    expect(slider.max).toBe('99')
    const workload = (): string => document.getElementById('fsrs-workload')?.textContent ?? ''
    const perYear = (): number => Number(/([\d,]+) a year/.exec(workload())?.[1].replace(/,/g, ''))
    expect(workload()).toMatch(/About [\d,.]+ reviews a day, [\d,]+ a year, at 90% retention/)
    const at90 = perYear()

    slider.value = '97'
    slider.dispatchEvent(new Event('input'))
    await new Promise((resolve) => setTimeout(resolve, 200))
    await settle()
    expect(workload()).toMatch(/at 97% retention/)
    expect(perYear()).toBeGreaterThan(at90)

    ;(document.querySelector('input[type="checkbox"]') as HTMLInputElement).click()
    getByRole(document.body, 'button', 'Save retention and maximum interval').click()
    await settle()
    const saved = await waitFor(() =>
      queryByRole(document.body, 'status', /Desired retention 97% saved\./)
    )
    expect(saved.textContent).toMatch(/\d+ review cards were rescheduled/)
    expect((await loadSchedulerSettings(db)).desiredRetention).toBe(0.97)
  })

  it('leaving Settings before its reads finish runs no workload simulation (it held up the next view)', async () => {
    installApi(improved())
    await db.cards.bulkAdd(
      Array.from({ length: 40 }, (_, i) =>
        makeCard(`r${i}`, { state: reviewState(NOW_MS + i * DAY_MS) })
      )
    )
    simulations.count = 0
    const host = document.createElement('div')
    document.body.appendChild(host)
    const leftAtOnce = mount(FsrsSettings, { attachTo: host })
    leftAtOnce.unmount()
    await settle()
    expect(simulations.count).toBe(0)

    await mountSection()
    expect(simulations.count).toBe(1)
  })
})
