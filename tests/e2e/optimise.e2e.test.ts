import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { defaultFsrsParameters } from '../../src/core/scheduling'
import { simulateReviewHistory } from '../../src/core/scheduling/simulation'
import { launchApp, SCREENSHOTS_DIR, type E2EApp } from './support/harness'
import { readStore, waitFor } from './support/idb'

let app: E2EApp

beforeAll(async () => {
  app = await launchApp()
})

afterAll(async () => {
  await app?.close()
})

/** Adds review logs with the raw IndexedDB API (the app's database must exist). */
async function addLogs(page: Page, logs: unknown[]): Promise<void> {
  await page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('quotedeck')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const tx = db.transaction('reviewLogs', 'readwrite')
          for (const row of rows) tx.objectStore('reviewLogs').add(row)
          tx.oncomplete = () => {
            db.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    logs
  )
}

async function openSettings(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click()
  await page.getByRole('heading', { name: 'Memory model (FSRS)', level: 2 }).waitFor()
}

interface StoredSetting {
  key: string
  value: { current: { parameters: number[]; reviewCount: number } | null }
}

describe('Optimise FSRS from Settings (real optimiser service, worker thread)', () => {
  it('fits a synthetic learner, shows progress and the comparison, keeps the better parameters, Undo restores', async () => {
    const page = await app.newPage()
    await waitFor(
      () => readStore(page, 'cards'),
      (rows) => rows.length > 0,
      'the built-in article cards'
    )
    const trueParameters = defaultFsrsParameters()
    trueParameters.splice(0, 4, 0.1, 0.5, 1.0, 4.0)
    const reviews = simulateReviewHistory({
      cardCount: 300,
      days: 120,
      trueParameters,
      seed: 42,
      startMs: Date.UTC(2026, 0, 5, 4)
    })
    await addLogs(
      page,
      reviews.map((review) => ({
        cardId: `synthetic-${review.card}`,
        articleId: 'synthetic',
        grade: review.grade,
        source: 'study',
        reviewedAt: review.reviewedAt,
        answerMs: 4000,
        before: null,
        after: null
      }))
    )
    await page.reload()
    await openSettings(page)
    await page.getByText('The default FSRS parameters are in use.').waitFor()

    await page.getByRole('button', { name: 'Optimise' }).click()
    await page.getByRole('progressbar', { name: 'Optimising FSRS parameters' }).waitFor()
    const table = page.getByRole('table', {
      name: 'Your reviews predicted before and after optimising'
    })
    await table.waitFor({ timeout: 60_000 })
    const logLoss = (await table.getByRole('row', { name: /Log loss/ }).innerText())
      .split(/\s+/)
      .slice(-2)
      .map(Number)
    const rmse = (await table.getByRole('row', { name: /RMSE/ }).innerText())
      .split(/\s+/)
      .slice(-2)
      .map(Number)
    expect(logLoss[1]).toBeLessThan(logLoss[0])
    expect(rmse[1]).toBeLessThan(rmse[0])
    await page
      .getByRole('status')
      .filter({
        hasText: `New parameters fitted on ${reviews.length.toLocaleString('en')} reviews`
      })
      .waitFor()
    await page.getByRole('progressbar').waitFor({ state: 'detached' })

    const stored = await waitFor(
      async () =>
        (await readStore<StoredSetting>(page, 'settings')).find((s) => s.key === 'fsrsParameters'),
      (setting) => setting?.value.current !== null && setting !== undefined,
      'the fitted parameters to be stored'
    )
    expect(stored?.value.current?.parameters).toHaveLength(21)
    expect(stored?.value.current?.reviewCount).toBe(reviews.length)
    // A backup was taken before the parameters changed.
    const backups = await app.servicesOf(page).listBackups()
    expect(backups.ok && backups.value.some((b) => b.reason === 'before-fsrs-reset')).toBe(true)
    await page.getByRole('heading', { name: 'Memory model (FSRS)' }).scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'settings-fsrs-optimised.png') })

    await page.getByRole('button', { name: 'Undo' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: 'The default parameters are in use again.' })
      .waitFor()
    const undone = (await readStore<StoredSetting>(page, 'settings')).find(
      (s) => s.key === 'fsrsParameters'
    )
    expect(undone?.value.current).toBeNull()
    expect(app.consoleErrorsOf(page)).toEqual([])
  }, 120_000)

  it('with no reviews it keeps the defaults and says how many reviews are needed', async () => {
    const page = await app.newPage()
    await openSettings(page)
    await page.getByRole('button', { name: 'Optimise' }).click()
    await page.getByRole('status').filter({ hasText: 'needs at least 64 reviews' }).waitFor()
    expect(await page.getByRole('table', { name: /before and after|compared/ }).count()).toBe(0)
    await page.getByText('The default FSRS parameters are in use.').waitFor()
  }, 60_000)

  it('re-estimates the workload in a worker as the desired-retention slider moves', async () => {
    const page = await app.newPage()
    const workerUrls: string[] = []
    page.on('worker', (worker) => workerUrls.push(worker.url()))
    await waitFor(
      () => readStore(page, 'cards'),
      (rows) => rows.length > 0,
      'the built-in article cards'
    )
    await openSettings(page)
    const workload = page.locator('#fsrs-workload')
    await expect
      .poll(async () => ((await workload.textContent()) ?? '').replace(/\s+/gu, ' ').trim(), {
        timeout: 30_000
      })
      .toMatch(/About [\d.,]+ reviews a day, [\d,]+ a year, at 90% retention\.$/u)
    await page.getByRole('slider', { name: /Desired retention/ }).fill('97')
    await expect
      .poll(async () => ((await workload.textContent()) ?? '').replace(/\s+/gu, ' ').trim(), {
        timeout: 30_000
      })
      .toMatch(/at 97% retention\.$/u)
    expect(workerUrls.some((url) => /workload/u.test(url))).toBe(true)
    expect(app.consoleErrorsOf(page)).toEqual([])
  }, 60_000)
})
