/**
 * What the Stats view draws, computed from the review aggregate (quarter-hour slots), bin counts
 * of the cards and small samples. Pure: time, the "next day starts at" hour and the time zone are
 * parameters, and days are study days in the user's zone (a day starts at the rollover hour).
 */
import {
  MemoryState,
  retrievabilityAt,
  type SchedulerSettings,
  type SchedulingState,
  type TimeZoneSpec
} from '../scheduling'
import { studyCalendar } from './calendar'
import { MATURE_DAYS, emptySlot, type GradeCounts, type ReviewSlot } from './slots'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** The periods a chart can show, as Anki offers them. */
export type StatsRange = '1m' | '3m' | '1y' | 'all'

/** Every range, in the order the selector shows them. */
export const STATS_RANGES: readonly StatsRange[] = ['1m', '3m', '1y', 'all']

/** Days in a bounded range. */
export const RANGE_DAYS: Record<Exclude<StatsRange, 'all'>, number> = {
  '1m': 30,
  '3m': 90,
  '1y': 365
}

/** The answers of one study day (slot sums; `slotStartMs` is the day's start). */
export interface StudyDay extends ReviewSlot {
  /** Epoch ms at which the study day starts (the local rollover). */
  dayStartMs: number
}

function addGrades(a: GradeCounts, b: GradeCounts): GradeCounts {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]]
}

/** Sum of two aggregates (into a new object). */
export function addSlots<T extends ReviewSlot>(into: T, slot: ReviewSlot): T {
  return {
    ...into,
    learn: into.learn + slot.learn,
    review: into.review + slot.review,
    relearn: into.relearn + slot.relearn,
    learnMs: into.learnMs + slot.learnMs,
    reviewMs: into.reviewMs + slot.reviewMs,
    relearnMs: into.relearnMs + slot.relearnMs,
    introduced: into.introduced + slot.introduced,
    learnGrades: addGrades(into.learnGrades, slot.learnGrades),
    youngGrades: addGrades(into.youngGrades, slot.youngGrades),
    matureGrades: addGrades(into.matureGrades, slot.matureGrades),
    relearnGrades: addGrades(into.relearnGrades, slot.relearnGrades),
    practice: into.practice + slot.practice,
    practiceMs: into.practiceMs + slot.practiceMs,
    practicePassed: into.practicePassed + slot.practicePassed
  }
}

/** Scheduled answers (practice excluded) of an aggregate. */
export function scheduledCount(slot: ReviewSlot): number {
  return slot.learn + slot.review + slot.relearn
}

/** Walks instants in ascending order and tells each one's study day, computing each day once. */
function dayWalker(
  settings: SchedulerSettings,
  timeZone: TimeZoneSpec
): (epochMs: number) => { dayStartMs: number; offsetMinutes: number } {
  const calendar = studyCalendar(settings, timeZone)
  let start = Infinity
  let end = -Infinity
  let offsetMinutes = 0
  return (epochMs) => {
    if (epochMs < start || epochMs >= end) {
      start = calendar.dayStart(epochMs)
      end = calendar.dayStartFrom(epochMs, 1)
      offsetMinutes = calendar.offsetMinutes(epochMs)
    }
    return { dayStartMs: start, offsetMinutes }
  }
}

/** The slots summed per study day, oldest first (slots must be sorted by start). */
export function studyDays(
  slots: readonly ReviewSlot[],
  settings: SchedulerSettings,
  timeZone: TimeZoneSpec
): StudyDay[] {
  const walk = dayWalker(settings, timeZone)
  const days: StudyDay[] = []
  for (const slot of slots) {
    const { dayStartMs } = walk(slot.slotStartMs)
    const last = days[days.length - 1]
    if (last && last.dayStartMs === dayStartMs) days[days.length - 1] = addSlots(last, slot)
    else days.push(addSlots({ ...emptySlot(dayStartMs), dayStartMs }, slot))
  }
  return days
}

