import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Article } from '../../../core/article/types'
import type { RecentFile } from '../../../shared/api'
import type { AppError, Result } from '../../../shared/result'
import {
  addArticle as addArticleRecord,
  countArticles,
  countCardsOfArticles,
  listArticleSummaries,
  removeArticle as removeArticleRecords,
  restoreArticle,
  watchArticleSummaries,
  type ArticleSummary,
  type RemovedArticleSnapshot
} from '../db/articles-repo'
import { onArticleCardsChanged } from '../db/card-changes'
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
  let initializing: Promise<void> | null = null
  /** Views showing the list with card counts now (the Library view while mounted). */
  const countViewers = new Set<symbol>()
  let stopCountListener: (() => void) | null = null
  let stopArticleQuery: (() => void) | null = null
  /** Numbers list reads so an older one that finishes late never overwrites a newer one. */
  let listSequence = 0
  /** Articles whose cards changed since the last full count began (it may have missed them). */
  const changedSinceCount = new Set<string>()

  /**
   * Re-reads the article list. Card counts are read too (one index range count per article, no
   * card is loaded) only while a view shows them; otherwise the last known counts are kept, and
   * the next view to show them reads them again.
   */
  async function refresh(): Promise<void> {
    const sequence = ++listSequence
    const withCardCounts = countViewers.size > 0
    if (withCardCounts) changedSinceCount.clear()
    const summaries = await listArticleSummaries(getDatabase(), { withCardCounts })
    if (sequence !== listSequence) return
    if (!withCardCounts) {
      const known = new Map(articles.value.map((article) => [article.id, article.cardCount]))
      for (const summary of summaries) summary.cardCount = known.get(summary.id) ?? 0
    }
    articles.value = summaries
    loaded.value = true
    if (withCardCounts) recountChangedSinceCount()
  }

  /**
   * Shows summaries the articles live query delivered, with every article's cards counted. A list
   * already shown is updated at once with the counts known so far, then again once counted.
   */
  async function showWithCounts(summaries: ArticleSummary[]): Promise<void> {
    const sequence = ++listSequence
    changedSinceCount.clear()
    if (loaded.value) {
      const known = new Map(articles.value.map((article) => [article.id, article.cardCount]))
      articles.value = summaries.map((summary) => ({
        ...summary,
        cardCount: known.get(summary.id) ?? 0
      }))
    }
    const counts = await countCardsOfArticles(
      getDatabase(),
      summaries.map((summary) => summary.id),
      { cancelled: () => sequence !== listSequence }
    )
    if (sequence !== listSequence) return
    for (const summary of summaries) summary.cardCount = counts.get(summary.id) ?? 0
    articles.value = summaries
    loaded.value = true
    recountChangedSinceCount()
  }

  /** A sync that committed while a full count was running may have been counted before it. */
  function recountChangedSinceCount(): void {
    if (changedSinceCount.size === 0) return
    const articleIds = [...changedSinceCount]
    changedSinceCount.clear()
    recountCards(articleIds).catch(() => {
      // The count stays as it was; the next time the Library is opened it is read again.
    })
  }

  /** Recounts the cards of the listed articles among `articleIds` (after a card sync). */
  async function recountCards(articleIds: readonly string[]): Promise<void> {
    const listed = new Set(articles.value.map((article) => article.id))
    const wanted = articleIds.filter((id) => listed.has(id))
    if (wanted.length === 0) return
    const counts = await countCardsOfArticles(getDatabase(), wanted)
    for (const article of articles.value) {
      const count = counts.get(article.id)
      if (count !== undefined) article.cardCount = count
    }
  }

  /**
   * Keeps the list and every article's `cardCount` current until the returned function is called
   * (the Library view calls this while mounted; cards are made in the background after an article
   * is added). It observes the articles table (a live query, which card writes never wake), counts
   * every article's cards when the list is read, and recounts only the articles whose cards a
   * sync, removal or restore added or deleted. Answering cards never recounts anything, and while
   * no view watches, nothing about cards is read or observed at all.
   */
  function watchCardCounts(): () => void {
    const viewer = Symbol('card-count viewer')
    countViewers.add(viewer)
    stopCountListener ??= onArticleCardsChanged((db, articleIds) => {
      if (db !== getDatabase()) return
      for (const articleId of articleIds) changedSinceCount.add(articleId)
      recountCards(articleIds).catch(() => {
        // The count stays as it was; the next time the Library is opened it is read again.
      })
    })
    // After the first-launch seed, so the list never flashes empty before the seed appears. The
    // query's first read also catches what changed while nobody watched (a line restored in the
    // article view, a contrast card made in a quiz).
    void initialize()
      .then(async () => {
        if (!countViewers.has(viewer)) {
          if (!loaded.value) await refresh()
          return
        }
        stopArticleQuery ??= watchArticleSummaries(
          getDatabase(),
          (summaries) => {
            showWithCounts(summaries).catch((error: unknown) => {
              reportFailure(`Your library could not be read: ${errorText(error)}`)
            })
          },
          (error) => {
            loaded.value = true
            reportFailure(`Your library could not be read: ${errorText(error)}`)
          }
        )
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
    stopCountListener?.()
    stopCountListener = null
    changedSinceCount.clear()
    stopArticleQuery?.()
    stopArticleQuery = null
    // A full count still running is no longer wanted.
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
          const result = await window.api.loadBuiltinArticle()
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
    const outcome = await addArticleRecord(getDatabase(), article, Date.now())
    lastError.value = null
    await refresh()
    if (outcome.added) await afterArticleAdded(article.id, article)
    return {
      status: outcome.added ? 'added' : 'existing',
      articleId: article.id,
      title: article.title
    }
  }

  /** Adds the article of a successful load; a failure becomes a message and changes nothing. */
  async function addFromResult(result: Result<Article | null>): Promise<AddOutcome> {
    if (!result.ok) {
      if (result.error.code === 'CANCELLED') return { status: 'cancelled' }
      return reportFailure(describeError(result.error))
    }
    if (result.value === null) return { status: 'cancelled' }
    return addArticle(result.value)
  }

  /** File › Open…: shows the dialog and adds the chosen file. */
  async function openFromDialog(): Promise<AddOutcome> {
    const outcome = await addFromResult(await window.api.openArticleDialog())
    if (outcome.status !== 'cancelled') void loadRecentFiles()
    return outcome
  }

  async function openRecent(path: string): Promise<AddOutcome> {
    const outcome = await addFromResult(await window.api.openRecentArticle(path))
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
      await window.api.importDroppedFile({ name: file.name, size: file.size, bytes })
    )
  }

  /** Builds an article from pasted text. */
  async function addFromText(text: string, title?: string): Promise<AddOutcome> {
    return addFromResult(await window.api.articleFromText(text, title))
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
    await refresh()
    if (snapshot) {
      notifications.info(`Removed “${shortTitle(snapshot.article.title)}”.`, {
        action: { label: 'Undo', run: () => undoRemove(snapshot) }
      })
    }
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
