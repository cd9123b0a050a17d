/**
 * Big-article benchmark (part of `npm run bench`; needs `electron-vite build` first).
 *
 * Runs the e2e test of a 20 MB article to the end (QD_BIG_ARTICLE_FULL=1: every quote found and
 * every card stored, minutes on a 2-core machine) in headless Chromium, and prints what the page
 * measured: the longest time the window stopped answering (long tasks and gaps between animation
 * frames; target ≤ 100 ms) and how long until the article was shown and until its cards were
 * stored, as one line:
 *   `big article 20 MB: longest blocked … ms, shown after … s (…); quotes and … cards stored after … s`
 * The line comes from the test itself; this script only runs it and passes its lines on. It exits
 * non-zero when the test fails or printed no figure.
 *
 * Usage: `npx tsx tests/bench/bench-big-article.ts`
 */
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

const root = resolve(__dirname, '../..')
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'e2e', 'tests/e2e/big-article.e2e.test.ts', '-t', 'to the end'],
  {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, QD_BIG_ARTICLE_FULL: '1', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024
  }
)
// vitest colours its output even with FORCE_COLOR=0: strip the escapes before matching lines.
// eslint-disable-next-line no-control-regex -- the escape character is what is matched
const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}`.replace(/\u001b\[[0-9;]*m/gu, '')
const lines = output.split('\n').filter((line) => /^(big article|\s+tasks over)/u.test(line))
for (const line of lines) console.log(line)
if (lines.length === 0) {
  console.log('big article 20 MB: no figure printed; the test output follows')
  console.log(output)
}
process.exitCode = run.status === 0 && lines.length > 0 ? 0 : 1
