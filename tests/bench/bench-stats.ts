/**
 * Stats benchmark (part of `npm run bench`; needs `electron-vite build` first).
 *
 * In headless Chromium with an on-disk profile (as the Electron app has), it seeds 100,000 cards
 * (who-said cards with speakers among them, lapses, stabilities, difficulties and intervals) and
 * 500,000 review logs of every kind over two years, plus confusions, into the app's IndexedDB from
 * inside the built page; builds the review aggregate from those logs (what the version 4 upgrade
 * does); restarts the browser; and then measures the Stats view as a person opens it: from the
 * click on "Stats" in the navigation to the frame painted with every chart drawn from fresh reads
 * (the view reads everything again on each visit). Between runs it goes to Settings and back.
 * All timing happens inside the page (`performance.now()`).
 *
 * Usage: `npx tsx tests/bench/bench-stats.ts [--cards 100000] [--logs 500000] [--profile dir]`
 * (`--profile` keeps the seeded browser profile in `dir` and reuses it on the next run, served
 * from a port derived from `dir` or given with `--port`, since the data belongs to the origin).
 */
import { rm } from 'node:fs/promises'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { startStaticServer } from '../e2e/support/static-server'
import {
  argument,
  benchProfile,
  launchBenchBrowser,
  openBenchPage,
  percentile,
  requireBuiltRenderer,
  RENDERER_DIR
} from './support/chromium-bench'

const CARD_COUNT = argument('cards', 100_000)
const LOG_COUNT = argument('logs', 500_000)
const ARTICLE_COUNT = 1000
const WARMUP = 3
const RUNS = 20

interface BenchWindow {
  __quotedeckStudyBench?: {
    db: {
      table(name: string): { bulkAdd(items: unknown[]): Promise<unknown>; count(): Promise<number> }
    }
    rebuildReviewSlots(): Promise<number>
    timeStatsReads(): Promise<Record<string, number>>
  }
}

