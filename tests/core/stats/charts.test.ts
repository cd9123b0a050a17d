import { describe, expect, it } from 'vitest'
import {
  answerButtons,
  articleMastery,
  dailyLoad,
  distribution,
  futureBins,
  hourlyBreakdown,
  INTERVAL_EDGES_DAYS,
  pastBins,
  retrievabilityDistribution,
  reviewCalendar,
  reviewsByKind,
  slotsFromLogs,
  speakerMastery,
  studyCalendar,
  studyDays,
  trueRetention,
  withinRange,
  type MasteryCard
} from '../../../src/core/stats'
import {
  applyLogToSlot,
  answerKind,
  emptySlot,
  isEmptySlot,
  slotStartOf
} from '../../../src/core/stats/slots'
import {
  defaultSchedulerSettings,
  newSchedulingState,
  studyDayStart,
  type Grade,
  type ReviewLogEntry,
  type SchedulingState
} from '../../../src/core/scheduling'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
/** Tuesday 2026-03-10 12:00 UTC. */
const NOW_MS = Date.UTC(2026, 2, 10, 12, 0, 0)
const settings = { ...defaultSchedulerSettings }

function state(overrides: Partial<SchedulingState>): SchedulingState {
  return { ...newSchedulingState(NOW_MS - 100 * DAY_MS), ...overrides }
}

const NEW = state({})
const LEARNING = state({ memoryState: 1, queue: 1 })
const YOUNG = state({ memoryState: 2, queue: 2, scheduledDays: 5, stability: 5 })
const MATURE = state({ memoryState: 2, queue: 2, scheduledDays: 30, stability: 40 })
const RELEARNING = state({ memoryState: 3, queue: 1 })

function log(
  reviewedAt: number,
  before: SchedulingState,
  grade: Grade,
  source: ReviewLogEntry['source'] = 'study',
  answerMs = 4000
): ReviewLogEntry {
  return { cardId: 'c', articleId: 'a', grade, source, reviewedAt, answerMs, before, after: null }
}

describe('review slots', () => {
  it('tells the kind of an answer from the card before it, practice apart', () => {
    expect(answerKind(log(0, NEW, 3))).toBe('learn')
    expect(answerKind(log(0, LEARNING, 3))).toBe('learn')
    expect(answerKind(log(0, YOUNG, 3))).toBe('young')
    expect(answerKind(log(0, MATURE, 3))).toBe('mature')
    expect(answerKind(log(0, RELEARNING, 3))).toBe('relearn')
    expect(answerKind(log(0, MATURE, 3, 'practice'))).toBe('practice')
    expect(answerKind(log(0, MATURE, 3, 'quiz'))).toBe('mature')
  })

  it('adds and takes away a log exactly (undo leaves an empty slot)', () => {
    const at = NOW_MS + 7 * 60_000
    const start = slotStartOf(at)
    expect(start).toBe(NOW_MS)
    const added = applyLogToSlot(emptySlot(start), log(at, NEW, 1, 'study', 2500), 1)
    expect(added).toMatchObject({
      learn: 1,
      learnMs: 2500,
      introduced: 1,
      learnGrades: [1, 0, 0, 0]
    })
    const removed = applyLogToSlot(added, log(at, NEW, 1, 'study', 2500), -1)
    expect(isEmptySlot(removed)).toBe(true)
    expect(removed).toEqual(emptySlot(start))
  })

  it('groups logs into quarter hours, sorted', () => {
    const slots = slotsFromLogs([
      log(NOW_MS + 20 * 60_000, YOUNG, 3),
      log(NOW_MS + 1000, MATURE, 1),
      log(NOW_MS + 2000, MATURE, 4, 'practice', 1000),
      log(NOW_MS + 16 * 60_000, RELEARNING, 3)
    ])
    expect(slots.map((slot) => slot.slotStartMs)).toEqual([NOW_MS, NOW_MS + 15 * 60_000])
    expect(slots[0]).toMatchObject({
      review: 1,
      matureGrades: [1, 0, 0, 0],
      practice: 1,
      practicePassed: 1,
      practiceMs: 1000
    })
    expect(slots[1]).toMatchObject({ review: 1, relearn: 1, youngGrades: [0, 0, 1, 0] })
  })
})

