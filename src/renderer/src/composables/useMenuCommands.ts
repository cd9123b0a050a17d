import { onBeforeUnmount, onMounted } from 'vue'
import { useRouter } from 'vue-router'
import { sectionNamed } from '../../../shared/sections'
import type { MenuCommand } from '../../../shared/api'
import { useBackupStore } from '../stores/backup'
import { useLibraryStore } from '../stores/library'
import { useNotificationsStore } from '../stores/notifications'
import { useSettingsStore } from '../stores/settings'
import { useAddArticle } from './useAddArticle'

export interface MenuCommandHandlers {
  /** Help › About. */
  showAbout(): void
}

/**
 * Carries out the application menu's commands in the page, for as long as the calling component
 * is mounted (the app shell).
 */
export function useMenuCommands(handlers: MenuCommandHandlers): void {
  const library = useLibraryStore()
  const notifications = useNotificationsStore()
  const settings = useSettingsStore()
  const adder = useAddArticle()
  const router = useRouter()
  let unsubscribe: (() => void) | null = null

  async function handle(command: MenuCommand): Promise<void> {
    switch (command.kind) {
      case 'open-article':
        library.endMenuLoad()
        await adder.addLoaded(command.article)
        return
      case 'open-error':
        library.endMenuLoad()
        notifications.error(command.message)
        return
      case 'new-from-clipboard': {
        let text = ''
        try {
          text = await window.api.readClipboardText()
        } catch {
          // An unreadable clipboard still opens an empty dialog to paste into.
        }
        library.openPasteDialog(text)
        return
      }
      case 'theme':
        await settings.setTheme(command.theme)
        return
      case 'about':
        handlers.showAbout()
        return
      case 'go': {
        const section = sectionNamed(command.section)
        // As with the B shortcut: an open dialog keeps the page where it is.
        if (section === undefined || document.querySelector('dialog[open]')) return
        await router.push(section.path)
        return
      }
      case 'backup-request':
        // The main process waits for the matching saveBackup (quit has a timeout).
        await useBackupStore().backupNow(command.reason, command.requestId)
        return
      case 'load-progress':
        // Loads the page started show their own progress; this is for the menu's.
        library.showMenuLoadProgress(command.progress)
        return
      case 'optimise-progress':
        // The optimiser store listens for its own progress.
        return
    }
  }

  onMounted(() => {
    unsubscribe = window.api.onMenuCommand((command) => {
      void handle(command)
    })
  })

  onBeforeUnmount(() => {
    unsubscribe?.()
    unsubscribe = null
  })
}
