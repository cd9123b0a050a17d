import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cleanArticle } from '../../../src/core/article/clean'

/**
 * The shared development corpus sits next to the repository on the team's machines; on a fresh
 * clone it is absent and this conformance check is skipped (the seed golden test always runs).
 */
const CORPUS_DIR = join(__dirname, '../../../../shared/corpus/dev')
const files = existsSync(CORPUS_DIR)
  ? readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.txt'))
  : []

describe.skipIf(files.length === 0)('cleaning the development corpus', () => {
  it.each(files)('%s: removes the gold chrome lines and marks the gold headings', (file) => {
    const gold = JSON.parse(
      readFileSync(join(CORPUS_DIR, file.replace(/\.txt$/, '.gold.json')), 'utf8')
    ) as {
      chrome: string[]
      headings: string[]
    }
    const result = cleanArticle({
      rawText: readFileSync(join(CORPUS_DIR, file), 'utf8'),
      source: { kind: 'clipboard' },
      encoding: 'utf-8'
    })
    if (!result.ok) throw new Error(result.error.message)
    const article = result.value
    const removed = article.removed.map((line) => line.text)
    // A stray mojibake character is repaired in place, not removed as a line.
    const goldLines = gold.chrome.filter((line) => line !== 'Â')
    for (const chrome of goldLines) expect(removed).toContain(chrome)
    const paragraphs = article.paragraphs.map((p) => article.text.slice(p.start, p.end))
    for (const chrome of goldLines) expect(paragraphs).not.toContain(chrome)
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
