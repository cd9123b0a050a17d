import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'

/**
 * Shared settings of the property tests. `npm test` runs each property a few dozen times (fast);
 * `npm run fuzz` sets FUZZ_RUNS (≥ 1,000) and FUZZ_REPORT, and each property then writes what it
 * measured there for `tests/support/fuzz-summary.ts` to add up.
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? '') || 60
/** Fixed seed, so every run tries the same inputs; FUZZ_SEED overrides it to explore. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? '') || 20261206
/** One input taking longer than this counts as a hang. */
export const HANG_MS = 2000
/**
 * Time one property may take in all. Each input may use up to HANG_MS, but the whole run is
 * bounded by what the run count needs on a loaded 2-core machine (~20 ms an input), so a
 * property is never failed by vitest's 5 s default only because `npm run fuzz` asked for more.
 */
export const FUZZ_TIMEOUT_MS = Math.max(30_000, FUZZ_RUNS * 20)

/** What one property measured. */
export interface FuzzCounts {
  property: string
  inputs: number
  crashes: number
  hangs: number
  untypedErrors: number
}

/** An exception the code under test threw (as opposed to a failed expectation about its output). */
export class UntypedError extends Error {}

/**
 * Counts inputs, hangs, crashes (failed expectations) and untyped errors (exceptions the code
 * under test threw) of one property; `report()` writes them for the fuzz summary.
 */
export function fuzzCounter(property: string): {
  check: <T>(body: (input: T) => void) => (input: T) => void
  report: () => FuzzCounts
} {
  const counts: FuzzCounts = { property, inputs: 0, crashes: 0, hangs: 0, untypedErrors: 0 }
  return {
    check:
      <T>(body: (input: T) => void) =>
      (input: T): void => {
        counts.inputs += 1
        const started = performance.now()
        try {
          body(input)
        } catch (error) {
          if (error instanceof UntypedError) counts.untypedErrors += 1
          else counts.crashes += 1
          throw error
        } finally {
          if (performance.now() - started > HANG_MS) counts.hangs += 1
        }
      },
    report: () => {
      const dir = process.env.FUZZ_REPORT
      if (dir !== undefined && dir !== '') {
        mkdirSync(dir, { recursive: true })
        const file = property.replace(/[^a-z0-9]+/giu, '-').toLowerCase()
        writeFileSync(join(dir, `${file}.json`), JSON.stringify(counts))
      }
      return counts
    }
  }
}

/** Runs `fn`, turning anything it throws into an `UntypedError` (a contract breach, not a typed result). */
export function callTyped<T>(fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    throw new UntypedError(`threw ${(error as Error)?.stack ?? String(error)}`)
  }
}

/** fast-check parameters every property uses. */
export function fuzzParameters(): fc.Parameters<unknown> {
  return { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true }
}

const WORDS = [
  'the',
  'mayor',
  'said',
  'council',
  'bridge',
  'will',
  'open',
  'in',
  'May',
  'Smith',
  'Jane',
  'told',
  'reporters',
  'on',
  'Monday',
  'it',
  'is',
  'not',
  'a',
  'plan',
  '$8',
  'billion',
  '40%',
  'three',
  'hours',
  '2023',
  'Dr',
  'Quist',
  'according',
  'to',
  'added',
  'we',
  'are',
  'ready'
]
const MARKS = ['“', '”', '"', "'", '‘', '’', '«', '»', '„']
const PUNCTUATION = ['.', ',', ':', ';', '—', '-', '?', '!', ' ', ' ', ' ', '\n', '\n\n']

/** Article-like text: words, names, figures, punctuation and (often unbalanced) quote marks. */
export const articleText = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
      { weight: 2, arbitrary: fc.constantFrom(...MARKS) },
      { weight: 3, arbitrary: fc.constantFrom(...PUNCTUATION) },
      { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }
    ),
    { minLength: 1, maxLength: 300 }
  )
  .map((parts) => parts.join(' ').replace(/ {2,}/gu, ' '))
