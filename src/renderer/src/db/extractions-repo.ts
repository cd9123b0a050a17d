import type { Article } from '../../../core/article/types'
import type { Extraction } from '../../../core/extract/types'
import type { CorrectionRecord, ExtractionRecord, QuotedeckDatabase } from './schema'

/** A stored extraction plus the version of the extractor that made it. */
export interface VersionedExtractionRecord extends ExtractionRecord {
  /** Older records (written before versions were kept) read as version 0. */
  extractorVersion: number
}

/** The key a correction is stored under: the quote's span, so it survives re-extraction. */
export function correctionId(articleId: string, start: number, end: number): string {
  return `${articleId}:${start}-${end}`
}

/** Stores (replacing) the extraction of an article. */
export async function saveExtraction(
  db: QuotedeckDatabase,
  extraction: Extraction,
  extractorVersion: number,
  extractedAt: number
): Promise<VersionedExtractionRecord> {
  const record: VersionedExtractionRecord = { ...extraction, extractedAt, extractorVersion }
  await db.extractions.put(record)
  return record
}

/** The stored extraction of an article (before corrections), or null when there is none. */
export async function getExtraction(
  db: QuotedeckDatabase,
  articleId: string
): Promise<VersionedExtractionRecord | null> {
  const record = await db.extractions.get(articleId)
  if (!record) return null
  const version = (record as Partial<VersionedExtractionRecord>).extractorVersion
  return { ...record, extractorVersion: typeof version === 'number' ? version : 0 }
}

/**
 * Names of the speakers of every stored extraction except `exceptArticleId`'s, each once
 * (distractors for an article's who-said cards).
 */
export async function listLibrarySpeakerNames(
  db: QuotedeckDatabase,
  exceptArticleId?: string
): Promise<string[]> {
  const names = new Set<string>()
  await db.extractions.each((record) => {
    if (record.articleId === exceptArticleId) return
    for (const speaker of record.speakers) names.add(speaker.name)
  })
  return [...names].sort((a, b) => a.localeCompare(b))
}

/** The user's corrections for an article, in text order. */
export async function listCorrections(
  db: QuotedeckDatabase,
  articleId: string
): Promise<CorrectionRecord[]> {
  const records = await db.corrections.where('articleId').equals(articleId).toArray()
  return records.sort((a, b) => a.start - b.start || a.end - b.end)
}

/** Stores a correction, replacing any earlier correction of the same span. */
export async function saveCorrection(
  db: QuotedeckDatabase,
  correction: CorrectionRecord
): Promise<void> {
  await db.corrections.put(correction)
}

/** Deletes one correction by id; deleting a missing id is not an error. */
export async function deleteCorrection(db: QuotedeckDatabase, id: string): Promise<void> {
  await db.corrections.delete(id)
}

/**
 * Replaces an article's stored record (keeping when it was added) together with its corrections,
 * in one transaction, so a restored line never leaves corrections pointing at the old offsets.
 */
export async function replaceArticleAndCorrections(
  db: QuotedeckDatabase,
  article: Article,
  corrections: CorrectionRecord[]
): Promise<void> {
  await db.transaction('rw', [db.articles, db.corrections], async () => {
    const existing = await db.articles.get(article.id)
    await db.articles.put({ ...article, addedAt: existing?.addedAt ?? 0 })
    await db.corrections.where('articleId').equals(article.id).delete()
    if (corrections.length > 0) await db.corrections.bulkPut(corrections)
  })
}
