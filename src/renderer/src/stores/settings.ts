import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ThemePreference } from '../../../shared/api'
import { getDatabase } from '../db/schema'
import {
  getSetting,
  readSetting,
  setSetting,
  settingDefaults,
  writeSetting
} from '../db/settings-repo'

/**
 * User preferences, persisted in the database. The theme lives here; study and quiz settings can
 * use the generic `read`/`write` (with their own default) or add a typed key to `KnownSettings`.
 */
export const useSettingsStore = defineStore('settings', () => {
  const theme = ref<ThemePreference>(settingDefaults.theme)
  const loaded = ref(false)
  let loading: Promise<void> | null = null

  /** Loads stored preferences once; later calls wait for the same load. */
  function load(): Promise<void> {
    loading ??= (async () => {
      try {
        theme.value = await getSetting(getDatabase(), 'theme')
      } catch {
        // Unreadable settings leave the defaults in place; the library reports the database.
      }
      loaded.value = true
    })()
    return loading
  }

  async function setTheme(next: ThemePreference): Promise<void> {
    theme.value = next
    await setSetting(getDatabase(), 'theme', next)
  }

  /** Reads any setting with a default (and an optional shape check). */
  function read<T>(key: string, fallback: T, isValid?: (value: unknown) => value is T): Promise<T> {
    return readSetting(getDatabase(), key, fallback, isValid)
  }

  /** Stores any setting. */
  function write<T>(key: string, value: T): Promise<void> {
    return writeSetting(getDatabase(), key, value)
  }

  return { theme, loaded, load, setTheme, read, write }
})
