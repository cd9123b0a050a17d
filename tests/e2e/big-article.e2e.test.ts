import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchApp, type E2EApp } from './support/harness'
import { countStore } from './support/idb'

let app: E2EApp

beforeAll(async () => {
  app = await launchApp()
})

afterAll(async () => {
  await app?.close()
})

const TARGET_MB = 20
/** The target: the window never stops answering for longer than this. */
const TARGET_BLOCK_MS = 100
/**
 * What the test asserts by default: a guard, not the target. Measured on 2026-12-07 on the shared
 * 2-core machine (load average under 1), with the file cleaned in the main process's worker thread,
 * the article sent to the page packed (paragraphs as one Int32Array, the text in 1 MB parts read
 * one call at a time), written to IndexedDB and packed for the extract worker off the page's
 * thread, and a cancelled import discarded without reading the article back: longest task
 * 66–155 ms over six runs, longest gap between frames 133–183 ms (the day before, with the article
 * in one message: 216–324 ms; before the worker, at load 14: 3,961 ms). What is left is joining the
 * parts into one 20-million-character string: building any flat string that long on the page's
 * thread (join, TextDecoder, structured clone) takes 150–320 ms in this Chromium, so the 100 ms
 * target is NOT met while the page holds the whole text as one string. The guard fails if a step
 * falls back to a several-second task again (the drop's 4 s upload, the cancel's 1 s read);
 * `QD_MAX_BLOCK_MS=100` asserts the target itself.
 */
const ASSERTED_BLOCK_MS = Number(process.env.QD_MAX_BLOCK_MS ?? '') || 3_000
/**
 * The guard of the import run to the end (`npm run bench`), which stays where it was: when the
 * extraction of all 254,306 cards' quotes arrives at the end and is drawn, the page still blocks
 * for 1.3–2.7 s (measured 2026-12-07, load about 8; the chunks of the stored extraction and
 * drawing its quote marks), which this work did not address.
 */
const ASSERTED_FULL_IMPORT_BLOCK_MS = Number(process.env.QD_MAX_BLOCK_MS ?? '') || 10_000

/** What the probe measured in the page. */
interface Probe {
  longest: number
  longTasks: number
  maxFrameGap: number
  running: boolean
  /** [start ms after the probe began, duration ms] of every task over 100 ms. */
  tasks: number[][]
  t0: number
}

/**
 * Builds about 20 MB of news prose inside the page as a File (numbered paragraphs with quotes,
 * speakers and figures), so making the test's input is not counted as the app's work.
 */
async function stageBigFile(page: Page): Promise<number> {
  return page.evaluate((targetMb) => {
    const paragraphs: string[] = ['Harbour bridge reopens after two years']
    let size = 0
    for (let index = 0; size < targetMb * 1024 * 1024; index += 1) {
      const paragraph = `Paragraph ${index}: “We are open again, and the town can breathe,” the mayor, Ada Quist, said on Friday, as the council put the cost at $${index % 90} million and 40% over plan.`
      paragraphs.push(paragraph)
      size += paragraph.length + 2
    }
    const file = new File([paragraphs.join('\n\n')], 'big.txt', { type: 'text/plain' })
    ;(window as unknown as { bigFile: File }).bigFile = file
    return file.size
  }, TARGET_MB)
}

/** Starts measuring long tasks and the gaps between animation frames. */
async function startProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = {
      longest: 0,
      longTasks: 0,
      maxFrameGap: 0,
      running: true,
      tasks: [] as number[][],
      t0: performance.now()
    }
    ;(window as unknown as { probe: typeof probe }).probe = probe
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        probe.longTasks += 1
        probe.longest = Math.max(probe.longest, entry.duration)
        if (entry.duration > 100)
          probe.tasks.push([Math.round(entry.startTime - probe.t0), Math.round(entry.duration)])
      }
    }).observe({ type: 'longtask', buffered: false })
    let last = performance.now()
    const frame = (now: number): void => {
      probe.maxFrameGap = Math.max(probe.maxFrameGap, now - last)
      last = now
      if (probe.running) requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
  })
}

async function stopProbe(page: Page): Promise<Probe> {
  return page.evaluate(() => {
    const probe = (window as unknown as { probe: Probe }).probe
    probe.running = false
    return { ...probe }
  })
}

/** Drops the staged file on the window the way a user does. */
async function dropStagedFile(page: Page): Promise<void> {
  await page.evaluate(() => {
    const transfer = new DataTransfer()
    transfer.items.add((window as unknown as { bigFile: File }).bigFile)
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(
        new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer })
      )
    }
  })
}

async function libraryCounts(page: Page): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const store of ['articles', 'extractions', 'notes', 'cards']) {
    counts[store] = await countStore(page, store)
  }
  return counts
}

async function openLibrary(): Promise<Page> {
  const page = await app.newPage()
  await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor()
  // The built-in article's cards are made in the background: wait for them first.
  for (let tries = 0; tries < 100 && (await countStore(page, 'cards')) === 0; tries += 1) {
    await page.waitForTimeout(100)
  }
  return page
}

/** How long the worker is watched at work before Cancel is pressed (the page must keep answering). */
const WATCH_WORK_MS = 8000

