/**
 * The FSRS optimiser adapter: the ONLY module of the project that imports
 * `@open-spaced-repetition/binding` (napi-rs bindings to fsrs-rs). It runs inside the optimiser
 * worker thread (see fsrs-optimiser-worker.ts); the main thread never calls it directly, so a long
 * fit never stalls IPC.
 */
import {
  computeParameters,
  FSRSBinding,
  FSRSBindingItem,
  FSRSBindingReview,
  type ModelEvaluation
} from '@open-spaced-repetition/binding'
import {
  FSRS_PARAMETER_COUNT,
  MIN_OPTIMISER_ITEMS,
  forEachTrainingItem,
  type ModelMetrics,
  type OptimiseOutcome,
  type OptimiseProgress,
  type OptimiseRequest,
  type OptimiserHistory
} from '../../shared/fsrs-optimiser'

/** Options of one run. */
export interface OptimiseOptions {
  /** Called as fsrs-rs reports progress (at most every `progressIntervalMs`). */
  onProgress?: (progress: OptimiseProgress) => void
  /** fsrs-rs's progress poll interval, ms (its `timeout` option). */
  progressIntervalMs?: number
  /** Clock for `elapsedMs`. */
  nowMs?: () => number
}

/** The history as fsrs-rs items (see `forEachTrainingItem`). */
export function toBindingItems(history: OptimiserHistory): FSRSBindingItem[] {
  const items: FSRSBindingItem[] = []
  forEachTrainingItem(history, (grades, deltaDays) => {
    const reviews: FSRSBindingReview[] = []
    for (let i = 0; i < grades.length; i += 1) {
      reviews.push(new FSRSBindingReview(grades[i], deltaDays[i]))
    }
    items.push(new FSRSBindingItem(reviews))
  })
  return items
}

/** fsrs-rs's evaluation of one parameter set on the items (null parameters: its defaults). */
export function evaluateParameters(
  items: FSRSBindingItem[],
  parameters: number[] | null
): ModelMetrics {
  const model = parameters === null ? new FSRSBinding() : new FSRSBinding(parameters)
  const evaluation: ModelEvaluation = model.evaluate(items)
  return { logLoss: evaluation.logLoss, rmseBins: evaluation.rmseBins }
}

/**
 * The new parameters win only when they predict the user's own reviews better on both of
 * fsrs-rs's measures: lower RMSE(bins) (what Anki compares) and no higher log loss.
 */
export function isBetter(before: ModelMetrics, after: ModelMetrics): boolean {
  return after.rmseBins < before.rmseBins && after.logLoss <= before.logLoss
}

function percent(value: number): string {
  return `${(value * 100).toFixed(2)}%`
}

/**
 * Fits FSRS to a history and compares the fit with the current parameters on the same reviews.
 * Resolves with `improved` (new parameters, both evaluations) or `kept` and the reason in words.
 */
export async function optimiseParameters(
  request: OptimiseRequest,
  options: OptimiseOptions = {}
): Promise<OptimiseOutcome> {
  const nowMs = options.nowMs ?? Date.now
  const startedMs = nowMs()
  const reviewCount = request.history.grades.length
  const items = toBindingItems(request.history)
  const itemCount = items.length
  if (itemCount < MIN_OPTIMISER_ITEMS) {
    return {
      kind: 'kept',
      reason: 'too-few-reviews',
      message:
        `Optimising needs at least ${MIN_OPTIMISER_ITEMS} reviews of cards on a later day than ` +
        `their previous review; your history has ${itemCount} (of ${reviewCount} reviews). ` +
        `Study for a few more days (${MIN_OPTIMISER_ITEMS - itemCount} more such reviews) and try again.`,
      reviewCount,
      itemCount,
      itemsNeeded: MIN_OPTIMISER_ITEMS,
      elapsedMs: nowMs() - startedMs
    }
  }
  // fsrs-rs reports on a timer, so a quick fit may report nothing: the end is always reported.
  let lastTotal = 1
  const fitted = await computeParameters(items, {
    enableShortTerm: true,
    timeout: options.progressIntervalMs ?? 200,
    progress: (current, total) => {
      if (total > 0) lastTotal = total
      options.onProgress?.({ current, total })
    }
  })
  options.onProgress?.({ current: lastTotal, total: lastTotal })
  if (fitted.length !== FSRS_PARAMETER_COUNT || fitted.some((w) => !Number.isFinite(w))) {
    throw new Error(
      `fsrs-rs returned ${fitted.length} parameters, expected ${FSRS_PARAMETER_COUNT}`
    )
  }
  const before = evaluateParameters(items, request.currentParameters)
  const after = evaluateParameters(items, fitted)
  const elapsedMs = nowMs() - startedMs
  if (isBetter(before, after)) {
    return {
      kind: 'improved',
      parameters: fitted,
      before,
      after,
      reviewCount,
      itemCount,
      elapsedMs
    }
  }
  return {
    kind: 'kept',
    reason: 'not-better',
    message:
      `The fitted parameters would not predict your reviews better (RMSE ${percent(before.rmseBins)} ` +
      `now, ${percent(after.rmseBins)} fitted; log loss ${before.logLoss.toFixed(4)} now, ` +
      `${after.logLoss.toFixed(4)} fitted), so your current parameters stay. This is normal when ` +
      'they already suit you; try again after more reviews.',
    reviewCount,
    itemCount,
    before,
    after,
    elapsedMs
  }
}
