import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import {
  FSRS_PARAMETER_COUNT,
  MAX_OPTIMISER_REVIEWS,
  type OptimiseOutcome,
  type OptimiseProgress,
  type OptimiseRequest
} from '../../shared/fsrs-optimiser'
import { fail, ok, type Result } from '../../shared/result'

/** What the optimiser worker posts back. */
export type OptimiserWorkerMessage =
  | { type: 'progress'; progress: OptimiseProgress }
  | { type: 'done'; outcome: OptimiseOutcome }
  | { type: 'failed'; message: string }

/** The part of `Worker` the service uses (a fake in tests). */
export interface OptimiserWorker {
  on(event: 'message', listener: (message: OptimiserWorkerMessage) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  on(event: 'exit', listener: (code: number) => void): unknown
  terminate(): Promise<number>
}

/** What the optimiser service needs. */
export interface OptimiserServiceDeps {
  /** Starts a worker on a validated request; default `startOptimiserWorker`. */
  startWorker?: (request: OptimiseRequest) => OptimiserWorker
  /** Receives progress while a run lasts (the app pushes it to the window). */
  onProgress?: (progress: OptimiseProgress) => void
}

/** The optimiser call of `AppApi` (main side). */
export interface OptimiserServices {
  optimiseFsrs(request: unknown): Promise<Result<OptimiseOutcome>>
}

/** Largest whole-number study day accepted (±27,000 years around the origin). */
const MAX_ABS_DAY = 10_000_000

/**
 * The first thing wrong with an optimisation request as it arrived over IPC, in words, or null.
 * Checks shapes, lengths, whole numbers, grades 1–4, each card's days in order, and the
 * parameters (21 finite numbers or null).
 */
export function checkOptimiseRequest(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'The request must be an object.'
  const { history, currentParameters } = value as Record<string, unknown>
  if (typeof history !== 'object' || history === null) return 'The history must be an object.'
  const { cards, days, grades } = history as Record<string, unknown>
  if (!Array.isArray(cards) || !Array.isArray(days) || !Array.isArray(grades)) {
    return 'The history must have cards, days and grades arrays.'
  }
  if (cards.length !== days.length || cards.length !== grades.length) {
    return 'The history arrays must have the same length.'
  }
  if (cards.length > MAX_OPTIMISER_REVIEWS) {
    return `The history is too long (at most ${MAX_OPTIMISER_REVIEWS.toLocaleString('en')} reviews).`
  }
  const lastDayOfCard = new Map<number, number>()
  for (let i = 0; i < cards.length; i += 1) {
    const card: unknown = cards[i]
    const day: unknown = days[i]
    const grade: unknown = grades[i]
    if (typeof card !== 'number' || !Number.isSafeInteger(card) || card < 0) {
      return `Review ${i}: the card must be a whole number from 0.`
    }
    if (typeof day !== 'number' || !Number.isSafeInteger(day) || Math.abs(day) > MAX_ABS_DAY) {
      return `Review ${i}: the day must be a whole number.`
    }
    if (grade !== 1 && grade !== 2 && grade !== 3 && grade !== 4) {
      return `Review ${i}: the grade must be 1, 2, 3 or 4.`
    }
    const previous = lastDayOfCard.get(card)
    if (previous !== undefined && day < previous) {
      return `Review ${i}: each card's reviews must be in time order.`
    }
    lastDayOfCard.set(card, day)
  }
  if (currentParameters !== null) {
    if (
      !Array.isArray(currentParameters) ||
      currentParameters.length !== FSRS_PARAMETER_COUNT ||
      currentParameters.some((w) => typeof w !== 'number' || !Number.isFinite(w))
    ) {
      return `The current parameters must be ${FSRS_PARAMETER_COUNT} finite numbers or null.`
    }
  }
  return null
}

/**
 * Starts the optimiser worker. The built app runs out/main/fsrs-optimiser-worker.js (next to the
 * main bundle); from sources (tests, e2e harness, bench under tsx) the .ts entry is loaded
 * through tsx.
 */
export function startOptimiserWorker(request: OptimiseRequest): OptimiserWorker {
  const built = join(__dirname, 'fsrs-optimiser-worker.js')
  if (existsSync(built)) return new Worker(built, { workerData: request }) as OptimiserWorker
  const source = join(__dirname, 'fsrs-optimiser-worker.ts')
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)})`, {
    eval: true,
    workerData: request
  }) as OptimiserWorker
}

/** Builds the optimiser service: one run at a time, each in its own worker thread. */
export function createOptimiserServices(deps: OptimiserServiceDeps = {}): OptimiserServices {
  const startWorker = deps.startWorker ?? startOptimiserWorker
  let running = false

  function run(request: OptimiseRequest): Promise<Result<OptimiseOutcome>> {
    return new Promise((resolve) => {
      let settled = false
      const worker = startWorker(request)
      const settle = (result: Result<OptimiseOutcome>): void => {
        if (settled) return
        settled = true
        void worker.terminate()
        resolve(result)
      }
      const failed = (why: string): void => {
        // A worker ends (exit code 1) when terminated after its answer: nothing failed then.
        if (settled) return
        console.error('[quotedeck] FSRS optimisation failed:', why)
        settle(fail('INTERNAL', `The optimiser failed: ${why}. Your parameters did not change.`))
      }
      worker.on('message', (message) => {
        if (message.type === 'progress') deps.onProgress?.(message.progress)
        else if (message.type === 'done') settle(ok(message.outcome))
        else failed(message.message)
      })
      worker.on('error', (error) => failed(error.message))
      worker.on('exit', (code) => failed(`the worker stopped (exit code ${code})`))
    })
  }

  return {
    async optimiseFsrs(request: unknown): Promise<Result<OptimiseOutcome>> {
      const invalid = checkOptimiseRequest(request)
      if (invalid !== null) return fail('INVALID_ARGUMENT', invalid)
      if (running) return fail('CONFLICT', 'An optimisation is already running.')
      running = true
      try {
        const { history, currentParameters } = request as OptimiseRequest
        // Plain copies: only the fields the worker needs cross into it.
        return await run({
          history: { cards: history.cards, days: history.days, grades: history.grades },
          currentParameters
        })
      } finally {
        running = false
      }
    }
  }
}

/** Argument checks for the optimiser methods (used by `checkArguments`). */
export const optimiserArgumentRules = {
  optimiseFsrs: { maxArgs: 1, check: (args: readonly unknown[]) => checkOptimiseRequest(args[0]) }
}
