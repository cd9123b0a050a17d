import type { ThemePreference } from '../../../shared/api'
import type { QuotedeckDatabase } from './schema'

/**
 * Settings with a known type and default. Other features add their keys here (and a validator
 * below) or use the generic `readSetting`/`writeSetting` with their own default.
 */
export interface KnownSettings {
  theme: ThemePreference
  /** Whether the built-in article was ever added, so removing it does not bring it back. */
  seededBuiltin: boolean
}

/** Defaults used when a setting was never stored (or holds a value of the wrong shape). */
export const settingDefaults: Readonly<KnownSettings> = Object.freeze({
  theme: 'system',
  seededBuiltin: false
})

type Validators = { [K in keyof KnownSettings]: (value: unknown) => value is KnownSettings[K] }

const validators: Validators = {
  theme: (value): value is ThemePreference =>
    value === 'system' || value === 'light' || value === 'dark',
  seededBuiltin: (value): value is boolean => typeof value === 'boolean'
}

/**
 * Reads any setting. Returns `fallback` when it was never stored, or when `isValid` rejects the
 * stored value (a value from an older version, or written by hand, never crashes the app).
 */
export async function readSetting<T>(
  db: QuotedeckDatabase,
  key: string,
  fallback: T,
  isValid?: (value: unknown) => value is T
): Promise<T> {
  const record = await db.settings.get(key)
  if (record === undefined) return fallback
  if (isValid && !isValid(record.value)) return fallback
  return record.value as T
}

/** Stores any setting (structured-clonable values only). */
export async function writeSetting<T>(db: QuotedeckDatabase, key: string, value: T): Promise<void> {
  await db.settings.put({ key, value })
}

/** Reads a known setting, typed, with its default. */
export async function getSetting<K extends keyof KnownSettings>(
  db: QuotedeckDatabase,
  key: K
): Promise<KnownSettings[K]> {
  return readSetting(db, key, settingDefaults[key], validators[key])
}

/** Stores a known setting. */
export async function setSetting<K extends keyof KnownSettings>(
  db: QuotedeckDatabase,
  key: K,
  value: KnownSettings[K]
): Promise<void> {
  await writeSetting(db, key, value)
}
