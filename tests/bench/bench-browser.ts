/**
 * Card browser benchmark (part of `npm run bench`; needs `electron-vite build` first).
 *
 * In headless Chromium with an on-disk profile (as the Electron app has), it seeds 100,000 cards
 * (1,000 articles, a mix of card types and states, speakers on the who-said cards) and 50,000
 * review logs into the app's IndexedDB from inside the built page, restarts the browser, opens the
 * Browse view and measures, inside the page (`performance.now()`, `requestAnimationFrame`):
 *   - `browser search`: from a query handed to the browser store to the first page of rows
 *     painted, over a set of queries using every part of the syntax (target ≤ 100 ms p95);
 *   - `browser scroll`: the share of frames dropped while the table is scrolled from the first
 *     card to the last (target ≤ 1%);
 *   - `bulk suspend 10000`: suspending 10,000 selected cards (one transaction) until the table
 *     shows it (target ≤ 1 s), and its undo.
 * Timings are printed as measured; nothing here decides pass or fail.
 *
 * Usage: `npx tsx tests/bench/bench-browser.ts [--cards 100000] [--logs 50000] [--bulk 10000]
 * [--parts search,scroll,bulk] [--profile dir]` (`--parts`: only those measurements)
 */
import { rm } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { startStaticServer } from '../e2e/support/static-server'
import {
  argument,
  benchPort,
  benchProfile,
  describeTimes,
  launchBenchBrowser,
  openBenchPage,
  percentile,
  requireBuiltRenderer,
  RENDERER_DIR
} from './support/chromium-bench'

const CARD_COUNT = argument('cards', 100_000)
const LOG_COUNT = argument('logs', 50_000)
const ARTICLE_COUNT = 1000
const PARTS_INDEX = process.argv.indexOf('--parts')
const PARTS = new Set(
  PARTS_INDEX >= 0 ? process.argv[PARTS_INDEX + 1].split(',') : ['search', 'scroll', 'bulk']
)
const SEARCH_WARMUP = 1
const SEARCH_RUNS = 6
/** 10,000, or every card not suspended when fewer are seeded (`--cards 5000`). */
const BULK_COUNT = argument('bulk', 10_000)
const QUERIES = [
  '',
  'geneva',
  '"border question"',
  'speaker:"Speaker 17"',
  'article:"Bench article 42"',
  'type:who-said',
  'is:due',
  'is:new or is:learning',
  '-is:suspended prop:lapses>1',
  'rated:7',
  'added:30',
  'type:cloze (is:review or is:suspended) -geneva'
]

/** What `src/renderer/src/db/bench-hooks.ts` puts on `window` (typed loosely: page-side only). */
interface BenchWindow {
  __quotedeckBrowserBench?: {
    db: {
      table(name: string): {
        bulkAdd(items: unknown[]): Promise<unknown>
        count(): Promise<number>
        toArray(): Promise<Array<Record<string, unknown>>>
      }
    }
    browser: {
      loaded: boolean
      loading: boolean
      results: Array<{ id: string }>
      rows: unknown[]
      selectedCount: number
      lastSearchMs: number
      lastBulkTransactionMs: number
      setQuery(query: string): Promise<void>
      sortBy(column: string): void
      selectAll(): void
      clearSelection(): void
      clickRow(id: string, modifiers?: { shift?: boolean; toggle?: boolean }): void
      applyToSelection(kind: string): Promise<boolean>
      undo(): Promise<boolean>
      load(): Promise<void>
    }
  }
}

