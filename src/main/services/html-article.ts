import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import type { TextBlock } from '../../core/article/markdown'

/** The readable part of an HTML page, as plain blocks. */
export interface HtmlArticle {
  title: string | null
  byline: string | null
  blocks: TextBlock[]
}

/** Elements whose content is not article text. */
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'BUTTON',
  'FORM',
  'NAV',
  'IFRAME',
  'IMG',
  'PICTURE',
  'VIDEO',
  'AUDIO',
  'FIGURE',
  'FIGCAPTION',
  'SELECT',
  'TEXTAREA',
  'INPUT'
])
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6'])
/** Elements that end the current paragraph. */
const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'BLOCKQUOTE',
  'LI',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'PRE',
  'TABLE',
  'THEAD',
  'TBODY',
  'TR',
  'TD',
  'TH',
  'HR',
  'BR',
  'ADDRESS',
  'DETAILS',
  'SUMMARY',
  'CENTER'
])

/** Collapses HTML whitespace but keeps no-break spaces, which are part of the text. */
function collapseWhitespace(text: string): string {
  return text.replace(/[ \t\n\r\f]+/gu, ' ').trim()
}

interface DomNodeLike {
  nodeType: number
  nodeName: string
  textContent: string | null
  childNodes: ArrayLike<DomNodeLike>
}

/** Walks the article DOM and turns block elements into paragraphs and h1–h6 into headings. */
function collectBlocks(root: DomNodeLike): TextBlock[] {
  const blocks: TextBlock[] = []
  let inline = ''
  const flush = (): void => {
    const text = collapseWhitespace(inline)
    if (text !== '') blocks.push({ kind: 'body', text })
    inline = ''
  }
  const visit = (node: DomNodeLike): void => {
    if (node.nodeType === 3) {
      inline += node.textContent ?? ''
      return
    }
    if (node.nodeType !== 1) return
    const tag = node.nodeName.toUpperCase()
    if (SKIPPED_TAGS.has(tag)) return
    if (HEADING_TAGS.has(tag)) {
      flush()
      const text = collapseWhitespace(node.textContent ?? '')
      if (text !== '') blocks.push({ kind: 'heading', text })
      return
    }
    const isBlock = BLOCK_TAGS.has(tag)
    if (isBlock) flush()
    for (let index = 0; index < node.childNodes.length; index++) visit(node.childNodes[index])
    if (isBlock) flush()
  }
  visit(root)
  flush()
  return blocks
}

/**
 * Drops a site name appended to a page title ("Headline | Site", or "Headline - Site" when the
 * page names its site), keeping the headline.
 */
function withoutSiteName(title: string, siteName: string | null): string {
  const parts = title.split(/\s+[|–—-]\s+/u)
  if (parts.length < 2) return title
  const last = parts[parts.length - 1]
  const head = title.slice(0, title.length - last.length).replace(/\s+[|–—-]\s+$/u, '')
  const namesSite =
    siteName !== null && collapseWhitespace(siteName).toLowerCase() === last.toLowerCase()
  const pipeSuffix = /\s\|\s[^|]+$/u.test(title) && last.split(' ').length <= 4
  return (namesSite || pipeSuffix) && head.split(' ').length >= 2 ? head : title
}

/** linkedom needs an `<html>` element to build a body; saved fragments often lack one. */
function asFullDocument(html: string): string {
  if (/<html[\s>]/iu.test(html)) return html
  if (/<(?:head|body)[\s>]/iu.test(html)) return `<!DOCTYPE html><html>${html}</html>`
  return `<!DOCTYPE html><html><head></head><body>${html}</body></html>`
}

/**
 * Extracts the article of an HTML page with Readability (on linkedom, no browser) and reduces it
 * to plain blocks. Returns `null` when the page has no readable article.
 */
export function extractHtmlArticle(html: string): HtmlArticle | null {
  const { document } = parseHTML(asFullDocument(html))
  if (document.documentElement === null || document.body === null) return null
  let parsed: ReturnType<Readability<DomNodeLike>['parse']>
  try {
    const reader = new Readability<DomNodeLike>(document as unknown as Document, {
      serializer: (node: Node): DomNodeLike => node as unknown as DomNodeLike
    })
    parsed = reader.parse()
  } catch {
    return null
  }
  if (parsed === null || parsed.content === null || parsed.content === undefined) return null
  const blocks = collectBlocks(parsed.content)
  const title =
    withoutSiteName(collapseWhitespace(parsed.title ?? ''), parsed.siteName ?? null) || null
  const byline = collapseWhitespace(parsed.byline ?? '') || null
  return { title, byline, blocks }
}
