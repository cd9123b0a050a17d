/**
 * The annotated corpus as the ranker's training data: each article cleaned and run through the
 * rule pass, its quotes' candidates built, and each quote labelled with the candidate the gold
 * annotation says is right.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { cleanArticle } from '../../core/article/clean'
import type { Article } from '../../core/article/types'
import { extractArticle } from '../../core/extract'
import { buildCandidates, type QuoteCandidates } from '../../core/extract/ranker/candidates'
import type { TrainingExample } from '../../core/extract/ranker/model'
import { FIRST_PASS_RULES } from '../../core/extract/ranker/rerank'
import type { Extraction } from '../../core/extract/types'
import { coverage, speakerMatcher, type GoldArticle } from './score'

/** One annotated article, ready for training and scoring. */
export interface CorpusArticle {
  slug: string
  gold: GoldArticle
  article: Article
  /** The rule pass's extraction (no ranker). */
  proposed: Extraction
  candidates: QuoteCandidates[]
  /** Per quote: index of the right candidate, or -1 when none of them is right. */
  labels: number[]
}

/** The development corpus, beside the repository. */
export const DEFAULT_CORPUS = join(__dirname, '../../../../shared/corpus/dev')

/** How much of a gold quote a predicted span must cover to be that quote (as the scorer). */
const SPAN_COVERAGE = 0.8

/**
 * The right candidate of each proposed quote: the gold speaker of the gold quote it covers, or
 * nobody when it covers no gold quote (scare quotes, titles, unnamed sources, chrome).
 */
export function labelQuotes(
  gold: GoldArticle,
  proposed: Extraction,
  candidates: readonly QuoteCandidates[]
): number[] {
  const isRight = speakerMatcher(gold, proposed.speakers)
  return proposed.quotes.map((quote, index) => {
    let best: GoldArticle['quotes'][number] | null = null
    let bestCoverage = 0
    for (const g of gold.quotes) {
      const c = coverage(g.text, quote.text)
      if (c >= SPAN_COVERAGE && c > bestCoverage) {
        best = g
        bestCoverage = c
      }
    }
    const list = candidates[index].candidates
    if (best === null) return list.findIndex((c) => c.speakerId === null)
    const goldSpeaker = best.speaker
    return list.findIndex((c) => c.speakerId !== null && isRight(c.speakerId, goldSpeaker))
  })
}

/** Loads every `<slug>.txt` + `<slug>.gold.json` pair of `dir`, sorted by slug. */
export function loadCorpus(dir: string): CorpusArticle[] {
  const slugs = readdirSync(dir)
    .filter((f) => f.endsWith('.gold.json'))
    .map((f) => f.replace(/\.gold\.json$/u, ''))
    .sort()
  return slugs.map((slug) => {
    const gold = JSON.parse(readFileSync(join(dir, `${slug}.gold.json`), 'utf8')) as GoldArticle
    const cleaned = cleanArticle({
      rawText: readFileSync(join(dir, `${slug}.txt`), 'utf8'),
      source: { kind: 'file', path: slug, fileName: `${slug}.txt` },
      encoding: 'utf-8'
    })
    if (!cleaned.ok) throw new Error(`${slug}: ${cleaned.error.message}`)
    const proposed = extractArticle(cleaned.value, { model: null })
    const candidates = buildCandidates(cleaned.value, proposed)
    const labels = labelQuotes(gold, proposed, candidates)
    return { slug, gold, article: cleaned.value, proposed, candidates, labels }
  })
}

/** The training examples of some articles. */
export function examplesOf(articles: readonly CorpusArticle[]): TrainingExample[] {
  return articles.flatMap((a) =>
    a.candidates
      .filter((_, i) => !FIRST_PASS_RULES.has(a.proposed.quotes[i].rule))
      .map((q) => ({
        candidates: q.candidates.map((c) => c.features),
        correct: a.labels[q.quoteIndex]
      }))
  )
}

/** A digest of the corpus files, recorded in the model so its origin can be checked. */
export function corpusDigest(dir: string): string {
  const hash = createHash('sha256')
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.txt') && !file.endsWith('.gold.json')) continue
    hash.update(file)
    hash.update(readFileSync(join(dir, file)))
  }
  return hash.digest('hex').slice(0, 16)
}
