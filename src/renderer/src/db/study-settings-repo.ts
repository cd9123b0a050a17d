import { defaultSchedulerSettings, type SchedulerSettings } from '../../../core/scheduling'
import { FSRS_PARAMETER_COUNT, type ModelMetrics } from '../../../shared/fsrs-optimiser'
import type { QuotedeckDatabase } from './schema'
import { readSetting, writeSetting } from './settings-repo'

/** Settings-table key of the study (scheduler) settings. */
export const SCHEDULER_SETTINGS_KEY = 'scheduler'

/** Accepted range of each numeric study setting (inclusive). */
export const schedulerSettingLimits = {
  desiredRetention: { min: 0.7, max: 0.99 },
  newCardsPerDay: { min: 0, max: 9999 },
  reviewsPerDay: { min: 0, max: 99999 },
  dayRolloverHour: { min: 0, max: 23 },
  maximumIntervalDays: { min: 1, max: 36500 },
  /** Each learning step, minutes (up to a week). */
  stepMinutes: { min: 1, max: 10080 }
} as const

/** The first problem with a settings object, in words, or null when it is valid. */
export function schedulerSettingsProblem(settings: SchedulerSettings): string | null {
  const inRange = (value: number, limits: { min: number; max: number }): boolean =>
    Number.isFinite(value) && value >= limits.min && value <= limits.max
  const limits = schedulerSettingLimits
  if (!inRange(settings.desiredRetention, limits.desiredRetention)) {
    return 'Desired retention must be between 70% and 99%.'
  }
  if (
    !Number.isInteger(settings.newCardsPerDay) ||
    !inRange(settings.newCardsPerDay, limits.newCardsPerDay)
  ) {
    return 'New cards per day must be a whole number from 0 to 9999.'
  }
  if (
    !Number.isInteger(settings.reviewsPerDay) ||
    !inRange(settings.reviewsPerDay, limits.reviewsPerDay)
  ) {
    return 'Reviews per day must be a whole number from 0 to 99999.'
  }
  if (
    !Number.isInteger(settings.dayRolloverHour) ||
    !inRange(settings.dayRolloverHour, limits.dayRolloverHour)
  ) {
    return 'The next day starts at an hour from 0 to 23.'
  }
  if (
    !Number.isInteger(settings.maximumIntervalDays) ||
    !inRange(settings.maximumIntervalDays, limits.maximumIntervalDays)
  ) {
    return 'The maximum interval must be a whole number of days from 1 to 36500.'
  }
  for (const steps of [settings.learningStepsMinutes, settings.relearningStepsMinutes]) {
    if (!Array.isArray(steps) || steps.some((step) => !inRange(step, limits.stepMinutes))) {
      return 'Learning steps are minutes from 1 to 10080 (a week), separated by spaces.'
    }
  }
  return null
}

function isSchedulerSettings(value: unknown): value is Partial<SchedulerSettings> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The stored study settings merged over the defaults; a stored value that is missing a field or
 * fails validation (an older version, a hand edit) falls back to the defaults as a whole.
 */
export async function loadSchedulerSettings(db: QuotedeckDatabase): Promise<SchedulerSettings> {
  // The FSRS weights live under their own key (with their history); the scheduler uses them.
  // Both keys are asked for at once: every view that schedules or counts waits for this.
  const [stored, parameters] = await Promise.all([
    readSetting<Partial<SchedulerSettings>>(db, SCHEDULER_SETTINGS_KEY, {}, isSchedulerSettings),
    loadFsrsParameterState(db)
  ])
  const merged: SchedulerSettings = { ...defaultSchedulerSettings, ...stored }
  const valid = schedulerSettingsProblem(merged) === null ? merged : { ...defaultSchedulerSettings }
  return parameters.current === null
    ? valid
    : { ...valid, fsrsParameters: [...parameters.current.parameters] }
}

