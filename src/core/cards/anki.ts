import type { CardContent } from './types'

/** Anki's plain-text import header: tab-separated, no HTML, tags in the third column. */
const ANKI_HEADER = ['#separator:tab', '#html:false', '#tags column:3']

/**
 * One TSV field. Anki reads fields CSV-style: a field holding a tab, a line break or a double
 * quote is wrapped in double quotes with inner quotes doubled (a bare leading `"` would otherwise
 * start a quoted field and swallow the rest of the line).
 */
export function tsvField(text: string): string {
  const value = text.replace(/\r\n?/g, '\n')
  if (!/[\t\n"]/.test(value)) return value
  return `"${value.replace(/"/g, '""')}"`
}

/** An Anki tag: no spaces (they separate tags). */
function tag(text: string): string {
  return text.trim().replace(/\s+/g, '_')
}

/** The front of a card as one line of plain text: context, prompt, options and hint. */
export function cardFront(card: CardContent): string {
  const parts: string[] = []
  if (card.context) parts.push(card.context)
  parts.push(card.prompt)
  if (card.options) parts.push(`(${card.options.join(' / ')})`)
  if (card.hint) parts.push(`[hint: ${card.hint}]`)
  return parts.join(' ')
}

/**
 * The cards as an Anki-importable TSV: the header lines, then one `front\tback\ttags` line per
 * card (fields quoted when they hold a tab, a line break or a double quote).
 */
export function toAnkiTsv(cards: CardContent[]): string {
  const lines = ANKI_HEADER.slice()
  for (const card of cards) {
    const tags = card.tags.map(tag).filter((t) => t.length > 0)
    lines.push([cardFront(card), card.answer, tags.join(' ')].map(tsvField).join('\t'))
  }
  return lines.join('\n') + '\n'
}
