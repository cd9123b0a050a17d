import { describe, expect, it, vi } from 'vitest'
import {
  defaultSchedulerSettings,
  MemoryState,
  newSchedulingState,
  Queue,
  type SchedulingState
} from '../../../src/core/scheduling'
import { estimateWorkload, type WorkloadInput } from '../../../src/core/scheduling/simulation'
import {
  createWorkloadEstimator,
  EstimatorDisposedError,
  type WorkloadWorker
} from '../../../src/renderer/src/composables/useWorkloadEstimator'
import {
  answerWorkloadRequest,
  type WorkloadRequest,
  type WorkloadResponse
} from '../../../src/renderer/src/workers/workload-protocol'

const DAY_MS = 86_400_000
const NOW_MS = Date.UTC(2026, 11, 7, 12)

function reviewCard(stability: number, lastReviewDaysAgo: number): SchedulingState {
  return {
    ...newSchedulingState(NOW_MS - 100 * DAY_MS),
    memoryState: MemoryState.Review,
    queue: Queue.Review,
    stability,
    difficulty: 5,
    reps: 4,
    lastReviewedAt: NOW_MS - lastReviewDaysAgo * DAY_MS,
    elapsedDays: 0,
    scheduledDays: 10,
    due: NOW_MS + 2 * DAY_MS
  }
}

const INPUT: WorkloadInput = {
  cards: Array.from({ length: 60 }, (_, i) => reviewCard(2 + (i % 20), i % 7)),
  newCardCount: 40,
  settings: { ...defaultSchedulerSettings },
  nowMs: NOW_MS,
  seed: 11,
  days: 60
}

/**
 * A worker in this thread: answers each message on a later task through the real protocol
 * (structured-cloning the request, as posting does), or fails to start when `failToStart`.
 */
function fakeWorker(options: { failToStart?: boolean } = {}): WorkloadWorker & {
  posted: WorkloadRequest[]
  terminated: boolean
} {
  const messageListeners: ((event: MessageEvent<WorkloadResponse>) => void)[] = []
  const errorListeners: ((event: Event) => void)[] = []
  const worker = {
    posted: [] as WorkloadRequest[],
    terminated: false,
    postMessage(message: WorkloadRequest): void {
      worker.posted.push(message)
      const copy = structuredClone(message)
      setTimeout(() => {
        if (worker.terminated) return
        if (options.failToStart) {
          for (const listener of errorListeners) listener(new Event('error'))
          return
        }
        const data = answerWorkloadRequest(copy)
        for (const listener of messageListeners)
          listener({ data } as MessageEvent<WorkloadResponse>)
      }, 0)
    },
    addEventListener(type: 'message' | 'error', listener: (event: never) => void): void {
      if (type === 'message') {
        messageListeners.push(listener as (event: MessageEvent<WorkloadResponse>) => void)
      } else errorListeners.push(listener as (event: Event) => void)
    },
    terminate(): void {
      worker.terminated = true
    }
  }
  return worker as unknown as WorkloadWorker & { posted: WorkloadRequest[]; terminated: boolean }
}

describe('createWorkloadEstimator', () => {
  it('estimates in the worker, the same figures as in this thread', async () => {
    const worker = fakeWorker()
    const inThread = vi.fn(estimateWorkload)
    const estimator = createWorkloadEstimator(() => worker, inThread)
    const estimate = await estimator.estimate(INPUT)
    expect(estimate).toEqual(estimateWorkload(INPUT))
    expect(estimate.reviewsPerDay).toBeGreaterThan(0)
    expect(worker.posted).toHaveLength(1)
    expect(inThread).not.toHaveBeenCalled()
  })

  it('answers each estimate with its own figures when several are under way', async () => {
    const estimator = createWorkloadEstimator(() => fakeWorker())
    const lower = { ...INPUT, settings: { ...INPUT.settings, desiredRetention: 0.8 } }
    const higher = { ...INPUT, settings: { ...INPUT.settings, desiredRetention: 0.97 } }
    const [atLower, atHigher] = await Promise.all([
      estimator.estimate(lower),
      estimator.estimate(higher)
    ])
    expect(atLower).toEqual(estimateWorkload(lower))
    expect(atHigher).toEqual(estimateWorkload(higher))
    expect(atHigher.reviewsPerDay).toBeGreaterThan(atLower.reviewsPerDay)
  })

  it('estimates in this thread where there are no workers, or the worker fails to start', async () => {
    const inThread = vi.fn(estimateWorkload)
    const noWorkers = createWorkloadEstimator(() => null, inThread)
    expect(await noWorkers.estimate(INPUT)).toEqual(estimateWorkload(INPUT))
    expect(inThread).toHaveBeenCalledTimes(1)

    const broken = fakeWorker({ failToStart: true })
    const failing = createWorkloadEstimator(() => broken, inThread)
    expect(await failing.estimate(INPUT)).toEqual(estimateWorkload(INPUT))
    expect(broken.terminated).toBe(true)
    // Once broken, later estimates go straight to this thread.
    await failing.estimate(INPUT)
    expect(broken.posted).toHaveLength(1)
    expect(inThread).toHaveBeenCalledTimes(3)
  })

  it('passes a failed simulation on as a rejection', async () => {
    const estimator = createWorkloadEstimator(() => fakeWorker())
    await expect(estimator.estimate({ ...INPUT, cards: null as never })).rejects.toThrow()
  })

  it('once disposed, stops the worker and rejects what was waiting and what comes after', async () => {
    const worker = fakeWorker()
    const estimator = createWorkloadEstimator(() => worker)
    const waiting = estimator.estimate(INPUT)
    estimator.dispose()
    await expect(waiting).rejects.toBeInstanceOf(EstimatorDisposedError)
    await expect(estimator.estimate(INPUT)).rejects.toBeInstanceOf(EstimatorDisposedError)
    expect(worker.terminated).toBe(true)
  })
})
