import { defineStore } from 'pinia'
import { ref, shallowRef, triggerRef } from 'vue'
import type { Article } from '../../../core/article/types'
import { restoreRemovedLine } from '../../../core/article/clean'
import { applyCorrections } from '../../../core/cards'
import type { Extraction, Quote, TextSpan } from '../../../core/extract/types'
import { fail, ok, type Result } from '../../../shared/result'
import { createExtractor, useExtractor, type Extractor } from '../composables/useExtractor'
import { getArticle } from '../db/articles-repo'
import { discardArticle } from '../db/article-store'
import { notifyArticleCardsChanged } from '../db/card-changes'
import { syncArticleCards } from '../db/cards-repo'
import { ExtractionCancelledError, type ExtractionStep } from '../db/extraction-job'
import {
  correctionId,
  deleteCorrection,
  getExtraction,
  listCorrections,
  listLibrarySpeakerNames,
  replaceArticleAndCorrections,
  saveCorrection,
  type VersionedExtractionRecord
} from '../db/extractions-repo'
import { getDatabase, type CorrectionRecord } from '../db/schema'
import { EXTRACTOR_VERSION } from '../workers/extract-protocol'

export { EXTRACTOR_VERSION }

/** Where an article's extraction stands, for the progress and error messages. */
export type ExtractionStatus =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'extracting'; step: ExtractionStep; fraction: number }
  | { state: 'ready' }
  | { state: 'cancelled' }
  | { state: 'error'; message: string }

