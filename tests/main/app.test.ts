import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('./electron-mock'))

import type { MenuItemConstructorOptions } from 'electron'
import {
  BrowserWindow,
  Menu,
  app,
  ipcHandlers,
  nativeTheme,
  resetElectronMock
} from './electron-mock'
import { focusWindow, startQuotedeck } from '../../src/main/app'
import { invokeChannels, menuCommandChannel } from '../../src/shared/ipc-channels'

const PROJECT_ROOT = resolve(__dirname, '../..')
let userDataDir: string

beforeEach(async () => {
  resetElectronMock()
  userDataDir = await mkdtemp(join(tmpdir(), 'qd-app-'))
  app.userDataDir = userDataDir
  app.appPath = PROJECT_ROOT
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined)
})

afterEach(async () => {
  vi.unstubAllEnvs()
  await rm(userDataDir, { recursive: true, force: true })
})

async function startAndWaitForWindow(): Promise<BrowserWindow> {
  expect(startQuotedeck()).toBe(true)
  await vi.waitFor(() => expect(BrowserWindow.instances).toHaveLength(1))
  return BrowserWindow.instances[0]
}

/** An invoke event from the page the window loaded (the app's own page). */
function pageEvent(): { senderFrame: { url: string; parent: null } } {
  const loadedPath = BrowserWindow.instances[0].loadFile.mock.calls[0][0] as string
  return { senderFrame: { url: `${pathToFileURL(loadedPath).href}#/`, parent: null } }
}

function latestMenuItem(id: string): MenuItemConstructorOptions | undefined {
  const calls = Menu.buildFromTemplate.mock.calls
  const find = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions | undefined => {
    for (const item of items) {
      if (item.id === id) return item
      const inner = Array.isArray(item.submenu) ? find(item.submenu) : undefined
      if (inner) return inner
    }
    return undefined
  }
  return find(calls[calls.length - 1][0] as MenuItemConstructorOptions[])
}

describe('startQuotedeck', () => {
  it('quits at once when another instance holds the lock, creating nothing', () => {
    app.hasLock = false
    expect(startQuotedeck()).toBe(false)
    expect(app.quit).toHaveBeenCalledTimes(1)
    expect(app.whenReady).not.toHaveBeenCalled()
    expect(BrowserWindow.instances).toHaveLength(0)
    expect(ipcHandlers.size).toBe(0)
  })

  it('a second launch focuses the first window, restoring it when minimised', async () => {
    const window = await startAndWaitForWindow()
    window.minimized = true
    app.emit('second-instance', {}, ['quotedeck'], '/home')
    expect(window.restore).toHaveBeenCalledTimes(1)
    expect(window.show).toHaveBeenCalled()
    expect(window.focus).toHaveBeenCalledTimes(1)
    expect(BrowserWindow.instances).toHaveLength(1)
  })

  it('wires IPC, menu and one secure window once ready', async () => {
    const window = await startAndWaitForWindow()
    expect([...ipcHandlers.keys()].sort()).toEqual(Object.values(invokeChannels).sort())
    expect((window.options.webPreferences as Record<string, unknown>).sandbox).toBe(true)
    expect(window.loadFile).toHaveBeenCalledWith(expect.stringMatching(/renderer[\\/]index\.html$/))
    await vi.waitFor(() => expect(Menu.setApplicationMenu).toHaveBeenCalled())
  })

  it('serves the seed from the project resources in development', async () => {
    await startAndWaitForWindow()
    const handler = ipcHandlers.get(invokeChannels.loadBuiltinArticle)!
    const seed = (await handler(pageEvent())) as { ok: boolean }
    expect(seed.ok).toBe(true)
  })

  it('ignores the dev server URL in a packaged app', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173')
    app.isPackaged = true
    const window = await startAndWaitForWindow()
    expect(window.loadURL).not.toHaveBeenCalled()
    expect(window.loadFile).toHaveBeenCalled()
  })

  it('loads the dev server in development', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173')
    const window = await startAndWaitForWindow()
    expect(window.loadURL).toHaveBeenCalledWith('http://localhost:5173')
  })

  it('sends menu commands to the window over the one menu channel', async () => {
    const window = await startAndWaitForWindow()
    await vi.waitFor(() => expect(latestMenuItem('about')).toBeDefined())
    ;(latestMenuItem('about')!.click as () => void)()
    await vi.waitFor(() =>
      expect(window.webContents.send).toHaveBeenCalledWith(menuCommandChannel, { kind: 'about' })
    )
  })

  it('applies a theme from the page to nativeTheme and the menu radio', async () => {
    await startAndWaitForWindow()
    const handler = ipcHandlers.get(invokeChannels.setThemePreference)!
    await handler(pageEvent(), 'dark')
    expect(nativeTheme.themeSource).toBe('dark')
    await vi.waitFor(() => expect(latestMenuItem('theme-dark')?.checked).toBe(true))
  })

  it('quits when the last window closes, except on macOS', async () => {
    await startAndWaitForWindow()
    app.emit('window-all-closed')
    expect(app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1)
  })
})

describe('focusWindow', () => {
  it('does nothing without a live window', () => {
    expect(() => focusWindow(null)).not.toThrow()
    const window = new BrowserWindow({})
    window.destroyed = true
    focusWindow(window as never)
    expect(window.focus).not.toHaveBeenCalled()
  })
})
