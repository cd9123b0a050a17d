import { onBeforeUnmount } from 'vue'
import {
  estimateWorkload,
  type WorkloadEstimate,
  type WorkloadInput
} from '../../../core/scheduling/simulation'
import type { WorkloadRequest, WorkloadResponse } from '../workers/workload-protocol'

/** The minimal Worker surface used here (lets tests pass a fake). */
export interface WorkloadWorker {
  postMessage(message: WorkloadRequest): void
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkloadResponse>) => void): void
  addEventListener(type: 'error', listener: (event: Event) => void): void
  terminate(): void
}

/** Estimates workloads off the page's thread while the owner lives. */
export interface WorkloadEstimator {
  /** Resolves to the estimate; rejects with `EstimatorDisposedError` once disposed. */
  estimate(input: WorkloadInput): Promise<WorkloadEstimate>
  /** Stops the worker: a simulation under way is abandoned, pending estimates reject. */
  dispose(): void
}

/** The estimator was disposed before the estimate came back (its view is gone). */
export class EstimatorDisposedError extends Error {
  constructor() {
    super('The workload estimator was disposed.')
    this.name = 'EstimatorDisposedError'
  }
}

function defaultCreateWorker(): WorkloadWorker | null {
  if (typeof Worker === 'undefined') return null
  try {
    return new Worker(new URL('../workers/workload.worker.ts', import.meta.url), {
      type: 'module'
    }) as unknown as WorkloadWorker
  } catch {
    return null
  }
}

interface Pending {
  input: WorkloadInput
  resolve: (estimate: WorkloadEstimate) => void
  reject: (error: Error) => void
}

/**
 * Runs `estimateWorkload` in a worker, started on the first estimate; where workers are missing
 * or the worker fails to start, in this thread instead (same result, the page just waits).
 */
export function createWorkloadEstimator(
  createWorker: () => WorkloadWorker | null = defaultCreateWorker,
  estimateInThread: (input: WorkloadInput) => WorkloadEstimate = estimateWorkload
): WorkloadEstimator {
  let worker: WorkloadWorker | null = null
  let workerBroken = false
  let disposed = false
  let nextRequestId = 1
  const pending = new Map<number, Pending>()

  function runInThread(job: Pending): void {
    try {
      job.resolve(estimateInThread(job.input))
    } catch (error) {
      job.reject(error instanceof Error ? error : new Error(String(error)))
    }
  }

  function startWorker(): WorkloadWorker | null {
    if (worker !== null || workerBroken) return worker
    worker = createWorker()
    if (worker === null) {
      workerBroken = true
      return null
    }
    worker.addEventListener('message', (event) => {
      const response = event.data
      const job = pending.get(response.requestId)
      if (job === undefined) return
      pending.delete(response.requestId)
      if (response.ok) job.resolve(response.estimate)
      else job.reject(new Error(response.message))
    })
    worker.addEventListener('error', () => {
      // The worker could not start (or died): every estimate waiting on it runs here instead.
      worker?.terminate()
      worker = null
      workerBroken = true
      const waiting = [...pending.values()]
      pending.clear()
      for (const job of waiting) runInThread(job)
    })
    return worker
  }

  return {
    estimate(input) {
      if (disposed) return Promise.reject(new EstimatorDisposedError())
      return new Promise<WorkloadEstimate>((resolve, reject) => {
        const job: Pending = { input, resolve, reject }
        const running = startWorker()
        if (running === null) {
          runInThread(job)
          return
        }
        const requestId = nextRequestId++
        pending.set(requestId, job)
        try {
          running.postMessage({ requestId, input })
        } catch {
          // Something in the input cannot be cloned for the worker: estimate here instead.
          pending.delete(requestId)
          runInThread(job)
        }
      })
    },
    dispose() {
      disposed = true
      worker?.terminate()
      worker = null
      const waiting = [...pending.values()]
      pending.clear()
      for (const job of waiting) job.reject(new EstimatorDisposedError())
    }
  }
}

/** The app's one estimator: its worker starts once and stays (see `useWorkloadEstimator`). */
let shared: WorkloadEstimator | null = null

/**
 * An estimator for a component, over the app's one worker: when the component unmounts, its
 * estimates still waiting reject with `EstimatorDisposedError`, and the worker lives on. Starting
 * and tearing down a worker at every visit of Settings cost the next view (on two cores) more
 * than the simulation it saved.
 */
export function useWorkloadEstimator(): WorkloadEstimator {
  shared ??= createWorkloadEstimator()
  const estimator = shared
  let disposed = false
  const waiting = new Set<(error: Error) => void>()
  const dispose = (): void => {
    disposed = true
    for (const reject of waiting) reject(new EstimatorDisposedError())
    waiting.clear()
  }
  onBeforeUnmount(dispose)
  return {
    estimate(input) {
      if (disposed) return Promise.reject(new EstimatorDisposedError())
      return new Promise<WorkloadEstimate>((resolve, reject) => {
        waiting.add(reject)
        estimator.estimate(input).then(
          (estimate) => {
            if (waiting.delete(reject)) resolve(estimate)
          },
          (error: Error) => {
            if (waiting.delete(reject)) reject(error)
          }
        )
      })
    },
    dispose
  }
}
