import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import {
  checkOptimiseRequest,
  createOptimiserServices,
  type OptimiserWorker,
  type OptimiserWorkerMessage
} from '../../../src/main/services/fsrs-optimiser-service'
import { simulateReviewHistory } from '../../../src/core/scheduling/simulation'
import { defaultFsrsParameters } from '../../../src/core/scheduling'
import type { OptimiseProgress, OptimiseRequest } from '../../../src/shared/fsrs-optimiser'

const valid = (): OptimiseRequest => ({
  history: { cards: [0, 0, 1], days: [10, 12, 11], grades: [3, 1, 4] },
  currentParameters: null
})

describe('checkOptimiseRequest', () => {
  it('accepts a well-formed request, with or without parameters', () => {
    expect(checkOptimiseRequest(valid())).toBeNull()
    expect(checkOptimiseRequest({ ...valid(), currentParameters: defaultFsrsParameters() })).toBe(
      null
    )
  })

  it.each([
    ['not an object', 'x', /must be an object/],
    ['no history', { currentParameters: null }, /history must be an object/],
    ['missing arrays', { history: { cards: [] }, currentParameters: null }, /arrays/],
    [
      'lengths differ',
      { history: { cards: [0], days: [], grades: [3] }, currentParameters: null },
      /same length/
    ],
    [
      'negative card',
      { history: { cards: [-1], days: [0], grades: [3] }, currentParameters: null },
      /card must be a whole number/
    ],
    [
      'fractional day',
      { history: { cards: [0], days: [0.5], grades: [3] }, currentParameters: null },
      /day must be a whole number/
    ],
    [
      'grade 5',
      { history: { cards: [0], days: [0], grades: [5] }, currentParameters: null },
      /grade must be 1, 2, 3 or 4/
    ],
    [
      'string grade',
      { history: { cards: [0], days: [0], grades: ['3'] }, currentParameters: null },
      /grade/
    ],
    [
      'days out of order',
      { history: { cards: [0, 0], days: [5, 4], grades: [3, 3] }, currentParameters: null },
      /time order/
    ],
    ['parameters too short', { ...valid(), currentParameters: [1, 2, 3] }, /21 finite numbers/],
    [
      'parameters not finite',
      { ...valid(), currentParameters: [...defaultFsrsParameters().slice(1), Number.NaN] },
      /21 finite numbers/
    ],
    ['parameters missing', { history: valid().history }, /21 finite numbers/]
  ])('refuses %s', (_name, request, reason) => {
    expect(checkOptimiseRequest(request)).toMatch(reason)
  })
})

/** A fake worker the test drives by hand. */
function fakeWorker(): OptimiserWorker & { emit: EventEmitter['emit']; terminated: boolean } {
  const emitter = new EventEmitter()
  const worker = Object.assign(emitter, {
    terminated: false,
    terminate: async () => {
      worker.terminated = true
      return 0
    }
  })
  return worker as unknown as OptimiserWorker & { emit: EventEmitter['emit']; terminated: boolean }
}

describe('optimiser service', () => {
  it('refuses invalid requests before starting a worker', async () => {
    const startWorker = vi.fn()
    const services = createOptimiserServices({ startWorker })
    const result = await services.optimiseFsrs({ history: null })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(startWorker).not.toHaveBeenCalled()
  })

  it('forwards progress, resolves with the outcome, refuses a second run meanwhile', async () => {
    const worker = fakeWorker()
    const progress: OptimiseProgress[] = []
    const services = createOptimiserServices({
      startWorker: () => worker,
      onProgress: (p) => progress.push(p)
    })
    const running = services.optimiseFsrs(valid())
    expect(await services.optimiseFsrs(valid())).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' }
    })
    worker.emit('message', {
      type: 'progress',
      progress: { current: 1, total: 4 }
    } satisfies OptimiserWorkerMessage)
    const outcome = {
      kind: 'kept',
      reason: 'too-few-reviews',
      message: 'm',
      reviewCount: 3,
      itemCount: 1,
      elapsedMs: 1
    } as const
    worker.emit('message', { type: 'done', outcome } satisfies OptimiserWorkerMessage)
    expect(await running).toEqual({ ok: true, value: outcome })
    expect(progress).toEqual([{ current: 1, total: 4 }])
    expect(worker.terminated).toBe(true)
  })

  it('a crashed worker gives a typed INTERNAL failure, and the next run may start', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const worker = fakeWorker()
    const services = createOptimiserServices({ startWorker: () => worker })
    const running = services.optimiseFsrs(valid())
    worker.emit('exit', 1)
    expect(await running).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringMatching(/did not change/) }
    })
    const second = fakeWorker()
    const again = createOptimiserServices({ startWorker: () => second }).optimiseFsrs(valid())
    second.emit('message', { type: 'failed', message: 'boom' } satisfies OptimiserWorkerMessage)
    expect(await again).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it('runs the real binding in a worker thread, with progress', async () => {
    const reviews = simulateReviewHistory({
      cardCount: 300,
      days: 120,
      trueParameters: [0.1, 0.5, 1, 4, ...defaultFsrsParameters().slice(4)],
      seed: 42,
      startMs: Date.UTC(2026, 0, 5, 4)
    })
    const progress: OptimiseProgress[] = []
    const services = createOptimiserServices({ onProgress: (p) => progress.push(p) })
    const result = await services.optimiseFsrs({
      history: {
        cards: reviews.map((r) => r.card),
        days: reviews.map((r) => r.day),
        grades: reviews.map((r) => r.grade)
      },
      currentParameters: null
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.kind).toBe('improved')
    // Timed reports may or may not come before the end; the end always does.
    const last = progress.at(-1)
    expect(last !== undefined && last.current === last.total).toBe(true)
  }, 60_000)
})