/** The start of the study day `offsetDays` from the one containing `nowMs` (negative: past). */
export function dayStartFrom(
  nowMs: number,
  offsetDays: number,
  settings: SchedulerSettings,
  timeZone: TimeZoneSpec
): number {
  return studyCalendar(settings, timeZone).dayStartFrom(nowMs, offsetDays)
}

/** One bar of a time chart: [startMs, endMs) in study days. */
export interface TimeBin {
  startMs: number
  endMs: number
}

function binsBetween(
  firstDayStartMs: number,
  dayCount: number,
  binDays: number,
  settings: SchedulerSettings,
  timeZone: TimeZoneSpec
): TimeBin[] {
  const bins: TimeBin[] = []
  for (let offset = 0; offset < dayCount; offset += binDays) {
    const startMs = dayStartFrom(firstDayStartMs, offset, settings, timeZone)
    const endMs = dayStartFrom(
      firstDayStartMs,
      Math.min(dayCount, offset + binDays),
      settings,
      timeZone
    )
    bins.push({ startMs, endMs })
  }
  return bins
}

/** Bars of one day up to three months, a week for a year, and about a month beyond. */
function binDaysFor(range: StatsRange, dayCount: number): number {
  if (range === '1m' || range === '3m') return 1
  if (range === '1y') return 7
  return Math.max(1, Math.ceil(dayCount / 60))
}

/**
 * The bins of a chart of the past: the last 30/90/365 study days up to today, or every day since
 * `earliestMs` (the first answer) for `all`.
 */
export function pastBins(
  range: StatsRange,
  nowMs: number,
  earliestMs: number | null,
  settings: SchedulerSettings,
  timeZone: TimeZoneSpec
): TimeBin[] {
  const today = studyCalendar(settings, timeZone).dayStart(nowMs)
  let dayCount: number
  if (range === 'all') {
    const first =
      earliestMs === null ? today : studyCalendar(settings, timeZone).dayStart(earliestMs)
    dayCount = Math.max(1, Math.round((today - first) / DAY_MS) + 1)
  } else {
    dayCount = RANGE_DAYS[range]
  }
  const first = dayStartFrom(nowMs, -(dayCount - 1), settings, timeZone)
  return binsBetween(first, dayCount, binDaysFor(range, dayCount), settings, timeZone)
}

/**
 * The bins of the future-due chart, starting today: 31 or 91 days, weeks for a year, and up to
 * `lastDueMs` (the latest due card) for `all`.
 */
export function futureBins(
  range: StatsRange,
  nowMs: number,
  lastDueMs: number | null,
  settings: SchedulerSettings,
  timeZone: TimeZoneSpec
): TimeBin[] {
  const today = studyCalendar(settings, timeZone).dayStart(nowMs)
  let dayCount: number
  if (range === 'all') {
    const last = lastDueMs === null ? today : Math.max(today, lastDueMs)
    dayCount = Math.max(31, Math.ceil((last - today) / DAY_MS) + 1)
  } else {
    dayCount = RANGE_DAYS[range] + 1
  }
  return binsBetween(today, dayCount, binDaysFor(range, dayCount), settings, timeZone)
}

/** Reviews-per-day bar: answers by kind and time spent, and practice apart. */
export interface KindBar extends TimeBin {
  learn: number
  review: number
  relearn: number
  /** Time spent on scheduled answers, ms. */
  answerMs: number
  practice: number
}

/** Totals under the reviews-per-day chart. */
export interface KindSummary {
  bars: KindBar[]
  /** Days in the range with at least one scheduled answer. */
  daysStudied: number
  daysInRange: number
  total: number
  totalMs: number
  practice: number
  /** Scheduled answers per day studied (0 when none). */
  averagePerStudiedDay: number
}

