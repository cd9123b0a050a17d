import type { Article } from '../../../core/article/types'
import type { Extraction } from '../../../core/extract/types'
import type { ExtractRequest, ExtractResponse } from '../workers/extract-protocol'

/** Runs the extractor off the main thread when it can. */
export interface Extractor {
  extract(article: Article): Promise<Extraction>
  /** Whether the last extraction ran in a Web Worker (false: in the page's own thread). */
  readonly usedWorker: boolean
  dispose(): void
}

/** The minimal Worker surface the client uses (lets tests pass a fake). */
export interface WorkerLike {
  postMessage(message: ExtractRequest): void
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
      const request = pending.get(response.requestId)
      if (!request) return
      pending.delete(response.requestId)
      if (response.ok) request.resolve(response.extraction)
      else request.reject(new Error(response.message))
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
    dispose(): void {
      worker?.terminate()
      worker = null
      for (const request of pending.values()) request.reject(new Error('Extraction was cancelled.'))
      pending.clear()
    }
  }
}

let shared: Extractor | null = null

/** The app's shared extractor client. */
export function useExtractor(): Extractor {
  shared ??= createExtractor()
  return shared
}
