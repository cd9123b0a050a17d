/**
 * First half of `npm run bench`: time to generate the seed article's cards (generateCards only,
 * on an extraction made once), median and p95 over many runs after a warm-up.
 */
import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { loadBuiltinArticle } from '../../src/main/services/article-loader'
import { extractArticle } from '../../src/core/extract'
import { generateCards } from '../../src/core/cards'

const WARMUP_RUNS = 50
const MEASURED_RUNS = 500

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]
}

async function main(): Promise<void> {
  const loaded = await loadBuiltinArticle(resolve('resources'))
  if (!loaded.ok) throw new Error(`${loaded.error.code}: ${loaded.error.message}`)
  const article = loaded.value
  const extraction = extractArticle(article)

  let cardCount = 0
  for (let i = 0; i < WARMUP_RUNS; i++)
    cardCount = generateCards({ article, extraction }).cards.length
  const timesMs: number[] = []
  for (let i = 0; i < MEASURED_RUNS; i++) {
    const started = performance.now()
    generateCards({ article, extraction })
    timesMs.push(performance.now() - started)
  }
  timesMs.sort((a, b) => a - b)

  const withExtraction: number[] = []
  for (let i = 0; i < 50; i++) {
    const started = performance.now()
    generateCards({ article, extraction: extractArticle(article) })
    withExtraction.push(performance.now() - started)
  }
  withExtraction.sort((a, b) => a - b)

  const format = (ms: number): string => `${ms.toFixed(3)} ms`
  process.stdout.write(
    [
      `bench-cards: seed article "${article.title}" (${article.wordCount} words)`,
      `  ${extraction.quotes.length} quotes, ${extraction.figures.length} figures, ${extraction.speakers.length} speakers → ${cardCount} cards`,
      `  generateCards: median ${format(percentile(timesMs, 0.5))}, p95 ${format(percentile(timesMs, 0.95))} (${MEASURED_RUNS} runs)`,
      `  extract + generate: median ${format(percentile(withExtraction, 0.5))} (50 runs)`
    ].join('\n') + '\n'
  )
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-cards failed: ${(error as Error).message}\n`)
  process.exitCode = 1
})
