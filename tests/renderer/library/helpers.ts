import { packArticle } from '../../../src/shared/article-transport'
import { afterEach, beforeEach, vi } from 'vitest'
import type { Article } from '../../../src/core/article/types'
import type { AppApi, MenuCommand } from '../../../src/shared/api'
import { fail, ok } from '../../../src/shared/result'
import { QuotedeckDatabase, setDatabase } from '../../../src/renderer/src/db/schema'
import type { MountedApp } from './mount-app'

/** 2026-03-10 12:00 local time: a fixed "now" for the library tests. */
export const NOW_MS = new Date(2026, 2, 10, 12, 0, 0).getTime()

/** A fresh, uniquely named database installed as the app's shared connection. */
export function useFreshDatabase(): QuotedeckDatabase {
  const db = new QuotedeckDatabase(`t-${crypto.randomUUID()}`)
  setDatabase(db)
  return db
}

/** A small cleaned article; `overrides` may change any field. */
export function makeArticle(id: string, overrides: Partial<Article> = {}): Article {
  const text = `Headline of ${id}\n\nBody text of ${id}, said somebody.`
  return {
    id,
    title: `Article ${id}`,
    byline: null,
    source: { kind: 'file', path: `/home/user/news/${id}.txt`, fileName: `${id}.txt` },
    text,
    paragraphs: [
      { kind: 'heading', start: 0, end: 12 + id.length },
      { kind: 'body', start: 14 + id.length, end: text.length }
    ],
    removed: [],
    encoding: 'utf-8',
    wordCount: text.split(/\s+/).length,
    ...overrides
  }
}

/** The seed as the loader would return it. */
export const builtinArticle = makeArticle('seed', {
  title: 'Blinken meets Xi in Beijing',
  source: { kind: 'builtin', name: 'seed-blinken-china.txt' },
  removed: [{ text: 'WATCH l Video:', ruleId: 'embed-caption', beforeParagraph: 1 }]
})

export type ApiStub = { [K in keyof AppApi]: ReturnType<typeof vi.fn> } & {
  /** Delivers a menu command to every subscribed listener. */
  emitMenuCommand(command: MenuCommand): void
}

/**
 * `window.api` made of `vi.fn()`s with harmless defaults (the built-in article loads, dialogs
 * are cancelled, the clipboard is empty). Installed on `window`; override per test.
 */
export function installApiStub(): ApiStub {
  const listeners = new Set<(command: MenuCommand) => void>()
  const stub = {
    getVersion: vi.fn().mockResolvedValue('1.2.3'),
    loadBuiltinArticle: vi.fn().mockResolvedValue(ok(packArticle(builtinArticle))),
    openArticleDialog: vi.fn().mockResolvedValue(ok(null)),
    openRecentArticle: vi.fn().mockResolvedValue(fail('NOT_FOUND', 'That file no longer exists.')),
    listRecentFiles: vi.fn().mockResolvedValue([]),
    importDroppedFile: vi.fn().mockResolvedValue(fail('BINARY', 'Not text.')),
    articleFromText: vi.fn().mockResolvedValue(fail('EMPTY', 'That text is empty.')),
    cancelArticleLoad: vi.fn().mockResolvedValue(false),
    readArticleTextPart: vi.fn().mockResolvedValue(fail('NOT_FOUND', 'No staged text.')),
    readClipboardText: vi.fn().mockResolvedValue(''),
    setThemePreference: vi.fn().mockResolvedValue(undefined),
    openExternal: vi.fn().mockResolvedValue(ok(undefined)),
    saveBackup: vi.fn().mockResolvedValue(fail('INTERNAL', 'No backup folder in tests.')),
    listBackups: vi.fn().mockResolvedValue(ok([])),
    readBackup: vi.fn().mockResolvedValue(fail('NOT_FOUND', 'That backup no longer exists.')),
    openBackupFolder: vi.fn().mockResolvedValue(ok(undefined)),
    saveExportFile: vi.fn().mockResolvedValue(ok(null)),
    chooseBulkImport: vi.fn().mockResolvedValue(ok(null)),
    readImportFile: vi.fn().mockResolvedValue(fail('NOT_FOUND', 'That file no longer exists.')),
    onMenuCommand: vi.fn((listener: (command: MenuCommand) => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }),
    emitMenuCommand(command: MenuCommand): void {
      for (const listener of listeners) listener(command)
    }
  }
  ;(window as unknown as { api: unknown }).api = stub
  return stub as unknown as ApiStub
}

/** Waits until `check` stops throwing (Dexie and the stores settle over several ticks). */
export async function eventually(check: () => unknown): Promise<void> {
  // Generous: a loaded 2-core CI runner can take seconds to settle Dexie and the stores.
  await vi.waitFor(check, { timeout: 15000, interval: 10 })
}

/**
 * Stand-in state for the extraction store, which other engineers own and whose worker does not run
 * in happy-dom. Tests read and steer it; {@link useLibraryTestEnvironment} resets it.
 */
export const extractionStub = {
  ensureExtracted: vi.fn(),
  statuses: {} as Record<string, { state: string }>
}

/**
 * The module to give `vi.mock` for `stores/extraction` (the factory is hoisted above imports, so
 * it loads this with a dynamic import): `vi.mock(path, async () => (await
 * import('./helpers')).extractionStoreModule)`.
 */
export const extractionStoreModule = {
  useExtractionStore: (): typeof extractionStub => extractionStub
}

/** What each library test starts with; the fields are replaced before every test. */
export interface LibraryTestEnvironment {
  db: QuotedeckDatabase
  api: ApiStub
}

/**
 * Registers the hooks the library tests share: before each test the clock is fixed at
 * {@link NOW_MS} (Date only), a fresh database and a `window.api` stub are installed and the
 * extraction stub is reset; after it the app from `mountedApp` (if any) is unmounted, the page
 * emptied and real timers restored. Call it inside a `describe`.
 */
export function useLibraryTestEnvironment(
  mountedApp: () => MountedApp | undefined = () => undefined
): LibraryTestEnvironment {
  const environment = {} as LibraryTestEnvironment
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW_MS)
    environment.db = useFreshDatabase()
    environment.api = installApiStub()
    extractionStub.ensureExtracted.mockReset().mockResolvedValue(ok(null))
    for (const key of Object.keys(extractionStub.statuses)) delete extractionStub.statuses[key]
  })
  afterEach(() => {
    mountedApp()?.wrapper.unmount()
    document.body.innerHTML = ''
    vi.useRealTimers()
  })
  return environment
}
