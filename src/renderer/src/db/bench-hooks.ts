import { futureBins } from '../../../core/stats'
import {
  defaultSchedulerSettings,
  localTimeZone,
  tzOffsetMinutesAt,
  type SchedulerSettings
} from '../../../core/scheduling'
import { useBrowserStore } from '../stores/browser'
import { useStudyStore } from '../stores/study'
import { listArticleSummaries, type ArticleSummary } from './articles-repo'
import { loadStudyQueue, todayCounts, type StudyQueue, type StudyScope } from './cards-repo'
import {
  lastDueMs,
  loadCardTallies,
  loadForecastCounts,
  loadMasteryInput,
  loadRetrievabilitySample,
  loadSlots
} from './stats-repo'
import { loadSchedulerSettings } from './study-settings-repo'
import { rebuildReviewSlots } from './review-slots-repo'
import { loadArticleCounts, recountArticleCounts, studyDayEndAt } from './counts-repo'
import { getDatabase, type QuotedeckDatabase } from './schema'

/** What the study benchmark (tests/bench/bench-study.ts) drives in the page. */
export interface StudyBenchHooks {
  db: QuotedeckDatabase
  loadStudyQueue(
    scope: StudyScope,
    nowMs: number,
    settings?: SchedulerSettings
  ): Promise<StudyQueue>
  /** What the Library view reads when it is shown (summaries with per-article card counts). */
  listArticleSummaries(withCardCounts: boolean): Promise<ArticleSummary[]>
  /** What the Library reads for its counts (fold + read of the maintained counts), summed. */
  libraryCounts(): Promise<CountTotals>
  /** The same totals from a full recount of the cards (checks the maintained counts). */
  recountLibraryCounts(): Promise<CountTotals>
  study: ReturnType<typeof useStudyStore>
  tzOffsetMinutesAt: typeof tzOffsetMinutesAt
  /** Recomputes the review aggregate from the logs (the stats bench seeds logs directly). */
  rebuildReviewSlots(): Promise<number>
  /** Runs each read of the Stats view alone and returns its duration in ms, by name. */
  timeStatsReads(): Promise<Record<string, number>>
}

/** Times each Stats read on its own (one after the other, so the figures do not overlap). */
async function timeStatsReads(db: QuotedeckDatabase): Promise<Record<string, number>> {
  const timings: Record<string, number> = {}
  const time = async <T>(name: string, read: () => Promise<T>): Promise<T> => {
    const startedAt = performance.now()
    const result = await read()
    timings[name] = performance.now() - startedAt
    return result
  }
  const settings = await time('settings', () => loadSchedulerSettings(db))
  await time('slots', () => loadSlots(db))
  const { bins } = await time('tallies', () => loadCardTallies(db))
  await time('lastDue', () => lastDueMs(db))
  await time('mastery', () => loadMasteryInput(db))
  await time('today', () => todayCounts(db, Date.now(), settings, tzOffsetMinutesAt(Date.now())))
  await time('retrievability', () => loadRetrievabilitySample(db, bins.stability))
  const last = await lastDueMs(db)
  for (const range of ['1m', '1y'] as const) {
    const bins = futureBins(range, Date.now(), last, settings, localTimeZone())
    await time(`forecast ${range}`, () => loadForecastCounts(db, bins, Date.now()))
  }
  return timings
}

/** Library counts summed over the articles. */
export interface CountTotals {
  articles: number
  total: number
  new: number
  due: number
}

function totals(counts: Map<string, { total: number; new: number; due: number }>): CountTotals {
  const sum: CountTotals = { articles: 0, total: 0, new: 0, due: 0 }
  for (const value of counts.values()) {
    if (value.total === 0) continue
    sum.articles++
    sum.total += value.total
    sum.new += value.new
    sum.due += value.due
  }
  return sum
}

declare global {
  interface Window {
    __quotedeckStudyBench?: StudyBenchHooks
  }
}

/**
 * Exposes the study internals on `window` for the benchmark, only in a dev build or when the page
 * was opened with `?bench` (the packaged app never is); otherwise does nothing.
 */
export function installStudyBenchHooks(): void {
  const enabled = import.meta.env.DEV || new URLSearchParams(window.location.search).has('bench')
  if (!enabled) return
  const study = useStudyStore()
  window.__quotedeckStudyBench = {
    db: getDatabase(),
    loadStudyQueue: (scope, nowMs, settings = { ...defaultSchedulerSettings }) =>
      loadStudyQueue(getDatabase(), {
        scope,
        nowMs,
        settings,
        tzOffsetMinutes: tzOffsetMinutesAt(nowMs)
      }),
    listArticleSummaries: (withCardCounts) =>
      listArticleSummaries(getDatabase(), { withCardCounts }),
    libraryCounts: async () => totals(await loadArticleCounts(getDatabase(), Date.now())),
    recountLibraryCounts: async () => {
      const db = getDatabase()
      return totals(await recountArticleCounts(db, await studyDayEndAt(db, Date.now())))
    },
    study,
    tzOffsetMinutesAt,
    rebuildReviewSlots: () => rebuildReviewSlots(getDatabase()),
    timeStatsReads: () => timeStatsReads(getDatabase())
  }
}

/** What the browser benchmark (tests/bench/bench-browser.ts) drives in the page. */
export interface BrowserBenchHooks {
  db: QuotedeckDatabase
  browser: ReturnType<typeof useBrowserStore>
}

declare global {
  interface Window {
    __quotedeckBrowserBench?: BrowserBenchHooks
  }
}

/** As `installStudyBenchHooks`, for the card browser (only in a dev build or with `?bench`). */
export function installBrowserBenchHooks(): void {
  const enabled = import.meta.env.DEV || new URLSearchParams(window.location.search).has('bench')
  if (!enabled) return
  window.__quotedeckBrowserBench = { db: getDatabase(), browser: useBrowserStore() }
}
