import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { AppApi, MenuCommand, ThemePreference } from '../../../src/shared/api'
import { invokeMethods, type InvokeMethod } from '../../../src/shared/ipc-channels'
import { createMenuActionRunner } from '../../../src/main/menu-actions'
import type { MenuAction } from '../../../src/main/menu-template'
import { createAppServices, type AppServices } from '../../../src/main/services/app-services'
import { startStaticServer, type StaticServer } from './static-server'

declare global {
  // What the preload's index.d.ts declares for the page; repeated because the node project
  // compiles the preload's index.ts, which hides its sibling .d.ts.
  interface Window {
    api: AppApi
  }
}

/** Project root (two levels above tests/e2e/support). */
export const PROJECT_ROOT = resolve(__dirname, '../../..')
/** The built renderer the e2e tests load (`npx electron-vite build`). */
export const RENDERER_DIR = join(PROJECT_ROOT, 'out/renderer')
/** The real shipped resources (seed article). */
export const RESOURCES_DIR = join(PROJECT_ROOT, 'resources')
/** Where e2e screenshots go (git-ignored). */
export const ARTIFACTS_DIR = join(PROJECT_ROOT, 'tests/e2e/artifacts')
/**
 * Where the screenshots the README shows are written. Ordinary runs put them under ARTIFACTS_DIR,
 * so an e2e run does not leave the committed PNGs modified when nothing changed visually; refresh
 * the committed ones on purpose with `UPDATE_SCREENSHOTS=1 npm run test:e2e`
 * (they land in tests/e2e/screenshots).
 */
export const SCREENSHOTS_DIR =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? join(PROJECT_ROOT, 'tests/e2e/screenshots')
    : ARTIFACTS_DIR
/** Debian's Chromium; override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** The version string `window.api.getVersion()` reports in e2e runs. */
export const E2E_VERSION = '0.0.0-e2e'

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run'
]

/** Options for a new page (each gets its own browser context: empty IndexedDB, own services). */
export interface NewPageOptions {
  /** Route to open, e.g. `#/settings`; default the start page. */
  hash?: string
  /** The OS colour scheme the page sees when the theme preference is `system`. Default light. */
  colorScheme?: 'light' | 'dark'
  viewport?: { width: number; height: number }
  /** What the fake clipboard holds (`window.api.readClipboardText()`). Default empty. */
  clipboardText?: string
  /**
   * Reuse the user-data directory of an earlier page (recent-files list), as a restarted app
   * would. Default: a fresh directory under `tempDir`.
   */
  userDataDir?: string
}

/** A file for `dropFiles`: text is encoded as UTF-8, bytes are sent as they are. */
export interface DroppedFileSpec {
  name: string
  content: string | Uint8Array
  /** MIME type of the File; default empty, as browsers report for unknown types. */
  type?: string
}

/** A running e2e app: static server + Chromium + real main-process services per page. */
export interface E2EApp {
  /** URL of the served renderer (`out/renderer`), trailing slash. */
  url: string
  /** Scratch directory for this app; removed by `close()`. Put test files here. */
  tempDir: string
  /** Opens the app in a fresh browser context and waits for the page to load. */
  newPage(options?: NewPageOptions): Promise<Page>
  /** Queues paths the fake Open dialog returns, one per call; an empty queue means "cancelled". */
  setNextDialogPaths(page: Page, paths: string[]): Promise<void>
  /**
   * Delivers a menu command to the page exactly as the main process does
   * (`onMenuCommand` listeners). Waits until the page has subscribed.
   */
  sendMenuCommand(page: Page, command: MenuCommand): Promise<void>
  /**
   * Performs a menu item's action with the app's real menu-action code (e.g. `open-article`
   * shows the fake dialog, loads the file and sends `open-article` or `open-error`).
   */
  runMenuAction(page: Page, action: MenuAction): Promise<void>
  /**
   * Drops files on an element (CSS selector; default the page body) the way a user does: real
   * `File`s in a `DataTransfer`, with dragenter, dragover and drop events.
   */
  dropFiles(page: Page, files: DroppedFileSpec[], selector?: string): Promise<void>
  /** Replaces what the fake clipboard holds for this page. */
  setClipboardText(page: Page, text: string): void
  /** The real services behind this page's `window.api`. */
  servicesOf(page: Page): AppServices
  /** This page's user-data directory (holds the recent-files store). */
  userDataDirOf(page: Page): string
  /** Console errors and page errors seen so far (favicon 404 and the CSP-meta note excluded). */
  consoleErrorsOf(page: Page): string[]
  /** URLs the page asked to open in the system browser (after the allowlist). */
  openedExternalUrlsOf(page: Page): string[]
  /** Theme preferences the page applied, in order. */
  themeCallsOf(page: Page): ThemePreference[]
  close(): Promise<void>
}

