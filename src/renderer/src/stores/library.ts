import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Article } from '../../../core/article/types'
import type { RecentFile } from '../../../shared/api'
import type { ArticleLoadProgress } from '../../../shared/article-load'
import type { PackedArticle } from '../../../shared/article-transport'
import { receiveFromMain } from '../article-receive'
import type { AppError, Result } from '../../../shared/result'
import type { ArticleCounts } from '../../../core/library/article-counts'
import {
  addArticle as addArticleRecord,
  applyCounts,
  countArticles,
  listArticleSummaries,
  removeArticle as removeArticleRecords,
  restoreArticle,
  watchArticleSummaries,
  type ArticleSummary,
  type RemovedArticleSnapshot
} from '../db/articles-repo'
import { storeArticle } from '../db/article-store'
import { foldDueCounts, studyDayEndAt, watchArticleCounts } from '../db/counts-repo'
import { getDatabase } from '../db/schema'
import { shortTitle } from '../components/library/format'
import { getSetting, setSetting } from '../db/settings-repo'
import { useExtractionStore } from './extraction'
import { useNotificationsStore } from './notifications'

/** The loader refuses anything larger; checked here too so a huge drop is never read into memory. */
export const maxArticleBytes = 50 * 1024 * 1024

/** Messages for failures whose own message is missing (the main process normally writes one). */
const fallbackMessages: Partial<Record<AppError['code'], string>> = {
  EMPTY: 'That article is empty.',
  BINARY: 'That file is not a text article.',
  TOO_LARGE: 'That file is larger than 50 MB.',
  UNREADABLE: 'That file could not be read.',
  NOT_FOUND: 'That file no longer exists.',
  NO_ARTICLE: 'No readable article was found in that page.',
  UNSUPPORTED: 'That kind of file cannot be opened as an article.',
  INVALID_ARGUMENT: 'That request was not valid.',
  FORBIDDEN: 'That file cannot be opened from here.',
  CANCELLED: 'Cancelled.',
  INTERNAL: 'Something went wrong while loading the article.'
}

