import type { Article } from '../../../core/article/types'
import type { Extraction } from '../../../core/extract/types'
import {
  extractAndStore,
  ExtractionCancelledError,
  type ExtractionProgress,
  type StoredExtraction
} from '../db/extraction-job'
import type { QuotedeckDatabase } from '../db/schema'
import {
  articleToWire,
  EXTRACTOR_VERSION,
  type ExtractionListField,
  type ExtractRequest,
  type ExtractResponse,
  type StoreRequest
} from '../workers/extract-protocol'

/** A running extract-and-store job. */
export interface ExtractionJob {
  /** Resolves with what was stored; rejects with `ExtractionCancelledError` after `cancel()`. */
  promise: Promise<StoredExtraction>
  /**
   * Stops the job. In the worker this terminates it, which aborts its open transaction: nothing
   * of the job is stored. In the page's thread the job stops at its next step, before writing.
   */
  cancel(): void
}

/** Runs the extractor off the main thread when it can. */
export interface Extractor {
  extract(article: Article): Promise<Extraction>
  /**
   * Extracts, makes the cards and stores extraction, notes and cards in one transaction (see
   * `extractAndStore`), in the worker when there is one: the page's thread only receives the
   * result, in chunks.
   */
  extractAndStore(
    db: QuotedeckDatabase,
    article: Article,
    options: { nowMs: number; onProgress?: ExtractionProgress }
  ): ExtractionJob
  /** Whether the last extraction ran in a Web Worker (false: in the page's own thread). */
  readonly usedWorker: boolean
  dispose(): void
}

/** The minimal Worker surface the client uses (lets tests pass a fake). */
export interface WorkerLike {
  postMessage(message: ExtractRequest | StoreRequest, transfer?: Transferable[]): void
  addEventListener(type: 'message', listener: (event: MessageEvent<ExtractResponse>) => void): void
  addEventListener(type: 'error', listener: (event: Event) => void): void
  terminate(): void
}

export interface ExtractorOptions {
  /** Creates the worker; returns null when workers are unavailable. */
  createWorker?: () => WorkerLike | null
  /** Runs the extractor in this thread (the fallback). Loaded lazily by default. */
  extractInThread?: (article: Article) => Extraction | Promise<Extraction>
}

function defaultCreateWorker(): WorkerLike | null {
  if (typeof Worker === 'undefined') return null
  try {
    return new Worker(new URL('../workers/extract.worker.ts', import.meta.url), {
      type: 'module'
    }) as unknown as WorkerLike
  } catch {
    return null
  }
}

async function defaultExtractInThread(article: Article): Promise<Extraction> {
  const { extractArticle } = await import('../../../core/extract')
  return extractArticle(article)
}

/** Lets the page paint the progress message before a long in-thread run starts. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** A plain copy: reactive proxies cannot be posted to a worker. */
function plainArticle(article: Article): Article {
  return JSON.parse(JSON.stringify(article)) as Article
}

/**
 * Creates an extractor client. Requests go to one long-lived worker; when there is no `Worker`
 * (tests) or the worker fails to start, extraction runs in this thread instead.
 */
