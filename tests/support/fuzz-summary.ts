/**
 * Adds up what the property tests measured under `npm run fuzz` (see `fuzz.ts`) and prints one
 * line: `fuzz: N inputs, N crashes, N hangs, N untyped errors`. Exits non-zero when a property is
 * missing, ran fewer than FUZZ_RUNS inputs, or found anything.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FuzzCounts } from './fuzz'

const dir = process.env.FUZZ_REPORT ?? 'out/fuzz'
const expected = ['loader', 'extractor-and-cards', 'fsrs']
const minimum = Number(process.env.FUZZ_RUNS ?? '1000')
const reports: FuzzCounts[] = existsSync(dir)
  ? readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as FuzzCounts)
  : []
let problems = 0
for (const name of expected) {
  const report = reports.find((candidate) => candidate.property.replace(/\W+/gu, '-') === name)
  if (report === undefined) {
    console.log(`fuzz: property ${name} wrote no report`)
    problems += 1
  } else {
    console.log(
      `  ${report.property}: ${report.inputs} inputs, ${report.crashes} crashes, ${report.hangs} hangs, ${report.untypedErrors} untyped errors`
    )
    if (report.inputs < minimum && report.crashes + report.untypedErrors === 0) {
      console.log(`fuzz: property ${name} ran only ${report.inputs} of ${minimum} inputs`)
      problems += 1
    }
  }
}
const total = (key: keyof Omit<FuzzCounts, 'property'>): number =>
  reports.reduce((sum, report) => sum + report[key], 0)
console.log(
  `fuzz: ${total('inputs')} inputs, ${total('crashes')} crashes, ${total('hangs')} hangs, ${total('untypedErrors')} untyped errors`
)
process.exitCode = problems + total('crashes') + total('hangs') + total('untypedErrors') > 0 ? 1 : 0