interface PageState {
  context: BrowserContext
  services: AppServices
  userDataDir: string
  dialogPaths: string[]
  clipboardText: string
  consoleErrors: string[]
  externalUrls: string[]
  themeCalls: ThemePreference[]
}

/** Name of the page binding for a method (`window.__qd_getVersion` …). */
function bindingName(method: InvokeMethod): string {
  return `__qd_${method}`
}

/**
 * Runs in the page before any app script: defines `window.api` over the Playwright bindings, as
 * the preload does over IPC. Bytes cross the bridge as base64 (bindings carry JSON only).
 */
function installBridge(methods: string[]): void {
  type Listener = (command: unknown) => void
  const listeners = new Set<Listener>()
  const win = window as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
  const call = (method: string, args: unknown[]): Promise<unknown> => win[`__qd_${method}`](...args)

  function toBase64(bytes: Uint8Array): string {
    let binary = ''
    const chunk = 0x8000
    for (let i = 0; i < bytes.length; i += chunk) {
      binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
    }
    return btoa(binary)
  }

  const api: Record<string, unknown> = {}
  for (const method of methods) {
    api[method] = (...args: unknown[]): Promise<unknown> => call(method, args)
  }
  /**
   * Parses a JSON result in a worker and hands it over by structured clone, as Electron's IPC
   * delivers a result: a long article then costs the page's thread no more than it would in the
   * app (a binding's result is parsed in the page's thread, seconds for a 20 MB article).
   */
  function parseOffThread(bytes: ArrayBuffer): Promise<unknown> {
    // Int32Arrays (a packed article's paragraphs) travel as base64 in the JSON (`jsonWithTypedArrays`).
    const source = `
      const revive = (key, value) => {
        if (value === null || typeof value !== 'object' || typeof value.__qdInt32Array !== 'string') return value
        const binary = atob(value.__qdInt32Array)
        const bytes = new Uint8Array(binary.length)
        for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i)
        return new Int32Array(bytes.buffer)
      }
      onmessage = (event) => postMessage(JSON.parse(new TextDecoder().decode(event.data), revive))`
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))
    const worker = new Worker(url)
    return new Promise((resolve, reject) => {
      worker.onmessage = (event) => {
        worker.terminate()
        URL.revokeObjectURL(url)
        resolve(event.data)
      }
      worker.onerror = (event) => {
        worker.terminate()
        reject(new Error(`the e2e bridge could not parse a result: ${event.message}`))
      }
      worker.postMessage(bytes, [bytes])
    })
  }

  /**
   * Posts bytes to the harness from a worker. The page's thread pays one copy of the bytes (the
   * structured clone into the worker), as Electron's IPC serialises them; a `fetch` from the page
   * itself would also copy them into the request body on the page's thread, far slower.
   */
  function uploadOffThread(id: string, bytes: Uint8Array): Promise<void> {
    const source =
      'onmessage = async (event) => { const r = await fetch(event.data.url, { method: "POST", body: event.data.bytes }); postMessage(r.ok) }'
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))
    const worker = new Worker(url)
    return new Promise((resolve, reject) => {
      worker.onmessage = (event) => {
        worker.terminate()
        URL.revokeObjectURL(url)
        if (event.data === true) resolve()
        else reject(new Error('the e2e bridge could not upload the bytes'))
      }
      worker.onerror = (event) => {
        worker.terminate()
        reject(new Error(`the e2e bridge could not upload the bytes: ${event.message}`))
      }
      worker.postMessage({ url: new URL(`/__qd_wire/up/${id}`, location.href).href, bytes })
    })
  }

  /** A result the harness left on the wire (`{ __qdWireResult: id }`), fetched and parsed. */
  async function downloadResult(reply: unknown): Promise<unknown> {
    const id = (reply as { __qdWireResult?: unknown } | null)?.__qdWireResult
    if (typeof id !== 'string') return reply
    const response = await fetch(`/__qd_wire/down/${id}`)
    return parseOffThread(await response.arrayBuffer())
  }

  // A dropped file's bytes are posted to the harness (off the page's thread, like Electron's IPC
  // copies them), and its article comes back the same way.
  api.importDroppedFile = async (...args: unknown[]): Promise<unknown> => {
    const file = args[0] as { bytes?: unknown } | null
    if (file !== null && typeof file === 'object' && file.bytes instanceof Uint8Array) {
      const id = `${Date.now()}-${Math.random().toString(36).slice(2)}`
      await uploadOffThread(id, file.bytes)
      const wire = { ...file, bytes: undefined, bytesUploadId: id }
      return downloadResult(await call('importDroppedFile', [wire, ...args.slice(1)]))
    }
    return call('importDroppedFile', args)
  }
  // A long article's text arrives in parts of a megabyte: through a binding, each part would be
  // parsed from the DevTools protocol on the page's thread (60–110 ms a part), where Electron's
  // IPC deserialises one in a few milliseconds. So parts come the way a dropped file's article does.
  api.readArticleTextPart = async (...args: unknown[]): Promise<unknown> =>
    downloadResult(await call('readArticleTextPart', args))
  // Backups carry bytes both ways (saveBackup's payload, readBackup's verified payload).
  api.saveBackup = (...args: unknown[]): Promise<unknown> => {
    const request = args[0] as { payload?: unknown } | null
    if (request !== null && typeof request === 'object' && request.payload instanceof Uint8Array) {
      const wire = { ...request, payload: undefined, payloadBase64: toBase64(request.payload) }
      return call('saveBackup', [wire])
    }
    return call('saveBackup', args)
  }
  api.readBackup = async (...args: unknown[]): Promise<unknown> => {
    const result = (await call('readBackup', args)) as {
      ok: boolean
      value?: { payloadBase64?: string; payload?: unknown }
    }
    if (result.ok && result.value && typeof result.value.payloadBase64 === 'string') {
      const binary = atob(result.value.payloadBase64)
      const bytes = new Uint8Array(binary.length)
      for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i)
      const { payloadBase64: _wire, ...rest } = result.value
      void _wire
      return { ...result, value: { ...rest, payload: bytes } }
    }
    return result
  }
  api.onMenuCommand = (listener: Listener): (() => void) => {
    // Like the preload: a fresh wrapper per subscription, so unsubscribing removes only this one.
    const wrapped: Listener = (command) => listener(command)
    listeners.add(wrapped)
    return () => {
      listeners.delete(wrapped)
    }
  }
  Object.defineProperty(window, '__qdMenuListenerCount', { value: () => listeners.size })
  Object.defineProperty(window, '__qdDispatchMenuCommand', {
    value: (command: unknown) => {
      for (const listener of [...listeners]) listener(command)
    }
  })
  Object.defineProperty(window, 'api', {
    value: Object.freeze(api),
    writable: false,
    configurable: false,
    enumerable: true
  })
}

