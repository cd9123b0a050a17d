import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cleanArticle } from '../../../src/core/article/clean'
import { extractArticle } from '../../../src/core/extract'
import {
  addCounts,
  emptyCounts,
  metricsOf,
  scoreArticle,
  type GoldArticle,
  type ScoreDetails
} from './score-helpers'

/** Minimum metrics a held-out set must keep; each is a measured value rounded down. */
export interface HeldoutFloors {
  whoSaidF1: number
  speakerAccuracy: number
  figureF1: number
}

/** The slugs of a fixture directory's gold-annotated articles (`<slug>.gold.json`), sorted. */
export function heldoutSlugs(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.gold.json'))
    .map((f) => f.replace(/\.gold\.json$/, ''))
    .sort()
}

/** Cleans, extracts and scores one article of a fixture directory. */
export function scoreHeldoutArticle(dir: string, slug: string): ScoreDetails {
  const rawText = readFileSync(join(dir, `${slug}.txt`), 'utf8')
  const gold = JSON.parse(readFileSync(join(dir, `${slug}.gold.json`), 'utf8')) as GoldArticle
  const cleaned = cleanArticle({
    rawText,
    source: { kind: 'builtin', name: slug },
    encoding: 'utf-8'
  })
  if (!cleaned.ok) throw new Error(`${slug}: ${cleaned.error.message}`)
  return scoreArticle(gold, extractArticle(cleaned.value))
}

/**
 * Declares the regression suite of one held-out fixture set: the set has at least eight articles,
 * and the micro-averaged metrics over all of them stay at or above `floors`. A failure message
 * lists every article's counts and problems, so the regression can be found without a debugger.
 */
export function describeHeldoutSet(title: string, dir: string, floors: HeldoutFloors): void {
  const slugs = heldoutSlugs(dir)

  describe(title, () => {
    it('has the fixture set', () => {
      expect(slugs.length).toBeGreaterThanOrEqual(8)
    })

    it('keeps who-said F1, speaker accuracy and figure F1 at or above the measured floors', () => {
      let total = emptyCounts()
      const report: string[] = []
      for (const slug of slugs) {
        const { counts, problems } = scoreHeldoutArticle(dir, slug)
        total = addCounts(total, counts)
        report.push(
          `${slug}: who-said ${counts.whoSaidTruePositives}/${counts.goldQuotes} ` +
            `(+${counts.whoSaidFalsePositives} false), figures ${counts.figuresFound}/${counts.goldFigures}`,
          ...problems.map((p) => `    ${p}`)
        )
      }
      const metrics = metricsOf(total)
      const summary = `${report.join('\n')}\n${JSON.stringify(metrics)}`
      expect(metrics.whoSaidF1, summary).toBeGreaterThanOrEqual(floors.whoSaidF1)
      expect(metrics.speakerAccuracy, summary).toBeGreaterThanOrEqual(floors.speakerAccuracy)
      expect(metrics.figureF1, summary).toBeGreaterThanOrEqual(floors.figureF1)
    })
  })
}
