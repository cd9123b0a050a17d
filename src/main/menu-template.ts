import type { RecentFile, ThemePreference } from '../shared/api'
import { APP_SECTIONS, type AppSectionName } from '../shared/sections'

/** What a menu item does when chosen; performed by `menu-actions.ts`. */
export type MenuAction =
  | { kind: 'open-article' }
  | { kind: 'open-recent'; path: string }
  | { kind: 'new-from-clipboard' }
  | { kind: 'theme'; theme: ThemePreference }
  | { kind: 'about' }
  | { kind: 'go'; section: AppSectionName }
  | { kind: 'quit' }

/** Built-in Electron behaviours the menu may use (they need no action of ours). */
export type MenuRole =
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'about'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'appMenu'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'

/** One menu entry as plain data: no callbacks, so the whole menu can be compared in a test. */
export interface MenuItemSpec {
  id?: string
  label?: string
  type?: 'normal' | 'separator' | 'submenu' | 'radio'
  accelerator?: string
  /** false: show the accelerator but let the page receive the keystroke. */
  registerAccelerator?: boolean
  role?: MenuRole
  checked?: boolean
  enabled?: boolean
  action?: MenuAction
  submenu?: MenuItemSpec[]
}

/** The state the menu reflects. */
export interface MenuState {
  appName: string
  recentFiles: readonly RecentFile[]
  theme: ThemePreference
  /** Development build: adds reload and developer tools. */
  isDev: boolean
  /** macOS puts the application menu first and Quit/About inside it. */
  isMac: boolean
}

/** How many recent files the Open Recent submenu shows. */
export const MAX_RECENT_MENU_ITEMS = 10

const THEME_LABELS: Record<ThemePreference, string> = {
  system: 'Use System Setting',
  light: 'Light',
  dark: 'Dark'
}

const separator: MenuItemSpec = { type: 'separator' }

function recentSubmenu(recentFiles: readonly RecentFile[]): MenuItemSpec[] {
  if (recentFiles.length === 0) {
    return [{ id: 'recent-empty', label: 'No Recent Articles', enabled: false }]
  }
  return recentFiles.slice(0, MAX_RECENT_MENU_ITEMS).map((file, index) => ({
    id: `recent-${index}`,
    // `&` would otherwise be read as a mnemonic marker on Windows and Linux.
    label: file.fileName.replace(/&/g, '&&'),
    action: { kind: 'open-recent', path: file.path }
  }))
}

/** Builds the application menu as data from the current state. */
export function buildMenuTemplate(state: MenuState): MenuItemSpec[] {
  const fileMenu: MenuItemSpec = {
    id: 'file',
    label: 'File',
    type: 'submenu',
    submenu: [
      {
        id: 'open-article',
        label: 'Open Article…',
        accelerator: 'CmdOrCtrl+O',
        action: { kind: 'open-article' }
      },
      {
        id: 'open-recent',
        label: 'Open Recent',
        type: 'submenu',
        submenu: recentSubmenu(state.recentFiles)
      },
      {
        id: 'new-from-clipboard',
        label: 'New Article from Clipboard',
        accelerator: 'CmdOrCtrl+Shift+V',
        action: { kind: 'new-from-clipboard' }
      },
      ...(state.isMac
        ? []
        : [
            separator,
            {
              id: 'quit',
              label: 'Quit',
              accelerator: 'CmdOrCtrl+Q',
              action: { kind: 'quit' }
            } as MenuItemSpec
          ])
    ]
  }

  const editMenu: MenuItemSpec = {
    id: 'edit',
    label: 'Edit',
    type: 'submenu',
    submenu: [
      // Off macOS the page gets Ctrl+Z itself: text fields keep their native undo and the study
      // session undoes the last answer. A registered accelerator would take the key first.
      { role: 'undo', ...(state.isMac ? {} : { registerAccelerator: false }) },
      { role: 'redo', ...(state.isMac ? {} : { registerAccelerator: false }) },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' }
    ]
  }

  const themeItems: MenuItemSpec[] = (['system', 'light', 'dark'] as const).map((theme) => ({
    id: `theme-${theme}`,
    label: THEME_LABELS[theme],
    type: 'radio',
    checked: state.theme === theme,
    action: { kind: 'theme', theme }
  }))

  const viewMenu: MenuItemSpec = {
    id: 'view',
    label: 'View',
    type: 'submenu',
    submenu: [
      // Ctrl+1…7 as in a browser's tabs; B for the card browser stays the page's own shortcut.
      ...APP_SECTIONS.map((section, index): MenuItemSpec => ({
        id: `go-${section.name}`,
        label: section.label,
        accelerator: `CmdOrCtrl+${index + 1}`,
        action: { kind: 'go', section: section.name }
      })),
      separator,
      { id: 'theme', label: 'Theme', type: 'submenu', submenu: themeItems },
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(state.isDev
        ? [
            separator,
            { role: 'reload' } as MenuItemSpec,
            { role: 'forceReload' } as MenuItemSpec,
            { role: 'toggleDevTools' } as MenuItemSpec
          ]
        : [])
    ]
  }

  const aboutItem: MenuItemSpec = {
    id: 'about',
    label: `About ${state.appName}`,
    action: { kind: 'about' }
  }

  const helpMenu: MenuItemSpec = {
    id: 'help',
    label: 'Help',
    type: 'submenu',
    submenu: [aboutItem]
  }

  if (!state.isMac) return [fileMenu, editMenu, viewMenu, helpMenu]

  const appMenu: MenuItemSpec = {
    id: 'app',
    label: state.appName,
    type: 'submenu',
    submenu: [
      aboutItem,
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      {
        id: 'quit',
        label: `Quit ${state.appName}`,
        accelerator: 'CmdOrCtrl+Q',
        action: { kind: 'quit' }
      }
    ]
  }
  return [appMenu, fileMenu, editMenu, viewMenu, helpMenu]
}

/** Finds an item by id anywhere in a template (depth first). */
export function findMenuItem(
  template: readonly MenuItemSpec[],
  id: string
): MenuItemSpec | undefined {
  for (const item of template) {
    if (item.id === id) return item
    if (item.submenu) {
      const found = findMenuItem(item.submenu, id)
      if (found) return found
    }
  }
  return undefined
}
