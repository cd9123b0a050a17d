import type { PackedArticle } from '../shared/article-transport'
import type { MenuCommand } from '../shared/api'
import { ok, type Result } from '../shared/result'
import type { MenuAction } from './menu-template'
import type { AppServices } from './services/app-services'

/** What running a menu action needs; Electron wiring in the app, fakes in tests and e2e. */
export interface MenuActionDeps {
  services: AppServices
  /** Delivers a command to the page (in the app: `webContents.send('qd:menu-command', …)`). */
  send: (command: MenuCommand) => void
  quit: () => void
  /** Called after something the menu shows changed (recent list, theme), so it can be rebuilt. */
  onMenuStateChanged?: () => void
}

/**
 * Returns the function that performs a menu action. Loading happens here, in the main process,
 * so the page only ever receives a finished article or an error written in words.
 */
export function createMenuActionRunner(
  deps: MenuActionDeps
): (action: MenuAction) => Promise<void> {
  const { services, send } = deps

  function deliver(loaded: Result<PackedArticle>): void {
    if (loaded.ok) {
      send({ kind: 'open-article', article: loaded.value })
      deps.onMenuStateChanged?.()
    } else {
      send({ kind: 'open-error', message: loaded.error.message })
    }
  }

  return async (action: MenuAction): Promise<void> => {
    switch (action.kind) {
      case 'open-article': {
        const chosen = await services.openArticleDialog()
        if (!chosen.ok) deliver(chosen)
        else if (chosen.value !== null) deliver(ok(chosen.value))
        // A null value means the user cancelled the dialog: nothing to say.
        return
      }
      case 'open-recent':
        deliver(await services.openRecentArticle(action.path))
        return
      case 'new-from-clipboard':
        send({ kind: 'new-from-clipboard' })
        return
      case 'theme':
        await services.setThemePreference(action.theme)
        send({ kind: 'theme', theme: action.theme })
        deps.onMenuStateChanged?.()
        return
      case 'about':
        send({ kind: 'about' })
        return
      case 'go':
        send({ kind: 'go', section: action.section })
        return
      case 'quit':
        deps.quit()
        return
    }
  }
}