/** Bytes a page posted and results waiting for it, by id (see `installBridge`). */
interface WireStore {
  uploads: Map<string, Buffer>
  downloads: Map<string, string>
  /** Numbers the results: two drops answered in the same millisecond must not share an id. */
  nextResultId: number
}

/** Answers the byte bridge's uploads (POST) and result downloads (GET) under `/__qd_wire/`. */
function serveWire(wire: WireStore, request: IncomingMessage, response: ServerResponse): boolean {
  const [, prefix, direction, id] = (request.url ?? '').split('/')
  if (prefix !== '__qd_wire' || id === undefined) return false
  if (direction === 'up' && request.method === 'POST') {
    const parts: Buffer[] = []
    request.on('data', (part: Buffer) => parts.push(part))
    request.on('end', () => {
      wire.uploads.set(id, Buffer.concat(parts))
      response.writeHead(204).end()
    })
    return true
  }
  const body = wire.downloads.get(id)
  wire.downloads.delete(id)
  if (body === undefined) response.writeHead(404).end()
  else response.writeHead(200, { 'content-type': 'application/json' }).end(body)
  return true
}

/**
 * JSON of a result, with each Int32Array (a packed article's paragraphs, which JSON would turn into
 * an object of numbered keys) as base64 that the page's parsing worker turns back into one.
 */