export function createExtractor(options: ExtractorOptions = {}): Extractor {
  const createWorker = options.createWorker ?? defaultCreateWorker
  const extractInThread = options.extractInThread ?? defaultExtractInThread
  let worker: WorkerLike | null = null
  let workerBroken = false
  let usedWorker = false
  let nextRequestId = 1
  const pending = new Map<
    number,
    { article: Article; resolve: (value: Extraction) => void; reject: (error: Error) => void }
  >()
  /** Store jobs the worker runs, by request id. */
  const storeJobs = new Map<number, StoreJobState>()

  interface StoreJobState {
    onProgress?: ExtractionProgress
    lists: Record<ExtractionListField, unknown[]>
    resolve: (value: StoredExtraction) => void
    reject: (error: Error) => void
    /** Runs the job in this thread instead (the worker failed to start). */
    fallback: () => void
  }

  /** Answers for store jobs: progress, chunks of the extraction, the end. */
  function onStoreMessage(response: ExtractResponse): boolean {
    const job = storeJobs.get(response.requestId)
    if (!job) return false
    if ('kind' in response && response.kind === 'progress') {
      job.onProgress?.(response.step, response.fraction)
    } else if ('kind' in response && response.kind === 'chunk') {
      const list = job.lists[response.field]
      for (const item of response.items) list.push(item)
    } else if ('kind' in response && response.kind === 'stored') {
      storeJobs.delete(response.requestId)
      job.resolve({
        record: {
          ...response.record,
          ...(job.lists as unknown as Pick<Extraction, ExtractionListField>)
        },
        counts: response.counts
      })
    } else if ('ok' in response && !response.ok) {
      storeJobs.delete(response.requestId)
      job.reject(new Error(response.message))
    }
    return true
  }

  function runStoreInThread(
    db: QuotedeckDatabase,
    article: Article,
    options: { nowMs: number; onProgress?: ExtractionProgress },
    isCancelled: () => boolean
  ): Promise<StoredExtraction> {
    usedWorker = false
    return nextTask().then(() =>
      extractAndStore(db, article, {
        extract: extractInThread,
        extractorVersion: EXTRACTOR_VERSION,
        nowMs: options.nowMs,
        onProgress: options.onProgress,
        cancelled: isCancelled
      })
    )
  }

  async function runInThread(article: Article): Promise<Extraction> {
    usedWorker = false
    await nextTask()
    return extractInThread(article)
  }

  function startWorker(): WorkerLike | null {
    if (worker || workerBroken) return worker
    worker = createWorker()
    if (!worker) {
      workerBroken = true
      return null
    }
    worker.addEventListener('message', (event) => {
      const response = event.data
      if (onStoreMessage(response)) return
      const request = pending.get(response.requestId)
      if (!request) return
      pending.delete(response.requestId)
      if ('ok' in response && response.ok) request.resolve(response.extraction)
      else if ('ok' in response) request.reject(new Error(response.message))
    })
    worker.addEventListener('error', () => {
      // The worker could not start (or crashed): finish what was waiting in this thread.
      workerBroken = true
      worker?.terminate()
      worker = null
      const waiting = [...pending.values()]
      pending.clear()
      for (const request of waiting) {
        runInThread(request.article).then(request.resolve, request.reject)
      }
      const jobs = [...storeJobs.values()]
      storeJobs.clear()
      for (const job of jobs) job.fallback()
    })
    return worker
  }

  return {
    get usedWorker() {
      return usedWorker
    },
    extract(article: Article): Promise<Extraction> {
      const active = startWorker()
      if (!active) return runInThread(article)
      usedWorker = true
      const requestId = nextRequestId++
      const plain = plainArticle(article)
      return new Promise<Extraction>((resolve, reject) => {
        pending.set(requestId, { article: plain, resolve, reject })
        active.postMessage({ requestId, article: plain })
      })
    },
    extractAndStore(db, article, options): ExtractionJob {
      let cancelled = false
      const active = startWorker()
      if (!active) {
        return {
          promise: runStoreInThread(db, article, options, () => cancelled),
          cancel: () => {
            cancelled = true
          }
        }
      }
      usedWorker = true
      const requestId = nextRequestId++
      const promise = new Promise<StoredExtraction>((resolve, reject) => {
        storeJobs.set(requestId, {
          onProgress: options.onProgress,
          lists: { speakers: [], quotes: [], figures: [] },
          resolve,
          reject,
          fallback: () => {
            runStoreInThread(db, article, options, () => cancelled).then(resolve, reject)
          }
        })
      })
      // Packed in slices (a 20 MB article is long to encode); meanwhile the job can be
      // cancelled, or the worker fail and the job fall back to this thread: then nothing is sent.
      articleToWire(article).then(
        ({ wire, transfer }) => {
          if (!storeJobs.has(requestId) || worker !== active) return
          active.postMessage(
            {
              kind: 'extract-and-store',
              requestId,
              databaseName: db.name,
              article: wire,
              nowMs: options.nowMs,
              extractorVersion: EXTRACTOR_VERSION
            },
            transfer
          )
        },
        (error: unknown) => {
          const job = storeJobs.get(requestId)
          if (!job) return
          storeJobs.delete(requestId)
          job.reject(error instanceof Error ? error : new Error(String(error)))
        }
      )
      return {
        promise,
        cancel: () => {
          cancelled = true
          const job = storeJobs.get(requestId)
          if (!job) return
          storeJobs.delete(requestId)
          // Terminating is the only way to stop a running extraction; it also aborts the job's
          // open transaction. Other requests on this worker are finished in this thread.
          const stopped = worker
          worker = null
          stopped?.terminate()
          const waiting = [...pending.values()]
          pending.clear()
          for (const request of waiting) {
            runInThread(request.article).then(request.resolve, request.reject)
          }
          const others = [...storeJobs.values()]
          storeJobs.clear()
          for (const other of others) other.fallback()
          job.reject(new ExtractionCancelledError())
        }
      }
    },
    dispose(): void {
      worker?.terminate()
      worker = null
      for (const request of pending.values()) request.reject(new Error('Extraction was cancelled.'))
      pending.clear()
      for (const job of storeJobs.values()) job.reject(new ExtractionCancelledError())
      storeJobs.clear()
    }
  }
}

let shared: Extractor | null = null

/** The app's shared extractor client. */
export function useExtractor(): Extractor {
  shared ??= createExtractor()
  return shared
}
