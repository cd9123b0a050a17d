import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cleanArticle } from '../../../src/core/article/clean'
import { extractArticle } from '../../../src/core/extract'
import {
  addCounts,
  emptyCounts,
  scoreArticle,
  type GoldArticle,
  type ScoreCounts
} from './score-helpers'

const CORPUS = join(__dirname, '../../../../shared/corpus/dev')
const present = existsSync(CORPUS)

function total(): ScoreCounts {
  let sum = emptyCounts()
  for (const file of readdirSync(CORPUS)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()) {
    const slug = file.replace(/\.gold\.json$/u, '')
    const gold = JSON.parse(readFileSync(join(CORPUS, file), 'utf8')) as GoldArticle
    const cleaned = cleanArticle({
      rawText: readFileSync(join(CORPUS, `${slug}.txt`), 'utf8'),
      source: { kind: 'file', path: slug, fileName: `${slug}.txt` },
      encoding: 'utf-8'
    })
    if (!cleaned.ok) throw new Error(cleaned.error.message)
    const x = extractArticle(cleaned.value)
    sum = addCounts(sum, scoreArticle(gold, x).counts)
  }
  return sum
}

describe.skipIf(!present)('dev corpus (../shared/corpus/dev) stays at or above target', () => {
  const t = present ? total() : null

  it('who-said F1 ≥ 0.95 and speaker accuracy ≥ 0.95', () => {
    if (!t) return
    const truePositives = t.whoSaidTruePositives
    const precision = truePositives / Math.max(1, truePositives + t.whoSaidFalsePositives)
    const recall = truePositives / Math.max(1, t.goldQuotes)
    const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall)
    expect(f1).toBeGreaterThanOrEqual(0.95)
    expect(truePositives / Math.max(1, t.spansFound)).toBeGreaterThanOrEqual(0.95)
  })

  it('attributes no scare quote', () => {
    expect(t?.scareQuotesAttributed).toBe(0)
  })

  it('figure F1 ≥ 0.93', () => {
    if (!t) return
    const precision = t.figuresPredictedRight / Math.max(1, t.figuresPredicted)
    const recall = t.figuresFound / Math.max(1, t.goldFigures)
    expect((2 * precision * recall) / (precision + recall)).toBeGreaterThanOrEqual(0.93)
  })
})
