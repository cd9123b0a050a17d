/**
 * Markdown to plain paragraphs: the reader only ever sees text, so syntax is reduced to the words
 * it decorates. Headings are reported separately so the cleaner marks them without guessing.
 */

/** A block of text from a structured source (Markdown or HTML). */
export interface TextBlock {
  kind: 'body' | 'heading'
  text: string
}

/** Markdown reduced to blocks, with the first top-level heading as a title candidate. */
export interface PlainMarkdown {
  blocks: TextBlock[]
  title: string | null
}

const ATX_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/u
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/u
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/u
const FENCE = /^ {0,3}(```+|~~~+)/u
const LIST_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/u
const BLOCKQUOTE_MARKER = /^[ \t]*(?:>[ \t]?)+/u
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:[ \t]*\S+/u

/** Removes inline syntax: images, links, emphasis, code spans, inline HTML and escapes. */
export function stripInlineMarkdown(line: string): string {
  return (
    line
      // Images carry no article text.
      .replace(/!\[[^\]]*\]\([^)]*\)/gu, '')
      .replace(/!\[[^\]]*\]\[[^\]]*\]/gu, '')
      .replace(/\[([^\]]+)\]\([^)]*\)/gu, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/gu, '$1')
      .replace(/<((?:https?|mailto):[^>\s]+)>/gu, '$1')
      .replace(/`+([^`]+?)`+/gu, '$1')
      .replace(/<\/?[A-Za-z][^>]*>/gu, '')
      .replace(/(\*\*|__)(?=\S)([^]*?\S)\1/gu, '$2')
      .replace(/(?<![\p{L}\p{N}\\])([*_])(?=\S)([^]*?\S)\1(?![\p{L}\p{N}])/gu, '$2')
      .replace(/~~(?=\S)([^]*?\S)~~/gu, '$1')
      .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/gu, '$1')
      .replace(/[ \t]+/gu, ' ')
      .trim()
  )
}

/** Converts Markdown source to plain blocks. */
export function markdownToBlocks(source: string): PlainMarkdown {
  const lines = source.replace(/\r\n?/gu, '\n').split('\n')
  const blocks: TextBlock[] = []
  let title: string | null = null
  let paragraph: string[] = []
  let index = 0

  const flush = (): void => {
    const text = stripInlineMarkdown(paragraph.join(' '))
    if (text !== '') blocks.push({ kind: 'body', text })
    paragraph = []
  }
  const pushHeading = (raw: string, level: number): void => {
    const text = stripInlineMarkdown(raw)
    if (text === '') return
    if (level === 1 && title === null) title = text
    blocks.push({ kind: 'heading', text })
  }

  // Front matter carries metadata, not article text.
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((line, at) => at > 0 && /^(?:---|\.\.\.)\s*$/u.test(line))
    if (end > 0) {
      const titleLine = lines.slice(1, end).find((line) => /^title:\s*\S/iu.test(line))
      if (titleLine !== undefined)
        title = titleLine.replace(/^title:\s*/iu, '').replace(/^["']|["']$/gu, '')
      index = end + 1
    }
  }

  while (index < lines.length) {
    const line = lines[index]
    const fence = FENCE.exec(line)
    if (fence !== null) {
      flush()
      const marker = fence[1]
      index++
      while (index < lines.length && !lines[index].trim().startsWith(marker)) {
        const text = lines[index].trim()
        if (text !== '') blocks.push({ kind: 'body', text })
        index++
      }
      index++
      continue
    }
    const atx = ATX_HEADING.exec(line)
    if (atx !== null) {
      flush()
      pushHeading(atx[2], atx[1].length)
      index++
      continue
    }
    if (line.trim() === '' || LINK_DEFINITION.test(line)) {
      flush()
      index++
      continue
    }
    const next = lines[index + 1]
    if (
      paragraph.length === 0 &&
      next !== undefined &&
      SETEXT_UNDERLINE.test(next) &&
      !LIST_MARKER.test(line)
    ) {
      pushHeading(line.trim(), next.trim().startsWith('=') ? 1 : 2)
      index += 2
      continue
    }
    if (THEMATIC_BREAK.test(line)) {
      flush()
      index++
      continue
    }
    const withoutQuote = line.replace(BLOCKQUOTE_MARKER, '')
    if (LIST_MARKER.test(withoutQuote)) {
      flush()
      paragraph.push(withoutQuote.replace(LIST_MARKER, ''))
    } else if (withoutQuote.trim() === '') {
      flush()
    } else {
      paragraph.push(withoutQuote.trim())
    }
    index++
  }
  flush()
  return { blocks, title }
}