/** Seeds articles, cards and logs in the page (bulkAdd of 5,000 at a time). */
async function seed(page: Page): Promise<void> {
  const startedAt = Date.now()
  await page.evaluate(
    async ({ cardCount, logCount, articleCount }) => {
      const db = (window as unknown as BenchWindow).__quotedeckBrowserBench!.db
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
        'Talks in Geneva lasted five-and-a-half hours on Tuesday, officials said, and both sides ' +
        'described the meeting as useful. "We made real progress on the border question," the ' +
        'foreign minister said.'
      const speakerCount = 200
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
          wordCount: 30,
          addedAt: now - articleCount + index
        }))
      )
      // Each article names a few of the bench's speakers (so speaker:… and the facet have names).
      await db.table('extractions').bulkAdd(
        Array.from({ length: articleCount }, (_, index) => ({
          articleId: `article-${index}`,
          speakers: [0, 1, 2].map((k) => {
            const n = (index * 3 + k) % speakerCount
            return {
              id: `speaker-${n}`,
              name: `Speaker ${n}`,
              aliases: [],
              role: null,
              kind: 'person',
              mentions: [],
              quoteCount: 1
            }
          }),
          quotes: [],
          figures: [],
          extractedAt: now,
          extractorVersion: 1
        }))
      )
      const templates = ['cloze-quote', 'cloze-figure', 'who-said', 'who-is', 'role-of']
      const nonNewIds: string[] = []
      const CHUNK = 5000
      const cards: Array<Record<string, unknown> & { id: string; queue: number }> = []
      for (let i = 0; i < cardCount; i++) {
        const id = `card-${String(i).padStart(6, '0')}`
        const roll = random()
        let queue = 2
        let memoryState = 2
        let due = now + random() * 365 * DAY
        if (roll < 0.2) {
          queue = 0
          memoryState = 0
          due = now - 30 * DAY + i
        } else if (roll < 0.21) {
          queue = 1
          memoryState = 1
          due = now - 2 * 3_600_000 + random() * DAY
        } else if (roll < 0.23) {
          queue = -1
        } else if (roll < 0.26) {
          due = now - random() * 30 * DAY
        }
        if (queue !== 0) nonNewIds.push(id)
        const articleIndex = i % articleCount
        const articleId = `article-${articleIndex}`
        const template = templates[i % templates.length]
        const speaker = `speaker-${(articleIndex * 3 + (i % 3)) % speakerCount}`
        const withSpeaker = template === 'who-said' || template === 'who-is'
        cards.push({
          id,
          noteId: `${articleId}:quote:note-${Math.floor(i / 5)}`,
          articleId,
          template,
          prompt:
            i % 7 === 0
              ? `“We made real progress on the border question” (${i})`
              : `Talks in Geneva lasted [...] on Tuesday, officials said. (${i})`,
          answer: i % 7 === 0 ? `Speaker ${speaker.slice(8)}` : 'five-and-a-half hours',
          hint: null,
          context: null,
          options: null,
          answerSpeakerId: withSpeaker ? speaker : null,
          anchor: {
            articleId,
            sentence: { start: 0, end: 96 },
            span: { start: 23, end: 44 },
            paragraphIndex: 0
          },
          tags: [],
          due,
          stability: queue === 0 ? 0 : 1 + random() * 100,
          difficulty: queue === 0 ? 0 : 1 + random() * 9,
          elapsedDays: 0,
          scheduledDays: queue === 0 ? 0 : Math.ceil(random() * 100),
          learningSteps: 0,
          reps: queue === 0 ? 0 : 1 + Math.floor(random() * 10),
          lapses: queue === 0 ? 0 : Math.floor(random() * 4),
          memoryState,
          // Set from the logs below, once they are drawn.
          lastReviewedAt: null,
          queue,
          queueBeforeBury: queue === -1 ? 2 : null,
          buriedUntil: null,
          createdAt: now - Math.floor(random() * 400) * DAY,
          updatedAt: now - 30 * DAY
        })
      }
      const snapshot = (dueAt: number): Record<string, unknown> => ({
        due: dueAt,
        stability: 12.5,
        difficulty: 5.2,
        elapsedDays: 3,
        scheduledDays: 12,
        learningSteps: 0,
        reps: 4,
        lapses: 0,
        memoryState: 2,
        lastReviewedAt: dueAt - 12 * DAY,
        queue: 2,
        queueBeforeBury: null,
        buriedUntil: null
      })
      // Logs over the last 60 days, so rated:7 finds some.
      const logs = []
      const latestLogAt = new Map<string, number>()
      for (let i = 0; i < logCount; i++) {
        const reviewedAt = now - 60 * DAY + (60 * DAY * i) / logCount
        logs.push({
          cardId: nonNewIds[Math.floor(random() * nonNewIds.length)],
          articleId: `article-${i % articleCount}`,
          grade: 1 + Math.floor(random() * 4),
          source: 'study',
          reviewedAt,
          answerMs: 2000 + Math.floor(random() * 8000),
          before: snapshot(reviewedAt),
          after: snapshot(reviewedAt + 12 * DAY)
        })
        latestLogAt.set(logs[logs.length - 1].cardId, reviewedAt)
      }
      // Each card's last review is its latest log, as answering makes it (`rated:` reads it);
      // an answered card without a seeded log was last answered before the logs begin.
      for (const card of cards) {
        if (card.queue === 0) continue
        card.lastReviewedAt = latestLogAt.get(card.id) ?? now - (61 + random() * 40) * DAY
      }
      for (let start = 0; start < cards.length; start += CHUNK) {
        await db.table('cards').bulkAdd(cards.slice(start, start + CHUNK))
      }
      for (let start = 0; start < logs.length; start += CHUNK) {
        await db.table('reviewLogs').bulkAdd(logs.slice(start, start + CHUNK))
      }
    },
    { cardCount: CARD_COUNT, logCount: LOG_COUNT, articleCount: ARTICLE_COUNT }
  )
  console.log(`Seeded in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`)
}

