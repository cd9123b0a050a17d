/**
 * A small stand-in for the parts of `electron` the main process and preload use. Test files
 * install it with `vi.mock('electron', () => import('./electron-mock'))` and import the same
 * module directly to drive and inspect it. The real `electron` package is never loaded (in Node
 * it tries to download its binary and throws).
 */
import { vi } from 'vitest'

type Listener = (...args: never[]) => unknown

/** Minimal event emitter that records listeners and can fire them. */
export class FakeEmitter {
  listeners = new Map<string, Listener[]>()

  on = vi.fn((event: string, listener: Listener): this => {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  })

  once = vi.fn((event: string, listener: Listener): this => this.on(event, listener))

  removeListener = vi.fn((event: string, listener: Listener): this => {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((candidate) => candidate !== listener)
    )
    return this
  })

  /** Calls every listener of `event` with `args`; returns their return values. */
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((listener) =>
      (listener as (...a: unknown[]) => unknown)(...args)
    )
  }

  listenerCount(event: string): number {
    return (this.listeners.get(event) ?? []).length
  }
}

type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void
) => void
type HeadersDetails = { url: string; responseHeaders?: Record<string, string[]> }
type HeadersCallback = (response: { responseHeaders?: Record<string, string[]> }) => void

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null
  headersReceived: ((details: HeadersDetails, callback: HeadersCallback) => void) | null = null

  setPermissionRequestHandler = vi.fn((handler: PermissionRequestHandler) => {
    this.permissionRequestHandler = handler
  })
  setPermissionCheckHandler = vi.fn((handler: (...args: unknown[]) => boolean) => {
    this.permissionCheckHandler = handler
  })
  setDevicePermissionHandler = vi.fn((handler: (...args: unknown[]) => boolean) => {
    this.devicePermissionHandler = handler
  })
  webRequest = {
    onHeadersReceived: vi.fn(
      (listener: (details: HeadersDetails, callback: HeadersCallback) => void) => {
        this.headersReceived = listener
      }
    )
  }
}

export class FakeWebContents extends FakeEmitter {
  session = new FakeSession()
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler
  })
  send = vi.fn()
}

/** Fake window; every instance is kept in `BrowserWindow.instances`. */
export class BrowserWindow extends FakeEmitter {
  static instances: BrowserWindow[] = []
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((window) => !window.destroyed)
  }

  options: Record<string, unknown>
  webContents = new FakeWebContents()
  destroyed = false
  minimized = false
  loadFile = vi.fn<(path: string) => Promise<undefined>>(async () => undefined)
  loadURL = vi.fn<(url: string) => Promise<undefined>>(async () => undefined)
  show = vi.fn()
  focus = vi.fn()
  restore = vi.fn(() => {
    this.minimized = false
  })
  isMinimized = vi.fn(() => this.minimized)
  isDestroyed = vi.fn(() => this.destroyed)

  constructor(options: Record<string, unknown>) {
    super()
    this.options = options
    BrowserWindow.instances.push(this)
  }
}

class FakeApp extends FakeEmitter {
  isPackaged = false
  hasLock = true
  userDataDir = '/tmp/quotedeck-test-user-data'
  appPath = '/opt/quotedeck'
  requestSingleInstanceLock = vi.fn(() => this.hasLock)
  quit = vi.fn()
  whenReady = vi.fn(() => Promise.resolve())
  getAppPath = vi.fn(() => this.appPath)
  getPath = vi.fn<(name: string) => string>(() => this.userDataDir)
  getVersion = vi.fn(() => '9.9.9')
}

export const app = new FakeApp()

/** Handlers registered with `ipcMain.handle`, by channel. */
export const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>()

export const ipcMain = {
  handle: vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
    if (ipcHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`)
    ipcHandlers.set(channel, handler)
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcHandlers.delete(channel)
  })
}

export const shell = {
  openExternal: vi.fn<(url: string) => Promise<undefined>>(async () => undefined)
}
export const nativeTheme = { themeSource: 'system' as string, shouldUseDarkColors: false }
export const dialog = {
  showOpenDialog: vi.fn<
    (...args: unknown[]) => Promise<{ canceled: boolean; filePaths: string[] }>
  >(async () => ({ canceled: true, filePaths: [] }))
}
export const clipboard = { readText: vi.fn(async () => '') }
export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn()
}
export const contextBridge = { exposeInMainWorld: vi.fn() }

class FakeIpcRenderer extends FakeEmitter {
  invoke = vi.fn<(...args: unknown[]) => Promise<unknown>>(async () => undefined)
}
export const ipcRenderer = new FakeIpcRenderer()

/** Puts every fake back to its initial state (listeners, handlers, instances, call history). */
export function resetElectronMock(): void {
  vi.clearAllMocks()
  BrowserWindow.instances = []
  ipcHandlers.clear()
  app.listeners.clear()
  app.isPackaged = false
  app.hasLock = true
  ipcRenderer.listeners.clear()
  nativeTheme.themeSource = 'system'
  nativeTheme.shouldUseDarkColors = false
}

export default {
  app,
  BrowserWindow,
  ipcMain,
  shell,
  nativeTheme,
  dialog,
  clipboard,
  Menu,
  contextBridge,
  ipcRenderer
}
