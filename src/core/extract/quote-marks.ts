import type { TextSpan } from './types'

/** A span of text between quotation marks, before attribution. */
export interface QuoteSpan {
  /** Offsets of the quoted characters (marks excluded, outer whitespace trimmed). */
  start: number
  end: number
  /** Offset of the opening mark. */
  openAt: number
  /** Offset just past the closing mark, or the paragraph end when the quote runs on. */
  closeEnd: number
  /** No closing mark before the paragraph ended or before the next opening mark. */
  unclosed: boolean
  /** Opens a paragraph right after a paragraph whose quote ran on without closing. */
  continuesPrevious: boolean
  /** Marked with single quotation marks. */
  single: boolean
  paragraph: number
}

const DOUBLE_MARKS = new Set(['"', '“', '”', '„', '«', '»', '\u201f'])
const SINGLE_MARKS = new Set(["'", '‘', '’', '‚', '\u201b'])
const LEFT_CONTEXT = /[\s([{\u2014\u2013\-/>]/u
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
const LETTER = /\p{L}/u

/** Whether a mark at `i` could open a quote, judged by the characters around it. */
function canOpen(text: string, i: number, from: number, to: number): boolean {
  const c = text[i]
  if (c === '”' || c === '»' || c === '’') {
    // mirror-image marks open only when clearly at the left edge of a word
    const before = i === from || LEFT_CONTEXT.test(text[i - 1])
    return before && i + 1 < to && LETTER.test(text[i + 1])
  }
  const before = i === from || LEFT_CONTEXT.test(text[i - 1]) || DOUBLE_MARKS.has(text[i - 1])
  const after = i + 1 < to && !/\s/u.test(text[i + 1])
  return before && after
}

/** Whether a mark at `i` could close a quote. */
function canClose(text: string, i: number, from: number, to: number): boolean {
  const c = text[i]
  if (c === '“' || c === '„' || c === '«' || c === '‘' || c === '‚') return false
  const before = i > from && !/\s/u.test(text[i - 1])
  const after = i + 1 >= to || !LETTER_OR_DIGIT.test(text[i + 1])
  return before && after
}

function trimmed(text: string, a: number, b: number): TextSpan {
  let s = a
  let e = b
  while (s < e && /\s/u.test(text[s])) s++
  while (e > s && /\s/u.test(text[e - 1])) e--
  return { start: s, end: e }
}

/** Double-quoted spans in one paragraph, with run-on quotes closed at the next opener. */
function doubleQuotes(text: string, from: number, to: number, paragraph: number): QuoteSpan[] {
  const out: QuoteSpan[] = []
  let open = -1
  const emit = (closeAt: number, closeEnd: number, unclosed: boolean): void => {
    const span = trimmed(text, open + 1, closeAt)
    if (span.end > span.start) {
      out.push({
        ...span,
        openAt: open,
        closeEnd,
        unclosed,
        continuesPrevious: false,
        single: false,
        paragraph
      })
    }
  }
  const marks = /["“”„«»\u201f]/gu
  marks.lastIndex = from
  let match: RegExpExecArray | null
  while ((match = marks.exec(text)) !== null && match.index < to) {
    const i = match.index
    const opens = canOpen(text, i, from, to)
    const closes = canClose(text, i, from, to)
    if (open < 0) {
      if (opens || (!closes && text[i] !== '”')) open = i
      continue
    }
    if (closes || !opens) {
      emit(i, i + 1, false)
      open = -1
    } else {
      // an opening mark while a quote is open: the previous quote lost its closing mark (a
      // flattened paragraph break), so it ends here and a new one starts
      emit(i, i, true)
      open = i
    }
  }
  if (open >= 0) emit(to, to, true)
  return out
}

/** Single-quoted spans inside `[from, to)` (a stretch with no double quotes). */
function singleQuotes(
  text: string,
  from: number,
  to: number,
  paragraph: number,
  runOnAllowed = false
): QuoteSpan[] {
  const out: QuoteSpan[] = []
  let i = from
  while (i < to) {
    // Scanned by hand within [i, to): a global regex searched on past `to` to the end of the
    // text, once per stretch, which made a book-length article quadratic.
    while (i < to && !SINGLE_MARKS.has(text[i])) i++
    if (i >= to) break
    if (!canOpen(text, i, from, to) || /\d/u.test(text[i + 1] ?? '')) {
      i++
      continue
    }
    // apostrophes inside words ("don’t", "Norland’s") never qualify: canClose needs a non-letter after
    let close = -1
    for (let j = i + 2; j < to; j++) {
      if (SINGLE_MARKS.has(text[j]) && canClose(text, j, from, to)) {
        // "parents’ homes": a plural possessive, keep looking if another closer follows
        const possessive =
          text[j - 1] === 's' && text[j + 1] === ' ' && /\p{Ll}/u.test(text[j + 2] ?? '')
        if (possessive && hasCloserAfter(text, j + 1, to)) continue
        close = j
        break
      }
    }
    if (close < 0) {
      // a quote that runs on into the next paragraph, which opens with a single mark
      const opensSentence =
        i === from || /[.!?:]["'”’]?\s+$/u.test(text.slice(Math.max(from, i - 4), i))
      if (runOnAllowed && opensSentence && /\p{Lu}/u.test(text[i + 1] ?? '')) {
        const span = trimmed(text, i + 1, to)
        out.push({
          ...span,
          openAt: i,
          closeEnd: to,
          unclosed: true,
          continuesPrevious: false,
          single: true,
          paragraph
        })
        break
      }
      i++
      continue
    }
    const span = trimmed(text, i + 1, close)
    if (span.end - span.start >= 2) {
      out.push({
        ...span,
        openAt: i,
        closeEnd: close + 1,
        unclosed: false,
        continuesPrevious: false,
        single: true,
        paragraph
      })
    }
    i = close + 1
  }
  return out
}

function hasCloserAfter(text: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    if (SINGLE_MARKS.has(text[j]) && canClose(text, j, from, to)) return true
  }
  return false
}

/**
 * Finds every span between quotation marks, paragraph by paragraph: curly and straight double
 * marks (nested single marks stay inside), then single marks used as quotation marks outside any
 * double-quoted stretch. A quote left open at a paragraph end is flagged `unclosed`; when the next
 * paragraph opens with a mark, its first quote is flagged `continuesPrevious`.
 */
export function findQuoteSpans(text: string, paragraphs: readonly TextSpan[]): QuoteSpan[] {
  const all: QuoteSpan[] = []
  let previousRanOn = false
  const opensWithSingle = (index: number): boolean => {
    const next = paragraphs[index + 1]
    if (!next) return false
    let k = next.start
    while (k < next.end && /\s/u.test(text[k])) k++
    return text[k] === '‘' || text[k] === "'"
  }
  paragraphs.forEach((p, index) => {
    const doubles = doubleQuotes(text, p.start, p.end, index)
    const singles: QuoteSpan[] = []
    let cursor = p.start
    for (const q of doubles) {
      singles.push(...singleQuotes(text, cursor, q.openAt, index))
      cursor = q.closeEnd
    }
    if (doubles.length === 0 || !doubles[doubles.length - 1].unclosed) {
      singles.push(...singleQuotes(text, cursor, p.end, index, opensWithSingle(index)))
    }
    const spans = [...doubles, ...singles].sort((a, b) => a.start - b.start)
    if (previousRanOn && spans.length > 0) {
      let k = p.start
      while (k < p.end && /\s/u.test(text[k])) k++
      if (spans[0].openAt === k) spans[0].continuesPrevious = true
    }
    previousRanOn = spans.length > 0 && spans[spans.length - 1].unclosed
    all.push(...spans)
  })
  return all
}
