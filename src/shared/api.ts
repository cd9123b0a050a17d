import type { ArticleLoadProgress } from './article-load'
import type { PackedArticle } from './article-transport'
import type { AppSectionName } from './sections'
import type { BackupInfo, BackupReason, SaveBackupRequest, VerifiedBackup } from './backup'
import type { BulkImportMode, BulkImportSelection, ExportFileRequest } from './collection'
import type { OptimiseOutcome, OptimiseProgress, OptimiseRequest } from './fsrs-optimiser'
import type { Result } from './result'

export type ThemePreference = 'system' | 'light' | 'dark'

/** Commands the application menu sends to the page. */
export type MenuCommand =
  | { kind: 'open-article'; article: PackedArticle }
  | { kind: 'open-error'; message: string }
  | { kind: 'new-from-clipboard' }
  | { kind: 'theme'; theme: ThemePreference }
  | { kind: 'about' }
  /** View › a section (Library, Study, …): the page goes there. */
  | { kind: 'go'; section: AppSectionName }
  /** The main process wants a backup (every 30 minutes of use, on quit): export and save it. */
  | { kind: 'backup-request'; requestId: number; reason: BackupReason }
  /** Progress of the FSRS optimisation the page started with `optimiseFsrs`. */
  | { kind: 'optimise-progress'; progress: OptimiseProgress }
  /** Progress of a big article load (a worker thread of the main process cleans it). */
  | { kind: 'load-progress'; progress: ArticleLoadProgress }

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
  // Articles arrive packed (`PackedArticle`, `unpackArticle` in the page): a long article's
  // paragraphs as objects took a quarter of a second of the page's thread to receive.
  getVersion(): Promise<string>
  /** The built-in seed article, cleaned. */
  loadBuiltinArticle(): Promise<Result<PackedArticle>>
  /** Shows the Open dialog; `null` value when the user cancels. */
  openArticleDialog(): Promise<Result<PackedArticle | null>>
  /** Loads a file from the recent list by path (only paths the user opened before). */
  openRecentArticle(path: string): Promise<Result<PackedArticle>>
  listRecentFiles(): Promise<RecentFile[]>
  /** Loads a file dropped onto the window. */
  importDroppedFile(file: DroppedFile): Promise<Result<PackedArticle>>
  /** Builds an article from pasted text; title from the first line unless given. */
  articleFromText(text: string, title?: string): Promise<Result<PackedArticle>>
  /**
   * Stops the article loads under way in the main process's worker thread (big files and
   * pastes): each resolves with a `CANCELLED` failure. Resolves whether one was running.
   */
  cancelArticleLoad(): Promise<boolean>
  /**
   * Part `index` of a long article's text staged by the main process (`PackedArticle.stagedText`);
   * the page reads them in order with `receiveArticle`.
   */
  readArticleTextPart(handle: string, index: number): Promise<Result<string>>
  readClipboardText(): Promise<string>
  setThemePreference(theme: ThemePreference): Promise<void>
  /** Opens an http(s) link in the system browser when it passes the allowlist. */
  openExternal(url: string): Promise<Result<void>>
  /** Writes a backup atomically into the backup folder, then applies the rotation. */
  saveBackup(request: SaveBackupRequest): Promise<Result<BackupInfo>>
  /** The backups in the backup folder, newest first. */
  listBackups(): Promise<Result<BackupInfo[]>>
  /** Reads a backup by name, verified (length and checksum) before it is returned. */
  readBackup(name: string): Promise<Result<VerifiedBackup>>
  openBackupFolder(): Promise<Result<void>>
  /** Shows the Save dialog and writes the text there; `null` value when cancelled. */
  saveExportFile(request: ExportFileRequest): Promise<Result<string | null>>
  /** Shows a multi-file or folder dialog and lists the importable files; `null` when cancelled. */
  chooseBulkImport(mode: BulkImportMode): Promise<Result<BulkImportSelection | null>>
  /** Loads one file of the last bulk-import selection as an article. */
  readImportFile(path: string): Promise<Result<PackedArticle>>
  /**
   * Fits FSRS parameters to the user's reviews in a worker thread of the main process (progress
   * arrives as `optimise-progress` commands) and compares them with the current ones.
   */
  optimiseFsrs(request: OptimiseRequest): Promise<Result<OptimiseOutcome>>
  /** Subscribes to menu commands; returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
}