/** Seeds articles, cards, logs and confusions in the page (bulkAdd of 5,000 at a time). */
async function seed(page: Page): Promise<void> {
  const startedAt = Date.now()
  await page.evaluate(
    async ({ cardCount, logCount, articleCount }) => {
      const hooks = (window as unknown as BenchWindow).__quotedeckStudyBench!
      const db = hooks.db
      const DAY = 86_400_000
      const now = Date.now()
      let state = 0x2545f491
      const random = (): number => {
        // mulberry32: the same data on every run.
        state = (state + 0x6d2b79f5) | 0
        let t = Math.imul(state ^ (state >>> 15), 1 | state)
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296
      }
      const paragraph =
        '"We made real progress on the border question," the foreign minister said on Tuesday.'
      await db.table('articles').bulkAdd(
        Array.from({ length: articleCount }, (_, index) => ({
          id: `article-${index}`,
          title: `Bench article ${index}`,
          byline: null,
          source: { kind: 'builtin', name: 'bench' },
          text: paragraph,
          paragraphs: [{ kind: 'body', start: 0, end: paragraph.length }],
          removed: [],
          encoding: 'utf-8',
          wordCount: 14,
          addedAt: now - articleCount + index
        }))
      )

      const ids: string[] = []
      const CHUNK = 5000
      for (let start = 0; start < cardCount; start += CHUNK) {
        const cards = []
        for (let i = start; i < Math.min(cardCount, start + CHUNK); i++) {
          const articleIndex = i % articleCount
          const articleId = `article-${articleIndex}`
          const id = `${articleId}:note-${i}:${i % 3 === 0 ? 'who-said' : 'cloze-quote'}`
          ids.push(id)
          const roll = random()
          const fresh = roll < 0.2
          const learning = !fresh && roll < 0.21
          const suspended = !fresh && !learning && roll < 0.23
          const interval = fresh || learning ? 0 : Math.ceil(Math.exp(random() * 6))
          const speaker = `${articleId}:speaker-${i % 5}`
          cards.push({
            id,
            noteId: `${articleId}:note-${i}`,
            articleId,
            template: i % 3 === 0 ? 'who-said' : 'cloze-quote',
            prompt: `"We made real progress on the border question," said [...]. (${i})`,
            answer: i % 3 === 0 ? `Speaker ${i % 5} of ${articleIndex}` : 'border question',
            hint: null,
            context: null,
            options: null,
            answerSpeakerId: i % 3 === 0 ? speaker : null,
            anchor: {
              articleId,
              sentence: { start: 0, end: 86 },
              span: { start: 1, end: 50 },
              paragraphIndex: 0
            },
            tags: [],
            due: fresh ? now - 30 * DAY + i : now + (random() - 0.1) * interval * DAY,
            stability: fresh ? 0 : interval * (0.5 + random()),
            difficulty: fresh ? 0 : 1 + random() * 9,
            elapsedDays: 0,
            scheduledDays: interval,
            learningSteps: 0,
            reps: fresh ? 0 : 1 + Math.floor(random() * 10),
            lapses: fresh ? 0 : Math.floor(random() * random() * 6),
            memoryState: fresh ? 0 : learning ? 1 : 2,
            lastReviewedAt: fresh ? null : now - random() * interval * DAY,
            queue: fresh ? 0 : learning ? 1 : suspended ? -1 : 2,
            queueBeforeBury: null,
            buriedUntil: null,
            createdAt: now - 730 * DAY,
            updatedAt: now - 30 * DAY
          })
        }
        await db.table('cards').bulkAdd(cards)
      }
      console.log(`bench: ${cardCount} cards stored`)

      const firstAt = now - 730 * DAY
      const lastAt = now - 1
      const snapshot = (
        at: number,
        memoryState: number,
        scheduledDays: number
      ): Record<string, unknown> => ({
        due: at,
        stability: scheduledDays + 1,
        difficulty: 5,
        elapsedDays: scheduledDays,
        scheduledDays,
        learningSteps: 0,
        reps: 4,
        lapses: 0,
        memoryState,
        lastReviewedAt: at - scheduledDays * DAY,
        queue: memoryState === 0 ? 0 : memoryState === 2 ? 2 : 1,
        queueBeforeBury: null,
        buriedUntil: null
      })
      for (let start = 0; start < logCount; start += CHUNK) {
        const logs = []
        for (let i = start; i < Math.min(logCount, start + CHUNK); i++) {
          // Answers in two sessions a day (morning and evening, 4 s apart), every day.
          const perDay = Math.ceil(logCount / 730)
          const day = Math.floor(i / perDay)
          const within = i % perDay
          const evening = within >= perDay / 2
          const reviewedAt = Math.min(
            lastAt,
            firstAt +
              day * DAY +
              (evening ? 11 : 0) * 3_600_000 +
              (within - (evening ? Math.ceil(perDay / 2) : 0)) * 4000
          )
          const kind = random()
          const memoryState = kind < 0.15 ? 0 : kind < 0.25 ? 1 : kind < 0.3 ? 3 : 2
          const scheduledDays = memoryState === 2 ? Math.ceil(Math.exp(random() * 5)) : 0
          const practice = random() < 0.03
          logs.push({
            cardId: ids[Math.floor(random() * ids.length)],
            articleId: `article-${i % articleCount}`,
            grade: random() < 0.12 ? 1 : 2 + Math.floor(random() * 3),
            source: practice ? 'practice' : random() < 0.1 ? 'quiz' : 'study',
            reviewedAt,
            answerMs: 2000 + Math.floor(random() * 8000),
            before: snapshot(reviewedAt, memoryState, scheduledDays),
            after: practice ? null : snapshot(reviewedAt + DAY, 2, scheduledDays + 1)
          })
        }
        await db.table('reviewLogs').bulkAdd(logs)
        if ((start / CHUNK) % 20 === 19) console.log(`bench: ${start + CHUNK} logs stored`)
      }
      const confusions = []
      for (let i = 0; i < 500; i++) {
        const articleId = `article-${i % articleCount}`
        confusions.push({
          id: `${articleId}:speaker-0|${articleId}:speaker-${1 + (i % 4)}`,
          rightName: `Speaker 0 of ${i % articleCount}`,
          pickedName: `Speaker ${1 + (i % 4)} of ${i % articleCount}`,
          rightSpeakerId: `${articleId}:speaker-0`,
          pickedSpeakerId: `${articleId}:speaker-${1 + (i % 4)}`,
          articleId,
          count: 1 + Math.floor(random() * 20),
          lastAt: now - Math.floor(random() * 100) * DAY
        })
      }
      await db.table('confusions').bulkAdd(confusions)
    },
    { cardCount: CARD_COUNT, logCount: LOG_COUNT, articleCount: ARTICLE_COUNT }
  )
  console.log(`Seeded in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`)
  const rebuilt = await page.evaluate(async () => {
    const startedAt = performance.now()
    const slots = await (
      window as unknown as BenchWindow
    ).__quotedeckStudyBench!.rebuildReviewSlots()
    return { slots, ms: performance.now() - startedAt }
  })
  console.log(
    `Review aggregate built from ${LOG_COUNT.toLocaleString('en')} logs (as the version 4 upgrade ` +
      `does): ${rebuilt.slots.toLocaleString('en')} quarter-hour slots in ${(rebuilt.ms / 1000).toFixed(1)} s`
  )
}

/**
 * Clicks "Stats" in the navigation and times, in the page, until the frame after the view shows
 * fresh figures (`data-ready`) with every chart drawn has been painted; then leaves for Settings.
 */
