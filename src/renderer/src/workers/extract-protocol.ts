import type { Article } from '../../../core/article/types'
import type { Extraction } from '../../../core/extract/types'

/**
 * Version of the extraction the app stores. Bump it whenever the extractor's output changes so
 * stored extractions are redone the next time their article is opened.
 */
export const EXTRACTOR_VERSION = 2

/** What the page sends the extraction worker. */
export interface ExtractRequest {
  requestId: number
  article: Article
}

/** What the worker answers: the extraction, or the failure in words. */
export type ExtractResponse =
  | { requestId: number; ok: true; extraction: Extraction; elapsedMs: number }
  | { requestId: number; ok: false; message: string }

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
