import { join } from 'node:path'
import type { AppApi, RecentFile, ThemePreference } from '../../shared/api'
import type { PackedArticle } from '../../shared/article-transport'
import type { InvokeMethod } from '../../shared/ipc-channels'
import { fail, ok, type Result } from '../../shared/result'
import { MAX_ARTICLE_BYTES, loadArticleFromPath, loadBuiltinArticle } from './article-loader'
import { createArticleLoadService, type ArticleLoadServiceDeps } from './article-load-service'
import { createArticleTextStaging, packForPage } from './article-text-staging'
import { createRecentFiles } from './recent-files'
import {
  collectionArgumentRules,
  createCollectionServices,
  type CollectionServices,
  type CollectionServicesDeps
} from './collection-services'
import {
  createOptimiserServices,
  optimiserArgumentRules,
  type OptimiserServiceDeps,
  type OptimiserServices
} from './fsrs-optimiser-service'

/** Largest file the app accepts, dropped or opened (the loader checks opened files with stat). */
export const MAX_FILE_BYTES = MAX_ARTICLE_BYTES
/** Largest pasted text, in UTF-16 code units: far beyond any article, small enough to stay fast. */
export const MAX_PASTED_TEXT_CHARS = 2_000_000
/** Longest title the user may give a pasted article. */
export const MAX_TITLE_CHARS = 500
/** Longest file name accepted for a dropped file (the common file-system limit). */
export const MAX_FILE_NAME_CHARS = 255
/** Longest path accepted for a recent file. */
export const MAX_PATH_CHARS = 4096
/** Longest URL the app will hand to the system browser. */
export const MAX_URL_CHARS = 2048
/** Name of the recent-files store inside the user-data directory. */
export const RECENT_FILES_STORE = 'recent-files.json'

const THEMES: readonly ThemePreference[] = ['system', 'light', 'dark']

/** What the services need from the platform; Electron in the app, fakes in tests and e2e. */
export interface AppServicesDeps {
  /** Directory holding the shipped resources (the seed article). */
  resourcesDir: string
  /** Per-user writable directory (the recent-files store lives here). */
  userDataDir: string
  /** Shows the Open dialog; resolves to the chosen path or `null` when cancelled. */
  showOpenDialog: () => Promise<string | null>
  /** Electron 45's clipboard API is asynchronous; a plain string is accepted too. */
  readClipboardText: () => string | Promise<string>
  /** Opens a URL in the system browser; only called after the allowlist check. */
  openExternal: (url: string) => Promise<void>
  setTheme: (theme: ThemePreference) => void | Promise<void>
  version: string
  /** Clock for the recent-files list; defaults to `Date.now`. */
  nowMs?: () => number
  /** Dialogs and hooks of the backup, export and bulk-import calls (optional: tests). */
  collection?: Omit<CollectionServicesDeps, 'userDataDir' | 'nowMs'>
  /** Worker start and progress sink of the FSRS optimiser (the app pushes progress to the page). */
  optimiser?: OptimiserServiceDeps
  /** Worker start and progress sink of big article loads (the app pushes progress to the page). */
  articleLoading?: ArticleLoadServiceDeps
}

/**
 * The main-process side of every `AppApi` call except the menu subscription. Arguments are typed
 * `unknown` because they cross a process boundary: every method validates what it gets, resolves
 * with a typed `Result` (or a plain value where the contract has no failure), and never rejects.
 */
export interface AppServices extends CollectionServices, OptimiserServices {
  getVersion(): Promise<string>
  loadBuiltinArticle(): Promise<Result<PackedArticle>>
  openArticleDialog(): Promise<Result<PackedArticle | null>>
  openRecentArticle(path: unknown): Promise<Result<PackedArticle>>
  listRecentFiles(): Promise<RecentFile[]>
  importDroppedFile(file: unknown): Promise<Result<PackedArticle>>
  articleFromText(text: unknown, title?: unknown): Promise<Result<PackedArticle>>
  cancelArticleLoad(): Promise<boolean>
  readArticleTextPart(handle: unknown, index: unknown): Promise<Result<string>>
  readClipboardText(): Promise<string>
  setThemePreference(theme: unknown): Promise<void>
  openExternal(url: unknown): Promise<Result<void>>
}

// Compile-time proof that the services can stand in for the page's API.
const _servicesMatchApi = (services: AppServices): Omit<AppApi, 'onMenuCommand'> => services
void _servicesMatchApi

