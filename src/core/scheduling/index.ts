/**
 * The scheduling adapter: the ONLY module of the project that imports ts-fsrs.
 *
 * Everything here is pure. The current time is always a parameter (epoch ms) and the fuzz seed is
 * derived from a caller-supplied string (the card id) plus the card's repetition count, so the same
 * answer at 09:00 or at 21:00 of the same day gives the same interval, as in Anki.
 */
import {
  fsrs,
  generatorParameters,
  createEmptyCard,
  default_w,
  State,
  StrategyMode,
  type Card,
  type FSRS,
  type Grade as FsrsGrade,
  type StepUnit
} from 'ts-fsrs'
import {
  MemoryState,
  Queue,
  type Grade,
  type MemoryStateValue,
  type QueueValue,
  type SchedulingState
} from './types'

export * from './types'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

/** User-tunable scheduler settings (persisted by the renderer; defaults follow Anki). */
export interface SchedulerSettings {
  /** Probability of recall FSRS aims for at the due date, 0.7..0.99. */
  desiredRetention: number
  /** Steps a new card goes through before graduating, in minutes. */
  learningStepsMinutes: number[]
  /** Steps a lapsed card goes through before returning to review, in minutes. */
  relearningStepsMinutes: number[]
  /** Longest interval FSRS may give, in days. */
  maximumIntervalDays: number
  /** Spread review intervals a little so cards learned together do not stay together. */
  enableFuzz: boolean
  /** New cards introduced per study day. */
  newCardsPerDay: number
  /** Reviews shown per study day. */
  reviewsPerDay: number
  /** Local hour (0..23) at which a new study day starts (Anki: 4 AM). */
  dayRolloverHour: number
  /** Lapses at which a card is flagged as a leech. */
  leechThreshold: number
  /**
   * The 21 FSRS weights the scheduler uses (fitted to the user's reviews by Optimise); absent or
   * null: the ts-fsrs defaults.
   */
  fsrsParameters?: readonly number[] | null
}

/** Anki's defaults with FSRS on. */
export const defaultSchedulerSettings: Readonly<SchedulerSettings> = Object.freeze({
  desiredRetention: 0.9,
  learningStepsMinutes: [1, 10],
  relearningStepsMinutes: [10],
  maximumIntervalDays: 36500,
  enableFuzz: true,
  newCardsPerDay: 20,
  reviewsPerDay: 200,
  dayRolloverHour: 4,
  leechThreshold: 8
})

/** What one grade would do to a card. */
export interface AnswerPreview {
  state: SchedulingState
  /** Time from now until the card is due again, ms. */
  intervalMs: number
  /** Short label for the answer button, e.g. "<1m", "10m", "1d", "3.2mo". */
  intervalLabel: string
}

export const GRADES: readonly Grade[] = [1, 2, 3, 4]

const schedulerCache = new Map<string, FSRS>()

function toSteps(minutes: number[]): StepUnit[] {
  return minutes.map((m) => `${m}m` as StepUnit)
}

/** One FSRS instance per distinct parameter set (building one costs more than an answer). */
function schedulerFor(settings: SchedulerSettings): FSRS {
  const key = JSON.stringify([
    settings.desiredRetention,
    settings.learningStepsMinutes,
    settings.relearningStepsMinutes,
    settings.maximumIntervalDays,
    settings.enableFuzz,
    settings.fsrsParameters ?? null
  ])
  let scheduler = schedulerCache.get(key)
  if (!scheduler) {
    scheduler = fsrs(
      generatorParameters({
        request_retention: settings.desiredRetention,
        maximum_interval: settings.maximumIntervalDays,
        enable_fuzz: settings.enableFuzz,
        enable_short_term: true,
        ...(settings.fsrsParameters ? { w: [...settings.fsrsParameters] } : {}),
        learning_steps: toSteps(settings.learningStepsMinutes),
        relearning_steps: toSteps(settings.relearningStepsMinutes)
      })
    )
    if (schedulerCache.size > 16) schedulerCache.clear()
    schedulerCache.set(key, scheduler)
  }
  return scheduler
}

