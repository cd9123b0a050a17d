import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Article, ArticleSource } from '../../core/article/types'
import {
  LOAD_STAGE_FRACTION,
  type ArticleLoadProgress,
  type ArticleLoadStage
} from '../../shared/article-load'
import { fail, type Result } from '../../shared/result'
import { articleFromText, loadArticleFromBytes } from './article-loader'

/**
 * Inputs up to this size are decoded and cleaned inline: starting a worker thread costs more than
 * cleaning them (a few milliseconds), and above it cleaning would hold the main process, and with
 * it the window's menus and every other call, for longer than the 100 ms the window may stall.
 */
export const INLINE_LOAD_MAX_BYTES = 512 * 1024

/** One input for the worker thread. */
export type ArticleLoadJob =
  | { kind: 'bytes'; fileName: string; bytes: Uint8Array; source: ArticleSource }
  | { kind: 'text'; text: string; title?: string }

/** What the loader's worker thread posts back. */
export type ArticleLoadWorkerMessage =
  { type: 'stage'; stage: ArticleLoadStage } | { type: 'done'; result: Result<Article> }

/** The part of `Worker` the service uses (a fake in tests). */
export interface ArticleLoadWorker {
  on(event: 'message', listener: (message: ArticleLoadWorkerMessage) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  on(event: 'exit', listener: (code: number) => void): unknown
  terminate(): Promise<number>
}

/** What the load service needs. */
export interface ArticleLoadServiceDeps {
  /** Starts a worker thread on a job; default `startArticleLoadWorker`. */
  startWorker?: (job: ArticleLoadJob) => ArticleLoadWorker
  /** Hears the progress of loads that run in a worker (the app pushes it to the window). */
  onProgress?: (progress: ArticleLoadProgress) => void
  /** Largest input cleaned inline, in bytes (UTF-16 code units count two); default 512 KB. */
  inlineMaxBytes?: number
}

/** Loads articles, big ones in a worker thread, and cancels the loads under way. */
export interface ArticleLoadService {
  /** A file's bytes to an article (`loadArticleFromBytes`). Never rejects. */
  loadBytes(fileName: string, bytes: Uint8Array, source: ArticleSource): Promise<Result<Article>>
  /** A pasted text to an article (`articleFromText`). Never rejects. */
  loadText(text: string, title?: string): Promise<Result<Article>>
  /**
   * Stops every load running in a worker: each resolves with a `CANCELLED` failure. Returns
   * whether one was running (an inline load is too short to cancel).
   */
  cancelAll(): boolean
}

/**
 * Starts the loader's worker thread. The built app runs out/main/article-load-worker.js (next to
 * the main bundle); from sources (tests, e2e harness, bench under tsx) the .ts entry is loaded
 * through tsx. The bytes are copied once into a buffer the worker then owns (transferred, not
 * cloned again).
 */
export function startArticleLoadWorker(job: ArticleLoadJob): ArticleLoadWorker {
  let workerData: ArticleLoadJob = job
  const transferList: ArrayBuffer[] = []
  if (job.kind === 'bytes') {
    const own = new Uint8Array(job.bytes)
    transferList.push(own.buffer)
    workerData = { ...job, bytes: own }
  }
  const built = join(__dirname, 'article-load-worker.js')
  if (existsSync(built)) {
    return new Worker(built, { workerData, transferList }) as ArticleLoadWorker
  }
  const source = join(__dirname, 'article-load-worker.ts')
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)})`, {
    eval: true,
    workerData,
    transferList
  }) as ArticleLoadWorker
}

/** Builds the load service: inputs above `inlineMaxBytes` are cleaned in their own worker. */
export function createArticleLoadService(deps: ArticleLoadServiceDeps = {}): ArticleLoadService {
  const startWorker = deps.startWorker ?? startArticleLoadWorker
  const inlineMaxBytes = deps.inlineMaxBytes ?? INLINE_LOAD_MAX_BYTES
  /** Cancels each running worker load (resolves it with CANCELLED and ends its thread). */
  const running = new Set<() => void>()

  function inWorker(job: ArticleLoadJob, name: string): Promise<Result<Article>> {
    return new Promise((resolve) => {
      let settled = false
      let worker: ArticleLoadWorker
      const report = (stage: ArticleLoadStage): void => {
        deps.onProgress?.({ name, stage, fraction: LOAD_STAGE_FRACTION[stage] })
      }
      const settle = (result: Result<Article>): void => {
        if (settled) return
        settled = true
        running.delete(cancel)
        void worker.terminate()
        resolve(result)
      }
      const failed = (why: string): void => {
        // A worker ends (exit code 1) when terminated after its answer: nothing failed then.
        if (settled) return
        console.error('[quotedeck] loading an article in the worker failed:', why)
        settle(fail('INTERNAL', `“${name}” could not be read: ${why}.`))
      }
      const cancel = (): void => settle(fail('CANCELLED', `Loading “${name}” was cancelled.`))
      try {
        worker = startWorker(job)
      } catch (error) {
        resolve(fail('INTERNAL', `“${name}” could not be read: ${(error as Error).message}.`))
        return
      }
      running.add(cancel)
      report('reading')
      worker.on('message', (message) => {
        if (settled) return
        if (message.type === 'stage') report(message.stage)
        else settle(message.result)
      })
      worker.on('error', (error) => failed(error.message))
      worker.on('exit', (code) => failed(`the worker stopped (exit code ${code})`))
    })
  }

  return {
    async loadBytes(fileName, bytes, source) {
      if (bytes.byteLength <= inlineMaxBytes) return loadArticleFromBytes(fileName, bytes, source)
      return inWorker({ kind: 'bytes', fileName, bytes, source }, fileName)
    },
    async loadText(text, title) {
      if (text.length * 2 <= inlineMaxBytes) return articleFromText(text, title)
      return inWorker({ kind: 'text', text, title }, 'Pasted text')
    },
    cancelAll() {
      const cancels = [...running]
      for (const cancel of cancels) cancel()
      return cancels.length > 0
    }
  }
}