/** How many arguments each method takes at most, and a check of their types. */
const argumentRules: { [M in InvokeMethod]: { maxArgs: number; check: ArgsCheck } } = {
  getVersion: { maxArgs: 0, check: noArgs },
  loadBuiltinArticle: { maxArgs: 0, check: noArgs },
  openArticleDialog: { maxArgs: 0, check: noArgs },
  openRecentArticle: { maxArgs: 1, check: (args) => checkPath(args[0]) },
  listRecentFiles: { maxArgs: 0, check: noArgs },
  importDroppedFile: { maxArgs: 1, check: (args) => checkDroppedFile(args[0]) },
  articleFromText: { maxArgs: 2, check: (args) => checkPastedText(args[0], args[1]) },
  cancelArticleLoad: { maxArgs: 0, check: noArgs },
  readArticleTextPart: { maxArgs: 2, check: (args) => checkTextPart(args[0], args[1]) },
  readClipboardText: { maxArgs: 0, check: noArgs },
  setThemePreference: { maxArgs: 1, check: (args) => checkTheme(args[0]) },
  openExternal: { maxArgs: 1, check: (args) => checkUrlShape(args[0]) },
  ...collectionArgumentRules,
  ...optimiserArgumentRules
}

type ArgsCheck = (args: readonly unknown[]) => string | null

function checkTextPart(handle: unknown, index: unknown): string | null {
  if (typeof handle !== 'string' || handle.length === 0 || handle.length > 64) {
    return 'The text handle must be a short string.'
  }
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) {
    return 'The part number must be a whole number from 0.'
  }
  return null
}

function noArgs(): string | null {
  return null
}

/**
 * Checks the count and types of arguments for a method, as they arrived over IPC.
 * Returns a user-readable reason when they are wrong, `null` when they are acceptable.
 */
export function checkArguments(method: InvokeMethod, args: readonly unknown[]): string | null {
  const rule = argumentRules[method]
  if (args.length > rule.maxArgs) {
    return `${method} takes at most ${rule.maxArgs} argument(s), got ${args.length}.`
  }
  return rule.check(args)
}

function checkPath(path: unknown): string | null {
  if (typeof path !== 'string' || path.length === 0)
    return 'The file path must be a non-empty string.'
  if (path.length > MAX_PATH_CHARS) return 'The file path is too long.'
  if (path.includes('\0')) return 'The file path contains a NUL character.'
  return null
}

function checkDroppedFile(file: unknown): string | null {
  if (typeof file !== 'object' || file === null) return 'The dropped file must be an object.'
  const { name, size, bytes } = file as Record<string, unknown>
  if (typeof name !== 'string' || name.trim().length === 0) {
    return 'The dropped file has no name.'
  }
  if (name.length > MAX_FILE_NAME_CHARS) return 'The dropped file name is too long.'
  if (/[\\/\0]/.test(name)) return 'The dropped file name must not contain a path.'
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    return 'The dropped file size must be a whole number of bytes.'
  }
  if (!(bytes instanceof Uint8Array)) return 'The dropped file content must be bytes.'
  return null
}

function checkPastedText(text: unknown, title: unknown): string | null {
  if (typeof text !== 'string') return 'The pasted text must be a string.'
  if (title !== undefined && title !== null && typeof title !== 'string') {
    return 'The title must be a string.'
  }
  return null
}

function checkTheme(theme: unknown): string | null {
  return THEMES.includes(theme as ThemePreference)
    ? null
    : 'The theme must be one of system, light or dark.'
}

function checkUrlShape(url: unknown): string | null {
  if (typeof url !== 'string' || url.length === 0) return 'The link must be a non-empty string.'
  return null
}

/**
 * Whether a URL may be opened in the system browser: http or https only, parsed (never prefix-
 * matched), without embedded credentials, and of sane length.
 */
export function isAllowedExternalUrl(url: string): boolean {
  if (url.length > MAX_URL_CHARS) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false
  if (parsed.username !== '' || parsed.password !== '') return false
  return parsed.hostname.length > 0
}

function formatBytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** Builds the services over the given platform dependencies. */
export function createAppServices(deps: AppServicesDeps): AppServices {
  const nowMs = deps.nowMs ?? ((): number => Date.now())
  const recentFiles = createRecentFiles(join(deps.userDataDir, RECENT_FILES_STORE), nowMs)
  const textStaging = createArticleTextStaging(nowMs)
  const collection = createCollectionServices({
    ...deps.collection,
    userDataDir: deps.userDataDir,
    nowMs,
    textStaging
  })

  /** Runs a body, turning any unexpected throw into an INTERNAL failure. */
  async function guarded<T>(what: string, body: () => Promise<Result<T>>): Promise<Result<T>> {
    try {
      return await body()
    } catch (error) {
      console.error(`[quotedeck] ${what} failed unexpectedly:`, error)
      return fail('INTERNAL', `Something went wrong while ${what}. Please try again.`)
    }
  }

  const loader = createArticleLoadService(deps.articleLoading)

  async function openPath(path: string): Promise<Result<PackedArticle>> {
    const loaded = packForPage(textStaging, await loadArticleFromPath(path, loader.loadBytes))
    if (loaded.ok) {
      try {
        await recentFiles.add(path)
      } catch (error) {
        // The article opened; a recent list that cannot be written must not hide it.
        console.error('[quotedeck] could not update the recent files list:', error)
      }
    }
    return loaded
  }

  const optimiser = createOptimiserServices(deps.optimiser)

  return {
    ...collection,
    ...optimiser,

    async getVersion(): Promise<string> {
      return deps.version
    },

    loadBuiltinArticle(): Promise<Result<PackedArticle>> {
      return guarded('loading the built-in article', async () =>
        packForPage(textStaging, await loadBuiltinArticle(deps.resourcesDir))
      )
    },

    openArticleDialog(): Promise<Result<PackedArticle | null>> {
      return guarded<PackedArticle | null>('opening the article', async () => {
        const path = await deps.showOpenDialog()
        if (path === null) return ok(null)
        const invalid = checkPath(path)
        if (invalid !== null) return fail('INVALID_ARGUMENT', invalid)
        return openPath(path)
      })
    },

    openRecentArticle(path: unknown): Promise<Result<PackedArticle>> {
      return guarded('opening the recent article', async () => {
        const invalid = checkPath(path)
        if (invalid !== null) return fail('INVALID_ARGUMENT', invalid)
        const known = await recentFiles.has(path as string)
        if (!known) {
          return fail('FORBIDDEN', 'Only files you opened before can be reopened from the list.')
        }
        return openPath(path as string)
      })
    },

    async listRecentFiles(): Promise<RecentFile[]> {
      try {
        return await recentFiles.list()
      } catch (error) {
        console.error('[quotedeck] could not read the recent files list:', error)
        return []
      }
    },

    importDroppedFile(file: unknown): Promise<Result<PackedArticle>> {
      return guarded('importing the dropped file', async () => {
        const invalid = checkDroppedFile(file)
        if (invalid !== null) return fail('INVALID_ARGUMENT', invalid)
        const { name, size, bytes } = file as { name: string; size: number; bytes: Uint8Array }
        const actualBytes = Math.max(size, bytes.byteLength)
        if (actualBytes > MAX_FILE_BYTES) {
          return fail(
            'TOO_LARGE',
            `“${name}” is ${formatBytes(actualBytes)}; the largest file Quotedeck opens is ${formatBytes(MAX_FILE_BYTES)}.`
          )
        }
        return packForPage(
          textStaging,
          await loader.loadBytes(name, bytes, { kind: 'file', path: name, fileName: name })
        )
      })
    },

    articleFromText(text: unknown, title?: unknown): Promise<Result<PackedArticle>> {
      return guarded('reading the pasted text', async () => {
        const invalid = checkPastedText(text, title)
        if (invalid !== null) return fail('INVALID_ARGUMENT', invalid)
        if ((text as string).length > MAX_PASTED_TEXT_CHARS) {
          return fail(
            'TOO_LARGE',
            `The pasted text is too long (${(text as string).length.toLocaleString('en')} characters; the limit is ${MAX_PASTED_TEXT_CHARS.toLocaleString('en')}).`
          )
        }
        const cleanTitle = typeof title === 'string' ? title.trim() : ''
        if (cleanTitle.length > MAX_TITLE_CHARS) {
          return fail(
            'INVALID_ARGUMENT',
            `The title is too long (at most ${MAX_TITLE_CHARS} characters).`
          )
        }
        return packForPage(
          textStaging,
          await loader.loadText(text as string, cleanTitle.length > 0 ? cleanTitle : undefined)
        )
      })
    },

    async cancelArticleLoad(): Promise<boolean> {
      return loader.cancelAll()
    },

    async readArticleTextPart(handle: unknown, index: unknown): Promise<Result<string>> {
      return textStaging.readPart(handle, index)
    },

    async readClipboardText(): Promise<string> {
      try {
        return await deps.readClipboardText()
      } catch (error) {
        console.error('[quotedeck] could not read the clipboard:', error)
        return ''
      }
    },

    async setThemePreference(theme: unknown): Promise<void> {
      if (checkTheme(theme) !== null) return
      try {
        await deps.setTheme(theme as ThemePreference)
      } catch (error) {
        console.error('[quotedeck] could not apply the theme:', error)
      }
    },

    openExternal(url: unknown): Promise<Result<void>> {
      return guarded<void>('opening the link', async () => {
        const invalid = checkUrlShape(url)
        if (invalid !== null) return fail('INVALID_ARGUMENT', invalid)
        if (!isAllowedExternalUrl(url as string)) {
          return fail('FORBIDDEN', 'Only web links (http or https) can be opened in the browser.')
        }
        // Checked just above: a well-formed http(s) URL on the allowlist.
        await deps.openExternal(url as string) /* eng-disable OPEN_EXTERNAL_JS_CHECK */
        return ok(undefined)
      })
    }
  }
}
