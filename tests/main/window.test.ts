import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('./electron-mock'))

import { BrowserWindow, nativeTheme, resetElectronMock, shell } from './electron-mock'
import { appPageLocation } from '../../src/main/app-location'
import {
  DEV_CONTENT_SECURITY_POLICY,
  createMainWindow,
  secureWebPreferences
} from '../../src/main/window'

const RENDERER_INDEX = '/opt/quotedeck/out/renderer/index.html'
const PAGE_URL = 'file:///opt/quotedeck/out/renderer/index.html'
const DEV_URL = 'http://localhost:5173'

function openWindow(devServerUrl?: string): BrowserWindow {
  createMainWindow({
    preloadPath: '/opt/quotedeck/out/preload/index.js',
    rendererIndexPath: RENDERER_INDEX,
    location: appPageLocation(RENDERER_INDEX, devServerUrl)
  })
  expect(BrowserWindow.instances).toHaveLength(1)
  return BrowserWindow.instances[0]
}

function navigate(window: BrowserWindow, event: string, url: string): boolean {
  const preventDefault = vi.fn()
  window.webContents.emit(event, { preventDefault, url }, url)
  return preventDefault.mock.calls.length > 0
}

beforeEach(() => {
  resetElectronMock()
})

describe('createMainWindow', () => {
  it('creates the window with every security flag on and the preload set', () => {
    const window = openWindow()
    const prefs = window.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      preload: '/opt/quotedeck/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false
    })
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    expect(secureWebPreferences('/opt/quotedeck/out/preload/index.js')).toEqual(prefs)
  })

  it('loads the packaged page from file, or the dev server in development', () => {
    const packaged = openWindow()
    expect(packaged.loadFile).toHaveBeenCalledWith(RENDERER_INDEX)
    expect(packaged.loadURL).not.toHaveBeenCalled()
    resetElectronMock()
    const dev = openWindow(DEV_URL)
    expect(dev.loadURL).toHaveBeenCalledWith(DEV_URL)
    expect(dev.loadFile).not.toHaveBeenCalled()
  })

  it('stays hidden until ready-to-show, and matches the OS background', () => {
    nativeTheme.shouldUseDarkColors = true
    const window = openWindow()
    expect(window.options.show).toBe(false)
    expect(window.options.backgroundColor).toBe('#161618')
    expect(window.show).not.toHaveBeenCalled()
    window.emit('ready-to-show')
    expect(window.show).toHaveBeenCalledTimes(1)
  })

  it('denies every new window and sends allowlisted links to the system browser', () => {
    const window = openWindow()
    const handler = window.webContents.windowOpenHandler
    expect(handler).not.toBeNull()
    expect(handler!({ url: 'https://example.org/story' })).toEqual({ action: 'deny' })
    expect(handler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(handler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(handler!({ url: PAGE_URL })).toEqual({ action: 'deny' })
    expect(shell.openExternal).toHaveBeenCalledTimes(1)
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.org/story')
  })

  it('blocks navigation away from the app page, and redirects too', () => {
    const window = openWindow()
    expect(navigate(window, 'will-navigate', `${PAGE_URL}#/article/1`)).toBe(false)
    expect(navigate(window, 'will-navigate', 'https://evil.example/')).toBe(true)
    expect(navigate(window, 'will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(navigate(window, 'will-navigate', `${PAGE_URL}.evil/index.html`)).toBe(true)
    expect(navigate(window, 'will-navigate', DEV_URL)).toBe(true)
    expect(navigate(window, 'will-redirect', 'https://evil.example/')).toBe(true)
    // A blocked http(s) link opens outside instead; file URLs and redirects do not.
    expect(shell.openExternal.mock.calls.map((call) => call[0])).toEqual([
      'https://evil.example/',
      DEV_URL
    ])
  })

  it('allows the dev server page in development only', () => {
    const window = openWindow(DEV_URL)
    expect(navigate(window, 'will-navigate', `${DEV_URL}/#/settings`)).toBe(false)
    expect(navigate(window, 'will-navigate', 'http://localhost:5174/')).toBe(true)
    expect(navigate(window, 'will-navigate', 'http://localhost:5173.evil.com/')).toBe(true)
  })

  it('refuses to attach webviews', () => {
    const window = openWindow()
    expect(navigate(window, 'will-attach-webview', 'about:blank')).toBe(true)
  })

  it('denies every permission request and check', () => {
    const window = openWindow()
    const session = window.webContents.session
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal'
    ]) {
      const callback = vi.fn()
      session.permissionRequestHandler!(window.webContents, permission, callback)
      expect(callback).toHaveBeenCalledWith(false)
      expect(session.permissionCheckHandler!(window.webContents, permission, PAGE_URL, {})).toBe(
        false
      )
    }
    expect(session.devicePermissionHandler!({ deviceType: 'usb' })).toBe(false)
  })

  it('adds the CSP header to dev-server responses only', () => {
    const window = openWindow(DEV_URL)
    const listener = window.webContents.session.headersReceived!
    const devCallback = vi.fn()
    listener({ url: `${DEV_URL}/src/main.ts`, responseHeaders: { 'X-Other': ['1'] } }, devCallback)
    expect(devCallback).toHaveBeenCalledWith({
      responseHeaders: {
        'X-Other': ['1'],
        'Content-Security-Policy': [DEV_CONTENT_SECURITY_POLICY]
      }
    })
    const otherCallback = vi.fn()
    listener({ url: 'https://example.org/', responseHeaders: {} }, otherCallback)
    expect(otherCallback).toHaveBeenCalledWith({})
  })

  it('uses a CSP without inline or eval script sources', () => {
    expect(DEV_CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(DEV_CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    const scriptSrc = DEV_CONTENT_SECURITY_POLICY.split('; ').find((d) =>
      d.startsWith('script-src')
    )
    expect(scriptSrc).toBe("script-src 'self'")
    expect(DEV_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/)
  })

  it('ships a production page whose CSP meta forbids inline and eval scripts', () => {
    const html = readFileSync(resolve(__dirname, '../../src/renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)
    expect(meta).not.toBeNull()
    const policy = meta![1]
    expect(policy).toContain("script-src 'self'")
    expect(policy).toContain("object-src 'none'")
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/)
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
  })
})
