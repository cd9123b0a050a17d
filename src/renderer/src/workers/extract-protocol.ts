import type { Article, Paragraph } from '../../../core/article/types'
import type { Extraction } from '../../../core/extract/types'
import type { SyncArticleCardsCounts } from '../db/cards-repo'
import type { ExtractionStep } from '../db/extraction-job'
import type { VersionedExtractionRecord } from '../db/extractions-repo'

/**
 * Version of the extraction the app stores. Bump it whenever the extractor's output changes so
 * stored extractions are redone the next time their article is opened.
 */
export const EXTRACTOR_VERSION = 2

/** What the page sends the extraction worker: extract only. */
export interface ExtractRequest {
  kind?: 'extract'
  requestId: number
  article: Article
}

/**
 * An article on its way to the worker: the text as UTF-8 bytes and the paragraphs as triples of
 * numbers, both in buffers that are transferred, not copied. Structured-cloning a 20 MB string and
 * a hundred thousand paragraph objects would hold the page's thread for a long moment.
 */
export interface ArticleWire {
  meta: Omit<Article, 'text' | 'paragraphs'>
  textBytes: ArrayBuffer
  /** `[start, end, kind]` per paragraph; kind 1 is a heading, 0 body. */
  paragraphData: Int32Array
}

/** Asks the worker to extract, make the cards and store everything (see `extractAndStore`). */
export interface StoreRequest {
  kind: 'extract-and-store'
  requestId: number
  /** The page's database, so the worker writes to the same one. */
  databaseName: string
  article: ArticleWire
  nowMs: number
  extractorVersion: number
}

/** Items of an extraction's lists sent per message, so no one message takes long to receive. */
export const ITEMS_PER_CHUNK = 4000

/** The list fields of an extraction, sent in chunks. */
export type ExtractionListField = 'speakers' | 'quotes' | 'figures'

/** What the worker answers. */
export type ExtractResponse =
  | { requestId: number; ok: true; extraction: Extraction; elapsedMs: number }
  | { requestId: number; ok: false; message: string }
  | { requestId: number; kind: 'progress'; step: ExtractionStep; fraction: number }
  | { requestId: number; kind: 'chunk'; field: ExtractionListField; items: unknown[] }
  | {
      requestId: number
      kind: 'stored'
      /** The record with its lists empty: they came in the chunks before this message. */
      record: VersionedExtractionRecord
      counts: SyncArticleCardsCounts
      elapsedMs: number
    }

/** Runs one request through `extract`, turning a thrown error into a failed response. */
export function runExtractRequest(
  request: ExtractRequest,
  extract: (article: Article) => Extraction,
  nowMs: () => number
): ExtractResponse {
  const startedAt = nowMs()
  try {
    const extraction = extract(request.article)
    return { requestId: request.requestId, ok: true, extraction, elapsedMs: nowMs() - startedAt }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { requestId: request.requestId, ok: false, message }
  }
}

/** Packs an article for the worker; returns the wire form and the buffers to transfer. */
export function articleToWire(article: Article): { wire: ArticleWire; transfer: ArrayBuffer[] } {
  const { text, paragraphs, ...rest } = article
  const meta = JSON.parse(JSON.stringify(rest)) as ArticleWire['meta']
  const textBytes = new TextEncoder().encode(text).buffer as ArrayBuffer
  const paragraphData = new Int32Array(paragraphs.length * 3)
  paragraphs.forEach((paragraph, index) => {
    paragraphData[index * 3] = paragraph.start
    paragraphData[index * 3 + 1] = paragraph.end
    paragraphData[index * 3 + 2] = paragraph.kind === 'heading' ? 1 : 0
  })
  return {
    wire: { meta, textBytes, paragraphData },
    transfer: [textBytes, paragraphData.buffer as ArrayBuffer]
  }
}

/** Unpacks an article the page sent (`articleToWire`). */
export function articleFromWire(wire: ArticleWire): Article {
  const paragraphs: Paragraph[] = []
  const data = wire.paragraphData
  for (let index = 0; index + 2 < data.length; index += 3) {
    paragraphs.push({
      start: data[index],
      end: data[index + 1],
      kind: data[index + 2] === 1 ? 'heading' : 'body'
    })
  }
  return { ...wire.meta, text: new TextDecoder().decode(wire.textBytes), paragraphs }
}

/** Splits an extraction's lists into chunk messages and the head (the record with empty lists). */
export function chunkRecord(record: VersionedExtractionRecord): {
  head: VersionedExtractionRecord
  chunks: { field: ExtractionListField; items: unknown[] }[]
} {
  const chunks: { field: ExtractionListField; items: unknown[] }[] = []
  for (const field of ['speakers', 'quotes', 'figures'] as const) {
    const list = record[field] as unknown[]
    for (let start = 0; start < list.length; start += ITEMS_PER_CHUNK) {
      chunks.push({ field, items: list.slice(start, start + ITEMS_PER_CHUNK) })
    }
  }
  return { head: { ...record, speakers: [], quotes: [], figures: [] }, chunks }
}
