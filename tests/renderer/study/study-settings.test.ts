import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { fail, ok } from '../../../src/shared/result'
import { defaultSchedulerSettings } from '../../../src/core/scheduling'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import {
  loadSchedulerSettings,
  SCHEDULER_SETTINGS_KEY
} from '../../../src/renderer/src/db/study-settings-repo'
import StudySettings from '../../../src/renderer/src/components/study/StudySettings.vue'
import { getByRole, useViewTestSetup } from './helpers'

let db: QuotedeckDatabase
let wrapper: VueWrapper | null = null

useViewTestSetup(
  (fresh) => (db = fresh),
  () => wrapper?.unmount()
)

function field(label: string): HTMLInputElement {
  const labelElement = [...document.querySelectorAll('label')].find(
    (element) => element.textContent?.trim() === label
  )
  if (!labelElement) throw new Error(`No field labelled ${label}`)
  return document.getElementById(labelElement.htmlFor) as HTMLInputElement
}

async function mountSettings(): Promise<void> {
  const host = document.createElement('div')
  document.body.appendChild(host)
  wrapper = mount(StudySettings, { attachTo: host })
  const startedAt = Date.now()
  while (!document.querySelector('form') && Date.now() - startedAt < 2000) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

async function setValue(input: HTMLInputElement, value: string): Promise<void> {
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function save(): Promise<void> {
  getByRole(document.body, 'button', 'Save study settings').click()
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, 20))
  await flushPromises()
}

describe('StudySettings', () => {
  it('shows the defaults and stores edited values in the settings table', async () => {
    await mountSettings()
    expect(field('New cards per day').value).toBe('20')
    expect(field('Learning steps (minutes)').value).toBe('1 10')

    await setValue(field('New cards per day'), '35')
    await setValue(field('Learning steps (minutes)'), '2, 15 60')
    await setValue(field('Next day starts at (hour)'), '6')
    await save()

    expect(getByRole(document.body, 'status', /Study settings saved/)).toBeTruthy()
    expect(await loadSchedulerSettings(db)).toEqual({
      ...defaultSchedulerSettings,
      newCardsPerDay: 35,
      learningStepsMinutes: [2, 15, 60],
      dayRolloverHour: 6
    })
  })

  it('refuses out-of-range values with the reason in words and stores nothing', async () => {
    await mountSettings()
    await setValue(field('New cards per day'), '-5')
    await save()

    expect(getByRole(document.body, 'alert', /New cards per day must be a whole number/))
    expect(await db.settings.get(SCHEDULER_SETTINGS_KEY)).toBeUndefined()

    await setValue(field('New cards per day'), '20')
    await setValue(field('Learning steps (minutes)'), '1 ten')
    await save()
    expect(getByRole(document.body, 'alert', /Learning steps are minutes/)).toBeTruthy()
    expect(await db.settings.get(SCHEDULER_SETTINGS_KEY)).toBeUndefined()
  })

  it('Restore defaults backs the collection up first, and resets nothing when that fails', async () => {
    const saveBackup = vi.fn().mockResolvedValue(fail('INTERNAL', 'The disk is full.'))
    ;(window as unknown as { api: unknown }).api = {
      saveBackup,
      listBackups: vi.fn().mockResolvedValue(ok([]))
    }
    await db.settings.put({
      key: SCHEDULER_SETTINGS_KEY,
      value: { ...defaultSchedulerSettings, desiredRetention: 0.8, dayRolloverHour: 6 }
    })
    await mountSettings()
    getByRole(document.body, 'button', 'Restore defaults').click()
    await vi.waitFor(() =>
      expect(getByRole(document.body, 'alert', /were not reset because .* The disk is full/))
    )
    expect(saveBackup).toHaveBeenCalledWith(
      expect.objectContaining({ reason: 'before-fsrs-reset' })
    )
    expect((await loadSchedulerSettings(db)).desiredRetention).toBe(0.8)
    expect((await loadSchedulerSettings(db)).dayRolloverHour).toBe(6)

    saveBackup.mockResolvedValue(ok({ name: 'b', takenAt: 0, reason: 'before-fsrs-reset' }))
    getByRole(document.body, 'button', 'Restore defaults').click()
    await vi.waitFor(async () =>
      // Desired retention belongs to the FSRS section now, which this form leaves alone.
      expect(await loadSchedulerSettings(db)).toEqual({
        ...defaultSchedulerSettings,
        desiredRetention: 0.8
      })
    )
    expect(saveBackup).toHaveBeenCalledTimes(2)
    expect(saveBackup.mock.calls[1][0].counts.settings).toBe(1)
  })

  it('a stored value that no longer validates falls back to the defaults', async () => {
    await db.settings.put({
      key: SCHEDULER_SETTINGS_KEY,
      value: { ...defaultSchedulerSettings, dayRolloverHour: 99 }
    })
    expect(await loadSchedulerSettings(db)).toEqual(defaultSchedulerSettings)
  })
})