describe('study days and time bins', () => {
  it('puts an answer at 3 a.m. on the previous study day (day starts at 4 a.m. local)', () => {
    // Paris is UTC+1 in March: 02:30 UTC is 03:30 local, before the 4 a.m. rollover.
    const early = Date.UTC(2026, 2, 10, 2, 30)
    const later = Date.UTC(2026, 2, 10, 3, 30)
    const days = studyDays(
      slotsFromLogs([log(early, YOUNG, 3), log(later, YOUNG, 3)]),
      settings,
      'Europe/Paris'
    )
    expect(days.map((day) => new Date(day.dayStartMs).toISOString())).toEqual([
      '2026-03-09T03:00:00.000Z',
      '2026-03-10T03:00:00.000Z'
    ])
  })

  it('makes 30 daily bins for a month, weekly bins for a year', () => {
    const month = pastBins('1m', NOW_MS, null, settings, 0)
    expect(month).toHaveLength(30)
    expect(new Date(month[29].startMs).toISOString()).toBe('2026-03-10T04:00:00.000Z')
    expect(month[29].endMs - month[29].startMs).toBe(DAY_MS)
    const year = pastBins('1y', NOW_MS, null, settings, 0)
    expect(year).toHaveLength(53)
    expect(year[0].endMs - year[0].startMs).toBe(7 * DAY_MS)
    const future = futureBins('1m', NOW_MS, null, settings, 0)
    expect(future).toHaveLength(31)
    expect(new Date(future[0].startMs).toISOString()).toBe('2026-03-10T04:00:00.000Z')
  })

  it('keeps a study day 23 hours long across the spring change in London', () => {
    const bins = pastBins('1m', Date.UTC(2026, 2, 30, 12), null, settings, 'Europe/London')
    const change = bins.find((bin) => bin.startMs === Date.UTC(2026, 2, 28, 4))
    expect(change).toBeDefined()
    expect(change!.endMs - change!.startMs).toBe(23 * HOUR_MS)
  })
})

describe('charts from slots (golden, UTC, day starts at 4 a.m.)', () => {
  const at = (daysAgo: number, hour: number): number => Date.UTC(2026, 2, 10 - daysAgo, hour, 5)
  const logs = [
    // Today: a new card (Again), a young review (Good), a mature review (Again), practice.
    log(at(0, 9), NEW, 1, 'study', 3000),
    log(at(0, 9), YOUNG, 3, 'study', 5000),
    log(at(0, 10), MATURE, 1, 'quiz', 7000),
    log(at(0, 10), MATURE, 3, 'practice', 1000),
    // Yesterday, at 2 a.m. of today's calendar date → still yesterday's study day.
    log(Date.UTC(2026, 2, 10, 2, 0), MATURE, 3, 'study', 6000),
    log(at(1, 20), RELEARNING, 3, 'study', 2000),
    // Three days ago (a gap of one day breaks the streak).
    log(at(3, 8), YOUNG, 2, 'study', 4000)
  ]
  const slots = slotsFromLogs(logs)
  const days = studyDays(slots, settings, 0)

  it('counts reviews per day by kind, with time and practice apart', () => {
    const summary = reviewsByKind(days, pastBins('1m', NOW_MS, null, settings, 0))
    const today = summary.bars[29]
    expect(today).toMatchObject({ learn: 1, review: 2, relearn: 0, answerMs: 15000, practice: 1 })
    const yesterday = summary.bars[28]
    expect(yesterday).toMatchObject({ learn: 0, review: 1, relearn: 1, answerMs: 8000 })
    expect(summary.bars[26]).toMatchObject({ review: 1 })
    expect(summary.total).toBe(6)
    expect(summary.practice).toBe(1)
    expect(summary.daysStudied).toBe(3)
    expect(summary.averagePerStudiedDay).toBe(2)
  })

  it('builds the calendar with the current and longest streaks', () => {
    const first = pastBins('1m', NOW_MS, null, settings, 0)[0].startMs
    const calendar = reviewCalendar(days, first, NOW_MS, settings, 0)
    expect(calendar.days).toHaveLength(30)
    expect(calendar.currentStreak).toBe(2)
    expect(calendar.longestStreak).toBe(2)
    expect(calendar.daysStudied).toBe(3)
    expect(calendar.maxCount).toBe(3)
    const todayCell = calendar.days[29]
    expect(todayCell).toMatchObject({ count: 3, weekday: 2 })
  })

  it('computes true retention of review answers only, young and mature apart', () => {
    const rows = trueRetention(days, NOW_MS, settings, 0)
    expect(rows.map((row) => row.label)).toEqual([
      'Today',
      'Yesterday',
      'Last week',
      'Last month',
      'Last year',
      'All time'
    ])
    expect(rows[0]).toMatchObject({
      youngPassed: 1,
      youngFailed: 0,
      maturePassed: 0,
      matureFailed: 1
    })
    expect(rows[0].young).toBe(1)
    expect(rows[0].mature).toBe(0)
    expect(rows[0].total).toBe(0.5)
    expect(rows[1]).toMatchObject({ maturePassed: 1, count: 1, young: null })
    expect(rows[5]).toMatchObject({ youngPassed: 2, maturePassed: 1, matureFailed: 1, count: 4 })
    expect(rows[5].total).toBe(0.75)
  })

  it('counts answer buttons per kind, and answers by hour', () => {
    const buttons = answerButtons(days, -Infinity)
    expect(buttons).toEqual([
      { kind: 'learn', grades: [1, 0, 0, 0], total: 1, correct: 0 },
      { kind: 'young', grades: [0, 1, 1, 0], total: 2, correct: 1 },
      { kind: 'mature', grades: [1, 0, 1, 0], total: 2, correct: 0.5 },
      { kind: 'relearn', grades: [0, 0, 1, 0], total: 1, correct: 1 }
    ])
    const hours = hourlyBreakdown(slots, -Infinity, settings, 'Europe/Paris')
    // Paris is UTC+1: 09:05 UTC → 10 h local.
    expect(hours[10]).toMatchObject({ count: 2, passed: 1, correct: 0.5 })
    expect(hours[11]).toMatchObject({ count: 1, passed: 0 })
    expect(hours.reduce((sum, row) => sum + row.count, 0)).toBe(6)
  })
})

