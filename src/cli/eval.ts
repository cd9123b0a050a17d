/**
 * `npm run eval [-- <corpus dir>] [--verbose]`: scores the extractor on the annotated corpus the
 * honest way. For every article, a model is fitted on all the other articles (its temperature and
 * threshold chosen by an inner leave-one-out) and scored on the one left out; the counts are
 * summed (micro-average). Prints a row per article, the total, a calibration table, and, labelled
 * as such, the scores of the rule pass alone and of the shipped model on its own training data.
 */
import { resolve } from 'node:path'
import { ATTRIBUTION_MODEL } from '../core/extract'
import { corpusDigest, DEFAULT_CORPUS, loadCorpus } from './corpus/dataset'
import { calibrationTable, crossValidate } from './corpus/cross-validate'
import { rulesOnlyModel, scoreWith, type ArticleResult } from './corpus/fit'
import { addCounts, emptyCounts, metricsOf, type ScoreCounts } from './corpus/score'
import { cliArgs, runCli } from './load'

const f3 = (x: number): string => x.toFixed(3)

function totalsLine(label: string, counts: ScoreCounts): string {
  const m = metricsOf(counts)
  return (
    `${label}: who-said P ${f3(m.whoSaidPrecision)} R ${f3(m.whoSaidRecall)} F1 ${f3(m.whoSaidF1)}` +
    ` | speaker acc ${f3(m.speakerAccuracy)} | figures P ${f3(m.figurePrecision)} R ${f3(m.figureRecall)}` +
    ` F1 ${f3(m.figureF1)} | scare quotes attributed ${counts.scareQuotesAttributed}`
  )
}

function sum(results: readonly ArticleResult[]): ScoreCounts {
  return results.reduce((c, r) => addCounts(c, r.counts), emptyCounts())
}

runCli(async (argv) => {
  const args = cliArgs(argv)
  const verbose = args.includes('--verbose')
  const dir = resolve(args.find((a) => !a.startsWith('--')) ?? DEFAULT_CORPUS)
  const started = Date.now()
  const articles = loadCorpus(dir)
  const results = crossValidate(articles, corpusDigest(dir))
  const out: string[] = [`leave-one-article-out cross-validation on ${dir}`]
  for (const r of results) {
    const c = r.counts
    out.push(
      `${r.slug}: who-said ${c.whoSaidTruePositives}/${c.goldQuotes} (+${c.whoSaidFalsePositives} false), ` +
        `spans ${c.spansFound}/${c.goldQuotes}, figures ${c.figuresFound}/${c.goldFigures} ` +
        `(${c.figuresPredicted - c.figuresPredictedRight} extra)`
    )
    if (verbose) for (const p of r.problems) out.push(`    ${p}`)
  }
  out.push('', ...calibrationTable(results), '')
  out.push(
    totalsLine(
      'rule pass alone (rules written while reading this corpus)',
      sum(articles.map((a) => scoreWith(a, rulesOnlyModel())))
    )
  )
  out.push(
    totalsLine(
      'TRAINING SET (shipped model, trained on these articles)',
      sum(articles.map((a) => scoreWith(a, ATTRIBUTION_MODEL)))
    )
  )
  out.push(totalsLine(`CROSS-VALIDATED TOTAL (${articles.length} articles)`, sum(results)))
  out.push(`(${((Date.now() - started) / 1000).toFixed(1)} s)`)
  process.stdout.write(`${out.join('\n')}\n`)
  return 0
})
