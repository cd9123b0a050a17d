/**
 * Simulations over the scheduler: the workload a desired retention gives (the Settings slider)
 * and a synthetic review history of a learner whose memory follows known FSRS parameters (the
 * optimiser's tests and benchmark). Pure and seeded; built on this folder's ts-fsrs adapter.
 */
import { mulberry32, shuffleWith } from '../cards/text'
import {
  applyAnswer,
  defaultSchedulerSettings,
  newSchedulingState,
  retrievability,
  type SchedulerSettings
} from './index'
import { MemoryState, type Grade, type SchedulingState } from './types'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/**
 * How often each first answer is given to a new card (Again, Hard, Good, Easy): Anki's simulator
 * defaults (`first_rating_prob`), from its users' reviews.
 */
const FIRST_GRADE_SHARES = [0.24, 0.094, 0.495, 0.171]
/** Of the recalled answers on later reviews, the share of Hard, Good and Easy (Anki's defaults). */
const RECALLED_GRADE_SHARES = [0.224, 0.632, 0.144]
/** Same-day learning steps simulated at most per card and day (steps are minutes apart). */
const MAX_STEPS_PER_DAY = 8

function pick(shares: readonly number[], random: () => number, firstGrade: number): Grade {
  let roll = random()
  for (let i = 0; i < shares.length - 1; i += 1) {
    roll -= shares[i]
    if (roll < 0) return (firstGrade + i) as Grade
  }
  return (firstGrade + shares.length - 1) as Grade
}

/** The grade of one simulated answer: a new card by the first-answer shares, else by recall. */
function simulatedGrade(recalled: boolean | null, random: () => number): Grade {
  if (recalled === null) return pick(FIRST_GRADE_SHARES, random, 1)
  return recalled ? pick(RECALLED_GRADE_SHARES, random, 2) : 1
}

/** Inputs of `estimateWorkload`. */
export interface WorkloadInput {
  /** Scheduling states of the user's studied cards (new cards are counted by `newCardCount`). */
  cards: readonly SchedulingState[]
  /** Cards not yet studied; introduced at `settings.newCardsPerDay`. */
  newCardCount: number
  /** The settings to estimate: desired retention, parameters, maximum interval, new per day. */
  settings: SchedulerSettings
  nowMs: number
  seed: number
  /** Days simulated; default 365. */
  days?: number
  /** At most this many studied and this many new cards are simulated; the counts are scaled. */
  sampleSize?: number
  /**
   * When `cards` are already a sample, how many studied cards they stand for (the estimate is
   * scaled to it); by default `cards` are all of them.
   */
  studiedTotal?: number
}

/** What `estimateWorkload` found. */
export interface WorkloadEstimate {
  /** Average answers per day over the simulated period (learning steps included). */
  reviewsPerDay: number
  /** Answers over the next 365 days. */
  reviewsPerYear: number
  /** Cards actually simulated (studied + new). */
  simulatedCards: number
}

/**
 * Estimated daily and yearly reviews at the given settings: each card is simulated day by day with
 * the scheduler, recalled with the probability the user's parameters predict (so a higher desired
 * retention gives shorter intervals and more reviews), new cards joining at the daily limit.
 * Large collections are sampled (seeded) and scaled back up.
 */