/** Reviews per day by kind (learn/review/relearn) and time, over the bins given. */
export function reviewsByKind(days: readonly StudyDay[], bins: readonly TimeBin[]): KindSummary {
  const bars: KindBar[] = bins.map((bin) => ({
    ...bin,
    learn: 0,
    review: 0,
    relearn: 0,
    answerMs: 0,
    practice: 0
  }))
  let daysStudied = 0
  let index = 0
  for (const day of days) {
    while (index < bars.length && day.dayStartMs >= bars[index].endMs) index++
    if (index >= bars.length) break
    if (day.dayStartMs < bars[index].startMs) continue
    const bar = bars[index]
    bar.learn += day.learn
    bar.review += day.review
    bar.relearn += day.relearn
    bar.answerMs += day.learnMs + day.reviewMs + day.relearnMs
    bar.practice += day.practice
    if (scheduledCount(day) > 0) daysStudied++
  }
  const total = bars.reduce((sum, bar) => sum + bar.learn + bar.review + bar.relearn, 0)
  const first = bins[0]?.startMs ?? 0
  const last = bins[bins.length - 1]?.endMs ?? 0
  return {
    bars,
    daysStudied,
    daysInRange: Math.round((last - first) / DAY_MS),
    total,
    totalMs: bars.reduce((sum, bar) => sum + bar.answerMs, 0),
    practice: bars.reduce((sum, bar) => sum + bar.practice, 0),
    averagePerStudiedDay: daysStudied === 0 ? 0 : total / daysStudied
  }
}

/** One day of the review calendar. */
export interface CalendarDay {
  dayStartMs: number
  /** Scheduled answers that day. */
  count: number
  /** Weekday of the study day in the user's zone, 0 = Sunday. */
  weekday: number
  /** Column of the heatmap (weeks since the first shown). */
  week: number
}

/** The review calendar (heatmap) with streaks. */
export interface ReviewCalendar {
  days: CalendarDay[]
  /** Consecutive study days up to today (or up to yesterday when today has none yet). */
  currentStreak: number
  /** Longest run of consecutive study days in the whole history. */
  longestStreak: number
  daysStudied: number
  /** The most answers in one day (for the colour scale). */
  maxCount: number
}

/** The calendar over the days of `bins` (one-day bins), streaks over the whole history. */
export function reviewCalendar(
  allDays: readonly StudyDay[],
  firstDayMs: number,
  nowMs: number,
  settings: SchedulerSettings,
  timeZone: TimeZoneSpec
): ReviewCalendar {
  const today = studyCalendar(settings, timeZone).dayStart(nowMs)
  const studied = allDays.filter((day) => scheduledCount(day) > 0)
  const countByDay = new Map(studied.map((day) => [day.dayStartMs, scheduledCount(day)]))

  // Streaks: consecutive study days, whatever their length in hours.
  let longestStreak = 0
  let run = 0
  let previous: number | null = null
  for (const day of studied) {
    const expected = previous === null ? null : dayStartFrom(previous, 1, settings, timeZone)
    run = expected !== null && day.dayStartMs === expected ? run + 1 : 1
    longestStreak = Math.max(longestStreak, run)
    previous = day.dayStartMs
  }
  let currentStreak = 0
  let cursor = countByDay.has(today) ? today : dayStartFrom(nowMs, -1, settings, timeZone)
  while (countByDay.has(cursor)) {
    currentStreak++
    cursor = dayStartFrom(cursor, -1, settings, timeZone)
  }

  const days: CalendarDay[] = []
  const weekdayOf = (dayStartMs: number): number => {
    const offset = studyCalendar(settings, timeZone).offsetMinutes(dayStartMs)
    return new Date(dayStartMs + offset * 60_000).getUTCDay()
  }
  const firstWeekday = weekdayOf(firstDayMs)
  let dayMs = firstDayMs
  let index = 0
  while (dayMs <= today) {
    days.push({
      dayStartMs: dayMs,
      count: countByDay.get(dayMs) ?? 0,
      weekday: weekdayOf(dayMs),
      week: Math.floor((index + firstWeekday) / 7)
    })
    index++
    dayMs = dayStartFrom(dayMs, 1, settings, timeZone)
  }
  return {
    days,
    currentStreak,
    longestStreak,
    daysStudied: days.filter((day) => day.count > 0).length,
    maxCount: days.reduce((max, day) => Math.max(max, day.count), 0)
  }
}

