/**
 * Article loading benchmark: `npx tsx tests/bench/bench-article.ts`. Loads the seed article and
 * large files made from it (UTF-8 and Windows-1252) through the real loader and prints timings.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { loadArticleFromPath } from '../../src/main/services/article-loader'

const RUNS = 3

async function timeLoad(label: string, path: string): Promise<void> {
  const timesMs: number[] = []
  let summary = ''
  for (let run = 0; run < RUNS; run++) {
    const startMs = performance.now()
    const result = await loadArticleFromPath(path)
    timesMs.push(performance.now() - startMs)
    summary = result.ok
      ? `${result.value.paragraphs.length} paragraphs, ${result.value.removed.length} removed, ${result.value.encoding}`
      : `${result.error.code}`
  }
  const medianMs = [...timesMs].sort((a, b) => a - b)[Math.floor(RUNS / 2)]
  console.log(`${label.padEnd(28)} median ${medianMs.toFixed(0).padStart(6)} ms  (${summary})`)
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'quotedeck-bench-article-'))
  try {
    const seedPath = join(__dirname, '../../resources/seed-article.txt')
    const seed = readFileSync(seedPath, 'utf8')
    const repeat = (targetBytes: number): string =>
      `${seed}\n`.repeat(Math.ceil(targetBytes / Buffer.byteLength(`${seed}\n`)))
    writeFileSync(join(dir, '1mb.txt'), repeat(1024 * 1024))
    writeFileSync(join(dir, '19mb.txt'), repeat(19 * 1024 * 1024))
    writeFileSync(join(dir, '5mb-1252.txt'), iconv.encode(repeat(5 * 1024 * 1024), 'windows-1252'))
    await timeLoad('seed (5 KB)', seedPath)
    await timeLoad('seed x 200 (1 MB UTF-8)', join(dir, '1mb.txt'))
    await timeLoad('seed x 3900 (19 MB UTF-8)', join(dir, '19mb.txt'))
    await timeLoad('5 MB Windows-1252', join(dir, '5mb-1252.txt'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()