/** Seeds fuzz from the card id and its reps (not the review time), like Anki's `get_fuzz_seed`. */
function seeded(scheduler: FSRS, fuzzSeed: string, reps: number): FSRS {
  const seed = `${fuzzSeed}#${reps}`
  return scheduler.useStrategy(StrategyMode.SEED, () => seed)
}

/** The queue a card belongs in, derived from its memory state. */
export function queueForMemoryState(memoryState: MemoryStateValue): QueueValue {
  switch (memoryState) {
    case MemoryState.New:
      return Queue.New
    case MemoryState.Review:
      return Queue.Review
    default:
      return Queue.Learning
  }
}

function toFsrsCard(state: SchedulingState): Card {
  return {
    due: new Date(state.due),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.memoryState as State,
    last_review: state.lastReviewedAt === null ? undefined : new Date(state.lastReviewedAt)
  }
}

function fromFsrsCard(card: Card): SchedulingState {
  const memoryState = card.state as MemoryStateValue
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    memoryState,
    lastReviewedAt: card.last_review ? card.last_review.getTime() : null,
    queue: queueForMemoryState(memoryState),
    queueBeforeBury: null,
    buriedUntil: null
  }
}

/**
 * ts-fsrs keeps Hard < Good < Easy by adding a day to each, even past `maximum_interval` (a card
 * at a 30-day cap gets Good 31d, Easy 32d): clamp day intervals back to the maximum.
 */
function withinMaximumInterval(
  state: SchedulingState,
  nowMs: number,
  settings: SchedulerSettings
): SchedulingState {
  const maximumDays = Math.max(1, Math.floor(settings.maximumIntervalDays))
  if (state.memoryState !== MemoryState.Review || state.scheduledDays <= maximumDays) return state
  return { ...state, scheduledDays: maximumDays, due: nowMs + maximumDays * DAY_MS }
}

/**
 * Keeps a suspended card suspended after an answer (quiz answers may reach one); any other card,
 * buried included, goes to the queue its new memory state calls for.
 */
function withPreservedSuspension(before: SchedulingState, after: SchedulingState): SchedulingState {
  if (before.queue !== Queue.Suspended) return after
  return { ...after, queueBeforeBury: after.queue, queue: Queue.Suspended }
}

/** A card that has never been studied, created (and due) at `nowMs`. */
export function newSchedulingState(nowMs: number): SchedulingState {
  return fromFsrsCard(createEmptyCard(new Date(nowMs)))
}

/** A deep copy of a state: what the review log keeps as `before`, so undo can restore it exactly. */
export function snapshot(state: SchedulingState): SchedulingState {
  // Every field is a primitive; a spread is a deep copy.
  return { ...state }
}

/**
 * What each grade would do, for labelling the answer buttons.
 * @param fuzzSeed stable per card (its id); combined with `state.reps` so each review fuzzes anew.
 */
export function previewAnswers(
  state: SchedulingState,
  nowMs: number,
  settings: SchedulerSettings,
  fuzzSeed: string
): Record<Grade, AnswerPreview> {
  const scheduler = seeded(schedulerFor(settings), fuzzSeed, state.reps)
  const preview = scheduler.repeat(toFsrsCard(state), new Date(nowMs))
  const result = {} as Record<Grade, AnswerPreview>
  for (const grade of GRADES) {
    const card = fromFsrsCard(preview[grade as FsrsGrade].card)
    const next = withPreservedSuspension(state, withinMaximumInterval(card, nowMs, settings))
    const intervalMs = next.due - nowMs
    result[grade] = { state: next, intervalMs, intervalLabel: formatInterval(intervalMs) }
  }
  return result
}

/**
 * The card's state after answering `grade` at `nowMs`. Same inputs, same result: fuzz is seeded
 * from `fuzzSeed` (the card id) and the repetition count.
 */