/** Pass rate of review answers over a period. */
export interface RetentionRow {
  label: string
  youngPassed: number
  youngFailed: number
  maturePassed: number
  matureFailed: number
  /** Share passed (0..1), null when there was no such answer. */
  young: number | null
  mature: number | null
  total: number | null
  /** Review answers counted. */
  count: number
}

function rate(passed: number, failed: number): number | null {
  return passed + failed === 0 ? null : passed / (passed + failed)
}

/**
 * True retention, as Anki's table shows it: the share of answers to cards in review that were not
 * Again, for young (interval under 21 days) and mature cards, over today, yesterday, the last
 * week, month, year, and all time. Learning and relearning answers are not counted.
 */
export function trueRetention(
  days: readonly StudyDay[],
  nowMs: number,
  settings: SchedulerSettings,
  timeZone: TimeZoneSpec
): RetentionRow[] {
  const periods: Array<{ label: string; fromMs: number; toMs: number }> = [
    { label: 'Today', fromMs: dayStartFrom(nowMs, 0, settings, timeZone), toMs: Infinity },
    {
      label: 'Yesterday',
      fromMs: dayStartFrom(nowMs, -1, settings, timeZone),
      toMs: dayStartFrom(nowMs, 0, settings, timeZone)
    },
    { label: 'Last week', fromMs: dayStartFrom(nowMs, -6, settings, timeZone), toMs: Infinity },
    { label: 'Last month', fromMs: dayStartFrom(nowMs, -29, settings, timeZone), toMs: Infinity },
    { label: 'Last year', fromMs: dayStartFrom(nowMs, -364, settings, timeZone), toMs: Infinity },
    { label: 'All time', fromMs: -Infinity, toMs: Infinity }
  ]
  return periods.map(({ label, fromMs, toMs }) => {
    let youngPassed = 0
    let youngFailed = 0
    let maturePassed = 0
    let matureFailed = 0
    for (const day of days) {
      if (day.dayStartMs < fromMs || day.dayStartMs >= toMs) continue
      youngFailed += day.youngGrades[0]
      youngPassed += day.youngGrades[1] + day.youngGrades[2] + day.youngGrades[3]
      matureFailed += day.matureGrades[0]
      maturePassed += day.matureGrades[1] + day.matureGrades[2] + day.matureGrades[3]
    }
    return {
      label,
      youngPassed,
      youngFailed,
      maturePassed,
      matureFailed,
      young: rate(youngPassed, youngFailed),
      mature: rate(maturePassed, matureFailed),
      total: rate(youngPassed + maturePassed, youngFailed + matureFailed),
      count: youngPassed + youngFailed + maturePassed + matureFailed
    }
  })
}

/** Answer buttons by kind over a range: grade counts and the share not Again. */
export interface ButtonRow {
  kind: 'learn' | 'young' | 'mature' | 'relearn'
  grades: GradeCounts
  total: number
  /** Share of answers above Again (0..1), null with no answers. */
  correct: number | null
}

/** Answer-button counts (Again/Hard/Good/Easy) per kind, from the days at or after `fromMs`. */
export function answerButtons(days: readonly StudyDay[], fromMs: number): ButtonRow[] {
  const sums: Record<ButtonRow['kind'], GradeCounts> = {
    learn: [0, 0, 0, 0],
    young: [0, 0, 0, 0],
    mature: [0, 0, 0, 0],
    relearn: [0, 0, 0, 0]
  }
  for (const day of days) {
    if (day.dayStartMs < fromMs) continue
    sums.learn = addGrades(sums.learn, day.learnGrades)
    sums.young = addGrades(sums.young, day.youngGrades)
    sums.mature = addGrades(sums.mature, day.matureGrades)
    sums.relearn = addGrades(sums.relearn, day.relearnGrades)
  }
  return (Object.keys(sums) as ButtonRow['kind'][]).map((kind) => {
    const grades = sums[kind]
    const total = grades[0] + grades[1] + grades[2] + grades[3]
    return { kind, grades, total, correct: total === 0 ? null : (total - grades[0]) / total }
  })
}

