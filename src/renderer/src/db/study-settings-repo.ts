import { defaultSchedulerSettings, type SchedulerSettings } from '../../../core/scheduling'
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
  const stored = await readSetting<Partial<SchedulerSettings>>(
    db,
    SCHEDULER_SETTINGS_KEY,
    {},
    isSchedulerSettings
  )
  const merged: SchedulerSettings = { ...defaultSchedulerSettings, ...stored }
  return schedulerSettingsProblem(merged) === null ? merged : { ...defaultSchedulerSettings }
}

/** Stores validated study settings; refuses (with the reason) anything out of range. */
export async function saveSchedulerSettings(
  db: QuotedeckDatabase,
  settings: SchedulerSettings
): Promise<string | null> {
  const problem = schedulerSettingsProblem(settings)
  if (problem !== null) return problem
  // Plain copies: a reactive proxy cannot be structured-cloned into IndexedDB.
  await writeSetting(db, SCHEDULER_SETTINGS_KEY, {
    ...settings,
    learningStepsMinutes: [...settings.learningStepsMinutes],
    relearningStepsMinutes: [...settings.relearningStepsMinutes]
  })
  return null
}
