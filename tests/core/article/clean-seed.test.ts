import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cleanArticle } from '../../../src/core/article/clean'
import type { Article } from '../../../src/core/article/types'

const seedBytes = readFileSync(join(__dirname, '../../../resources/seed-article.txt'))
const seedText = new TextDecoder('utf-8', { fatal: true }).decode(seedBytes)

const CHROME_LINES = [
  'WATCH l China essential to Russian battlefield success: Blinken:',
  'WATCH l Biden, Xi resumed in-person meetings in November:',
  'WATCH l U.S., Japan, Philippines reinforce ties in face of Chinese acts at sea:',
  'LISTEN l Front Burner on the fentanyl crisis (October 2023):',
  'Front Burner23:36Who’s responsible for the fentanyl crisis?'
]
const HEADINGS = ['‘All kinds of disruptions’', 'AI, fentanyl issues discussed']

function cleanSeed(): Article {
  const result = cleanArticle({
    rawText: seedText,
    source: { kind: 'builtin', name: 'seed-article.txt' },
    encoding: 'utf-8'
  })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

function paragraphTexts(article: Article): string[] {
  return article.paragraphs.map((paragraph) => article.text.slice(paragraph.start, paragraph.end))
}

describe('cleaning the seed article', () => {
  it('is byte-identical to the source lines minus the chrome lines and the stray Â', () => {
    const sourceLines = seedText.split('\n')
    expect(sourceLines.at(-1)?.endsWith('he said.\u00c2')).toBe(true)
    const expected = sourceLines
      .filter((line) => !CHROME_LINES.includes(line))
      .map((line, index, all) => (index === all.length - 1 ? line.slice(0, -1) : line))
    const article = cleanSeed()
    expect(paragraphTexts(article)).toEqual(expected)
    expect(article.text).toBe(expected.join('\n\n'))
    expect(sourceLines.length - expected.length).toBe(5)
  })

  it('removes all six chrome items, keeping the five lines with their rule and position', () => {
    const article = cleanSeed()
    expect(article.removed.map((line) => line.text)).toEqual(CHROME_LINES)
    expect(article.removed.map((line) => line.ruleId)).toEqual([
      'embed-caption',
      'embed-caption',
      'embed-caption',
      'embed-caption',
      'media-widget'
    ])
    for (const chrome of CHROME_LINES) expect(article.text).not.toContain(chrome)
    expect(article.text).not.toContain('WATCH l')
    expect(article.text).not.toContain('\u00c2')
    const texts = paragraphTexts(article)
    for (const removed of article.removed) {
      // Each removed line stood right before the paragraph it names in the source.
      const sourceLines = seedText.split('\n')
      const at = sourceLines.indexOf(removed.text)
      const nextKept = sourceLines.slice(at + 1).find((line) => !CHROME_LINES.includes(line))
      expect(texts[removed.beforeParagraph]).toBe(nextKept)
    }
  })

  it('marks exactly the two sub-headings as headings', () => {
    const article = cleanSeed()
    const headings = article.paragraphs
      .filter((paragraph) => paragraph.kind === 'heading')
      .map((paragraph) => article.text.slice(paragraph.start, paragraph.end))
    expect(headings).toEqual(HEADINGS)
  })

  it('keeps the real no-break spaces and the curly quotes', () => {
    const article = cleanSeed()
    const count = (text: string, char: string): number => text.split(char).length - 1
    expect(count(article.text, '\u00a0')).toBe(count(seedText, '\u00a0'))
    expect(count(article.text, '“')).toBe(count(seedText, '“'))
    expect(article.text).toContain('nitrocellulose\u00a0— which')
  })

  it('derives title, word count, offsets and a stable id', () => {
    const article = cleanSeed()
    expect(article.title).toBe(
      'U.S. Secretary of State Antony Blinken raised concerns on Friday about China’s support…'
    )
    expect(article.byline).toBeNull()
    expect(article.encoding).toBe('utf-8')
    expect(article.source).toEqual({ kind: 'builtin', name: 'seed-article.txt' })
    expect(article.wordCount).toBeGreaterThan(600)
    expect(article.wordCount).toBeLessThan(700)
    expect(article.id).toMatch(/^art-[0-9a-f]{16}$/)
    expect(cleanSeed().id).toBe(article.id)
    for (let index = 1; index < article.paragraphs.length; index++) {
      expect(article.paragraphs[index].start).toBe(article.paragraphs[index - 1].end + 2)
    }
    expect(article.paragraphs.at(-1)?.end).toBe(article.text.length)
  })

  it('gives the same article the same id whatever the line endings', () => {
    const crlf = cleanArticle({
      rawText: seedText.replace(/\n/g, '\r\n'),
      source: { kind: 'clipboard' },
      encoding: 'utf-8'
    })
    expect(crlf.ok && crlf.value.id).toBe(cleanSeed().id)
  })
})