async function timeStatsVisits(page: Page, warmup: number, runs: number): Promise<number[]> {
  return page.evaluate(
    async ({ warmup, runs }) => {
      const link = (name: string): HTMLAnchorElement => {
        const found = [...document.querySelectorAll<HTMLAnchorElement>('nav a')].find(
          (anchor) => anchor.textContent?.trim() === name
        )
        if (!found) throw new Error(`No navigation link ${name}`)
        return found
      }
      const until = (test: () => boolean): Promise<void> =>
        new Promise((done) => {
          if (test()) return done()
          const observer = new MutationObserver(() => {
            if (test()) {
              observer.disconnect()
              done()
            }
          })
          observer.observe(document.body, { subtree: true, childList: true, attributes: true })
        })
      const afterPaint = (): Promise<number> =>
        new Promise((done) => {
          requestAnimationFrame(() => {
            const channel = new MessageChannel()
            channel.port1.onmessage = () => done(performance.now())
            channel.port2.postMessage(null)
          })
        })
      const ready = (): boolean => {
        const view = document.querySelector('section.stats[data-ready="true"]')
        return view !== null && view.querySelectorAll('canvas').length >= 8
      }
      const times: number[] = []
      for (let i = 0; i < warmup + runs; i++) {
        link('Settings').click()
        await until(() => document.querySelector('section.stats') === null)
        await new Promise((done) => setTimeout(done, 300))
        const startedAt = performance.now()
        link('Stats').click()
        await until(ready)
        const paintedAt = await afterPaint()
        if (i >= warmup) times.push(paintedAt - startedAt)
        if (i === 0) {
          const canvases = document.querySelectorAll('section.stats canvas').length
          console.log(`bench: Stats view shown with ${canvases} charts`)
        }
      }
      return times
    },
    { warmup, runs }
  )
}

/** A port in 40000–59999 that depends only on the profile folder's path. */
function portForProfile(dir: string): number {
  let hash = 0
  for (const char of dir) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0
  return 40_000 + (Math.abs(hash) % 20_000)
}

async function main(): Promise<void> {
  requireBuiltRenderer()
  const { dir: profileDir, keep: keepProfile } = await benchProfile('quotedeck-bench-stats-')
  // A kept profile's IndexedDB belongs to its origin: the same folder gets the same port again.
  const server = await startStaticServer(
    RENDERER_DIR,
    undefined,
    keepProfile ? argument('port', portForProfile(profileDir)) : 0
  )
  let context: BrowserContext | undefined
  try {
    context = await launchBenchBrowser(profileDir, { width: 1280, height: 900 })
    let page = await openBenchPage(context, server.url, '/study')
    await page.waitForFunction(() => (window as unknown as BenchWindow).__quotedeckStudyBench)
    const version = context.browser()?.version() ?? chromium.name()
    console.log(
      `Stats bench: ${CARD_COUNT.toLocaleString('en')} cards, ${LOG_COUNT.toLocaleString('en')} ` +
        `review logs; headless Chromium ${version} with an on-disk profile; Node ${process.version}`
    )
    const stored = await page.evaluate(() =>
      (window as unknown as BenchWindow).__quotedeckStudyBench!.db.table('cards').count()
    )
    if (stored === 0) await seed(page)
    else console.log(`Reusing the seeded profile ${profileDir}`)
    await context.close()

    context = await launchBenchBrowser(profileDir, { width: 1280, height: 900 })
    page = await openBenchPage(context, server.url, '/settings')
    await page.locator('nav a').first().waitFor()
    const times = await timeStatsVisits(page, WARMUP, RUNS)
    const sorted = [...times].sort((a, b) => a - b)
    const p95 = percentile(sorted, 95)
    console.log(
      `stats view: p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms ` +
        `(click on Stats → every chart painted, fresh reads; max ${sorted[sorted.length - 1].toFixed(0)} ms, ` +
        `n=${times.length}, ${CARD_COUNT.toLocaleString('en')} cards, ${LOG_COUNT.toLocaleString('en')} review logs)`
    )
    console.log(`Target ≤ 300 ms p95: ${p95 <= 300 ? 'met' : 'NOT met'}`)
    await page.locator('nav a', { hasText: 'Study' }).first().click()
    await page.waitForFunction(() => (window as unknown as BenchWindow).__quotedeckStudyBench)
    const reads = await page.evaluate(() =>
      (window as unknown as BenchWindow).__quotedeckStudyBench!.timeStatsReads()
    )
    console.log(
      'stats reads, each alone: ' +
        Object.entries(reads)
          .map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`)
          .join(', ')
    )
  } finally {
    await context?.close().catch(() => undefined)
    await server.close()
    if (!keepProfile) await rm(profileDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
