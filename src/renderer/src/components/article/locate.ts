import type { Article } from '../../../../core/article/types'
// The splitter's own module, not the extract barrel: the barrel would pull the whole extractor
// (which runs in a worker) into the page's bundle.
import { sentenceSpans } from '../../../../core/extract/tokens'
import type { TextSpan } from '../../../../core/extract/types'
import type { ParagraphLayout, Segment } from './segments'

/** A route query value as vue-router hands it over. */
export type QueryValue = string | null | (string | null)[] | undefined

/** The located sentence wrapped around the paragraph's segments it covers. */
export interface LocatedSegment {
  kind: 'located'
  start: number
  end: number
  segments: Segment[]
  /** The first piece of the located range (it takes the focus). */
  first: boolean
}

/** A paragraph layout whose segments may include the located range's wrapper. */
export interface LocatedParagraphLayout extends Omit<ParagraphLayout, 'segments'> {
  segments: (Segment | LocatedSegment)[]
}

/** A non-negative integer written in plain digits, or null (no signs, spaces, exponents). */
function offsetOf(value: QueryValue): number | null {
  const raw = Array.isArray(value) ? value[0] : value
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) return null
  return Number(raw)
}

/**
 * The span a link into an article points at: from `at` to `end` when both are offsets into the
 * text with `at < end`, else from `at` to the end of the sentence holding it (the sentence
 * splitter is the extractor's). Null when `at` is missing, not an integer or outside the text.
 */
export function resolveLocatedSpan(
  article: Pick<Article, 'text' | 'paragraphs'>,
  atValue: QueryValue,
  endValue: QueryValue
): TextSpan | null {
  const { text, paragraphs } = article
  const at = offsetOf(atValue)
  if (at === null || at >= text.length) return null
  const end = offsetOf(endValue)
  if (end !== null && end > at && end <= text.length) return { start: at, end }

  // An offset between paragraphs points at the next one.
  const paragraph = paragraphs.find((p) => at < p.end)
  if (!paragraph) return null
  const from = Math.max(at, paragraph.start)
  const sentences = sentenceSpans(text, paragraph.start, paragraph.end)
  const sentence = sentences.find((s) => s.end > from)
  if (!sentence) return null
  return { start: Math.max(from, sentence.start), end: sentence.end }
}

function sliceText(segment: Segment & { kind: 'text' }, start: number, end: number): Segment {
  const offset = segment.start
  return { kind: 'text', start, end, text: segment.text.slice(start - offset, end - offset) }
}

/**
 * Wraps the segments the located span covers in one `located` segment per paragraph. Plain text
 * is cut at the span's edges; a quote or figure it only partly covers is taken whole, so the
 * wrapper never cuts through a highlighted quote.
 */
export function markLocated(
  layout: ParagraphLayout[],
  located: TextSpan | null
): LocatedParagraphLayout[] {
  if (!located || located.end <= located.start) return layout
  let first = true
  return layout.map((paragraph) => {
    const low = Math.max(located.start, paragraph.start)
    const high = Math.min(located.end, paragraph.end)
    if (high <= low) return paragraph
    const before: Segment[] = []
    const inside: Segment[] = []
    const after: Segment[] = []
    for (const segment of paragraph.segments) {
      if (segment.end <= low) before.push(segment)
      else if (segment.start >= high) after.push(segment)
      else if (segment.kind !== 'text') inside.push(segment)
      else {
        if (segment.start < low) before.push(sliceText(segment, segment.start, low))
        inside.push(sliceText(segment, Math.max(segment.start, low), Math.min(segment.end, high)))
        if (segment.end > high) after.push(sliceText(segment, high, segment.end))
      }
    }
    if (inside.length === 0) return paragraph
    const wrapper: LocatedSegment = {
      kind: 'located',
      start: inside[0].start,
      end: inside[inside.length - 1].end,
      segments: inside,
      first
    }
    first = false
    return { ...paragraph, segments: [...before, wrapper, ...after] }
  })
}
