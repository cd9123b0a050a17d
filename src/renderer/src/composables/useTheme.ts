import { watch, type Ref } from 'vue'
import { storeToRefs } from 'pinia'
import type { ThemePreference } from '../../../shared/api'
import { useSettingsStore } from '../stores/settings'

/**
 * Sets `data-theme` on the root element. `system` removes it, so theme.css follows the OS
 * through prefers-color-scheme.
 */
export function applyThemeToDocument(
  preference: ThemePreference,
  root: HTMLElement = document.documentElement
): void {
  if (preference === 'system') root.removeAttribute('data-theme')
  else root.setAttribute('data-theme', preference)
}

export interface ThemeControls {
  theme: Ref<ThemePreference>
  setTheme(preference: ThemePreference): Promise<void>
}

/**
 * The theme preference, applied to the page and told to the main process (so native dialogs and
 * menus match). Call once in the app shell to keep the document in sync; other callers just get
 * the controls.
 */
export function useTheme(options: { sync?: boolean } = {}): ThemeControls {
  const settings = useSettingsStore()
  const { theme, loaded } = storeToRefs(settings)

  if (options.sync) {
    // Until the stored preference is read the page follows the OS; the main process is only told
    // the real preference, so native chrome does not flicker through the default.
    watch(
      [theme, loaded],
      ([preference, isLoaded]) => {
        applyThemeToDocument(preference)
        if (isLoaded) void window.api.setThemePreference(preference)
      },
      { immediate: true }
    )
  }

  return { theme, setTheme: (preference) => settings.setTheme(preference) }
}