export function estimateWorkload(input: WorkloadInput): WorkloadEstimate {
  const days = input.days ?? 365
  const sampleSize = input.sampleSize ?? 1500
  const random = mulberry32(input.seed)
  const settings: SchedulerSettings = { ...input.settings, enableFuzz: false }
  const studied = input.cards.filter((card) => card.memoryState !== MemoryState.New)
  const sampled =
    studied.length > sampleSize ? shuffleWith(studied, random).slice(0, sampleSize) : studied
  const studiedScale =
    sampled.length > 0 ? (input.studiedTotal ?? studied.length) / sampled.length : 0
  const newTotal = Math.min(input.newCardCount, Math.max(0, settings.newCardsPerDay) * days)
  const newSampled = Math.min(newTotal, sampleSize)
  const newScale = newSampled > 0 ? newTotal / newSampled : 0
  const newPerDay =
    newTotal > 0 ? (Math.max(0, settings.newCardsPerDay) * newSampled) / newTotal : 0

  const states = sampled.map((state) => ({ ...state }))
  const scales = states.map(() => studiedScale)
  let introduced = 0
  let newCredit = 0
  let total = 0
  for (let day = 0; day < days; day += 1) {
    const dayStart = input.nowMs + day * DAY_MS
    const dayEnd = dayStart + DAY_MS
    newCredit += newPerDay
    while (newCredit >= 1 && introduced < newSampled) {
      states.push(newSchedulingState(dayStart))
      scales.push(newScale)
      introduced += 1
      newCredit -= 1
    }
    for (let i = 0; i < states.length; i += 1) {
      let state = states[i]
      let steps = 0
      while (state.due < dayEnd && steps < MAX_STEPS_PER_DAY) {
        const atMs = Math.max(state.due, dayStart + 9 * HOUR_MS)
        const recalled =
          state.memoryState === MemoryState.New
            ? null
            : random() < retrievability(state, atMs, settings)
        state = applyAnswer(state, simulatedGrade(recalled, random), atMs, settings, `w${i}`)
        total += scales[i]
        steps += 1
      }
      states[i] = state
    }
  }
  const reviewsPerYear = (total * 365) / days
  return {
    reviewsPerDay: reviewsPerYear / 365,
    reviewsPerYear,
    simulatedCards: sampled.length + introduced
  }
}

/** Inputs of `simulateReviewHistory`. */
export interface SyntheticHistoryOptions {
  /** Cards introduced, `newCardsPerDay` a day from the first day. */
  cardCount: number
  days: number
  /** The learner's true memory: 21 FSRS weights. */
  trueParameters: readonly number[]
  seed: number
  /** Epoch ms of the first day's start (a study-day boundary). */
  startMs: number
  newCardsPerDay?: number
  /** Stop after this many reviews (the benchmark asks for exact sizes). */
  maxReviews?: number
}

/** One simulated answer. */
export interface SyntheticReview {
  /** Card number 0, 1, 2 … */
  card: number
  reviewedAt: number
  /** Study day since `startMs`. */
  day: number
  grade: Grade
}

/**
 * A learner's review history: the app schedules with the ts-fsrs defaults, but whether the learner
 * recalls a card follows `trueParameters` (their memory as FSRS would model it). Fitting FSRS to
 * this history should recover parameters that predict it better than the defaults do.
 */
export function simulateReviewHistory(options: SyntheticHistoryOptions): SyntheticReview[] {
  const random = mulberry32(options.seed)
  const appSettings: SchedulerSettings = { ...defaultSchedulerSettings }
  const trueSettings: SchedulerSettings = {
    ...defaultSchedulerSettings,
    enableFuzz: false,
    fsrsParameters: options.trueParameters
  }
  const newPerDay = options.newCardsPerDay ?? Math.max(1, Math.ceil(options.cardCount / 30))
  const maxReviews = options.maxReviews ?? Number.POSITIVE_INFINITY
  const app: SchedulingState[] = []
  const memory: SchedulingState[] = []
  const reviews: SyntheticReview[] = []
  for (let day = 0; day < options.days && reviews.length < maxReviews; day += 1) {
    const dayStart = options.startMs + day * DAY_MS
    const dayEnd = dayStart + DAY_MS
    for (let n = 0; n < newPerDay && app.length < options.cardCount; n += 1) {
      app.push(newSchedulingState(dayStart))
      memory.push(newSchedulingState(dayStart))
    }
    for (let card = 0; card < app.length && reviews.length < maxReviews; card += 1) {
      let steps = 0
      while (app[card].due < dayEnd && steps < MAX_STEPS_PER_DAY && reviews.length < maxReviews) {
        // Reviews happen from 9 a.m., learning steps as soon as they are due.
        const atMs = Math.max(app[card].due, dayStart + 9 * HOUR_MS + card * 1000)
        const recalled =
          memory[card].memoryState === MemoryState.New
            ? null
            : random() < retrievability(memory[card], atMs, trueSettings)
        const grade = simulatedGrade(recalled, random)
        app[card] = applyAnswer(app[card], grade, atMs, appSettings, `c${card}`)
        memory[card] = applyAnswer(memory[card], grade, atMs, trueSettings, `c${card}`)
        reviews.push({ card, reviewedAt: atMs, day, grade })
        steps += 1
      }
    }
  }
  return reviews
}
