import { extractArticle } from '../../../core/extract'
import { extractAndStore } from '../db/extraction-job'
import { QuotedeckDatabase } from '../db/schema'
import { storageErrorMessage } from '../db/storage'
import {
  articleFromWire,
  chunkRecord,
  runExtractRequest,
  type ExtractRequest,
  type ExtractResponse,
  type StoreRequest
} from './extract-protocol'

/** The parts of the worker's global scope used here (the web project's types are the DOM's). */
interface WorkerScope {
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<ExtractRequest | StoreRequest>) => void
  ): void
  postMessage(message: ExtractResponse): void
}

// Extraction, card generation and their database writes run here so a long article never
// freezes the window: the page only receives the result, in chunks.
const scope = self as unknown as WorkerScope
const connections = new Map<string, QuotedeckDatabase>()

function databaseNamed(name: string): QuotedeckDatabase {
  let db = connections.get(name)
  if (!db) {
    db = new QuotedeckDatabase(name)
    // Another window upgrading the collection must not wait for this worker.
    db.on('versionchange', () => {
      db?.close()
      connections.delete(name)
    })
    connections.set(name, db)
  }
  return db
}

async function store(request: StoreRequest): Promise<void> {
  const { requestId } = request
  const startedAt = performance.now()
  try {
    const article = articleFromWire(request.article)
    const stored = await extractAndStore(databaseNamed(request.databaseName), article, {
      extract: extractArticle,
      extractorVersion: request.extractorVersion,
      nowMs: request.nowMs,
      onProgress: (step, fraction) =>
        scope.postMessage({ requestId, kind: 'progress', step, fraction })
    })
    const { head, chunks } = chunkRecord(stored.record)
    for (const chunk of chunks) scope.postMessage({ requestId, kind: 'chunk', ...chunk })
    scope.postMessage({
      requestId,
      kind: 'stored',
      record: head,
      counts: stored.counts,
      elapsedMs: performance.now() - startedAt
    })
  } catch (error) {
    const message =
      storageErrorMessage(error, 'save the quotes and cards') ??
      (error instanceof Error ? error.message : String(error))
    scope.postMessage({ requestId, ok: false, message })
  }
}

scope.addEventListener('message', (event) => {
  const request = event.data
  if (request.kind === 'extract-and-store') void store(request)
  else scope.postMessage(runExtractRequest(request, extractArticle, () => performance.now()))
})