/** Scheduled answers begun in one local hour of the day. */
export interface HourRow {
  /** Local hour, 0..23. */
  hour: number
  count: number
  passed: number
  /** Share above Again (0..1), null with no answers. */
  correct: number | null
}

/** Answers by local hour of the day (slots from `fromMs` on; slots sorted by start). */
export function hourlyBreakdown(
  slots: readonly ReviewSlot[],
  fromMs: number,
  settings: SchedulerSettings,
  timeZone: TimeZoneSpec
): HourRow[] {
  const rows: HourRow[] = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    count: 0,
    passed: 0,
    correct: null
  }))
  const walk = dayWalker(settings, timeZone)
  for (const slot of slots) {
    if (slot.slotStartMs < fromMs) continue
    const { offsetMinutes } = walk(slot.slotStartMs)
    const local = slot.slotStartMs + offsetMinutes * 60_000
    const hour = Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS)
    const failed =
      slot.learnGrades[0] + slot.youngGrades[0] + slot.matureGrades[0] + slot.relearnGrades[0]
    const count = scheduledCount(slot)
    rows[hour].count += count
    rows[hour].passed += count - failed
  }
  for (const row of rows) row.correct = row.count === 0 ? null : row.passed / row.count
  return rows
}

/** Edges of a distribution: bin i is [edges[i], edges[i + 1]), the last one open-ended. */
export const INTERVAL_EDGES_DAYS: readonly number[] = [
  1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 17, 21, 25, 30, 40, 50, 60, 75, 90, 120, 150, 180, 240, 365,
  540, 730, 1095, 1825, 3650
]
export const STABILITY_EDGES_DAYS: readonly number[] = [
  0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 120, 180, 270, 365, 540, 730, 1095, 1825, 3650
]
export const DIFFICULTY_EDGES: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
export const RETRIEVABILITY_EDGES: readonly number[] = [
  0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95
]

/** One bar of a distribution. */
export interface DistributionBin {
  /** Inclusive lower edge. */
  from: number
  /** Exclusive upper edge (Infinity for the last bin). */
  to: number
  count: number
}

/** Pairs edges with counts (counts[i] is for [edges[i], edges[i+1]); the last bin is open). */
export function distribution(
  edges: readonly number[],
  counts: readonly number[]
): DistributionBin[] {
  return edges.map((from, index) => ({
    from,
    to: index + 1 < edges.length ? edges[index + 1] : Infinity,
    count: counts[index] ?? 0
  }))
}

/** A distribution's bins that start within a range of days (all of them for `all`). */
export function withinRange(
  bins: readonly DistributionBin[],
  range: StatsRange
): DistributionBin[] {
  if (range === 'all') return [...bins]
  const limit = RANGE_DAYS[range]
  return bins.filter((bin) => bin.from < limit)
}

/**
 * The daily review load, ≈ Σ 1/interval over the cards in review (a card with a 10-day interval
 * costs a tenth of a review a day). From interval bins: a bin of width 1 is exact; a wider bin
 * uses the mean of 1/x over its whole days, as if its cards were spread evenly across them.
 */
export function dailyLoad(intervalBins: readonly DistributionBin[]): number {
  let load = 0
  for (const bin of intervalBins) {
    if (bin.count === 0) continue
    const from = Math.max(1, Math.ceil(bin.from))
    const to = Number.isFinite(bin.to) ? Math.ceil(bin.to) : from * 2
    let harmonic = 0
    for (let days = from; days < to; days++) harmonic += 1 / days
    load += (bin.count * harmonic) / Math.max(1, to - from)
  }
  return load
}

/**
 * The retrievability of a set of cards now, in 10 % bins (95 %+ apart), and the average. With
 * `weights` (a sample), each card counts as `weights[i]` cards, so the bins estimate the whole
 * collection (rounded to whole cards).
 */
