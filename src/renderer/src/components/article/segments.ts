import type { Article, Paragraph } from '../../../../core/article/types'
import type { Extraction, Figure, Quote } from '../../../../core/extract/types'

/** Plain text or a figure: what can stand inside a quote. */
export type InlineSegment =
  | { kind: 'text'; start: number; end: number; text: string }
  | { kind: 'figure'; start: number; end: number; text: string; figure: Figure }

/** A quote, drawn with the quote marks around it when they stand next to it. */
export interface QuoteSegment {
  kind: 'quote'
  start: number
  end: number
  quote: Quote
  /** The opening quote mark just before the quote ('' when there is none in this paragraph). */
  openMark: string
  /** The closing quote mark just after the quote ('' when there is none in this paragraph). */
  closeMark: string
  children: InlineSegment[]
}

export type Segment = InlineSegment | QuoteSegment

/** A paragraph ready to draw: its text cut into plain, figure and quote pieces. */
export interface ParagraphLayout {
  index: number
  kind: Paragraph['kind']
  start: number
  end: number
  segments: Segment[]
}

const openingMarks = new Set(['“', '"', '‘', "'", '«', '„', '‹'])
const closingMarks = new Set(['”', '"', '’', "'", '»', '“', '›'])

interface Spanned {
  start: number
  end: number
}

/** Index of the paragraph containing `offset` (the last one starting at or before it). */
function paragraphIndexAt(paragraphs: Paragraph[], offset: number): number {
  let low = 0
  let high = paragraphs.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (paragraphs[middle].start <= offset) low = middle
    else high = middle - 1
  }
  return low
}

/** Groups items by the paragraphs they overlap, each clipped to its paragraph, in text order. */
/** The items overlapping the stretch of text from the first paragraph to the last. */
function itemsWithin<T extends Spanned>(paragraphs: Paragraph[], items: T[]): T[] {
  if (paragraphs.length === 0) return []
  const from = paragraphs[0].start
  const to = paragraphs[paragraphs.length - 1].end
  return items.filter((item) => item.start < to && item.end > from)
}

function bucketByParagraph<T extends Spanned>(paragraphs: Paragraph[], items: T[]): T[][] {
  const buckets: T[][] = paragraphs.map(() => [])
  if (paragraphs.length === 0) return buckets
  const sorted = [...items].sort((a, b) => a.start - b.start || b.end - a.end)
  for (const item of sorted) {
    if (item.end <= item.start) continue
    for (let index = paragraphIndexAt(paragraphs, item.start); index < paragraphs.length; index++) {
      const paragraph = paragraphs[index]
      if (paragraph.start >= item.end) break
      const start = Math.max(item.start, paragraph.start)
      const end = Math.min(item.end, paragraph.end)
      if (end <= start) continue
      const bucket = buckets[index]
      // Overlapping spans cannot both be drawn: the earlier (or longer) one wins.
      const previous = bucket[bucket.length - 1]
      if (previous && start < previous.end) continue
      bucket.push({ ...item, start, end })
    }
  }
  return buckets
}

function inlineSegments(
  text: string,
  start: number,
  end: number,
  figures: Figure[]
): InlineSegment[] {
  const segments: InlineSegment[] = []
  let cursor = start
  for (const figure of figures) {
    if (figure.end <= start || figure.start >= end) continue
    const figureStart = Math.max(figure.start, cursor)
    const figureEnd = Math.min(figure.end, end)
    if (figureEnd <= figureStart) continue
    if (figureStart > cursor) {
      segments.push({
        kind: 'text',
        start: cursor,
        end: figureStart,
        text: text.slice(cursor, figureStart)
      })
    }
    segments.push({
      kind: 'figure',
      start: figureStart,
      end: figureEnd,
      text: text.slice(figureStart, figureEnd),
      figure
    })
    cursor = figureEnd
  }
  if (end > cursor)
    segments.push({ kind: 'text', start: cursor, end, text: text.slice(cursor, end) })
  return segments
}

/**
 * Cuts every paragraph of the article into plain text, figures and quotes (figures may stand
 * inside quotes). Spans are clipped to their paragraph; overlapping spans keep the first.
 */
export function layoutArticle(
  article: Pick<Article, 'text' | 'paragraphs'>,
  extraction: Pick<Extraction, 'quotes' | 'figures'> | null
): ParagraphLayout[] {
  const { text, paragraphs } = article
  // Only what touches the laid-out paragraphs: the view lays out the first few hundred of a long
  // article, and sorting all 250,000 figures of a 20 MB one each time cost a long moment.
  const quotesHere = itemsWithin(paragraphs, extraction?.quotes ?? [])
  const quoteBuckets = bucketByParagraph(paragraphs, quotesHere)
  const figureBuckets = bucketByParagraph(
    paragraphs,
    itemsWithin(paragraphs, extraction?.figures ?? [])
  )
  const quotesById = new Map(quotesHere.map((quote) => [quote.id, quote]))
  return paragraphs.map((paragraph, index) => {
    const figures = figureBuckets[index]
    const segments: Segment[] = []
    let cursor = paragraph.start
    // A sub-heading in quote marks is a title, not speech: unless someone is credited with it,
    // it is drawn as a plain heading.
    const quotes =
      paragraph.kind === 'heading'
        ? quoteBuckets[index].filter((quote) => quote.speaker !== null)
        : quoteBuckets[index]
    for (const quote of quotes) {
      const hasOpen = quote.start - 1 >= cursor && openingMarks.has(text.charAt(quote.start - 1))
      const hasClose = quote.end + 1 <= paragraph.end && closingMarks.has(text.charAt(quote.end))
      const outerStart = hasOpen ? quote.start - 1 : quote.start
      const outerEnd = hasClose ? quote.end + 1 : quote.end
      segments.push(...inlineSegments(text, cursor, outerStart, figures))
      segments.push({
        kind: 'quote',
        start: quote.start,
        end: quote.end,
        // The extraction's own offsets stay on the quote (corrections are keyed by them).
        quote: quotesById.get(quote.id) ?? quote,
        openMark: hasOpen ? text.charAt(quote.start - 1) : '',
        closeMark: hasClose ? text.charAt(quote.end) : '',
        children: inlineSegments(text, quote.start, quote.end, figures)
      })
      cursor = outerEnd
    }
    segments.push(...inlineSegments(text, cursor, paragraph.end, figures))
    return { index, kind: paragraph.kind, start: paragraph.start, end: paragraph.end, segments }
  })
}