async function openBrowse(context: BrowserContext, url: string): Promise<Page> {
  const page = await openBenchPage(context, url, '/browse')
  await page.waitForFunction(() => (window as unknown as BenchWindow).__quotedeckBrowserBench)
  return page
}

/** Waits for the browser to have read every card; returns ms since navigation. */
async function loadedAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const browser = (window as unknown as BenchWindow).__quotedeckBrowserBench?.browser
      return browser?.loaded &&
        !browser.loading &&
        document.querySelector('[role="row"][data-card-id]')
        ? performance.now()
        : false
    },
    undefined,
    { polling: 'raf', timeout: 180_000 }
  )
  return (await handle.jsonValue()) as number
}

/** Each query: handed to the store → the first page of rows painted. */
async function timeSearches(page: Page): Promise<{
  times: number[]
  filterTimes: number[]
  counts: Record<string, number>
  byQuery: Record<string, number[]>
}> {
  return page.evaluate(
    async ({ queries, warmup, runs }) => {
      const browser = (window as unknown as BenchWindow).__quotedeckBrowserBench!.browser
      const afterPaint = (): Promise<number> =>
        new Promise((done) => {
          requestAnimationFrame(() => {
            const channel = new MessageChannel()
            channel.port1.onmessage = () => done(performance.now())
            channel.port2.postMessage(null)
          })
        })
      const times: number[] = []
      const filterTimes: number[] = []
      const counts: Record<string, number> = {}
      const byQuery: Record<string, number[]> = {}
      for (let round = 0; round < warmup + runs; round++) {
        for (const query of queries) {
          // From another query, so the table really changes.
          await browser.setQuery(query === '' ? 'is:buried' : '')
          await afterPaint()
          const startedAt = performance.now()
          await browser.setQuery(query)
          const paintedAt = await afterPaint()
          const firstId = browser.results[0]?.id
          if (firstId && !document.querySelector(`[role="row"][data-card-id="${firstId}"]`)) {
            throw new Error(`The first row of "${query}" was not drawn`)
          }
          counts[query] = browser.results.length
          if (round >= warmup) {
            times.push(paintedAt - startedAt)
            filterTimes.push(browser.lastSearchMs)
            ;(byQuery[query] ??= []).push(paintedAt - startedAt)
          }
        }
      }
      return { times, filterTimes, counts, byQuery }
    },
    { queries: QUERIES, warmup: SEARCH_WARMUP, runs: SEARCH_RUNS }
  )
}

/**
 * Scrolls the table from the first row to the last, one step per frame, and counts the frames
 * that came late: a frame interval of n vsync periods means n − 1 dropped.
 */
async function timeScroll(page: Page): Promise<{
  frames: number
  dropped: number
  periodMs: number
  rows: number
  durationMs: number
  worstMs: number
}> {
  return page.evaluate(async () => {
    const browser = (window as unknown as BenchWindow).__quotedeckBrowserBench!.browser
    await browser.setQuery('')
    const grid = document.querySelector('[role="grid"][aria-label="Cards"]') as HTMLElement
    grid.scrollTop = 0
    const frame = (): Promise<number> => new Promise((done) => requestAnimationFrame(done))
    // The display's frame period, from idle frames.
    const idle: number[] = []
    let last = await frame()
    for (let i = 0; i < 60; i++) {
      const now = await frame()
      idle.push(now - last)
      last = now
    }
    idle.sort((a, b) => a - b)
    const periodMs = idle[Math.floor(idle.length / 2)]
    const total = grid.scrollHeight - grid.clientHeight
    // About 40 rows a frame: the whole list in roughly 40 s at 60 fps.
    const step = 40 * 32
    const intervals: number[] = []
    const startedAt = await frame()
    last = startedAt
    while (grid.scrollTop < total - 1) {
      grid.scrollTop = Math.min(total, grid.scrollTop + step)
      const now = await frame()
      intervals.push(now - last)
      last = now
    }
    const lastRow = browser.results[browser.results.length - 1]?.id
    if (lastRow && !document.querySelector(`[role="row"][data-card-id="${lastRow}"]`)) {
      throw new Error('The last card was not drawn at the end of the scroll')
    }
    let dropped = 0
    for (const interval of intervals) dropped += Math.max(0, Math.round(interval / periodMs) - 1)
    return {
      frames: intervals.length,
      dropped,
      periodMs,
      rows: browser.results.length,
      durationMs: last - startedAt,
      worstMs: Math.max(...intervals)
    }
  })
}