function jsonWithTypedArrays(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item instanceof Int32Array
      ? {
          __qdInt32Array: Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString(
            'base64'
          )
        }
      : item
  )
}

/** Leaves a result for the page to fetch (`downloadResult` in `installBridge`). */
function onTheWire(wire: WireStore, result: unknown): { __qdWireResult: string } {
  const id = `r${wire.nextResultId++}`
  wire.downloads.set(id, jsonWithTypedArrays(result))
  return { __qdWireResult: id }
}

/** The Node side of the byte bridge (see `installBridge`). */
async function callWithBytes(
  method: InvokeMethod,
  service: (...args: unknown[]) => Promise<unknown>,
  args: unknown[],
  wire: WireStore
): Promise<unknown> {
  if (method === 'importDroppedFile') {
    const file = args[0] as { bytesUploadId?: unknown } | null
    if (file !== null && typeof file === 'object' && typeof file.bytesUploadId === 'string') {
      const { bytesUploadId, ...rest } = file as Record<string, unknown>
      const uploaded = wire.uploads.get(bytesUploadId as string) ?? Buffer.alloc(0)
      wire.uploads.delete(bytesUploadId as string)
      return onTheWire(
        wire,
        await service({ ...rest, bytes: new Uint8Array(uploaded) }, ...args.slice(1))
      )
    }
  }
  if (method === 'readArticleTextPart') return onTheWire(wire, await service(...args))
  if (method === 'saveBackup') {
    const request = args[0] as { payloadBase64?: unknown } | null
    if (
      request !== null &&
      typeof request === 'object' &&
      typeof request.payloadBase64 === 'string'
    ) {
      const { payloadBase64, ...rest } = request as Record<string, unknown>
      const payload = new Uint8Array(Buffer.from(payloadBase64 as string, 'base64'))
      return service({ ...rest, payload })
    }
  }
  const result = await service(...args)
  if (method === 'readBackup') {
    const read = result as { ok: boolean; value?: { payload: Uint8Array } }
    if (read.ok && read.value) {
      const { payload, ...rest } = read.value
      return { ...read, value: { ...rest, payloadBase64: Buffer.from(payload).toString('base64') } }
    }
  }
  return result
}

/**
 * Console errors that say nothing about the app's behaviour: the favicon the static server does not
 * have, and Chromium's note that `frame-ancestors` has no effect in a CSP `<meta>` (the directive is
 * harmless there; it only works as an HTTP header).
 */
function isIgnoredConsoleError(text: string, url: string | undefined): boolean {
  if ((url ?? '').endsWith('/favicon.ico') || /favicon\.ico/.test(text)) return true
  return /directive 'frame-ancestors' is ignored when delivered via a <meta> element/.test(text)
}

/** The `./assets/…` files an index.html refers to. */
function referencedAssets(indexHtml: string): string[] {
  return [...indexHtml.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((match) => match[1])
}

/**
 * Copies the built renderer into `targetDir` and serves the copy, so that another engineer's
 * `electron-vite build` (which empties `out/renderer`) cannot pull files from under a running
 * test. Retries while the copy is incomplete (a build was half-way through).
 */
async function snapshotRenderer(targetDir: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await rm(targetDir, { recursive: true, force: true })
    try {
      await cp(RENDERER_DIR, targetDir, { recursive: true })
      const indexHtml = await readFile(join(targetDir, 'index.html'), 'utf8')
      if (referencedAssets(indexHtml).every((asset) => existsSync(join(targetDir, asset)))) {
        return targetDir
      }
    } catch {
      // A build replaced files while we copied; try again.
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 500))
  }
  throw new Error(`Could not take a complete copy of ${RENDERER_DIR}; is a build running?`)
}

