import type { Article } from '../core/article/types'
import type { Result } from './result'

export type ThemePreference = 'system' | 'light' | 'dark'

/** Commands the application menu sends to the page. */
export type MenuCommand =
  | { kind: 'open-article'; article: Article }
  | { kind: 'open-error'; message: string }
  | { kind: 'new-from-clipboard' }
  | { kind: 'theme'; theme: ThemePreference }
  | { kind: 'about' }

/** A file the user dropped on the window, read in the page. */
export interface DroppedFile {
  name: string
  /** Size in bytes as reported by the File object (checked before reading). */
  size: number
  bytes: Uint8Array
}

/** A recently opened file. */
export interface RecentFile {
  path: string
  fileName: string
  openedAt: number
}

/**
 * The whole contract between the page and the main process. The preload exposes exactly this as
 * `window.api`; every method resolves (expected failures are `{ ok: false }` results).
 */
export interface AppApi {
  getVersion(): Promise<string>
  /** The built-in seed article, cleaned. */
  loadBuiltinArticle(): Promise<Result<Article>>
  /** Shows the Open dialog; `null` value when the user cancels. */
  openArticleDialog(): Promise<Result<Article | null>>
  /** Loads a file from the recent list by path (only paths the user opened before). */
  openRecentArticle(path: string): Promise<Result<Article>>
  listRecentFiles(): Promise<RecentFile[]>
  /** Loads a file dropped onto the window. */
  importDroppedFile(file: DroppedFile): Promise<Result<Article>>
  /** Builds an article from pasted text; title from the first line unless given. */
  articleFromText(text: string, title?: string): Promise<Result<Article>>
  readClipboardText(): Promise<string>
  setThemePreference(theme: ThemePreference): Promise<void>
  /** Opens an http(s) link in the system browser when it passes the allowlist. */
  openExternal(url: string): Promise<Result<void>>
  /** Subscribes to menu commands; returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
}
