import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('./electron-mock'))

import { ipcHandlers, ipcMain, resetElectronMock } from './electron-mock'
import { appPageLocation } from '../../src/main/app-location'
import { registerIpcHandlers } from '../../src/main/ipc'
import { createAppServices, type AppServices } from '../../src/main/services/app-services'
import { invokeChannels, invokeMethods } from '../../src/shared/ipc-channels'
import type { Result } from '../../src/shared/result'
import type { PackedArticle } from '../../src/shared/article-transport'

const RENDERER_INDEX = '/opt/quotedeck/out/renderer/index.html'
const PAGE_URL = 'file:///opt/quotedeck/out/renderer/index.html'
const DEV_URL = 'http://localhost:5173/'
const RESOURCES_DIR = resolve(__dirname, '../../resources')

let tempDir: string
let dialogPaths: string[]
let services: AppServices
let unregister: () => void

interface FakeFrame {
  url: string
  parent: FakeFrame | null
}

/** An invoke event from a frame with the given URL (top-level unless a parent is given). */
function eventFrom(
  url: string,
  parent: FakeFrame | null = null
): { senderFrame: FakeFrame | null } {
  return { senderFrame: { url, parent } }
}

async function call(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
  const handler = ipcHandlers.get(channel)
  if (!handler) throw new Error(`no handler for ${channel}`)
  return handler(event, ...args)
}

function codeOf(result: unknown): string | null {
  const typed = result as Result<unknown>
  return typed.ok ? null : typed.error.code
}

beforeEach(async () => {
  resetElectronMock()
  tempDir = await mkdtemp(join(tmpdir(), 'qd-ipc-'))
  dialogPaths = []
  services = createAppServices({
    resourcesDir: RESOURCES_DIR,
    userDataDir: join(tempDir, 'user-data'),
    version: '4.5.6',
    nowMs: () => 1_700_000_000_000,
    showOpenDialog: async () => dialogPaths.shift() ?? null,
    readClipboardText: () => 'from the clipboard',
    openExternal: async () => undefined,
    setTheme: () => undefined
  })
  unregister = registerIpcHandlers(services, appPageLocation(RENDERER_INDEX, undefined))
})