/** The user-facing sentence for a failure. */
export function describeError(error: AppError): string {
  const message = error.message.trim()
  return message.length > 0
    ? message
    : (fallbackMessages[error.code] ?? 'Something went wrong while loading the article.')
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Rounded up, so a file just over the limit never reads as "20.0 MB". */
function formatMegabytes(bytes: number): string {
  return `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`
}

/** What happened when the user tried to add an article. */
export type AddOutcome =
  | { status: 'added' | 'existing'; articleId: string; title: string }
  | { status: 'failed'; message: string }
  | { status: 'cancelled' }

/** The library: the article list, adding from every source, removal with Undo, first-launch seed. */
export const useLibraryStore = defineStore('library', () => {
  const notifications = useNotificationsStore()
  const extraction = useExtractionStore()

  const articles = ref<ArticleSummary[]>([])
  const loaded = ref(false)
  /** The last failure, in words (cleared by the next success). */
  const lastError = ref<string | null>(null)
  const recentFiles = ref<RecentFile[]>([])
  /** Text of the open paste dialog, or null when it is closed. */
  const pasteDraft = ref<string | null>(null)
  /**
   * Progress of the big load under way in the main process's worker thread, or null (small
   * files are read at once and report none).
   */
  const loadProgress = shallowRef<ArticleLoadProgress | null>(null)
  /** Loads waiting for the main process (a Cancel stops them all). */
  let loadsInFlight = 0
  let cancelRequested = false
  /** Whether the bar shows a load the application menu started (File › Open in the main process). */
  let menuLoadShown = false
  let initializing: Promise<void> | null = null
  /** Views showing the list with card counts now (the Library view while mounted). */
  const countViewers = new Set<symbol>()
  let stopArticleQuery: (() => void) | null = null
  let stopCountsQuery: (() => void) | null = null
  let dayEndTimer: ReturnType<typeof setTimeout> | null = null
  /** The latest maintained counts delivered while watched (null until the first arrives). */
  let latestCounts: Map<string, ArticleCounts> | null = null
  /** Summaries the articles query delivered that wait for the first counts. */
  let pendingSummaries: ArticleSummary[] | null = null
  /** Numbers list reads so an older one that finishes late never overwrites a newer one. */
  let listSequence = 0

  /**
   * Re-reads the article list with every article's new / due / total cards. The counts are kept
   * by every card write (no card is read to count them), so this is cheap at any collection size.
   */
  async function refresh(): Promise<void> {
    const sequence = ++listSequence
    const summaries = await listArticleSummaries(getDatabase(), { withCardCounts: true })
    if (sequence !== listSequence) return
    articles.value = summaries
    loaded.value = true
  }

  /** Shows summaries with the latest counts (once the first counts have arrived). */
  function showSummaries(summaries: ArticleSummary[]): void {
    listSequence++
    if (latestCounts === null) {
      pendingSummaries = summaries
      return
    }
    for (const summary of summaries) applyCounts(summary, latestCounts.get(summary.id))
    pendingSummaries = null
    articles.value = summaries
    loaded.value = true
  }

  /** New counts (a card write committed, or the study day rolled over). */
  function showCounts(counts: Map<string, ArticleCounts>): void {
    latestCounts = counts
    if (pendingSummaries !== null) {
      showSummaries(pendingSummaries)
      return
    }
    for (const article of articles.value) applyCounts(article, counts.get(article.id))
  }

  /**
   * Watches the maintained counts for the current study day; at the day's end, starts again
   * (cards due tomorrow become due), folding the hours that passed.
   */
  async function watchCountsForToday(): Promise<void> {
    const db = getDatabase()
    const nowMs = Date.now()
    const [dayEndMs] = await Promise.all([studyDayEndAt(db, nowMs), foldDueCounts(db, nowMs)])
    if (countViewers.size === 0) return
    stopCountsQuery?.()
    stopCountsQuery = watchArticleCounts(db, dayEndMs, showCounts, (error) => {
      // The list is still worth showing, without its counts.
      if (latestCounts === null) showCounts(new Map())
      loaded.value = true
      reportFailure(`Your card counts could not be read: ${errorText(error)}`)
    })
    if (dayEndTimer !== null) clearTimeout(dayEndTimer)
    // Timers are capped near 24.8 days; a study day is far shorter.
    dayEndTimer = setTimeout(
      () => {
        dayEndTimer = null
        void watchCountsForToday().catch(() => undefined)
      },
      Math.max(1000, dayEndMs - nowMs + 1000)
    )
  }

  /**
   * Keeps the list and every article's counts current until the returned function is called
   * (the Library view calls this while mounted; cards are made in the background after an article
   * is added). Two live queries: the articles table (which card writes never wake) and the
   * maintained counts (two small tables that every card write updates in its own transaction,
   * so re-reading them after an answer costs a few milliseconds whatever the collection size).
   */
  function watchCardCounts(): () => void {
    const viewer = Symbol('card-count viewer')
    countViewers.add(viewer)
    // After the first-launch seed, so the list never flashes empty before the seed appears.
    void initialize()
      .then(async () => {
        if (!countViewers.has(viewer)) {
          if (!loaded.value) await refresh()
          return
        }
        if (stopArticleQuery !== null) return
        stopArticleQuery = watchArticleSummaries(getDatabase(), showSummaries, (error) => {
          loaded.value = true
          reportFailure(`Your library could not be read: ${errorText(error)}`)
        })
        await watchCountsForToday().catch((error: unknown) => {
          if (latestCounts === null) showCounts(new Map())
          throw error
        })
      })
      .catch((error: unknown) => {
        loaded.value = true
        reportFailure(`Your library could not be read: ${errorText(error)}`)
      })
    return () => {
      if (!countViewers.delete(viewer)) return
      if (countViewers.size === 0) stopWatchingCardCounts()
    }
  }

  function stopWatchingCardCounts(): void {
    countViewers.clear()
    stopArticleQuery?.()
    stopArticleQuery = null
    stopCountsQuery?.()
    stopCountsQuery = null
    if (dayEndTimer !== null) clearTimeout(dayEndTimer)
    dayEndTimer = null
    latestCounts = null
    pendingSummaries = null
    listSequence++
  }

  /** Stops keeping card counts current (tests, or before switching databases). */
  function dispose(): void {
    stopWatchingCardCounts()
  }

  /**
   * Loads the list and, on first launch, adds the built-in article so a new user can start at
   * once. The `seededBuiltin` setting makes this happen only once: removing it is respected.
   */
  function initialize(): Promise<void> {
    initializing ??= (async () => {
      try {
        const db = getDatabase()
        const alreadySeeded = await getSetting(db, 'seededBuiltin')
        if (!alreadySeeded && (await countArticles(db)) === 0) {
          const result = await receiveFromMain(await window.api.loadBuiltinArticle())
          if (result.ok) {
            await addArticleRecord(db, result.value, Date.now())
            await setSetting(db, 'seededBuiltin', true)
            await afterArticleAdded(result.value.id)
          } else {
            reportFailure(
              `The built-in article could not be loaded: ${describeError(result.error)}`
            )
          }
        }
        // A watching view reads the list itself (with card counts) once this is done.
        if (countViewers.size === 0) await refresh()
      } catch (error) {
        // IndexedDB can be unavailable (disk full, a damaged profile): say so instead of spinning.
        loaded.value = true
        reportFailure(`Your library could not be opened: ${errorText(error)}`)
      }
    })()
    return initializing
  }

  function reportFailure(message: string): AddOutcome {
    lastError.value = message
    notifications.error(message)
    return { status: 'failed', message }
  }

  /**
   * Starts finding quotes and making cards in the background; the article view shows progress
   * and any failure, so adding never waits for it.
   */
  async function afterArticleAdded(articleId: string, article?: Article): Promise<void> {
    // Cancelling this first extraction takes the article out again: the import is undone.
    const options = { article, removeOnCancel: article !== undefined }
    void extraction.ensureExtracted(articleId, options).catch((error: unknown) => {
      notifications.error(`Quotes could not be found in this article: ${errorText(error)}`)
    })
  }

  /** Stores an article that loaded successfully. */
  async function addArticle(article: Article): Promise<AddOutcome> {
    // A long article is written by a worker: its write would hold the page for a long moment.
    const outcome = await storeArticle(getDatabase(), article, Date.now())
    lastError.value = null
    await refresh()
    if (outcome.added) await afterArticleAdded(article.id, article)
    return {
      status: outcome.added ? 'added' : 'existing',
      articleId: article.id,
      title: article.title
    }
  }

  /**
   * Runs one load call of the main process, showing its progress (pushed as `load-progress`
   * commands) until it answers. Cancel (`cancelLoad`) makes it answer CANCELLED.
   */
  async function withLoadProgress<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
    loadsInFlight += 1
    const unsubscribe = window.api.onMenuCommand((command) => {
      if (command.kind === 'load-progress' && !cancelRequested)
        loadProgress.value = command.progress
    })
    try {
      return await call()
    } finally {
      unsubscribe()
      loadsInFlight -= 1
      if (loadsInFlight === 0) {
        loadProgress.value = null
        cancelRequested = false
      }
    }
  }

  /**
   * Progress of a load the application menu started: the page did not ask for it, so it only
   * learns of it from this progress, and of its end from the `open-article` or `open-error`
   * command that follows (`endMenuLoad`).
   */
  function showMenuLoadProgress(progress: ArticleLoadProgress): void {
    if (loadsInFlight > 0 || cancelRequested) return
    menuLoadShown = true
    loadProgress.value = progress
  }

  /** The menu's load answered (its article or its failure arrived). */
  function endMenuLoad(): void {
    if (!menuLoadShown) return
    menuLoadShown = false
    cancelRequested = false
    if (loadsInFlight === 0) loadProgress.value = null
  }

  /** Cancel on the load progress bar: stops the loads under way; nothing is added. */
  async function cancelLoad(): Promise<void> {
    if (loadsInFlight === 0 && !menuLoadShown) return
    const name = loadProgress.value?.name
    // The menu's own failure message ("… was cancelled") follows for a load it started.
    const announce = loadsInFlight > 0
    cancelRequested = true
    loadProgress.value = null
    if ((await window.api.cancelArticleLoad()) && announce) {
      notifications.info(
        `Loading ${name === undefined ? 'the article' : `“${name}”`} was cancelled: nothing was added to your library.`
      )
    }
  }

  /** Adds the article of a successful load; a failure becomes a message and changes nothing. */
  async function addFromResult(packedResult: Result<PackedArticle | null>): Promise<AddOutcome> {
    const result = await receiveFromMain(packedResult)
    if (!result.ok) {
      if (result.error.code === 'CANCELLED') return { status: 'cancelled' }
      return reportFailure(describeError(result.error))
    }
    if (result.value === null) return { status: 'cancelled' }
    return addArticle(result.value)
  }

  /** File › Open…: shows the dialog and adds the chosen file. */
  async function openFromDialog(): Promise<AddOutcome> {
    const outcome = await addFromResult(
      await withLoadProgress(() => window.api.openArticleDialog())
    )
    if (outcome.status !== 'cancelled') void loadRecentFiles()
    return outcome
  }

  async function openRecent(path: string): Promise<AddOutcome> {
    const outcome = await addFromResult(
      await withLoadProgress(() => window.api.openRecentArticle(path))
    )
    void loadRecentFiles()
    return outcome
  }

  async function loadRecentFiles(): Promise<void> {
    recentFiles.value = await window.api.listRecentFiles()
  }

  /** A file dropped on the window: size-checked before it is read into memory. */
  async function importFile(file: File): Promise<AddOutcome> {
    if (file.size > maxArticleBytes) {
      return reportFailure(
        `“${file.name}” is ${formatMegabytes(file.size)}; articles can be at most 50 MB.`
      )
    }
    let bytes: Uint8Array
    try {
      bytes = new Uint8Array(await file.arrayBuffer())
    } catch {
      return reportFailure(`“${file.name}” could not be read.`)
    }
    return addFromResult(
      await withLoadProgress(() =>
        window.api.importDroppedFile({ name: file.name, size: file.size, bytes })
      )
    )
  }

  /** Builds an article from pasted text. */
  async function addFromText(text: string, title?: string): Promise<AddOutcome> {
    return addFromResult(await withLoadProgress(() => window.api.articleFromText(text, title)))
  }

  function openPasteDialog(text = ''): void {
    pasteDraft.value = text
  }

  function closePasteDialog(): void {
    pasteDraft.value = null
  }

  /** Removes an article and what was made from it, offering Undo. Review history is kept. */
  async function remove(articleId: string): Promise<RemovedArticleSnapshot | null> {
    const snapshot = await removeArticleRecords(getDatabase(), articleId)
    // Said as soon as it is done; the list follows (a watching view's live query is first).
    if (snapshot) {
      notifications.info(`Removed “${shortTitle(snapshot.article.title)}”.`, {
        action: { label: 'Undo', run: () => undoRemove(snapshot) }
      })
    }
    await refresh()
    return snapshot
  }

  async function undoRemove(snapshot: RemovedArticleSnapshot): Promise<void> {
    await restoreArticle(getDatabase(), snapshot)
    await refresh()
    notifications.info(`Restored “${shortTitle(snapshot.article.title)}”.`)
  }

  return {
    articles,
    loaded,
    lastError,
    recentFiles,
    pasteDraft,
    loadProgress,
    cancelLoad,
    showMenuLoadProgress,
    endMenuLoad,
    initialize,
    refresh,
    watchCardCounts,
    dispose,
    addArticle,
    addFromResult,
    openFromDialog,
    openRecent,
    loadRecentFiles,
    importFile,
    addFromText,
    openPasteDialog,
    closePasteDialog,
    remove,
    undoRemove
  }
})
