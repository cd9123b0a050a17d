/**
 * `npm run bench:extract`: extraction speed over the dev corpus (../shared/corpus/dev), repeated
 * until at least 1 MB of cleaned text, single-threaded. Prints MB/s and ms per article (median of
 * several runs) and the seed article's time. Targets: ≥ 3 MB/s, seed < 5 ms.
 *
 * The script runs bundled into one file by esbuild, as electron-vite bundles the core into the
 * renderer: run module by module through tsx's loader, the same code measures about 10% slower.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { cleanArticle } from '../../src/core/article/clean'
import type { Article } from '../../src/core/article/types'
import { extractArticle } from '../../src/core/extract'

// the bundle lives in out/bench/, the source in tests/bench/: both are two levels down
const ROOT = join(__dirname, '../..')
const CORPUS = join(ROOT, '../shared/corpus/dev')
const SEED = join(ROOT, 'resources/seed-article.txt')
const RUNS = 7
const TARGET_BYTES = 1024 * 1024

function clean(raw: string, name: string): Article {
  const result = cleanArticle({
    rawText: raw,
    source: { kind: 'file', path: name, fileName: name },
    encoding: 'utf-8'
  })
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
  return result.value
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function main(): void {
  const seed = clean(readFileSync(SEED, 'utf8'), 'seed-article.txt')
  const articles: Article[] = existsSync(CORPUS)
    ? readdirSync(CORPUS)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .map((f) => clean(readFileSync(join(CORPUS, f), 'utf8'), f))
    : [seed]
  const bytesOf = (a: Article): number => Buffer.byteLength(a.text, 'utf8')
  const batch: Article[] = []
  let bytes = 0
  while (bytes < TARGET_BYTES) {
    for (const a of articles) {
      batch.push(a)
      bytes += bytesOf(a)
    }
  }
  // warm-up: let the JIT see every code path once
  for (const a of articles) extractArticle(a)
  for (let i = 0; i < 50; i++) extractArticle(seed)

  const totals: number[] = []
  const cpuTotals: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    for (const a of batch) extractArticle(a)
    totals.push(performance.now() - t0)
    const cpu = process.cpuUsage(cpu0)
    cpuTotals.push((cpu.user + cpu.system) / 1000)
  }
  const seedTimes: number[] = []
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now()
    extractArticle(seed)
    seedTimes.push(performance.now() - t0)
  }
  const totalMs = median(totals)
  const cpuMs = median(cpuTotals)
  const mb = bytes / (1024 * 1024)
  const mbPerSecond = mb / (totalMs / 1000)
  const perArticle = totalMs / batch.length
  const seedMs = median(seedTimes)
  console.log(
    `corpus: ${articles.length} articles repeated to ${batch.length} (${mb.toFixed(2)} MB), ${RUNS} runs`
  )
  console.log(
    `median run: ${totalMs.toFixed(1)} ms -> ${mbPerSecond.toFixed(2)} MB/s (target >= 3)`
  )
  // on a shared, loaded machine wall time overstates the cost; CPU time is what the process used
  console.log(
    `median CPU time: ${cpuMs.toFixed(1)} ms -> ${(mb / (cpuMs / 1000)).toFixed(2)} MB/s of CPU time`
  )
  console.log(`per article: ${perArticle.toFixed(3)} ms (mean of a median run)`)
  console.log(
    `seed article (${bytesOf(seed)} bytes): median ${seedMs.toFixed(3)} ms over 200 runs (target < 5)`
  )
  console.log(`load average (1 min): ${loadavg()[0].toFixed(2)} on ${cpus().length} cores`)
}

main()
