import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cleanArticle } from '../../../src/core/article/clean'
import { extractArticle } from '../../../src/core/extract'
import { scoreArticle, type Counts, type Gold } from './corpus-score'

const CORPUS = join(__dirname, '../../../../shared/corpus/dev')
const present = existsSync(CORPUS)

function total(): Counts {
  const sum: Counts = {
    goldQuotes: 0,
    spanFound: 0,
    truePositives: 0,
    falseAttributions: 0,
    scareAttributed: 0,
    goldFigures: 0,
    figuresFound: 0,
    figuresPredicted: 0,
    figuresRight: 0
  }
  for (const file of readdirSync(CORPUS)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()) {
    const slug = file.replace(/\.gold\.json$/u, '')
    const gold = JSON.parse(readFileSync(join(CORPUS, file), 'utf8')) as Gold
    const cleaned = cleanArticle({
      rawText: readFileSync(join(CORPUS, `${slug}.txt`), 'utf8'),
      source: { kind: 'file', path: slug, fileName: `${slug}.txt` },
      encoding: 'utf-8'
    })
    if (!cleaned.ok) throw new Error(cleaned.error.message)
    const x = extractArticle(cleaned.value)
    const counts = scoreArticle(gold, x)
    for (const key of Object.keys(sum) as (keyof Counts)[]) sum[key] += counts[key]
  }
  return sum
}

describe.skipIf(!present)('dev corpus (../shared/corpus/dev) stays at or above target', () => {
  const t = present ? total() : null

  it('who-said F1 ≥ 0.95 and speaker accuracy ≥ 0.95', () => {
    if (!t) return
    const precision = t.truePositives / Math.max(1, t.truePositives + t.falseAttributions)
    const recall = t.truePositives / Math.max(1, t.goldQuotes)
    const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall)
    expect(f1).toBeGreaterThanOrEqual(0.95)
    expect(t.truePositives / Math.max(1, t.spanFound)).toBeGreaterThanOrEqual(0.95)
  })

  it('attributes no scare quote', () => {
    expect(t?.scareAttributed).toBe(0)
  })

  it('figure F1 ≥ 0.93', () => {
    if (!t) return
    const precision = t.figuresRight / Math.max(1, t.figuresPredicted)
    const recall = t.figuresFound / Math.max(1, t.goldFigures)
    expect((2 * precision * recall) / (precision + recall)).toBeGreaterThanOrEqual(0.93)
  })
})
