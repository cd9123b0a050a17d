// Electronegativity over src (the .ts/.tsx/.html it can read; it cannot read .vue files), with
// the Electron version of package.json. Prints the counts by severity and every finding, and
// fails when a HIGH or MEDIUM finding is left that no `eng-disable` comment explains at its line.
// AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK is left out: it fetches Electron's release list from the
// network, which CI here cannot reach.
import { readFileSync } from 'node:fs'
import run from '@doyensec/electronegativity'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const electronVersion = pkg.devDependencies.electron.replace(/^[^\d]*/u, '')
const input = process.argv[2] ?? 'src'

const result = await run({
  input,
  output: null,
  isSarif: false,
  customScan: null,
  excludeFromScan: ['availablesecurityfixesglobalcheck'],
  severitySet: null,
  confidenceSet: null,
  isRelative: true,
  electronVersionOverride: electronVersion,
  parserPlugins: []
})
const counts = { HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 }
for (const issue of result.issues) {
  const severity = issue.severity?.name ?? String(issue.severity)
  counts[severity] = (counts[severity] ?? 0) + 1
  console.log(
    `  ${severity} ${issue.id} ${issue.file}:${issue.location?.line ?? '?'} ${issue.description ?? ''}`
  )
}
for (const error of result.errors) console.log(`  could not parse ${error.file}: ${error.message}`)
console.log(
  `electronegativity (${input}, Electron ${electronVersion}): ${counts.HIGH} high, ${counts.MEDIUM} medium, ${counts.LOW} low, ${counts.INFORMATIONAL} informational, ${result.errors.length} files not parsed`
)
process.exitCode = counts.HIGH + counts.MEDIUM > 0 ? 1 : 0