export function retrievabilityDistribution(
  states: readonly SchedulingState[],
  nowMs: number,
  settings: SchedulerSettings,
  weights?: readonly number[]
): { bins: DistributionBin[]; average: number | null; cards: number } {
  const counts = new Array<number>(RETRIEVABILITY_EDGES.length).fill(0)
  let sum = 0
  let cards = 0
  const retrievabilityNow = retrievabilityAt(nowMs, settings)
  states.forEach((state, i) => {
    if (state.memoryState === MemoryState.New || state.lastReviewedAt === null) return
    const weight = weights?.[i] ?? 1
    const value = retrievabilityNow(state)
    let index = RETRIEVABILITY_EDGES.length - 1
    while (index > 0 && value < RETRIEVABILITY_EDGES[index]) index--
    counts[index] += weight
    sum += value * weight
    cards += weight
  })
  const bins = distribution(
    RETRIEVABILITY_EDGES,
    counts.map((count) => Math.round(count))
  )
  bins[bins.length - 1].to = 1
  return { bins, average: cards === 0 ? null : sum / cards, cards: Math.round(cards) }
}

/** The fields of a card mastery needs. */
export interface MasteryCard {
  articleId: string
  template: string
  answerSpeakerId: string | null
  memoryState: number
  scheduledDays: number
  lapses: number
}

/** Whether a card is mature: in review with an interval of 21 days or more. */
export function isMature(card: Pick<MasteryCard, 'memoryState' | 'scheduledDays'>): boolean {
  return card.memoryState === MemoryState.Review && card.scheduledDays >= MATURE_DAYS
}

/** How well one speaker's who-said cards are known. */
export interface SpeakerMastery {
  speakerId: string
  articleId: string
  whoSaidCards: number
  mature: number
  /** mature / whoSaidCards (0..1). */
  share: number
  /** Lapses over all the speaker's who-said cards. */
  lapses: number
}

/** Mastery per speaker from their who-said cards, most lapses first (then least mature). */
export function speakerMastery(cards: readonly MasteryCard[]): SpeakerMastery[] {
  const bySpeaker = new Map<string, SpeakerMastery>()
  for (const card of cards) {
    if (card.template !== 'who-said' || card.answerSpeakerId === null) continue
    const row = bySpeaker.get(card.answerSpeakerId) ?? {
      speakerId: card.answerSpeakerId,
      articleId: card.articleId,
      whoSaidCards: 0,
      mature: 0,
      share: 0,
      lapses: 0
    }
    row.whoSaidCards++
    if (isMature(card)) row.mature++
    row.lapses += card.lapses
    bySpeaker.set(card.answerSpeakerId, row)
  }
  const rows = [...bySpeaker.values()]
  for (const row of rows) row.share = row.mature / row.whoSaidCards
  return rows.sort(
    (a, b) => b.lapses - a.lapses || a.share - b.share || a.speakerId.localeCompare(b.speakerId)
  )
}

/** How well one article's cards are known. */
export interface ArticleMastery {
  articleId: string
  cards: number
  studied: number
  mature: number
  /** mature / cards (0..1). */
  share: number
  lapses: number
}

/** Mastery per article over all its cards, in the order the article ids are given. */
export function articleMastery(
  articleIds: readonly string[],
  cards: readonly MasteryCard[]
): ArticleMastery[] {
  const byArticle = new Map<string, ArticleMastery>(
    articleIds.map((articleId) => [
      articleId,
      { articleId, cards: 0, studied: 0, mature: 0, share: 0, lapses: 0 }
    ])
  )
  for (const card of cards) {
    const row = byArticle.get(card.articleId)
    if (!row) continue
    row.cards++
    if (card.memoryState !== MemoryState.New) row.studied++
    if (isMature(card)) row.mature++
    row.lapses += card.lapses
  }
  const rows = [...byArticle.values()]
  for (const row of rows) row.share = row.cards === 0 ? 0 : row.mature / row.cards
  return rows
}