/**
 * Selects `count` cards that are not suspended (all of them when fewer are stored), suspends
 * them, then undoes it.
 */
async function timeBulkSuspend(
  page: Page,
  count: number
): Promise<{
  selected: number
  suspendedBefore: number
  suspendMs: number
  transactionMs: number
  undoMs: number
  changed: number
  restored: number
}> {
  return page.evaluate(async (bulkCount) => {
    const browser = (window as unknown as BenchWindow).__quotedeckBrowserBench!.browser
    await browser.setQuery('-is:suspended')
    const ids = browser.results.slice(0, bulkCount).map((row) => row.id)
    if (ids.length === 0) throw new Error('No card left to suspend')
    browser.clickRow(ids[0])
    browser.clickRow(ids[ids.length - 1], { shift: true })
    if (browser.selectedCount !== ids.length) {
      throw new Error(`Selected ${browser.selectedCount}, not ${ids.length}`)
    }
    const db = (window as unknown as BenchWindow).__quotedeckBrowserBench!.db as unknown as {
      table(name: string): {
        where(index: string): {
          between(a: unknown, b: unknown): { count(): Promise<number> }
        }
      }
    }
    const countSuspended = (): Promise<number> =>
      db.table('cards').where('[queue+due]').between([-1, -Infinity], [-1, Infinity]).count()
    const paint = (): Promise<number> =>
      new Promise((done) => requestAnimationFrame(() => setTimeout(() => done(performance.now()))))
    const suspendedBefore = await countSuspended()
    const startedAt = performance.now()
    const ok = await browser.applyToSelection('suspend')
    const suspendedAt = await paint()
    if (!ok) throw new Error('The bulk suspend failed')
    const transactionMs = browser.lastBulkTransactionMs
    const changed = (await countSuspended()) - suspendedBefore
    const undoStartedAt = performance.now()
    await browser.undo()
    const undoneAt = await paint()
    const restored = await countSuspended()
    return {
      selected: ids.length,
      suspendedBefore,
      suspendMs: suspendedAt - startedAt,
      transactionMs,
      undoMs: undoneAt - undoStartedAt,
      changed,
      restored
    }
  }, count)
}

async function main(): Promise<void> {
  requireBuiltRenderer()
  const profile = await benchProfile('quotedeck-bench-browser-')
  const { dir: profileDir, keep: keepProfile } = profile
  const server = await startStaticServer(RENDERER_DIR, undefined, benchPort(profile))
  let context: BrowserContext | undefined
  try {
    context = await launchBenchBrowser(profileDir, { width: 1400, height: 900 })
    let page = await openBrowse(context, server.url)
    const version = context.browser()?.version() ?? chromium.name()
    console.log(
      `Browser bench: ${CARD_COUNT.toLocaleString('en')} cards, ${LOG_COUNT.toLocaleString('en')} ` +
        `review logs, ${ARTICLE_COUNT} articles; headless Chromium ${version} with an on-disk ` +
        `profile; Node ${process.version}; load average ${loadavg()
          .map((load) => load.toFixed(1))
          .join(' ')} on 2 cores (shared machine)`
    )
    const stored = await page.evaluate(() =>
      (window as unknown as BenchWindow).__quotedeckBrowserBench!.db.table('cards').count()
    )
    if (stored === 0) await seed(page)
    else console.log(`Reusing the seeded profile ${profileDir}`)
    await context.close()

    context = await launchBenchBrowser(profileDir, { width: 1400, height: 900 })
    page = await openBrowse(context, server.url)
    const openedAtMs = await loadedAt(page)
    console.log(
      `browser open: ${openedAtMs.toFixed(0)} ms from navigation to the first rows of ` +
        `${CARD_COUNT.toLocaleString('en')} cards (reads every card once; includes opening the database)`
    )

    console.log(`load average before measuring: ${loadavg()[0].toFixed(1)}`)
    if (PARTS.has('search')) await reportSearches(page)
    if (PARTS.has('scroll')) await reportScroll(page)
    if (PARTS.has('bulk')) await reportBulk(page)
  } finally {
    await context?.close()
    await server.close()
    if (!keepProfile) await rm(profileDir, { recursive: true, force: true })
  }
}

