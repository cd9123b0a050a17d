/**
 * `npm run train [-- <corpus dir>]`: learns the attribution ranker from the annotated corpus
 * (default `../shared/corpus/dev`) and writes `src/core/extract/ranker/attribution-model.json`.
 * Deterministic: the same corpus gives the same file.
 */
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { corpusDigest, DEFAULT_CORPUS, loadCorpus } from './corpus/dataset'
import { fitModel } from './corpus/fit'
import { cliArgs, runCli } from './load'

/** Where the app loads its model from. */
export const MODEL_PATH = join(__dirname, '../core/extract/ranker/attribution-model.json')

runCli(async (argv) => {
  const args = cliArgs(argv)
  const dir = resolve(args[0] ?? DEFAULT_CORPUS)
  const started = Date.now()
  const articles = loadCorpus(dir)
  const model = fitModel(articles, corpusDigest(dir))
  writeFileSync(MODEL_PATH, `${JSON.stringify(model, null, 2)}\n`)
  const features = Object.keys(model.weights).length
  process.stdout.write(
    `trained on ${model.trainedOn.articles} articles, ${model.trainedOn.quotes} quotes: ` +
      `${features} weights, temperature ${model.temperature.toFixed(2)}, ` +
      `threshold ${model.threshold.toFixed(2)} (${Date.now() - started} ms) → ${MODEL_PATH}\n`
  )
  return 0
})
