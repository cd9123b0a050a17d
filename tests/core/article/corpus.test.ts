import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cleanArticle } from '../../../src/core/article/clean'
import type { Article } from '../../../src/core/article/types'

/**
 * The shared development corpus sits next to the repository on the team's machines; on a fresh
 * clone it is absent and this conformance check is skipped (the seed golden test always runs).
 */
const CORPUS_DIR = join(__dirname, '../../../../shared/corpus/dev')
const files = existsSync(CORPUS_DIR)
  ? readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.txt'))
  : []

interface CorpusCase {
  file: string
  gold: { chrome: string[]; headings: string[] }
  article: Article
}

function cleanCorpusFile(file: string): CorpusCase {
  const gold = JSON.parse(
    readFileSync(join(CORPUS_DIR, file.replace(/\.txt$/, '.gold.json')), 'utf8')
  ) as CorpusCase['gold']
  const result = cleanArticle({
    rawText: readFileSync(join(CORPUS_DIR, file), 'utf8'),
    source: { kind: 'clipboard' },
    encoding: 'utf-8'
  })
  if (!result.ok) throw new Error(result.error.message)
  return { file, gold, article: result.value }
}

/** A stray mojibake character is repaired in place, not removed as a line. */
const goldChromeLines = (gold: CorpusCase['gold']): string[] =>
  gold.chrome.filter((line) => line !== 'Â')

/**
 * Share of the gold chrome lines the cleaner must remove over the whole corpus. Some captions
 * carry no sign of being captions at all (a plain sentence between two paragraphs), so a
 * general rule cannot find every one; the misses are printed.
 */
const MIN_CHROME_RECALL = 0.95

describe.skipIf(files.length === 0)('cleaning the development corpus', () => {
  const cases = files.map(cleanCorpusFile)

  it(`removes at least ${MIN_CHROME_RECALL * 100}% of the gold chrome lines`, () => {
    let total = 0
    const missed: string[] = []
    for (const { file, gold, article } of cases) {
      const removed = article.removed.map((line) => line.text)
      for (const chrome of goldChromeLines(gold)) {
        total += 1
        if (!removed.includes(chrome)) missed.push(`${file}: ${chrome.slice(0, 60)}`)
      }
    }
    const recall = (total - missed.length) / total
    if (missed.length > 0)
      console.info(`chrome recall ${recall.toFixed(3)}; missed:\n${missed.join('\n')}`)
    expect(recall).toBeGreaterThanOrEqual(MIN_CHROME_RECALL)
  })

  it.each(files)('%s: marks the gold headings and removes nothing that is article text', (file) => {
    const { gold, article } = cases[files.indexOf(file)]
    const paragraphs = article.paragraphs.map((p) => article.text.slice(p.start, p.end))
    const removed = article.removed.map((line) => line.text)
    for (const chrome of goldChromeLines(gold)) {
      if (removed.includes(chrome)) expect(paragraphs).not.toContain(chrome)
    }
    const headings = article.paragraphs
      .filter((p) => p.kind === 'heading')
      .map((p) => article.text.slice(p.start, p.end))
    expect(headings).toEqual(gold.headings)
    // Nothing else: every extra removal must itself be a link to another story.
    const extra = article.removed.filter((line) => !gold.chrome.includes(line.text))
    expect(extra.every((line) => line.ruleId === 'related-links')).toBe(true)
    expect(article.text).not.toMatch(/Â|â€/)
  })
})
