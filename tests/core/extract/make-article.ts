import type { Article, Paragraph } from '../../../src/core/article/types'

/**
 * Builds a test Article from plain text: paragraphs are separated by blank lines (or single line
 * breaks), and a paragraph written as `## Heading` becomes a heading paragraph.
 */
export function makeArticle(raw: string, id = 'test'): Article {
  const parts = raw
    .split(/\n+/u)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
  const paragraphs: Paragraph[] = []
  let text = ''
  for (const part of parts) {
    const heading = part.startsWith('## ')
    const body = heading ? part.slice(3) : part
    if (text.length > 0) text += '\n\n'
    paragraphs.push({
      kind: heading ? 'heading' : 'body',
      start: text.length,
      end: text.length + body.length
    })
    text += body
  }
  return {
    id,
    title: parts[0] ?? '',
    byline: null,
    source: { kind: 'clipboard' },
    text,
    paragraphs,
    removed: [],
    encoding: 'utf-8',
    wordCount: text.split(/\s+/u).filter((w) => w.length > 0).length
  }
}
