import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchApp, type E2EApp } from './support/harness'

let app: E2EApp

beforeAll(async () => {
  app = await launchApp()
})

afterAll(async () => {
  await app?.close()
})

const TARGET_MB = 20
/** The window may stop answering for at most this long (the target). */
const MAX_BLOCK_MS = 100

/** About 20 MB of news prose: numbered paragraphs with quotes, speakers and figures. */
function bigArticle(): string {
  const paragraphs: string[] = ['Harbour bridge reopens after two years']
  let size = 0
  for (let index = 0; size < TARGET_MB * 1024 * 1024; index += 1) {
    const paragraph = `Paragraph ${index}: “We are open again, and the town can breathe,” the mayor, Ada Quist, said on Friday, as the council put the cost at $${index % 90} million and 40% over plan.`
    paragraphs.push(paragraph)
    size += paragraph.length + 2
  }
  return paragraphs.join('\n\n')
}

/**
 * Not in the default e2e run yet, because the target is not met. Measured on 2026-12-06:
 * before the Article view drew its paragraphs in batches, the longest long task was 14 s and the
 * article showed after 77 s; after it, 4.2 s and 17 s (9 long tasks). What still blocks: the copy
 * of the article posted to the extraction worker, the extraction coming back, card generation
 * for every quote and the database writes, all in the page's thread. Run it with
 * `QD_BIG_ARTICLE=1 npx vitest run --project e2e tests/e2e/big-article.e2e.test.ts`; it prints
 * the figures and fails until those leave the main thread too.
 */
describe.runIf(process.env.QD_BIG_ARTICLE === '1')('a 20 MB article', () => {
  it(
    'is imported without the window ever blocking for more than 100 ms',
    { timeout: 300_000 },
    async () => {
      const page = await app.newPage()
      await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor()
      // Long tasks and gaps between animation frames, measured in the page from now on.
      await page.evaluate(() => {
        const probe = { longest: 0, longTasks: 0, maxFrameGap: 0, running: true }
        ;(window as unknown as { probe: typeof probe }).probe = probe
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            probe.longTasks += 1
            probe.longest = Math.max(probe.longest, entry.duration)
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
      const text = bigArticle()
      const started = Date.now()
      await app.dropFiles(page, [{ name: 'big.txt', content: text }])
      await page.waitForURL(/#\/article\//u, { timeout: 240_000 })
      await page
        .getByRole('region', { name: 'Article text' })
        .getByText('Paragraph 0:', { exact: false })
        .first()
        .waitFor({ timeout: 240_000 })
      const elapsedMs = Date.now() - started
      const probe = await page.evaluate(() => {
        const measured = (
          window as unknown as {
            probe: { longest: number; longTasks: number; maxFrameGap: number; running: boolean }
          }
        ).probe
        measured.running = false
        return measured
      })
      console.log(
        `20 MB article (${(text.length / 1024 / 1024).toFixed(1)} MB): shown after ${elapsedMs} ms; ` +
          `${probe.longTasks} long tasks, longest ${probe.longest.toFixed(0)} ms; ` +
          `longest gap between frames ${probe.maxFrameGap.toFixed(0)} ms (target ≤ ${MAX_BLOCK_MS} ms)`
      )
      expect(probe.longest).toBeLessThanOrEqual(MAX_BLOCK_MS)
    }
  )
})