/**
 * `rated:7` as the browser answers it (from each card's last answer time) against the review
 * logs themselves: the cards with a scheduled answer in the last 7 days.
 */
async function checkRated(page: Page): Promise<{ shown: number; fromLogs: number; same: boolean }> {
  return page.evaluate(async () => {
    const bench = (window as unknown as BenchWindow).__quotedeckBrowserBench!
    await bench.browser.setQuery('rated:7')
    const sinceMs = Date.now() - 7 * 86_400_000
    const shown = new Set(bench.browser.results.map((row) => row.id))
    const fromLogs = new Set(
      (await bench.db.table('reviewLogs').toArray())
        .filter((log) => (log.reviewedAt as number) >= sinceMs && log.source !== 'practice')
        .map((log) => log.cardId as string)
    )
    const same = shown.size === fromLogs.size && [...shown].every((id) => fromLogs.has(id))
    return { shown: shown.size, fromLogs: fromLogs.size, same }
  })
}

async function reportSearches(page: Page): Promise<void> {
  const searches = await timeSearches(page)
  const rated = await checkRated(page)
  console.log(
    `browser search: p95 ${percentile(
      [...searches.times].sort((a, b) => a - b),
      95
    ).toFixed(1)} ms (query → first page painted; ${describeTimes(searches.times, 1)}; ` +
      `${QUERIES.length} queries × ${SEARCH_RUNS} runs)`
  )
  console.log(`    of which filter + sort: ${describeTimes(searches.filterTimes, 1)}`)
  const slowest = Object.entries(searches.byQuery)
    .map(([query, times]) => ({ query, worst: Math.max(...times) }))
    .sort((a, b) => b.worst - a.worst)
    .slice(0, 3)
  console.log(
    `    slowest queries (worst run): ${slowest
      .map(({ query, worst }) => `${query === '' ? '(all)' : query} ${worst.toFixed(1)} ms`)
      .join('; ')}`
  )
  console.log(
    `    matches: ${QUERIES.map((q) => `${q === '' ? '(all)' : q} ${searches.counts[q]}`).join('; ')}`
  )
  console.log(
    `    rated:7 from the cards' last answers: ${rated.shown} cards; from the review logs: ` +
      `${rated.fromLogs} cards; the same cards: ${rated.same ? 'yes' : 'NO'}`
  )
  if (!rated.same) process.exitCode = 1
}

async function reportScroll(page: Page): Promise<void> {
  const scroll = await timeScroll(page)
  const share = scroll.dropped / (scroll.frames + scroll.dropped)
  console.log(
    `browser scroll: ${(share * 100).toFixed(2)}% dropped frames (${scroll.dropped} of ` +
      `${scroll.frames + scroll.dropped} frames at ${scroll.periodMs.toFixed(1)} ms; ` +
      `${scroll.rows.toLocaleString('en')} rows top to bottom in ` +
      `${(scroll.durationMs / 1000).toFixed(1)} s; longest frame ${scroll.worstMs.toFixed(1)} ms)`
  )
}

async function reportBulk(page: Page): Promise<void> {
  const bulk = await timeBulkSuspend(page, BULK_COUNT)
  console.log(
    `bulk suspend ${bulk.selected}: ${bulk.suspendMs.toFixed(0)} ms (until the table is painted; ` +
      `the one transaction itself ${bulk.transactionMs.toFixed(0)} ms; ` +
      `${bulk.changed.toLocaleString('en')} more cards suspended in the database afterwards, ` +
      `${bulk.suspendedBefore.toLocaleString('en')} were before); undo: ` +
      `${bulk.undoMs.toFixed(0)} ms (${bulk.restored.toLocaleString('en')} suspended after it)`
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