/** Stores validated study settings; refuses (with the reason) anything out of range. */
export async function saveSchedulerSettings(
  db: QuotedeckDatabase,
  settings: SchedulerSettings
): Promise<string | null> {
  const problem = schedulerSettingsProblem(settings)
  if (problem !== null) return problem
  // Plain copies: a reactive proxy cannot be structured-cloned into IndexedDB.
  // The weights are stored by `saveFsrsParameterState`, never with the other settings.
  const { fsrsParameters: _weights, ...rest } = settings
  void _weights
  await writeSetting(db, SCHEDULER_SETTINGS_KEY, {
    ...rest,
    learningStepsMinutes: [...settings.learningStepsMinutes],
    relearningStepsMinutes: [...settings.relearningStepsMinutes]
  })
  return null
}

/** Settings-table key of the FSRS parameters and their history. */
export const FSRS_PARAMETERS_KEY = 'fsrsParameters'
/** Earlier parameter sets kept for Undo. */
export const MAX_PREVIOUS_PARAMETER_SETS = 10

/** A set of FSRS weights the scheduler used or uses, with where it came from. */
export interface FsrsParameterSet {
  parameters: number[]
  /** Epoch ms of the optimisation that produced them. */
  optimisedAt: number
  /** Scheduled reviews the optimisation was fitted on. */
  reviewCount: number
  /** Evaluation on those reviews: the parameters before, and these. */
  before: ModelMetrics
  after: ModelMetrics
}

/** Everything stored about the FSRS parameters. */
export interface FsrsParameterState {
  /** The parameters in use; null: the ts-fsrs defaults. */
  current: FsrsParameterSet | null
  /** What `current` replaced, oldest first (null: the defaults were in use). Undo pops the last. */
  previous: (FsrsParameterSet | null)[]
  /** The last optimisation run, whatever it decided (for the reminder). */
  lastRun: { at: number; reviewCount: number } | null
}

function isMetrics(value: unknown): value is ModelMetrics {
  const m = value as ModelMetrics
  return (
    typeof m === 'object' && m !== null && Number.isFinite(m.logLoss) && Number.isFinite(m.rmseBins)
  )
}

function isParameterSet(value: unknown): value is FsrsParameterSet {
  const set = value as FsrsParameterSet
  return (
    typeof set === 'object' &&
    set !== null &&
    Array.isArray(set.parameters) &&
    set.parameters.length === FSRS_PARAMETER_COUNT &&
    set.parameters.every((w) => Number.isFinite(w)) &&
    Number.isFinite(set.optimisedAt) &&
    Number.isSafeInteger(set.reviewCount) &&
    isMetrics(set.before) &&
    isMetrics(set.after)
  )
}

function isParameterState(value: unknown): value is FsrsParameterState {
  const state = value as FsrsParameterState
  if (typeof state !== 'object' || state === null) return false
  if (state.current !== null && !isParameterSet(state.current)) return false
  if (!Array.isArray(state.previous)) return false
  if (!state.previous.every((set) => set === null || isParameterSet(set))) return false
  const run = state.lastRun
  return (
    run === null ||
    (typeof run === 'object' && Number.isFinite(run.at) && Number.isSafeInteger(run.reviewCount))
  )
}

/** No optimisation yet: the defaults. */
export function emptyFsrsParameterState(): FsrsParameterState {
  return { current: null, previous: [], lastRun: null }
}

/** The stored parameter state; anything malformed reads as the defaults (never a crash). */
export async function loadFsrsParameterState(db: QuotedeckDatabase): Promise<FsrsParameterState> {
  return readSetting(db, FSRS_PARAMETERS_KEY, emptyFsrsParameterState(), isParameterState)
}

/** Stores the parameter state (plain copies; at most MAX_PREVIOUS_PARAMETER_SETS kept for Undo). */
export async function saveFsrsParameterState(
  db: QuotedeckDatabase,
  state: FsrsParameterState
): Promise<void> {
  const copy = (set: FsrsParameterSet | null): FsrsParameterSet | null =>
    set === null
      ? null
      : {
          parameters: [...set.parameters],
          optimisedAt: set.optimisedAt,
          reviewCount: set.reviewCount,
          before: { ...set.before },
          after: { ...set.after }
        }
  await writeSetting(db, FSRS_PARAMETERS_KEY, {
    current: copy(state.current),
    previous: state.previous.slice(-MAX_PREVIOUS_PARAMETER_SETS).map(copy),
    lastRun: state.lastRun === null ? null : { ...state.lastRun }
  } satisfies FsrsParameterState)
}