/**
 * Starts the e2e app: serves `out/renderer` on 127.0.0.1 and launches headless Debian Chromium.
 * Throws at once (not after a timeout) when the renderer has not been built.
 */
export async function launchApp(): Promise<E2EApp> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(
      `The renderer is not built (${join(RENDERER_DIR, 'index.html')} is missing). ` +
        'Run `npx electron-vite build` (or `npm run build`) before the e2e tests.'
    )
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it with \`apt-get install -y chromium\` ` +
        'or set CHROMIUM_PATH.'
    )
  }

  const tempDir = await mkdtemp(join(tmpdir(), 'quotedeck-e2e-'))
  // Ids are random, so pages sharing the store never see each other's bytes.
  const sharedWire: WireStore = { uploads: new Map(), downloads: new Map(), nextResultId: 0 }
  let server: StaticServer | undefined
  let browser: Browser | undefined
  try {
    // Real HTTP on the page's own origin (Playwright's request interception would hold the
    // page's thread for seconds while it copies a 20 MB body).
    server = await startStaticServer(
      await snapshotRenderer(join(tempDir, 'renderer')),
      (request, response) => serveWire(sharedWire, request, response)
    )
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS
    })
  } catch (error) {
    await server?.close()
    await rm(tempDir, { recursive: true, force: true })
    throw error
  }
  const runningServer = server
  const runningBrowser = browser
  const pages = new Map<Page, PageState>()
  let pageCounter = 0

  function stateOf(page: Page): PageState {
    const state = pages.get(page)
    if (!state) throw new Error('This page was not opened with E2EApp.newPage().')
    return state
  }

  async function newPage(options: NewPageOptions = {}): Promise<Page> {
    pageCounter += 1
    const userDataDir = options.userDataDir ?? join(tempDir, `user-data-${pageCounter}`)
    await mkdir(userDataDir, { recursive: true })
    const systemScheme = options.colorScheme ?? 'light'
    const context = await runningBrowser.newContext({
      colorScheme: systemScheme,
      viewport: options.viewport ?? { width: 1280, height: 800 }
    })
    // The page object exists only after newPage(); services reach it through this holder.
    const pageHolder: { page?: Page } = {}
    const state: PageState = {
      context,
      userDataDir,
      dialogPaths: [],
      clipboardText: options.clipboardText ?? '',
      consoleErrors: [],
      externalUrls: [],
      themeCalls: [],
      services: createAppServices({
        resourcesDir: RESOURCES_DIR,
        userDataDir,
        version: E2E_VERSION,
        showOpenDialog: async () => state.dialogPaths.shift() ?? null,
        collection: {
          // A bulk import takes every queued path at once (several files, or one folder).
          showImportDialog: async () => {
            const paths = state.dialogPaths.splice(0)
            return paths.length > 0 ? paths : null
          },
          showSaveDialog: async (suggestedName) => join(userDataDir, suggestedName),
          openPath: async () => undefined
        },
        // The real optimiser (worker thread); progress reaches the page as the app pushes it.
        optimiser: {
          onProgress: (progress) => {
            const page = pageHolder.page
            if (page === undefined) return
            void sendMenuCommand(page, { kind: 'optimise-progress', progress }).catch(
              () => undefined
            )
          }
        },
        // Big files are cleaned in the real loader's worker thread; its progress is pushed too.
        articleLoading: {
          onProgress: (progress) => {
            const page = pageHolder.page
            if (page === undefined) return
            void sendMenuCommand(page, { kind: 'load-progress', progress }).catch(() => undefined)
          }
        },
        readClipboardText: () => state.clipboardText,
        openExternal: async (url) => {
          state.externalUrls.push(url)
        },
        // Like nativeTheme.themeSource: the page's prefers-color-scheme follows the preference.
        setTheme: async (theme) => {
          state.themeCalls.push(theme)
          await pageHolder.page?.emulateMedia({
            colorScheme: theme === 'system' ? systemScheme : theme
          })
        }
      })
    }

    for (const method of invokeMethods) {
      const service = state.services[method] as (...args: unknown[]) => Promise<unknown>
      await context.exposeFunction(bindingName(method), (...args: unknown[]) =>
        callWithBytes(method, service, args, sharedWire)
      )
    }
    await context.addInitScript(installBridge, [...invokeMethods])

    const page = await context.newPage()
    pageHolder.page = page
    pages.set(page, state)
    page.on('console', (message) => {
      if (message.type() !== 'error') return
      if (isIgnoredConsoleError(message.text(), message.location().url)) return
      state.consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => {
      state.consoleErrors.push(`pageerror: ${error.message}`)
    })
    await page.goto(runningServer.url + (options.hash ?? ''))
    return page
  }

  async function sendMenuCommand(page: Page, command: MenuCommand): Promise<void> {
    stateOf(page)
    try {
      await page.waitForFunction(
        () =>
          ((
            window as unknown as { __qdMenuListenerCount?: () => number }
          ).__qdMenuListenerCount?.() ?? 0) > 0,
        undefined,
        { timeout: 10_000 }
      )
    } catch {
      throw new Error(
        `sendMenuCommand(${command.kind}): the page never subscribed with window.api.onMenuCommand.`
      )
    }
    await page.evaluate((sent) => {
      ;(
        window as unknown as { __qdDispatchMenuCommand: (c: unknown) => void }
      ).__qdDispatchMenuCommand(sent)
    }, command)
  }

  return {
    url: runningServer.url,
    tempDir,
    newPage,
    sendMenuCommand,
    async setNextDialogPaths(page: Page, paths: string[]): Promise<void> {
      stateOf(page).dialogPaths = [...paths]
    },
    async runMenuAction(page: Page, action: MenuAction): Promise<void> {
      const state = stateOf(page)
      const pending: Promise<void>[] = []
      const run = createMenuActionRunner({
        services: state.services,
        send: (command) => {
          pending.push(sendMenuCommand(page, command))
        },
        quit: () => undefined
      })
      await run(action)
      await Promise.all(pending)
    },
    async dropFiles(page: Page, files: DroppedFileSpec[], selector?: string): Promise<void> {
      stateOf(page)
      const wireFiles = files.map((file) => ({
        name: file.name,
        type: file.type ?? '',
        base64: Buffer.from(
          typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content
        ).toString('base64')
      }))
      await page.evaluate(
        ({ sent, targetSelector }) => {
          const target =
            targetSelector === null ? document.body : document.querySelector(targetSelector)
          if (target === null) throw new Error(`dropFiles: nothing matches ${targetSelector}`)
          const transfer = new DataTransfer()
          for (const file of sent) {
            const binary = atob(file.base64)
            const bytes = new Uint8Array(binary.length)
            for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i)
            transfer.items.add(new File([bytes], file.name, { type: file.type }))
          }
          for (const type of ['dragenter', 'dragover', 'drop']) {
            target.dispatchEvent(
              new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer })
            )
          }
        },
        { sent: wireFiles, targetSelector: selector ?? null }
      )
    },
    setClipboardText(page: Page, text: string): void {
      stateOf(page).clipboardText = text
    },
    servicesOf: (page) => stateOf(page).services,
    userDataDirOf: (page) => stateOf(page).userDataDir,
    consoleErrorsOf: (page) => [...stateOf(page).consoleErrors],
    openedExternalUrlsOf: (page) => [...stateOf(page).externalUrls],
    themeCallsOf: (page) => [...stateOf(page).themeCalls],
    async close(): Promise<void> {
      for (const state of pages.values()) {
        await state.context.close().catch(() => undefined)
      }
      pages.clear()
      await runningBrowser.close().catch(() => undefined)
      await runningServer.close()
      await rm(tempDir, { recursive: true, force: true })
    }
  }
}
