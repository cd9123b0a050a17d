import {
  BrowserWindow,
  type BrowserWindowConstructorOptions,
  nativeTheme,
  shell,
  type Session,
  type WebContents,
  type WebPreferences
} from 'electron'
import { isAppPageUrl, type AppPageLocation } from './app-location'
import { isAllowedExternalUrl } from './services/app-services'

/** What the main window needs to know. */
export interface MainWindowConfig {
  preloadPath: string
  /** Where the page lives: the packaged index.html and, in development, the dev server. */
  location: AppPageLocation
  /** Absolute path of the packaged index.html (loaded when there is no dev server). */
  rendererIndexPath: string
  /** Opens an allowlisted http(s) link in the system browser; defaults to `shell.openExternal`. */
  openExternal?: (url: string) => Promise<void>
}

/**
 * The Content-Security-Policy sent as a header for pages from the dev server. The packaged page
 * carries the strict policy in a `<meta>` tag; a header is the only way `frame-ancestors` applies.
 * Scripts stay `'self'` only. Styles allow inline here because Vite's dev server injects component
 * CSS as `<style>` elements, and `connect-src` allows its hot-reload socket; the build extracts CSS
 * to files, so the packaged policy needs neither.
 */
export const DEV_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

const LIGHT_BACKGROUND = '#f7f7f5'
const DARK_BACKGROUND = '#161618'

/** The web preferences of every app window: isolated, sandboxed, no Node, web security on. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true
  }
}

/**
 * Denies every permission request and check (camera, notifications, geolocation, clipboard
 * read …) and, for dev-server pages, adds the CSP header.
 */
export function hardenSession(session: Session, location: AppPageLocation): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
  const devOrigin = location.devServerUrl ? new URL(location.devServerUrl).origin : null
  session.webRequest.onHeadersReceived((details, callback) => {
    let origin: string | null = null
    try {
      origin = new URL(details.url).origin
    } catch {
      origin = null
    }
    if (devOrigin === null || origin !== devOrigin) {
      callback({})
      return
    }
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [DEV_CONTENT_SECURITY_POLICY]
      }
    })
  })
}

/**
 * Keeps the window on the app's page: new windows are denied, navigation away is cancelled, and
 * http(s) links that pass the allowlist go to the system browser instead.
 */
export function guardNavigation(
  webContents: WebContents,
  location: AppPageLocation,
  openExternal: (url: string) => Promise<void>
): void {
  const sendOut = (url: string): void => {
    if (isAllowedExternalUrl(url)) {
      openExternal(url).catch((error: unknown) => {
        console.error('[quotedeck] could not open the link in the browser:', error)
      })
    }
  }
  webContents.setWindowOpenHandler(({ url }) => {
    sendOut(url)
    return { action: 'deny' }
  })
  // A link the user follows goes to the browser; a redirect nobody chose is only blocked.
  webContents.on('will-navigate', (event, url) => {
    if (isAppPageUrl(url, location)) return
    event.preventDefault()
    sendOut(url)
  })
  webContents.on('will-redirect', (event, url) => {
    if (!isAppPageUrl(url, location)) event.preventDefault()
  })
  webContents.on('will-attach-webview', (event) => event.preventDefault())
}

/** Creates the one app window with every hardening applied, and loads the page. */
export function createMainWindow(config: MainWindowConfig): BrowserWindow {
  // Electronegativity cannot see into secureWebPreferences (contextIsolation, sandbox and
  // nodeIntegration off are set there and asserted in tests/main/window.test.ts); middle-click
  // (auxclick) can only open a new window, which guardNavigation's setWindowOpenHandler denies.
  const options: BrowserWindowConstructorOptions = {
    width: 1200,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Quotedeck',
    backgroundColor: nativeTheme.shouldUseDarkColors ? DARK_BACKGROUND : LIGHT_BACKGROUND,
    webPreferences: secureWebPreferences(config.preloadPath)
  }
  const window = new BrowserWindow(options) // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  // Only reached through guardNavigation's sendOut, which passes http(s) URLs on the allowlist.
  const openExternal =
    config.openExternal ??
    ((url: string) => shell.openExternal(url)) /* eng-disable OPEN_EXTERNAL_JS_CHECK */
  hardenSession(window.webContents.session, config.location)
  guardNavigation(window.webContents, config.location, openExternal)
  window.once('ready-to-show', () => window.show())

  const load =
    config.location.devServerUrl !== undefined
      ? window.loadURL(config.location.devServerUrl)
      : window.loadFile(config.rendererIndexPath)
  load.catch((error: unknown) => {
    console.error('[quotedeck] the page failed to load:', error)
  })
  return window
}
