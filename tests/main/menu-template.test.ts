import { describe, expect, it } from 'vitest'
import {
  MAX_RECENT_MENU_ITEMS,
  buildMenuTemplate,
  findMenuItem,
  type MenuItemSpec,
  type MenuState
} from '../../src/main/menu-template'
import type { RecentFile } from '../../src/shared/api'

const BASE: MenuState = {
  appName: 'Quotedeck',
  recentFiles: [],
  theme: 'system',
  isDev: false,
  isMac: false
}

function recent(count: number): RecentFile[] {
  return Array.from({ length: count }, (_, index) => ({
    path: `/home/reader/articles/article-${index}.txt`,
    fileName: `article-${index}.txt`,
    openedAt: Date.UTC(2026, 0, 1) - index * 60_000
  }))
}

function labels(items: readonly MenuItemSpec[] | undefined): (string | undefined)[] {
  return (items ?? []).map((item) => item.label ?? item.role ?? item.type)
}

/** Every item in the tree, depth first. */
function allItems(items: readonly MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((item) => [item, ...allItems(item.submenu ?? [])])
}

describe('buildMenuTemplate', () => {
  it('lets the page receive Ctrl+Z off macOS (study undo), keeps the menu key on macOS', () => {
    const undoOf = (isMac: boolean): MenuItemSpec | undefined =>
      allItems(buildMenuTemplate({ ...BASE, isMac })).find((item) => item.role === 'undo')
    expect(undoOf(false)).toMatchObject({ role: 'undo', registerAccelerator: false })
    expect(undoOf(true)?.registerAccelerator).toBeUndefined()
  })

  it('has File, Edit, View and Help menus on Windows and Linux', () => {
    expect(labels(buildMenuTemplate(BASE))).toEqual(['File', 'Edit', 'View', 'Help'])
  })

  it('puts the application menu first on macOS, with About and Quit inside it', () => {
    const template = buildMenuTemplate({ ...BASE, isMac: true })
    expect(labels(template)).toEqual(['Quotedeck', 'File', 'Edit', 'View', 'Help'])
    expect(labels(template[0].submenu)).toContain('About Quotedeck')
    expect(labels(template[0].submenu)).toContain('Quit Quotedeck')
    expect(labels(findMenuItem(template, 'file')?.submenu)).not.toContain('Quit')
  })

  it('offers the File commands with their accelerators and actions', () => {
    const file = findMenuItem(buildMenuTemplate(BASE), 'file')
    expect(labels(file?.submenu)).toEqual([
      'Open Article…',
      'Open Recent',
      'New Article from Clipboard',
      'separator',
      'Quit'
    ])
    const template = buildMenuTemplate(BASE)
    expect(findMenuItem(template, 'open-article')).toMatchObject({
      accelerator: 'CmdOrCtrl+O',
      action: { kind: 'open-article' }
    })
    expect(findMenuItem(template, 'new-from-clipboard')).toMatchObject({
      accelerator: 'CmdOrCtrl+Shift+V',
      action: { kind: 'new-from-clipboard' }
    })
    expect(findMenuItem(template, 'quit')).toMatchObject({
      accelerator: 'CmdOrCtrl+Q',
      action: { kind: 'quit' }
    })
  })

  it('shows a disabled placeholder when there are no recent files', () => {
    const openRecent = findMenuItem(buildMenuTemplate(BASE), 'open-recent')
    expect(openRecent?.submenu).toEqual([
      { id: 'recent-empty', label: 'No Recent Articles', enabled: false }
    ])
  })

  it('lists recent files in order, capped, each opening its own path', () => {
    const files = recent(MAX_RECENT_MENU_ITEMS + 3)
    const submenu = findMenuItem(
      buildMenuTemplate({ ...BASE, recentFiles: files }),
      'open-recent'
    )?.submenu
    expect(submenu).toHaveLength(MAX_RECENT_MENU_ITEMS)
    expect(submenu?.[0]).toEqual({
      id: 'recent-0',
      label: 'article-0.txt',
      action: { kind: 'open-recent', path: files[0].path }
    })
    expect(submenu?.map((item) => item.action)).toEqual(
      files
        .slice(0, MAX_RECENT_MENU_ITEMS)
        .map((file) => ({ kind: 'open-recent', path: file.path }))
    )
  })

  it('escapes ampersands in file names so they are not read as mnemonics', () => {
    const files = [{ path: '/a/Q&A.txt', fileName: 'Q&A.txt', openedAt: 1 }]
    const item = findMenuItem(buildMenuTemplate({ ...BASE, recentFiles: files }), 'recent-0')
    expect(item?.label).toBe('Q&&A.txt')
  })

  it('offers the three themes as radio items with the current one checked', () => {
    for (const theme of ['system', 'light', 'dark'] as const) {
      const themeMenu = findMenuItem(buildMenuTemplate({ ...BASE, theme }), 'theme')
      expect(themeMenu?.submenu?.map((item) => [item.type, item.checked, item.action])).toEqual([
        ['radio', theme === 'system', { kind: 'theme', theme: 'system' }],
        ['radio', theme === 'light', { kind: 'theme', theme: 'light' }],
        ['radio', theme === 'dark', { kind: 'theme', theme: 'dark' }]
      ])
    }
  })

  it('adds reload and developer tools only in development', () => {
    const roles = (state: MenuState): unknown[] =>
      allItems(buildMenuTemplate(state)).map((item) => item.role)
    expect(roles(BASE)).not.toContain('reload')
    expect(roles(BASE)).not.toContain('toggleDevTools')
    expect(roles({ ...BASE, isDev: true })).toEqual(
      expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools'])
    )
  })

  it('lists every section under View, in the navigation’s order, on Ctrl+1 to Ctrl+7', () => {
    const view = findMenuItem(buildMenuTemplate(BASE), 'view')
    const goItems = (view?.submenu ?? []).filter((item) => item.action?.kind === 'go')
    expect(goItems.map((item) => [item.label, item.accelerator, item.action])).toEqual([
      ['Library', 'CmdOrCtrl+1', { kind: 'go', section: 'library' }],
      ['Study', 'CmdOrCtrl+2', { kind: 'go', section: 'study' }],
      ['Browse', 'CmdOrCtrl+3', { kind: 'go', section: 'browse' }],
      ['Quiz', 'CmdOrCtrl+4', { kind: 'go', section: 'quiz' }],
      ['Missed', 'CmdOrCtrl+5', { kind: 'go', section: 'missed' }],
      ['Stats', 'CmdOrCtrl+6', { kind: 'go', section: 'stats' }],
      ['Settings', 'CmdOrCtrl+7', { kind: 'go', section: 'settings' }]
    ])
  })

  it('has Help › About sending the about action', () => {
    const help = findMenuItem(buildMenuTemplate(BASE), 'help')
    expect(help?.submenu).toEqual([
      { id: 'about', label: 'About Quotedeck', action: { kind: 'about' } }
    ])
  })

  it('uses unique ids and no accelerator twice', () => {
    const items = allItems(buildMenuTemplate({ ...BASE, recentFiles: recent(3), isDev: true }))
    const ids = items.flatMap((item) => (item.id ? [item.id] : []))
    expect(new Set(ids).size).toBe(ids.length)
    const accelerators = items.flatMap((item) => (item.accelerator ? [item.accelerator] : []))
    expect(new Set(accelerators).size).toBe(accelerators.length)
  })

  it('is plain data: serialisable without losing anything', () => {
    const template = buildMenuTemplate({ ...BASE, recentFiles: recent(2), isMac: true })
    expect(JSON.parse(JSON.stringify(template))).toEqual(template)
  })
})