/** How an extraction is started. */
export interface EnsureOptions {
  /** The article as just added (saves reading a long body back from the database). */
  article?: Article
  /**
   * The article was just added for this extraction: cancelling it removes the article again,
   * so the library is as it was before the import.
   */
  removeOnCancel?: boolean
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Moves corrections that stood at or after `offset` by `delta` characters. */
function shiftCorrections(
  corrections: CorrectionRecord[],
  articleId: string,
  offset: number,
  delta: number
): CorrectionRecord[] {
  return corrections.map((correction) => {
    if (correction.start < offset) return correction
    const start = correction.start + delta
    const end = correction.end + delta
    return { ...correction, id: correctionId(articleId, start, end), start, end }
  })
}

/**
 * The Article view's data: the stored article, its extraction (run in a worker when missing or
 * made by an older extractor), and the user's corrections, which are keyed by span so they
 * survive reloads and re-extraction. Every change is followed by a card sync.
 */
export const useExtractionStore = defineStore('extraction', () => {
  const articles = shallowRef<Record<string, Article>>({})
  const records = shallowRef<Record<string, VersionedExtractionRecord>>({})
  const corrections = shallowRef<Record<string, CorrectionRecord[]>>({})
  const statuses = ref<Record<string, ExtractionStatus>>({})
  /** The last card-sync failure per article, in words. */
  const cardSyncErrors = ref<Record<string, string>>({})
  const inFlight = new Map<string, Promise<Result<Extraction>>>()
  /** Running jobs' cancel functions, and whether cancelling removes the article. */
  const running = new Map<string, { cancel: () => void; removeOnCancel: boolean }>()
  let extractor: Extractor | null = null

  /** Replaces the extractor (tests run it in-thread with a fixed extraction function). */
  function setExtractor(next: Extractor | ((article: Article) => Extraction)): void {
    extractor =
      typeof next === 'function'
        ? createExtractor({ createWorker: () => null, extractInThread: next })
        : next
  }

  function setEntry<T>(
    target: typeof articles | typeof records | typeof corrections,
    id: string,
    value: T
  ): void {
    ;(target.value as Record<string, T>)[id] = value
    triggerRef(target)
  }

  function setStatus(articleId: string, status: ExtractionStatus): void {
    statuses.value[articleId] = status
  }

  function statusOf(articleId: string): ExtractionStatus {
    return statuses.value[articleId] ?? { state: 'idle' }
  }

  function articleFor(articleId: string): Article | null {
    return articles.value[articleId] ?? null
  }

  /** The stored extraction before corrections, or null. */
  function rawExtractionFor(articleId: string): Extraction | null {
    return records.value[articleId] ?? null
  }

  /** The extraction with the user's corrections applied, or null when there is none yet. */
  function extractionFor(articleId: string): Extraction | null {
    const record = records.value[articleId]
    if (!record) return null
    // Later corrections win when two match one quote, so they are applied in the order made.
    const ordered = [...correctionsFor(articleId)].sort((a, b) => a.correctedAt - b.correctedAt)
    return applyCorrections(record, ordered)
  }

  function correctionsFor(articleId: string): CorrectionRecord[] {
    return corrections.value[articleId] ?? []
  }

  /**
   * The stored quote a shown quote comes from, matched like corrections are: the same span, else
   * the one overlapping it most when the overlap covers most of both.
   */
  function matchingSpan<T extends TextSpan>(candidates: T[], span: TextSpan): T | null {
    const exact = candidates.find((c) => c.start === span.start && c.end === span.end)
    if (exact) return exact
    let best: T | null = null
    let bestShared = 0
    for (const candidate of candidates) {
      const shared = Math.min(candidate.end, span.end) - Math.max(candidate.start, span.start)
      const enough =
        shared * 2 > candidate.end - candidate.start && shared * 2 > span.end - span.start
      if (enough && shared > bestShared) {
        best = candidate
        bestShared = shared
      }
    }
    return best
  }

  /** The extractor's own version of a quote (before corrections), or null. */
  function originalQuote(articleId: string, quote: TextSpan): Quote | null {
    return matchingSpan(records.value[articleId]?.quotes ?? [], quote)
  }

  /** The user's correction that applies to a shown quote, or null. */
  function correctionForQuote(articleId: string, quote: TextSpan): CorrectionRecord | null {
    return matchingSpan(correctionsFor(articleId), quote)
  }

  /** Brings the article's cards in line with its (corrected) extraction. */
  async function syncCards(articleId: string): Promise<void> {
    const article = articles.value[articleId]
    const extraction = extractionFor(articleId)
    if (!article || !extraction) return
    try {
      const db = getDatabase()
      const librarySpeakerNames = await listLibrarySpeakerNames(db, articleId)
      await syncArticleCards(db, { article, extraction, librarySpeakerNames }, Date.now())
      delete cardSyncErrors.value[articleId]
    } catch (error) {
      cardSyncErrors.value[articleId] = `The cards could not be updated: ${errorText(error)}`
    }
  }

  /**
   * Finds the quotes and makes the cards in the extraction worker, which also stores them (one
   * transaction): the page's thread only receives the result. Progress goes to the status.
   */
  async function runExtraction(
    article: Article,
    removeOnCancel: boolean
  ): Promise<Result<Extraction>> {
    const articleId = article.id
    const db = getDatabase()
    setStatus(articleId, { state: 'extracting', step: 'finding-quotes', fraction: 0 })
    extractor ??= useExtractor()
    const job = extractor.extractAndStore(db, article, {
      nowMs: Date.now(),
      onProgress: (step, fraction) => {
        if (statusOf(articleId).state === 'extracting') {
          setStatus(articleId, { state: 'extracting', step, fraction })
        }
      }
    })
    running.set(articleId, { cancel: job.cancel, removeOnCancel })
    try {
      const stored = await job.promise
      setEntry(records, articleId, stored.record)
      delete cardSyncErrors.value[articleId]
      if (stored.counts.added > 0 || stored.counts.removed > 0) {
        notifyArticleCardsChanged(db, [articleId])
      }
    } catch (error) {
      if (error instanceof ExtractionCancelledError) {
        setStatus(articleId, { state: 'cancelled' })
        return fail('CANCELLED', 'Cancelled: nothing was added.')
      }
      const message = `Quotes could not be found in this article: ${errorText(error)}`
      setStatus(articleId, { state: 'error', message })
      return fail('INTERNAL', message)
    } finally {
      running.delete(articleId)
    }
    setStatus(articleId, { state: 'ready' })
    return ok(extractionFor(articleId) as Extraction)
  }

  /**
   * Stops the article's running extraction: nothing of it is stored. An article added for it
   * (an import) is removed again, so the library is as before. Resolves once that is done.
   */
  /** Whether cancelling the article's running extraction would remove the article (an import). */
  function isImporting(articleId: string): boolean {
    return running.get(articleId)?.removeOnCancel ?? false
  }

  async function cancelExtraction(articleId: string): Promise<void> {
    const job = running.get(articleId)
    if (!job) return
    job.cancel()
    if (job.removeOnCancel) {
      await discardArticle(getDatabase(), articleId)
      delete (articles.value as Record<string, Article>)[articleId]
      triggerRef(articles)
    }
  }

  async function ensure(
    articleId: string,
    force: boolean,
    options: EnsureOptions = {}
  ): Promise<Result<Extraction>> {
    const db = getDatabase()
    if (!articles.value[articleId] && statusOf(articleId).state === 'idle') {
      setStatus(articleId, { state: 'loading' })
    }
    let article: Article | null
    let stored: VersionedExtractionRecord | null
    try {
      article =
        options.article?.id === articleId ? options.article : await getArticle(db, articleId)
      stored = await getExtraction(db, articleId)
      setEntry(corrections, articleId, await listCorrections(db, articleId))
    } catch (error) {
      const message = `The article could not be read from the library: ${errorText(error)}`
      setStatus(articleId, { state: 'error', message })
      return fail('UNREADABLE', message)
    }
    if (!article) {
      setStatus(articleId, { state: 'error', message: 'This article is not in the library.' })
      return fail('NOT_FOUND', 'This article is not in the library.')
    }
    setEntry(articles, articleId, article)
    if (stored && stored.extractorVersion >= EXTRACTOR_VERSION && !force) {
      setEntry(records, articleId, stored)
      setStatus(articleId, { state: 'ready' })
      return ok(extractionFor(articleId) as Extraction)
    }
    return runExtraction(article, options.removeOnCancel ?? false)
  }

  /**
   * Loads an article and its extraction, extracting when none is stored or the stored one was
   * made by an older extractor. Concurrent calls for one article share the work.
   */
  function ensureExtracted(
    articleId: string,
    options: EnsureOptions = {}
  ): Promise<Result<Extraction>> {
    return track(articleId, () => ensure(articleId, false, options))
  }

  /** Extracts again even if a current extraction is stored (corrections are kept). */
  function reextract(articleId: string): Promise<Result<Extraction>> {
    return track(articleId, () => ensure(articleId, true))
  }

  function track(
    articleId: string,
    run: () => Promise<Result<Extraction>>
  ): Promise<Result<Extraction>> {
    const running = inFlight.get(articleId)
    if (running) return running
    const promise = run().finally(() => inFlight.delete(articleId))
    inFlight.set(articleId, promise)
    return promise
  }

  async function putCorrection(correction: CorrectionRecord): Promise<void> {
    const db = getDatabase()
    // A correction made before a re-extraction moved the quote's boundary is re-keyed to the
    // quote's current span rather than left beside the new one.
    const earlier = correctionForQuote(correction.articleId, correction)
    if (earlier && earlier.id !== correction.id) await deleteCorrection(db, earlier.id)
    await saveCorrection(db, correction)
    setEntry(corrections, correction.articleId, await listCorrections(db, correction.articleId))
    await syncCards(correction.articleId)
  }

  /**
   * Attributes the quote at `quote`'s span to `speakerId` (null: nobody named). Choosing what the
   * extractor said removes the correction instead of storing a no-op.
   */
  async function correctSpeaker(
    articleId: string,
    quote: TextSpan,
    speakerId: string | null
  ): Promise<void> {
    const original = originalQuote(articleId, quote)
    if (original && original.speaker === speakerId) {
      await undoCorrection(articleId, quote)
      return
    }
    await putCorrection({
      id: correctionId(articleId, quote.start, quote.end),
      articleId,
      start: quote.start,
      end: quote.end,
      kind: 'speaker',
      speakerId,
      correctedAt: Date.now()
    })
  }

  /** Marks the span as not a quote: it is no longer highlighted, counted or made into cards. */
  async function markNotQuote(articleId: string, quote: TextSpan): Promise<void> {
    await putCorrection({
      id: correctionId(articleId, quote.start, quote.end),
      articleId,
      start: quote.start,
      end: quote.end,
      kind: 'not-quote',
      speakerId: null,
      correctedAt: Date.now()
    })
  }

  /** Removes the user's correction of the span, going back to what the extractor found. */
  async function undoCorrection(articleId: string, quote: TextSpan): Promise<void> {
    const db = getDatabase()
    const correction = correctionForQuote(articleId, quote)
    if (!correction) return
    await deleteCorrection(db, correction.id)
    setEntry(corrections, articleId, await listCorrections(db, articleId))
    await syncCards(articleId)
  }

  /**
   * Puts removed line `index` back into the article, moves the corrections after it along with
   * the text, and extracts again.
   */
  async function restoreLine(articleId: string, index: number): Promise<Result<Extraction>> {
    const db = getDatabase()
    const article = await getArticle(db, articleId)
    if (!article) return fail('NOT_FOUND', 'This article is not in the library.')
    if (!article.removed[index]) return fail('INVALID_ARGUMENT', 'That line was already restored.')
    const restored: Article = { ...restoreRemovedLine(article, index), id: article.id }
    // The line comes back as a paragraph where it stood; the text before it is unchanged and
    // everything from that paragraph on moves by the restored length.
    const position = Math.min(
      Math.max(article.removed[index].beforeParagraph, 0),
      article.paragraphs.length
    )
    const offset = restored.paragraphs[position]?.start ?? article.text.length
    const delta = restored.text.length - article.text.length
    const moved = shiftCorrections(await listCorrections(db, articleId), articleId, offset, delta)
    try {
      await replaceArticleAndCorrections(db, restored, moved)
    } catch (error) {
      const message = `The line could not be restored: ${errorText(error)}`
      return fail('INTERNAL', message)
    }
    setEntry(articles, articleId, restored)
    setEntry(corrections, articleId, moved)
    return reextract(articleId)
  }

  return {
    statuses,
    cardSyncErrors,
    setExtractor,
    statusOf,
    articleFor,
    rawExtractionFor,
    extractionFor,
    correctionsFor,
    correctionForQuote,
    originalQuote,
    ensureExtracted,
    reextract,
    cancelExtraction,
    isImporting,
    correctSpeaker,
    markNotQuote,
    undoCorrection,
    restoreLine
  }
})