export function applyAnswer(
  state: SchedulingState,
  grade: Grade,
  nowMs: number,
  settings: SchedulerSettings,
  fuzzSeed: string
): SchedulingState {
  if (!GRADES.includes(grade)) throw new RangeError(`Invalid grade ${grade}: expected 1..4`)
  const scheduler = seeded(schedulerFor(settings), fuzzSeed, state.reps)
  const item = scheduler.next(toFsrsCard(state), new Date(nowMs), grade as FsrsGrade)
  const card = withinMaximumInterval(fromFsrsCard(item.card), nowMs, settings)
  return withPreservedSuspension(state, card)
}

/** Probability of recall at `nowMs` (0..1); 0 for a card never studied. */
export function retrievability(
  state: SchedulingState,
  nowMs: number,
  settings: SchedulerSettings = defaultSchedulerSettings
): number {
  return retrievabilityAt(nowMs, settings)(state)
}

/**
 * `retrievability` for many cards at one instant under one set of settings: the scheduler is
 * looked up once, not once per card (the Stats view asks for hundreds at a time).
 */
export function retrievabilityAt(
  nowMs: number,
  settings: SchedulerSettings = defaultSchedulerSettings
): (state: SchedulingState) => number {
  const scheduler = schedulerFor(settings)
  const now = new Date(nowMs)
  return (state) =>
    state.memoryState === MemoryState.New
      ? 0
      : scheduler.get_retrievability(toFsrsCard(state), now, false)
}

/** The ts-fsrs default weights (what the scheduler uses before any optimisation). */
export function defaultFsrsParameters(): number[] {
  return [...default_w]
}

/**
 * The card's state with its due date recomputed for new settings (retention, parameters,
 * maximum interval), as Anki's "reschedule cards on change": a review card keeps its memory
 * (stability, difficulty, last review) and gets the interval the new settings give that
 * stability, counted from its last review. Other cards are returned unchanged.
 */
export function rescheduleState(
  state: SchedulingState,
  settings: SchedulerSettings,
  fuzzSeed: string
): SchedulingState {
  if (state.memoryState !== MemoryState.Review || state.lastReviewedAt === null) return state
  const scheduler = seeded(schedulerFor(settings), fuzzSeed, state.reps)
  const maximumDays = Math.max(1, Math.floor(settings.maximumIntervalDays))
  const intervalDays = Math.min(
    maximumDays,
    Math.max(1, scheduler.next_interval(state.stability, state.elapsedDays))
  )
  return {
    ...state,
    scheduledDays: intervalDays,
    due: state.lastReviewedAt + intervalDays * DAY_MS
  }
}

/** Whether the card has lapsed often enough to be flagged as a leech. */
export function isLeech(state: SchedulingState, settings: SchedulerSettings): boolean {
  return state.lapses >= settings.leechThreshold
}

function trimmed(value: number): string {
  const rounded = Math.round(value * 10) / 10
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1)
}

/** Anki-style short interval label: "<1m", "10m", "1.5h", "1d", "3.2mo", "1.1y". */
export function formatInterval(intervalMs: number): string {
  const ms = Math.max(0, intervalMs)
  if (ms < MINUTE_MS) return '<1m'
  if (ms < HOUR_MS) return `${Math.round(ms / MINUTE_MS)}m`
  if (ms < DAY_MS) return `${trimmed(ms / HOUR_MS)}h`
  const days = ms / DAY_MS
  if (days < 30) return `${Math.round(days)}d`
  if (days < 365) return `${trimmed(days / 30)}mo`
  return `${trimmed(days / 365)}y`
}

/**
 * The local UTC offset at an instant, in the convention this module uses: minutes EAST of UTC
 * (UTC+2 → 120), i.e. the negation of `Date#getTimezoneOffset()`.
 */
export function tzOffsetMinutesAt(epochMs: number): number {
  const offset = -new Date(epochMs).getTimezoneOffset()
  return offset === 0 ? 0 : offset
}

/**
 * Where the user's days begin and end: an IANA zone name (`'Europe/London'`, what the app passes,
 * so daylight-saving changes move the rollover with the wall clock), or a fixed offset in minutes
 * east of UTC (UTC+2 → 120; see `tzOffsetMinutesAt`).
 */
export type TimeZoneSpec = string | number

interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>()

