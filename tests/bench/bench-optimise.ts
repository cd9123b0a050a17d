/**
 * `npm run bench` part: FSRS optimisation of synthetic histories of exactly 10,000 and 100,000
 * scheduled reviews, through the real optimiser service (worker thread, fsrs-rs binding): fit plus
 * both evaluations, wall clock from the call to the answer. The learner's memory follows known
 * parameters (lower initial stabilities than the defaults); the line after each size shows the
 * before/after evaluation on those reviews.
 */
import { performance } from 'node:perf_hooks'
import { defaultFsrsParameters } from '../../src/core/scheduling'
import { simulateReviewHistory } from '../../src/core/scheduling/simulation'
import { createOptimiserServices } from '../../src/main/services/fsrs-optimiser-service'

const SIZES = [10_000, 100_000]

function trueParameters(): number[] {
  const w = defaultFsrsParameters()
  w.splice(0, 4, 0.1, 0.5, 1.0, 4.0)
  return w
}

async function main(): Promise<void> {
  const services = createOptimiserServices()
  for (const size of SIZES) {
    const reviews = simulateReviewHistory({
      cardCount: Math.ceil(size / 8),
      days: 730,
      trueParameters: trueParameters(),
      seed: 2026,
      startMs: Date.UTC(2025, 0, 1, 4),
      maxReviews: size
    })
    if (reviews.length !== size) {
      throw new Error(`the simulation gave ${reviews.length} reviews, not ${size}`)
    }
    const started = performance.now()
    const result = await services.optimiseFsrs({
      history: {
        cards: reviews.map((r) => r.card),
        days: reviews.map((r) => r.day),
        grades: reviews.map((r) => r.grade)
      },
      currentParameters: null
    })
    const seconds = (performance.now() - started) / 1000
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
    const outcome = result.value
    console.log(`optimise: ${size.toLocaleString('en')} reviews in ${seconds.toFixed(2)} s`)
    if (outcome.before && outcome.after) {
      console.log(
        `  ${outcome.kind}, ${outcome.itemCount.toLocaleString('en')} items: log loss ` +
          `${outcome.before.logLoss.toFixed(4)} → ${outcome.after.logLoss.toFixed(4)}, ` +
          `RMSE(bins) ${outcome.before.rmseBins.toFixed(4)} → ${outcome.after.rmseBins.toFixed(4)}`
      )
    } else console.log(`  ${outcome.kind}`)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
