import {
  PACKED_PARAGRAPH_STRIDE,
  packParagraphAt,
  unpackParagraphs
} from '../../../core/article/paragraph-packing'
import type { Article } from '../../../core/article/types'
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
  /** `[start, end, kind]` per paragraph (`packParagraphs`); kind 1 is a heading, 0 body. */
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

/**
 * Items of an extraction's lists sent per message, so no one message takes long to receive: a
 * message of 4,000 quotes took 110–160 ms of the page's thread to deserialise.
 */
export const ITEMS_PER_CHUNK = 1000

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

/** Characters encoded per step of `articleToWire` (a millisecond or two of work). */
export const WIRE_STEP_CHARS = 1 << 16
/** Paragraphs packed per step of `articleToWire`. */
export const WIRE_STEP_PARAGRAPHS = 2048
/**
 * Longest run of packing steps before the page gets a turn: well under the 100 ms the window may
 * stall, whatever the machine's speed or load (a fixed slice size took 100 ms on a busy one).
 */
export const WIRE_BUDGET_MS = 8

/** Lets the page handle input between two runs of work. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** How `articleToWire` shares the page's thread (tests pass their own). */
export interface WirePacing {
  yieldToPage?: () => Promise<void>
  nowMs?: () => number
  budgetMs?: number
}

/**
 * Packs an article for the worker; resolves to the wire form and the buffers to transfer. The
 * text is encoded (and the paragraphs packed) in small steps, giving the page a turn whenever a
 * run of steps has taken `WIRE_BUDGET_MS`: encoding 20 MB at once holds the page's thread for a
 * quarter of a second or more, and posting the string itself is a single copy of 40 MB (UTF-16),
 * about as long.
 */
export async function articleToWire(
  article: Article,
  pacing: WirePacing = {}
): Promise<{ wire: ArticleWire; transfer: ArrayBuffer[] }> {
  const yieldToPage = pacing.yieldToPage ?? nextTask
  const nowMs = pacing.nowMs ?? ((): number => performance.now())
  const budgetMs = pacing.budgetMs ?? WIRE_BUDGET_MS
  let runStartMs = nowMs()
  const share = async (): Promise<void> => {
    if (nowMs() - runStartMs < budgetMs) return
    await yieldToPage()
    runStartMs = nowMs()
  }
  const { text, paragraphs, ...rest } = article
  const meta = JSON.parse(JSON.stringify(rest)) as ArticleWire['meta']
  const encoder = new TextEncoder()
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  const buffer = new Uint8Array(text.length * 3)
  let written = 0
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + WIRE_STEP_CHARS)
    // Never split a surrogate pair between two steps.
    const last = text.charCodeAt(end - 1)
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1
    written += encoder.encodeInto(text.slice(start, end), buffer.subarray(written)).written
    start = end
    if (start < text.length) await share()
  }
  const textBytes = buffer.buffer.slice(0, written)
  const count = paragraphs.length
  const paragraphData = new Int32Array(count * PACKED_PARAGRAPH_STRIDE)
  for (let index = 0; index < count; index += 1) {
    if (index > 0 && index % WIRE_STEP_PARAGRAPHS === 0) await share()
    packParagraphAt(paragraphData, index, paragraphs[index])
  }
  return {
    wire: { meta, textBytes, paragraphData },
    transfer: [textBytes, paragraphData.buffer as ArrayBuffer]
  }
}

/** Unpacks an article the page sent (`articleToWire`). */
export function articleFromWire(wire: ArticleWire): Article {
  const paragraphs = unpackParagraphs(wire.paragraphData)
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