afterEach(async () => {
  unregister()
  await rm(tempDir, { recursive: true, force: true })
})

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per AppApi invoke method, and removes them again', () => {
    expect(ipcMain.handle).toHaveBeenCalledTimes(invokeMethods.length)
    expect([...ipcHandlers.keys()].sort()).toEqual(Object.values(invokeChannels).sort())
    expect(invokeMethods).not.toContain('onMenuCommand')
    unregister()
    expect(ipcHandlers.size).toBe(0)
    unregister = registerIpcHandlers(services, appPageLocation(RENDERER_INDEX, undefined))
  })

  describe('sender validation', () => {
    const foreignSenders: [string, unknown][] = [
      ['a web page', eventFrom('https://evil.example/')],
      ['another local file', eventFrom('file:///home/user/Downloads/evil.html')],
      ['a look-alike path', eventFrom('file:///opt/quotedeck/out/renderer/index.html.evil')],
      ['an iframe inside the app page', eventFrom(PAGE_URL, { url: PAGE_URL, parent: null })],
      ['a dev server that is not configured', eventFrom(DEV_URL)],
      ['a destroyed frame', { senderFrame: null }],
      ['garbage', eventFrom('not a url')]
    ]

    it.each(foreignSenders)('answers FORBIDDEN to %s, on every channel', async (_name, event) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
      for (const channel of Object.values(invokeChannels)) {
        expect(codeOf(await call(channel, event)), channel).toBe('FORBIDDEN')
      }
      warn.mockRestore()
    })

    it('never reaches the services for a forbidden sender', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
      const spy = vi.spyOn(services, 'openExternal')
      await call(invokeChannels.openExternal, eventFrom('https://evil.example/'), 'https://a.org/')
      expect(spy).not.toHaveBeenCalled()
      warn.mockRestore()
    })

    it('accepts the app page with any route in the hash', async () => {
      expect(await call(invokeChannels.getVersion, eventFrom(`${PAGE_URL}#/article/abc`))).toBe(
        '4.5.6'
      )
    })

    it('accepts the dev server only when it is configured', async () => {
      unregister()
      unregister = registerIpcHandlers(services, appPageLocation(RENDERER_INDEX, DEV_URL))
      expect(await call(invokeChannels.getVersion, eventFrom(`${DEV_URL}#/`))).toBe('4.5.6')
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
      expect(
        codeOf(await call(invokeChannels.getVersion, eventFrom('http://localhost:5174/')))
      ).toBe('FORBIDDEN')
      warn.mockRestore()
    })
  })

  describe('argument validation', () => {
    const page = eventFrom(PAGE_URL)
    const invalidCalls: [string, unknown[]][] = [
      [invokeChannels.getVersion, ['unexpected']],
      [invokeChannels.loadBuiltinArticle, [1]],
      [invokeChannels.openRecentArticle, [42]],
      [invokeChannels.openRecentArticle, []],
      [invokeChannels.openRecentArticle, [{ path: '/x' }]],
      [invokeChannels.importDroppedFile, ['file.txt']],
      [invokeChannels.importDroppedFile, [{ name: 'a.txt', size: 3, bytes: 'abc' }]],
      [invokeChannels.importDroppedFile, [{ name: '../a.txt', size: 3, bytes: new Uint8Array(3) }]],
      [invokeChannels.articleFromText, [null]],
      [invokeChannels.articleFromText, ['text', 5]],
      [invokeChannels.articleFromText, ['text', 'title', 'extra']],
      [invokeChannels.setThemePreference, ['neon']],
      [invokeChannels.setThemePreference, []],
      [invokeChannels.openExternal, [{ href: 'https://a.org' }]],
      [invokeChannels.openExternal, ['https://a.org', 'https://b.org']]
    ]

    it.each(invalidCalls)('%s with %j gets INVALID_ARGUMENT', async (channel, args) => {
      expect(codeOf(await call(channel, page, ...args))).toBe('INVALID_ARGUMENT')
    })
  })

  describe('success paths through the real services', () => {
    const page = eventFrom(PAGE_URL)

    it('returns the seed article', async () => {
      const seed = (await call(invokeChannels.loadBuiltinArticle, page)) as Result<{
        title: string
      }>
      expect(seed.ok).toBe(true)
    })

    it('opens a file through the dialog, lists it, and reopens it from the recent list', async () => {
      const path = join(tempDir, 'summit.md')
      await writeFile(
        path,
        '# Summit ends\n\nThe chair said the summit “ended with a clear plan” for the coming year.\n'
      )
      dialogPaths.push(path)
      const opened = (await call(invokeChannels.openArticleDialog, page)) as Result<PackedArticle>
      expect(opened.ok).toBe(true)
      const recent = (await call(invokeChannels.listRecentFiles, page)) as { path: string }[]
      expect(recent.map((file) => file.path)).toEqual([path])
      const again = (await call(
        invokeChannels.openRecentArticle,
        page,
        path
      )) as Result<PackedArticle>
      expect(again.ok && again.value.meta.id).toBe(opened.ok && opened.value.meta.id)
      expect(again.ok && again.value.meta.id).toMatch(/\S/u)
    })

    it('imports dropped bytes and builds an article from text', async () => {
      const bytes = new TextEncoder().encode(
        'Short piece\n\nA spokesperson said “no comment” today.\n'
      )
      const dropped = (await call(invokeChannels.importDroppedFile, page, {
        name: 'piece.txt',
        size: bytes.length,
        bytes
      })) as Result<unknown>
      expect(dropped.ok).toBe(true)
      const pasted = (await call(
        invokeChannels.articleFromText,
        page,
        'Pasted\n\nSome text here.',
        'Given title'
      )) as Result<PackedArticle>
      expect(pasted.ok && pasted.value.meta.title).toBe('Given title')
    })

    it('reads the clipboard and accepts a theme', async () => {
      expect(await call(invokeChannels.readClipboardText, page)).toBe('from the clipboard')
      expect(await call(invokeChannels.setThemePreference, page, 'dark')).toBeUndefined()
    })
  })

  it('turns a service that throws into INTERNAL instead of a rejected invoke', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    unregister()
    const throwing: AppServices = {
      ...services,
      getVersion: () => {
        throw new Error('boom')
      }
    }
    unregister = registerIpcHandlers(throwing, appPageLocation(RENDERER_INDEX, undefined))
    expect(codeOf(await call(invokeChannels.getVersion, eventFrom(PAGE_URL)))).toBe('INTERNAL')
    errors.mockRestore()
  })
})