/** The wall-clock date and time of an instant in an IANA zone (Intl; no host time zone used). */
function wallClockAt(epochMs: number, timeZone: string): WallClock {
  let format = wallClockFormats.get(timeZone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric'
    })
    wallClockFormats.set(timeZone, format)
  }
  const parts: Record<string, number> = {}
  for (const part of format.formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour % 24,
    minute: parts.minute
  }
}

/** Local time minus UTC in minutes at an instant in an IANA zone (London in summer → 60). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  const wall = wallClockAt(epochMs, timeZone)
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute)
  const flooredMs = Math.floor(epochMs / MINUTE_MS) * MINUTE_MS
  return Math.round((asUtc - flooredMs) / MINUTE_MS)
}

/**
 * The instant at which a zone's wall clock shows `hour`:00 on a date. An hour skipped by a
 * daylight-saving change gives the first instant after the gap; an hour that happens twice gives
 * the first of the two.
 */
function instantOfWallClock(
  date: { year: number; month: number; day: number },
  hour: number,
  timeZone: string
): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, hour)
  // The offsets a day either side bracket any change on this date.
  const offsets = [
    zoneOffsetMinutes(asUtc - DAY_MS, timeZone),
    zoneOffsetMinutes(asUtc + DAY_MS, timeZone)
  ]
  const matching = offsets
    .map((offset) => asUtc - offset * MINUTE_MS)
    .filter((instant) => {
      const wall = wallClockAt(instant, timeZone)
      return wall.day === date.day && wall.hour === hour && wall.minute === 0
    })
  if (matching.length > 0) return Math.min(...matching)
  // In the gap of a spring-forward change: the offset before the change lands just after it.
  return asUtc - offsets[0] * MINUTE_MS
}

function addDays(
  date: { year: number; month: number; day: number },
  days: number
): { year: number; month: number; day: number } {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate()
  }
}

/** The local calendar date of the study day containing `nowMs` in an IANA zone. */
function studyDateInZone(
  nowMs: number,
  rolloverHour: number,
  timeZone: string
): { year: number; month: number; day: number } {
  const wall = wallClockAt(nowMs, timeZone)
  const today = { year: wall.year, month: wall.month, day: wall.day }
  const date = wall.hour < rolloverHour ? addDays(today, -1) : today
  // A rollover moved past now by a spring-forward gap belongs to the day before.
  return instantOfWallClock(date, rolloverHour, timeZone) > nowMs ? addDays(date, -1) : date
}

/**
 * Start (epoch ms) of the study day containing `nowMs`: the latest local `dayRolloverHour`
 * at or before now, in the given zone (an IANA name follows daylight-saving changes).
 */
export function studyDayStart(
  nowMs: number,
  settings: SchedulerSettings,
  timeZone: TimeZoneSpec
): number {
  const rolloverHour = settings.dayRolloverHour
  if (typeof timeZone === 'string') {
    return instantOfWallClock(
      studyDateInZone(nowMs, rolloverHour, timeZone),
      rolloverHour,
      timeZone
    )
  }
  const offsetMs = timeZone * MINUTE_MS
  const rolloverMs = rolloverHour * HOUR_MS
  const localShifted = nowMs + offsetMs - rolloverMs
  return Math.floor(localShifted / DAY_MS) * DAY_MS + rolloverMs - offsetMs
}

/**
 * End (epoch ms) of the study day containing `nowMs`: the next local rollover. With an IANA zone
 * the day is 23 or 25 hours long across a daylight-saving change, as the wall clock says.
 */
export function studyDayEnd(
  nowMs: number,
  settings: SchedulerSettings,
  timeZone: TimeZoneSpec
): number {
  const rolloverHour = settings.dayRolloverHour
  if (typeof timeZone === 'string') {
    const date = studyDateInZone(nowMs, rolloverHour, timeZone)
    return instantOfWallClock(addDays(date, 1), rolloverHour, timeZone)
  }
  return studyDayStart(nowMs, settings, timeZone) + DAY_MS
}

