import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import {
  defaultSchedulerSettings,
  localTimeZone,
  type SchedulerSettings
} from '../../../core/scheduling'
import {
  futureBins,
  studyDays,
  type StatsRange,
  type StudyDay,
  type TimeBin
} from '../../../core/stats'
import type { ReviewSlot } from '../../../core/stats/slots'
import { todayCounts, type QueueCounts, type TodayCounts } from '../db/cards-repo'
import { getDatabase } from '../db/schema'
import {
  lastDueMs,
  loadCardTallies,
  loadForecastCounts,
  loadMasteryInput,
  loadRetrievabilitySample,
  loadSlots,
  type CardBinCounts,
  type MasteryInput,
  type RetrievabilitySample
} from '../db/stats-repo'
import { loadSchedulerSettings } from '../db/study-settings-repo'

/** Everything the Stats view draws from, read at one instant. */
export interface StatsData {
  nowMs: number
  settings: SchedulerSettings
  timeZone: string
  slots: ReviewSlot[]
  days: StudyDay[]
  today: TodayCounts
  queues: QueueCounts
  bins: CardBinCounts
  retrievability: RetrievabilitySample
  lastDueMs: number | null
  mastery: MasteryInput
}

/** The forecast's range when the Stats view opens. */
export const DEFAULT_FORECAST_RANGE: StatsRange = '1m'

/** The forecast for one range (its bins are read on demand: a year is 53 weeks of counts). */
export interface ForecastData {
  range: StatsRange
  bins: TimeBin[]
  counts: number[]
}

/**
 * The Stats view's data. It orchestrates: storage reads indexes and the review aggregate,
 * `core/stats` does the maths (the view calls it on what is loaded here).
 */
export const useStatsStore = defineStore('stats', () => {
  const data = shallowRef<StatsData | null>(null)
  const forecast = shallowRef<ForecastData | null>(null)
  const error = ref<string | null>(null)
  const loading = ref(false)

  function describe(cause: unknown): string {
    return `Could not load your statistics: ${cause instanceof Error ? cause.message : String(cause)}`
  }

  async function loadForecast(
    range: StatsRange,
    base: Pick<StatsData, 'nowMs' | 'lastDueMs' | 'settings' | 'timeZone'>
  ): Promise<ForecastData> {
    const bins = futureBins(range, base.nowMs, base.lastDueMs, base.settings, base.timeZone)
    const counts = await loadForecastCounts(getDatabase(), bins, base.nowMs)
    return { range, bins, counts }
  }

  /** The read in flight, so a visit that already started one does not start a second. */
  let pending: Promise<void> | null = null
  /** The latest read started: an older one that finishes later does not overwrite its figures. */
  let latest = 0

  /**
   * Starts reading for a visit of the Stats view unless a read is already under way (the
   * navigation starts it on the click, before the view is mounted, so the database works while
   * the previous view is taken down).
   */
  function loadForVisit(forecastRange: StatsRange = DEFAULT_FORECAST_RANGE): Promise<void> {
    return pending ?? load(Date.now(), forecastRange)
  }

  /** Reads everything at `nowMs` (the current time by default). */
  function load(
    nowMs: number = Date.now(),
    forecastRange: StatsRange = DEFAULT_FORECAST_RANGE
  ): Promise<void> {
    const generation = ++latest
    const read = readAll(nowMs, forecastRange, generation).finally(() => {
      if (pending === read) pending = null
    })
    pending = read
    return read
  }

  async function readAll(
    nowMs: number,
    forecastRange: StatsRange,
    generation: number
  ): Promise<void> {
    loading.value = true
    error.value = null
    // Each visit reads afresh (the figures change with every answer); the view says it is loading.
    data.value = null
    try {
      const db = getDatabase()
      const timeZone = localTimeZone()
      // Each read starts as soon as what it needs is there, so the slowest chain sets the time.
      const settingsRead = loadSchedulerSettings(db).catch(() => ({ ...defaultSchedulerSettings }))
      const talliesRead = loadCardTallies(db)
      const lastDueRead = lastDueMs(db)
      const [
        settings,
        slots,
        { bins, queues },
        lastDue,
        mastery,
        today,
        retrievability,
        forecastBins
      ] = await Promise.all([
        settingsRead,
        loadSlots(db),
        talliesRead,
        lastDueRead,
        loadMasteryInput(db),
        settingsRead.then((loaded) => todayCounts(db, nowMs, loaded, timeZone)),
        talliesRead.then((tallies) => loadRetrievabilitySample(db, tallies.bins.stability)),
        Promise.all([settingsRead, lastDueRead]).then(([loaded, last]) =>
          loadForecast(forecastRange, { nowMs, lastDueMs: last, settings: loaded, timeZone })
        )
      ])
      const next: StatsData = {
        nowMs,
        settings,
        timeZone,
        slots,
        days: studyDays(slots, settings, timeZone),
        today,
        queues,
        bins,
        retrievability,
        lastDueMs: lastDue,
        mastery
      }
      if (generation !== latest) return
      forecast.value = forecastBins
      data.value = next
    } catch (cause) {
      if (generation === latest) error.value = describe(cause)
    } finally {
      if (generation === latest) loading.value = false
    }
  }

  /** Shows the forecast over another range. */
  async function setForecastRange(range: StatsRange): Promise<void> {
    const base = data.value
    if (!base) return
    try {
      forecast.value = await loadForecast(range, base)
    } catch (cause) {
      error.value = describe(cause)
    }
  }

  return { data, forecast, error, loading, load, loadForVisit, setForecastRange }
})
