import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => import('./electron-mock'))

import { ipcHandlers, resetElectronMock } from './electron-mock'
import { appPageLocation } from '../../src/main/app-location'
import { registerIpcHandlers } from '../../src/main/ipc'
import { createAppServices } from '../../src/main/services/app-services'
import { invokeChannels, type InvokeMethod } from '../../src/shared/ipc-channels'
import type { Result } from '../../src/shared/result'
import { fuzzParameters } from '../support/fuzz'

const RENDERER_INDEX = '/opt/quotedeck/out/renderer/index.html'
const PAGE_URL = 'file:///opt/quotedeck/out/renderer/index.html'

/** What each channel takes; anything else is a wrong type. */
type Takes = 'nothing' | 'string' | 'file' | 'backup' | 'export' | 'optimise' | 'textPart'

const TAKES: Record<InvokeMethod, Takes> = {
  getVersion: 'nothing',
  loadBuiltinArticle: 'nothing',
  openArticleDialog: 'nothing',
  openRecentArticle: 'string',
  listRecentFiles: 'nothing',
  importDroppedFile: 'file',
  articleFromText: 'string',
  cancelArticleLoad: 'nothing',
  readArticleTextPart: 'textPart',
  readClipboardText: 'nothing',
  setThemePreference: 'string',
  openExternal: 'string',
  saveBackup: 'backup',
  listBackups: 'nothing',
  readBackup: 'string',
  openBackupFolder: 'nothing',
  saveExportFile: 'export',
  chooseBulkImport: 'string',
  readImportFile: 'string',
  optimiseFsrs: 'optimise'
}

let tempDir: string
let unregister: () => void
const touched: string[] = []

beforeAll(async () => {
  resetElectronMock()
  tempDir = await mkdtemp(join(tmpdir(), 'qd-ipc-prop-'))
  const services = createAppServices({
    resourcesDir: resolve(__dirname, '../../resources'),
    userDataDir: join(tempDir, 'user-data'),
    version: '1.0.0',
    nowMs: () => 1_700_000_000_000,
    showOpenDialog: async () => {
      touched.push('dialog')
      return null
    },
    readClipboardText: () => 'clipboard',
    openExternal: async (url) => {
      touched.push(url)
    },
    setTheme: () => undefined
  })
  unregister = registerIpcHandlers(services, appPageLocation(RENDERER_INDEX, undefined))
})
afterAll(async () => {
  unregister()
  await rm(tempDir, { recursive: true, force: true })
})

async function call(method: InvokeMethod, event: unknown, args: unknown[]): Promise<unknown> {
  const handler = ipcHandlers.get(invokeChannels[method])
  if (!handler) throw new Error(`no handler for ${method}`)
  return handler(event, ...args)
}

function codeOf(result: unknown): string | null {
  const typed = result as Result<unknown>
  return typeof typed === 'object' && typed !== null && 'ok' in typed && !typed.ok
    ? typed.error.code
    : null
}

/** Arguments of the wrong type for a channel (never a valid call). */
function wrongArguments(takes: Takes): fc.Arbitrary<unknown[]> {
  const notString = fc.anything().filter((value) => typeof value !== 'string')
  if (takes === 'nothing') return fc.array(fc.anything(), { minLength: 1, maxLength: 3 })
  if (takes === 'string')
    return fc
      .array(notString, { maxLength: 3 })
      .filter((a) => a.length !== 1 || typeof a[0] !== 'string')
  if (takes === 'textPart') {
    // a valid call is (handle: a string of 1–64 characters, index: a whole number from 0)
    const validPart = (a: unknown[]): boolean =>
      a.length === 2 &&
      typeof a[0] === 'string' &&
      a[0].length > 0 &&
      a[0].length <= 64 &&
      Number.isSafeInteger(a[1]) &&
      (a[1] as number) >= 0
    return fc.array(fc.anything(), { maxLength: 3 }).filter((a) => !validPart(a))
  }
  if (takes === 'export') {
    // a valid export is { suggestedName: string, text: string }: leave such values out
    const validExport = (value: unknown): boolean =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as Record<string, unknown>).suggestedName === 'string' &&
      typeof (value as Record<string, unknown>).text === 'string'
    return fc
      .array(fc.anything(), { maxLength: 3 })
      .filter((a) => a.length !== 1 || !validExport(a[0]))
  }
  // A dropped file is { name, size, bytes: Uint8Array } and a backup carries its payload as a
  // Uint8Array: generated values never hold one. An optimisation request needs three arrays of
  // equal length inside `history` and a `currentParameters` key: generated values miss it.
  return fc.array(fc.anything(), { maxLength: 3 })
}

describe('every IPC handler, with generated wrong arguments and senders', () => {
  const methods = Object.keys(TAKES) as InvokeMethod[]

  it.each(methods)('%s: wrong types get INVALID_ARGUMENT, never a throw', async (method) => {
    await fc.assert(
      fc.asyncProperty(wrongArguments(TAKES[method]), async (args) => {
        const result = await call(method, { senderFrame: { url: PAGE_URL, parent: null } }, args)
        expect(codeOf(result)).toBe('INVALID_ARGUMENT')
      }),
      { ...fuzzParameters(), numRuns: Math.min(200, fuzzParameters().numRuns ?? 60) }
    )
  })

  it('a foreign sender gets FORBIDDEN on every channel and reaches no service', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const sender = fc.oneof(
      fc.webUrl().map((url) => ({ senderFrame: { url, parent: null } })),
      fc.webUrl().map((url) => ({ senderFrame: { url: PAGE_URL, parent: { url, parent: null } } })),
      fc.string().map((url) => ({ senderFrame: { url, parent: null } })),
      fc.anything()
    )
    await fc.assert(
      fc.asyncProperty(
        sender,
        fc.constantFrom(...methods),
        fc.array(fc.anything(), { maxLength: 2 }),
        async (event, method, args) => {
          const result = await call(method, event, args)
          expect(codeOf(result)).toBe('FORBIDDEN')
        }
      ),
      fuzzParameters()
    )
    expect(touched).toEqual([])
    warn.mockRestore()
  })
})