/** When a card buried now comes back: the next day rollover (epoch ms) in the user's zone. */
export function buryUntil(
  nowMs: number,
  settings: SchedulerSettings,
  timeZone: TimeZoneSpec
): number {
  return studyDayEnd(nowMs, settings, timeZone)
}

/** The IANA zone of this machine (`'UTC'` if the engine does not say). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC'
}

/** Anything with an id and a due time can be queued. */
export interface QueueCandidate {
  id: string
  /** Epoch ms. */
  due: number
}

/** Inputs to `selectStudyQueue`: candidates gathered from storage, and today's counts. */
export interface StudyQueueInput {
  /** Cards in the learning queue (learning and relearning). */
  learning: QueueCandidate[]
  /** Cards in the review queue. */
  review: QueueCandidate[]
  /** Cards never studied; `due` is their creation time, so the oldest come first. */
  new: QueueCandidate[]
  /** New cards already introduced this study day. */
  newDoneToday: number
  /** Reviews already done this study day. */
  reviewsDoneToday: number
  settings: SchedulerSettings
  nowMs: number
  /**
   * For the end of the study day (reviews due before the next rollover count as due today): an
   * IANA zone, or a fixed offset in minutes.
   */
  tzOffsetMinutes?: TimeZoneSpec
  /** Learning cards due within this window are shown early (Anki's learn-ahead limit). */
  learnAheadMs?: number
}

function byDueThenId(a: QueueCandidate, b: QueueCandidate): number {
  return a.due - b.due || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/**
 * Today's study queue as ordered card ids: learning cards due first, then reviews due today (by
 * due), with new cards spread evenly among the reviews; new cards and reviews are capped by what
 * is left of the daily limits.
 */
export function selectStudyQueue(input: StudyQueueInput): string[] {
  const { settings, nowMs } = input
  const learnAheadMs = input.learnAheadMs ?? 20 * MINUTE_MS
  const dayEnd = buryUntil(nowMs, settings, input.tzOffsetMinutes ?? 0)

  const learning = input.learning.filter((c) => c.due <= nowMs + learnAheadMs).sort(byDueThenId)
  const reviewLeft = Math.max(0, settings.reviewsPerDay - input.reviewsDoneToday)
  const reviews = input.review
    .filter((c) => c.due < dayEnd)
    .sort(byDueThenId)
    .slice(0, reviewLeft)
  const newLeft = Math.max(0, settings.newCardsPerDay - input.newDoneToday)
  const fresh = [...input.new].sort(byDueThenId).slice(0, newLeft)

  const ordered: string[] = learning.map((c) => c.id)
  ordered.push(...intersperse(reviews, fresh).map((c) => c.id))
  return ordered
}

/** Spreads `extra` evenly through `main` (like Anki's Intersperser), keeping both orders. */
function intersperse<T>(main: T[], extra: T[]): T[] {
  const result: T[] = []
  let mainIndex = 0
  let extraIndex = 0
  while (mainIndex < main.length || extraIndex < extra.length) {
    // Each item sits at its fraction of its own stream; the stream that is further behind goes next.
    const mainAt = (mainIndex + 1) / (main.length + 1)
    const extraAt = (extraIndex + 1) / (extra.length + 1)
    const takeExtra = mainIndex >= main.length || (extraIndex < extra.length && extraAt < mainAt)
    result.push(takeExtra ? extra[extraIndex++] : main[mainIndex++])
  }
  return result
}

/**
 * How many cards fall due on each of the next `days` study days, starting with the study day
 * containing `fromMs` (index 0, which also counts anything already overdue).
 */
export function forecastDue(
  dueTimes: number[],
  fromMs: number,
  days: number,
  settings: SchedulerSettings,
  tzOffsetMinutes: number
): number[] {
  const counts = new Array<number>(Math.max(0, days)).fill(0)
  if (days <= 0) return counts
  const firstDayStart = studyDayStart(fromMs, settings, tzOffsetMinutes)
  for (const due of dueTimes) {
    const dayIndex = Math.max(0, Math.floor((due - firstDayStart) / DAY_MS))
    if (dayIndex < days) counts[dayIndex]++
  }
  return counts
}