function blockedLine(bytes: number, probe: Probe, shownMs: number, extra = ''): string {
  return (
    `big article ${Math.round(bytes / 1024 / 1024)} MB: longest blocked ${Math.max(probe.longest, probe.maxFrameGap).toFixed(0)} ms, ` +
    `shown after ${(shownMs / 1000).toFixed(1)} s (${probe.longTasks} long tasks, longest ${probe.longest.toFixed(0)} ms; ` +
    `longest gap between frames ${probe.maxFrameGap.toFixed(0)} ms; target ≤ ${TARGET_BLOCK_MS} ms)${extra}\n` +
    `  tasks over 100 ms [start ms, duration ms]: ${JSON.stringify(probe.tasks)}`
  )
}

/** The bar shown while the main process's worker thread reads and cleans a big file. */
function loadBar(page: Page): ReturnType<Page['getByRole']> {
  return page.getByRole('progressbar', { name: 'Reading the article' })
}

/**
 * Drops the staged file and waits until the article's text is on screen, having seen the load's
 * progress bar on the way; returns the time taken.
 */
async function dropAndShow(page: Page): Promise<number> {
  const started = Date.now()
  await dropStagedFile(page)
  // Cleaning 20 MB in the worker thread takes seconds: its bar must show meanwhile.
  await loadBar(page).waitFor({ timeout: 60_000 })
  await page.waitForURL(/#\/article\//u, { timeout: 180_000 })
  await page
    .getByRole('region', { name: 'Article text' })
    .getByText('Paragraph 0:', { exact: false })
    .first()
    .waitFor({ timeout: 120_000 })
  return Date.now() - started
}

describe('a 20 MB article', () => {
  it(
    'shows a progress bar while it is read and cleaned, and Cancel there adds nothing',
    { timeout: 120_000 },
    async () => {
      const page = await openLibrary()
      const before = await libraryCounts(page)
      await stageBigFile(page)
      await dropStagedFile(page)
      await loadBar(page).waitFor({ timeout: 60_000 })
      await expect
        .poll(async () => (await page.getByRole('status').allTextContents()).join(' '))
        .toMatch(/“big\.txt”/u)
      await page.getByRole('button', { name: 'Cancel' }).click()
      await page
        .getByText('Loading “big.txt” was cancelled: nothing was added to your library.')
        .waitFor({ timeout: 30_000 })
      await loadBar(page).waitFor({ state: 'detached', timeout: 10_000 })
      expect(page.url()).not.toMatch(/#\/article\//u)
      expect(await libraryCounts(page)).toEqual(before)
      await page.context().close()
    }
  )

  it(
    'is shown with a progress bar while the worker works, and Cancel undoes the import',
    { timeout: 300_000 },
    async () => {
      const page = await openLibrary()
      const before = await libraryCounts(page)
      const bytes = await stageBigFile(page)
      await startProbe(page)
      const shownMs = await dropAndShow(page)
      const progress = page.getByRole('progressbar', { name: 'Finding quotes and making cards' })
      await progress.waitFor({ timeout: 30_000 })
      const cancelAt = await page.evaluate(
        () => performance.now() - (window as unknown as { probe: Probe }).probe.t0
      )
      // The worker finds quotes for a while; the page is scrolled meanwhile, as a reader would.
      const watchUntil = Date.now() + WATCH_WORK_MS
      while (Date.now() < watchUntil) {
        await page.mouse.wheel(0, 400)
        await page.waitForTimeout(250)
      }
      expect(await progress.isVisible()).toBe(true)
      await page.getByRole('button', { name: 'Cancel' }).click()
      await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor({ timeout: 30_000 })
      const probe = await stopProbe(page)
      console.log(
        blockedLine(
          bytes,
          probe,
          shownMs,
          `; Cancel pressed ${Math.round(cancelAt + WATCH_WORK_MS)} ms after the drop`
        )
      )
      await page.getByText('Import cancelled: nothing was added to your library.').waitFor()
      // The worker was terminated: nothing it was doing can still land. Wait, then look again.
      await page.waitForTimeout(2000)
      expect(await libraryCounts(page)).toEqual(before)
      await expect
        .poll(async () => page.getByRole('row').count(), { timeout: 10_000 })
        .toBe(1 + before.articles)
      expect(probe.longest).toBeLessThanOrEqual(ASSERTED_BLOCK_MS)
      await page.context().close()
    }
  )

  // Minutes of extraction on this machine: run by `npm run bench` (QD_BIG_ARTICLE_FULL=1).
  it.runIf(process.env.QD_BIG_ARTICLE_FULL === '1')(
    'is imported to the end: every quote and card stored, the window never blocking for long',
    { timeout: 1_200_000 },
    async () => {
      const page = await openLibrary()
      const bytes = await stageBigFile(page)
      await startProbe(page)
      const started = Date.now()
      const shownMs = await dropAndShow(page)
      const progress = page.getByRole('progressbar', { name: 'Finding quotes and making cards' })
      await progress.waitFor({ state: 'detached', timeout: 1_100_000 })
      const summary = page.getByRole('complementary', { name: 'Speakers and corrections' })
      await expect
        .poll(async () => (await summary.textContent()) ?? '', { timeout: 60_000 })
        .toMatch(/\d{5,}\s*quotes/u)
      const doneMs = Date.now() - started
      const probe = await stopProbe(page)
      const counts = await libraryCounts(page)
      console.log(
        blockedLine(
          bytes,
          probe,
          shownMs,
          `; quotes and ${counts.cards} cards stored after ${(doneMs / 1000).toFixed(1)} s`
        )
      )
      expect(counts.cards).toBeGreaterThan(100_000)
      expect(probe.longest).toBeLessThanOrEqual(ASSERTED_FULL_IMPORT_BLOCK_MS)
      await page.context().close()
    }
  )
})
