import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('./electron-mock'))

import type { MenuItemConstructorOptions } from 'electron'
import { Menu, resetElectronMock } from './electron-mock'
import { installApplicationMenu, toElectronMenuOptions } from '../../src/main/menu'
import { createMenuActionRunner } from '../../src/main/menu-actions'
import type { MenuAction } from '../../src/main/menu-template'
import type { AppServices } from '../../src/main/services/app-services'
import type { MenuCommand } from '../../src/shared/api'
import { fail, ok } from '../../src/shared/result'
import type { Article } from '../../src/core/article/types'
import { packArticle, type PackedArticle } from '../../src/shared/article-transport'

const ARTICLE: Article = {
  id: 'a1',
  title: 'Title',
  byline: null,
  source: { kind: 'file', path: '/a/b.txt', fileName: 'b.txt' },
  text: 'Body text.',
  paragraphs: [{ kind: 'body', start: 0, end: 10 }],
  removed: [],
  encoding: 'utf-8',
  wordCount: 2
}
const PACKED = packArticle(ARTICLE)

beforeEach(() => {
  resetElectronMock()
})

function find(
  options: MenuItemConstructorOptions[],
  id: string
): MenuItemConstructorOptions | undefined {
  for (const option of options) {
    if (option.id === id) return option
    const found = Array.isArray(option.submenu) ? find(option.submenu, id) : undefined
    if (found) return found
  }
  return undefined
}

describe('toElectronMenuOptions / installApplicationMenu', () => {
  it('turns actions into click handlers and keeps roles, accelerators and radio state', () => {
    const run = vi.fn()
    installApplicationMenu(
      {
        appName: 'Quotedeck',
        recentFiles: [{ path: '/x/one.txt', fileName: 'one.txt', openedAt: 1 }],
        theme: 'dark',
        isDev: false,
        isMac: false
      },
      run
    )
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(1)
    const options = Menu.buildFromTemplate.mock.calls[0][0] as MenuItemConstructorOptions[]
    const open = find(options, 'open-article')
    expect(open?.accelerator).toBe('CmdOrCtrl+O')
    ;(open?.click as () => void)()
    expect(run).toHaveBeenLastCalledWith({ kind: 'open-article' })
    ;(find(options, 'recent-0')?.click as () => void)()
    expect(run).toHaveBeenLastCalledWith({ kind: 'open-recent', path: '/x/one.txt' })
    expect(find(options, 'theme-dark')).toMatchObject({ type: 'radio', checked: true })
    expect(find(options, 'theme-light')).toMatchObject({ type: 'radio', checked: false })
    const edit = find(options, 'edit')
    expect((edit?.submenu as MenuItemConstructorOptions[]).map((item) => item.role)).toContain(
      'paste'
    )
  })

  it('adds no click handler to items without an action', () => {
    const options = toElectronMenuOptions([{ role: 'copy' }, { type: 'separator' }], vi.fn())
    expect(options).toEqual([{ role: 'copy' }, { type: 'separator' }])
  })

  it('passes registerAccelerator through so the page can keep a keystroke', () => {
    const options = toElectronMenuOptions([{ role: 'undo', registerAccelerator: false }], vi.fn())
    expect(options).toEqual([{ role: 'undo', registerAccelerator: false }])
  })
})

describe('createMenuActionRunner', () => {
  function setup(overrides: Partial<AppServices> = {}): {
    run: (action: MenuAction) => Promise<void>
    sent: MenuCommand[]
    quit: ReturnType<typeof vi.fn>
    changed: ReturnType<typeof vi.fn>
    services: AppServices
  } {
    const sent: MenuCommand[] = []
    const quit = vi.fn()
    const changed = vi.fn()
    const services = {
      openArticleDialog: vi.fn(async () => ok<PackedArticle | null>(PACKED)),
      openRecentArticle: vi.fn(async () => ok(PACKED)),
      setThemePreference: vi.fn(async () => undefined),
      ...overrides
    } as unknown as AppServices
    const run = createMenuActionRunner({
      services,
      send: (command) => sent.push(command),
      quit,
      onMenuStateChanged: changed
    })
    return { run, sent, quit, changed, services }
  }

  it('loads the chosen article in the main process and sends it to the page', async () => {
    const { run, sent, changed } = setup()
    await run({ kind: 'open-article' })
    expect(sent).toEqual([{ kind: 'open-article', article: PACKED }])
    expect(changed).toHaveBeenCalledTimes(1)
  })

  it('sends View › a section to the page to go there', async () => {
    const { run, sent } = setup()
    await run({ kind: 'go', section: 'browse' })
    expect(sent).toEqual([{ kind: 'go', section: 'browse' }])
  })

  it('sends nothing when the dialog is cancelled', async () => {
    const { run, sent } = setup({ openArticleDialog: vi.fn(async () => ok(null)) })
    await run({ kind: 'open-article' })
    expect(sent).toEqual([])
  })

  it('sends the failure in words when loading fails', async () => {
    const { run, sent, changed } = setup({
      openRecentArticle: vi.fn(async () =>
        fail<PackedArticle>('NOT_FOUND', '“b.txt” was not found.')
      )
    })
    await run({ kind: 'open-recent', path: '/a/b.txt' })
    expect(sent).toEqual([{ kind: 'open-error', message: '“b.txt” was not found.' }])
    expect(changed).not.toHaveBeenCalled()
  })

  it('applies a theme in the main process and tells the page', async () => {
    const { run, sent, services, changed } = setup()
    await run({ kind: 'theme', theme: 'light' })
    expect(services.setThemePreference).toHaveBeenCalledWith('light')
    expect(sent).toEqual([{ kind: 'theme', theme: 'light' }])
    expect(changed).toHaveBeenCalled()
  })

  it('forwards clipboard and about to the page, and quits on quit', async () => {
    const { run, sent, quit } = setup()
    await run({ kind: 'new-from-clipboard' })
    await run({ kind: 'about' })
    await run({ kind: 'quit' })
    expect(sent).toEqual([{ kind: 'new-from-clipboard' }, { kind: 'about' }])
    expect(quit).toHaveBeenCalledTimes(1)
  })
})