describe('distributions', () => {
  it('estimates the daily load as Σ 1/interval', () => {
    const counts = new Array<number>(INTERVAL_EDGES_DAYS.length).fill(0)
    counts[0] = 10 // 1 day: 10 reviews a day
    counts[9] = 12 // 12 days (a bin of width 2: 12..13)
    const bins = distribution(INTERVAL_EDGES_DAYS, counts)
    expect(dailyLoad(bins)).toBeCloseTo(10 + 12 * ((1 / 12 + 1 / 13) / 2), 10)
    expect(withinRange(bins, '1m').every((bin) => bin.from < 30)).toBe(true)
    expect(withinRange(bins, 'all')).toHaveLength(INTERVAL_EDGES_DAYS.length)
  })

  it('bins retrievability now, ignoring new cards', () => {
    const fresh = state({
      memoryState: 2,
      queue: 2,
      stability: 10,
      lastReviewedAt: NOW_MS - 60_000,
      scheduledDays: 10
    })
    const old = state({
      memoryState: 2,
      queue: 2,
      stability: 1,
      lastReviewedAt: NOW_MS - 100 * DAY_MS,
      scheduledDays: 1
    })
    const result = retrievabilityDistribution([fresh, old, NEW], NOW_MS, settings)
    expect(result.cards).toBe(2)
    expect(result.bins[result.bins.length - 1].count).toBe(1)
    expect(result.bins.slice(0, 5).reduce((sum, bin) => sum + bin.count, 0)).toBe(1)
  })
})

describe('mastery', () => {
  const card = (overrides: Partial<MasteryCard>): MasteryCard => ({
    articleId: 'a1',
    template: 'who-said',
    answerSpeakerId: 'a1:ana',
    memoryState: 2,
    scheduledDays: 30,
    lapses: 0,
    ...overrides
  })
  const cards = [
    card({}),
    card({ scheduledDays: 3, lapses: 2 }),
    card({ answerSpeakerId: 'a1:bo', memoryState: 0, scheduledDays: 0 }),
    card({ template: 'cloze-quote', answerSpeakerId: null, lapses: 5 }),
    card({ articleId: 'a2', answerSpeakerId: 'a2:cy', lapses: 1 })
  ]

  it('gives each speaker the share of mature who-said cards and the lapses, most lapses first', () => {
    expect(speakerMastery(cards)).toEqual([
      { speakerId: 'a1:ana', articleId: 'a1', whoSaidCards: 2, mature: 1, share: 0.5, lapses: 2 },
      { speakerId: 'a2:cy', articleId: 'a2', whoSaidCards: 1, mature: 1, share: 1, lapses: 1 },
      { speakerId: 'a1:bo', articleId: 'a1', whoSaidCards: 1, mature: 0, share: 0, lapses: 0 }
    ])
  })

  it('gives each article the share of mature cards over all its cards', () => {
    expect(articleMastery(['a1', 'a2'], cards)).toEqual([
      { articleId: 'a1', cards: 4, studied: 3, mature: 2, share: 0.5, lapses: 7 },
      { articleId: 'a2', cards: 1, studied: 1, mature: 1, share: 1, lapses: 1 }
    ])
  })
})

describe('study calendar', () => {
  it(
    'gives exactly studyDayStart’s day starts, across daylight-saving changes',
    { timeout: 60_000 },
    () => {
      for (const zone of [
        'Europe/London',
        'America/New_York',
        'Asia/Kolkata',
        'Australia/Lord_Howe'
      ]) {
        for (const hour of [1, 4]) {
          const rollover = { ...settings, dayRolloverHour: hour }
          const calendar = studyCalendar(rollover, zone)
          for (
            let t = Date.UTC(2025, 0, 1);
            t < Date.UTC(2026, 11, 31);
            t += 13 * HOUR_MS + 7 * 60_000
          ) {
            expect(calendar.dayStart(t)).toBe(studyDayStart(t, rollover, zone))
          }
        }
      }
    }
  )
})
