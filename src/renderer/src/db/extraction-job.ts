/**
 * Finding an article's quotes and making its cards, from the stored corrections to the committed
 * rows: the whole job the extraction worker runs (and the page runs itself when there is no
 * worker). The extraction, notes and cards are written in one transaction, so an import that is
 * cancelled (the worker terminated) or fails (a full disk) leaves nothing half-written.
 */
import type { Article } from '../../../core/article/types'
import { applyCorrections, generateCards } from '../../../core/cards'
import type { Extraction } from '../../../core/extract/types'
import { writeGeneratedCards, type SyncArticleCardsCounts } from './cards-repo'
import {
  listCorrections,
  listLibrarySpeakerNames,
  type VersionedExtractionRecord
} from './extractions-repo'
import type { QuotedeckDatabase } from './schema'

/** The job's steps, in order, as the progress bar names them. */
export type ExtractionStep = 'finding-quotes' | 'making-cards' | 'saving'

/** Told the step under way and how far the whole job is (0–1). */
export type ExtractionProgress = (step: ExtractionStep, fraction: number) => void

/** Share of the job done when each step starts (extraction takes most of the time). */
export const STEP_STARTS: Record<ExtractionStep, number> = {
  'finding-quotes': 0,
  'making-cards': 0.6,
  saving: 0.7
}

/** What the job stored. */
export interface StoredExtraction {
  record: VersionedExtractionRecord
  counts: SyncArticleCardsCounts
}

export interface ExtractAndStoreOptions {
  extract: (article: Article) => Extraction | Promise<Extraction>
  extractorVersion: number
  nowMs: number
  onProgress?: ExtractionProgress
  /** Checked between steps: true stops the job before anything is written. */
  cancelled?: () => boolean
}

/** Thrown when `cancelled()` said so; nothing was written. */
export class ExtractionCancelledError extends Error {
  constructor() {
    super('Cancelled.')
    this.name = 'ExtractionCancelledError'
  }
}

/**
 * Extracts `article`, applies the user's stored corrections (in the order they were made, as the
 * Article view does), generates the cards and stores extraction, notes and cards together.
 */
export async function extractAndStore(
  db: QuotedeckDatabase,
  article: Article,
  options: ExtractAndStoreOptions
): Promise<StoredExtraction> {
  const progress = options.onProgress ?? ((): void => undefined)
  const stopIfCancelled = (): void => {
    if (options.cancelled?.()) throw new ExtractionCancelledError()
  }
  progress('finding-quotes', STEP_STARTS['finding-quotes'])
  const [corrections, librarySpeakerNames] = await Promise.all([
    listCorrections(db, article.id),
    listLibrarySpeakerNames(db, article.id)
  ])
  stopIfCancelled()
  const extraction: Extraction = { ...(await options.extract(article)), articleId: article.id }
  stopIfCancelled()
  progress('making-cards', STEP_STARTS['making-cards'])
  const ordered = [...corrections].sort((a, b) => a.correctedAt - b.correctedAt)
  const generated = generateCards({
    article,
    extraction: applyCorrections(extraction, ordered),
    librarySpeakerNames
  })
  stopIfCancelled()
  progress('saving', STEP_STARTS.saving)
  const record: VersionedExtractionRecord = {
    ...extraction,
    extractedAt: options.nowMs,
    extractorVersion: options.extractorVersion
  }
  const savingShare = 1 - STEP_STARTS.saving
  const counts = await db.transaction(
    'rw',
    [db.articles, db.extractions, db.notes, db.cards, db.reviewLogs],
    async () => {
      // The article may have been removed while its quotes were being found: store nothing then.
      if ((await db.articles.where('id').equals(article.id).count()) === 0) {
        throw new Error('The article is no longer in the library.')
      }
      await db.extractions.put(record)
      return writeGeneratedCards(db, article.id, generated, options.nowMs, (written, total) =>
        progress('saving', STEP_STARTS.saving + (savingShare * written) / Math.max(1, total))
      )
    }
  )
  return { record, counts }
}
