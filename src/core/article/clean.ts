import { fail, ok, type Result } from '../../shared/result'
import {
  matchLineChromeRule,
  PHOTO_CAPTION_RULE_ID,
  PHOTO_CREDIT_RULE_IDS,
  READ_MORE_RULE_ID,
  RELATED_LINKS_RULE_ID
} from './chrome-rules'
import { articleIdFor } from './hash'
import { splitInlineChrome } from './inline-chrome'
import { repairMojibake } from './mojibake'
import type { Article, ArticleSource, Paragraph, RemovedLine, TextEncodingName } from './types'

/** What {@link cleanArticle} needs: decoded text plus what the loader already knows. */
export interface CleanArticleInput {
  rawText: string
  source: ArticleSource
  encoding: TextEncodingName
  title?: string | null
  byline?: string | null
  /**
   * Lines the source format itself marks as headings (Markdown `#`, HTML `h2`/`h3`); they are
   * headings whatever the heuristic says, and never removed as chrome.
   */
  knownHeadings?: readonly string[]
  /**
   * True when paragraph kinds come from markup (HTML, Markdown): headings are only the known ones,
   * and runs of short lines (lists) are not taken for blocks of links.
   */
  structured?: boolean
}

/** Longest title derived from a first line before it is cut at a word boundary. */
const MAX_DERIVED_TITLE_CHARS = 90
/** Sub-headings are short; sentence-case lines longer than this are prose or list items. */
const MAX_HEADING_WORDS = 10
/** Title Case lines (links to other stories) can be a little longer. */
const MAX_TITLE_CASE_WORDS = 16
/** No headline of at most 16 words is longer than this; longer lines skip the word count. */
const MAX_HEADLINE_CHARS = 200
/** A block of paragraphs is hard-wrapped prose only when its lines are this short. */
const MAX_WRAPPED_LINE_CHARS = 120

const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu
const CLOSING_MARKS = /[\s'"’”)\]»›]+$/u
const TERMINAL_PUNCTUATION = /[.!?:;,…]$/u

interface CandidateLine {
  text: string
  kind: 'body' | 'heading'
  removedBy: string | null
  known: boolean
}

/** Counts words: runs of letters/digits, with inner apostrophes, dots and hyphens. */
export function countWords(text: string): number {
  return text.match(WORD_PATTERN)?.length ?? 0
}

/** Normalises line endings and invisible separators so the rest sees plain `\n` lines. */
function normaliseLineEndings(text: string): string {
  return (
    text
      .replace(/^\ufeff/u, '')
      .replace(/\r\n?/gu, '\n')
      // eslint-disable-next-line no-control-regex -- vertical tab and form feed are line breaks too
      .replace(/[\u2028\u2029\u000b\u000c\u0085]/gu, '\n')
  )
}

/**
 * Splits text into paragraph lines. Without blank lines every line is a paragraph. With blank
 * lines, blocks are paragraphs, and inside a block a line break is a soft wrap only where a
 * greedy hard-wrapper put it: the next word would not have fitted on the line. So wrapped prose
 * is joined, while headings, list items and one-paragraph-per-line blocks stay separate.
 */
export function splitParagraphs(text: string): string[] {
  const lines = text.split('\n')
  const hasBlankLine = lines.some((line) => line.trim() === '')
  if (!hasBlankLine) return lines.map((line) => line.trim()).filter((line) => line !== '')
  const blocks = text
    .split(/\n\s*\n/u)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
    )
    .filter((block) => block.length > 0)
  // The wrap width: the longest line of any multi-line block, among lines short enough to wrap.
  const wrapWidth = Math.max(
    0,
    ...blocks
      .filter((block) => block.length > 1)
      .flat()
      .map((line) => line.length)
      .filter((length) => length <= MAX_WRAPPED_LINE_CHARS)
  )
  const isSoftWrap = (previous: string, next: string): boolean =>
    previous.length <= MAX_WRAPPED_LINE_CHARS &&
    previous.length + 1 + next.split(/\s/u)[0].length > wrapWidth &&
    !LIST_ITEM.test(next)
  // Only a document that is wrapped throughout is treated as hard-wrapped; a stray line break
  // between two sentences elsewhere is a paragraph break.
  const breaks = blocks.flatMap((block) =>
    block.slice(1).map((line, index) => [block[index], line])
  )
  const softBreaks = breaks.filter(([previous, next]) => isSoftWrap(previous, next)).length
  const hardWrapped = softBreaks >= MIN_SOFT_WRAPS && softBreaks >= breaks.length * 0.5
  const paragraphs: string[] = []
  for (const block of blocks) {
    let current = block[0]
    for (let index = 1; index < block.length; index++) {
      if (hardWrapped && isSoftWrap(block[index - 1], block[index])) current += ` ${block[index]}`
      else {
        paragraphs.push(current)
        current = block[index]
      }
    }
    paragraphs.push(current)
  }
  return paragraphs
}

/** Fewest soft line breaks that show a document is hard-wrapped. */
const MIN_SOFT_WRAPS = 2

/** A line that starts a list item, which never continues the line before. */
const LIST_ITEM = /^(?:[-*•·–]|\d{1,3}[.)])\s/u

function stripClosingMarks(line: string): string {
  return line.replace(CLOSING_MARKS, '')
}

function firstLetterIsUppercase(line: string): boolean {
  const letter = line.match(/\p{L}/u)
  return (
    letter !== null &&
    letter[0] === letter[0].toUpperCase() &&
    letter[0] !== letter[0].toLowerCase()
  )
}

function isTitleCase(line: string): boolean {
  const words = line.match(/\p{L}[\p{L}'’-]*/gu) ?? []
  if (words.length === 0) return false
  const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length
  return capitalised / words.length >= 0.6
}

/** True when the paragraph opens a double quote it does not close (a quote continues below). */
function leavesQuoteOpen(text: string): boolean {
  // A quote mark inside parentheses is closed by them: `(the novel "Title)` is a typo, not a
  // quote that runs on into the next paragraph.
  const paragraph = text.replace(/\([^()]*\)/gu, '')
  const opening = (paragraph.match(/“/gu) ?? []).length
  const closing = (paragraph.match(/”/gu) ?? []).length
  const straight = (paragraph.match(/"/gu) ?? []).length
  return opening > closing || straight % 2 === 1
}

/**
 * Headline-like: short, opens with a capital (after any quote mark), and stops without sentence
 * punctuation. Such lines are sub-headings when alone and links to other stories when in a run.
 */
function isHeadlineLike(line: string): boolean {
  if (line.length > MAX_HEADLINE_CHARS) return false
  const core = stripClosingMarks(line)
  if (core === '' || TERMINAL_PUNCTUATION.test(core)) return false
  if (!firstLetterIsUppercase(line)) return false
  if (/^[\p{Ll}]/u.test(line)) return false
  const words = countWords(line)
  if (words === 0) return false
  if (words <= MAX_HEADING_WORDS) return true
  return words <= MAX_TITLE_CASE_WORDS && isTitleCase(line)
}

/** Longest caption: captions are a sentence or two about the picture. */
const MAX_CAPTION_CHARS = 300

/** A caption is short, not a quotation, and at most two sentences long. */
function isCaptionLike(line: string): boolean {
  if (line.length > MAX_CAPTION_CHARS || /^["“‘']/u.test(line)) return false
  return (line.match(/[.!?]["”’]?\s+\p{Lu}/gu) ?? []).length <= 1
}

/**
 * The first paragraph is a title line when it is one short headline without sentence punctuation
 * at its end (a one-sentence dek that ends in a full stop is prose).
 */
function isTitleLine(line: string): boolean {
  if (line.length > MAX_HEADLINE_CHARS) return false
  if (/["“”]/u.test(line) || !firstLetterIsUppercase(line)) return false
  // A headline may end in one full stop, but one that opens with a pronoun is a sentence.
  const core = stripClosingMarks(line).replace(/(?<=\p{L})\.$/u, '')
  if (TERMINAL_PUNCTUATION.test(core) || /[.!?]\s/u.test(core)) return false
  const endsInFullStop = core !== stripClosingMarks(line)
  if (endsInFullStop && SENTENCE_OPENER.test(core)) return false
  const words = countWords(core)
  return words > 0 && words <= (endsInFullStop ? MAX_HEADING_WORDS : MAX_TITLE_CASE_WORDS)
}

/** Words that open sentences but hardly ever headlines. */
const SENTENCE_OPENER = /^(?:I|We|You|It|They|He|She|This|That|There|These|Those|Our|My)\b/u

/**
 * A dateline opens the article body: `CITY—`, `CITY, State —`, `CITY (Agency) --`. What stands
 * before the first one is the headline and its dek.
 */
const DATELINE =
  /^\p{Lu}[\p{Lu}.'’ -]{1,40}(?:,\s*[\p{L}. ]{2,30})?(?:\s*\([\p{L} ]{2,30}\))?\s*(?:—|–|--|-)\s*\S/u

/** Longest dek: the one or two sentences under a headline. */
const MAX_DEK_CHARS = 300

function normaliseForComparison(line: string): string {
  return line.replace(/\s+/gu, ' ').trim()
}

/** Marks chrome lines and headings on the candidate lines, in place. */
function classifyLines(lines: CandidateLine[], structured: boolean): void {
  for (const line of lines) {
    if (line.known) continue
    line.removedBy = matchLineChromeRule(line.text)
  }

  // A short line just before a photo credit is that photo's caption.
  for (let index = 1; index < lines.length; index++) {
    if (!PHOTO_CREDIT_RULE_IDS.includes(lines[index].removedBy ?? '')) continue
    const caption = lines[index - 1]
    if (caption.known || caption.removedBy !== null || !isCaptionLike(caption.text)) continue
    caption.removedBy = PHOTO_CAPTION_RULE_ID
  }

  // Headline-like lines under a "Read more:" header are the links it introduces.
  for (let index = 0; index < lines.length; index++) {
    const header = lines[index]
    if (header.removedBy !== READ_MORE_RULE_ID || !header.text.endsWith(':')) continue
    for (let next = index + 1; next < lines.length; next++) {
      const line = lines[next]
      if (line.known || line.removedBy !== null || !isHeadlineLike(line.text)) break
      line.removedBy = RELATED_LINKS_RULE_ID
    }
  }

  if (structured) return

  const kept = lines.filter((line) => line.removedBy === null)
  // Two or more headline-like lines in a row are a block of links to other stories, unless a
  // kept line ending in a colon introduces them as a list.
  let runStart = 0
  while (runStart < kept.length) {
    let runEnd = runStart
    while (runEnd < kept.length && !kept[runEnd].known && isHeadlineLike(kept[runEnd].text))
      runEnd++
    if (runEnd === runStart) {
      runStart++
      continue
    }
    const introducedAsList = runStart > 0 && kept[runStart - 1].text.endsWith(':')
    const isTitleRun = runStart === 0
    if (runEnd - runStart >= 2 && !introducedAsList && !isTitleRun) {
      for (let index = runStart; index < runEnd; index++)
        kept[index].removedBy = RELATED_LINKS_RULE_ID
    }
    runStart = runEnd
  }

  const body = lines.filter((line) => line.removedBy === null)
  for (let index = 0; index < body.length; index++) {
    const line = body[index]
    if (line.known) continue
    const isLast = index === body.length - 1
    if (isLast) continue
    const previous = index > 0 ? body[index - 1] : null
    const continuesQuote = previous !== null && leavesQuoteOpen(previous.text)
    if (continuesQuote) continue
    if (isHeadlineLike(line.text) || (index === 0 && isTitleLine(line.text))) line.kind = 'heading'
  }

  // Short lines standing before the first paragraph, when that paragraph opens with a dateline,
  // are the headline and dek.
  const datelined = body.findIndex((line) => DATELINE.test(line.text))
  if (datelined > 0 && datelined <= 2) {
    for (const line of body.slice(0, datelined)) {
      if (!line.known && line.text.length <= MAX_DEK_CHARS && !/^["“]/u.test(line.text))
        line.kind = 'heading'
    }
  }
}

/** Cuts a long first line at a word boundary for use as a title. */
function deriveTitle(line: string): string {
  const core = line.trim()
  if (core.length <= MAX_DERIVED_TITLE_CHARS) return core
  const cut = core.slice(0, MAX_DERIVED_TITLE_CHARS)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > 40 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:–—-]+$/u, '')}…`
}

interface Layout {
  text: string
  paragraphs: Paragraph[]
}

/** Joins paragraph texts with a blank line and records each paragraph's offsets. */
function layoutParagraphs(items: readonly { text: string; kind: Paragraph['kind'] }[]): Layout {
  const paragraphs: Paragraph[] = []
  let text = ''
  for (const item of items) {
    if (text !== '') text += '\n\n'
    const start = text.length
    text += item.text
    paragraphs.push({ kind: item.kind, start, end: text.length })
  }
  return { text, paragraphs }
}

/**
 * Cleans decoded article text: normalises line endings, repairs mojibake, splits paragraphs,
 * removes page furniture (kept in `removed`), marks sub-headings, and derives title, word count
 * and a stable id. Fails with `EMPTY` for blank input and `NO_ARTICLE` when nothing but page
 * furniture is left.
 */
export function cleanArticle(input: CleanArticleInput): Result<Article> {
  const normalised = normaliseLineEndings(input.rawText)
  if (normalised.trim() === '') {
    return fail('EMPTY', 'The article is empty: there is no text in it.')
  }
  const repaired = repairMojibake(normalised).text
  const known = new Set((input.knownHeadings ?? []).map(normaliseForComparison))
  // a heading the markup declares is kept whole; other paragraphs are split at inline chrome
  const lines: CandidateLine[] = splitParagraphs(repaired).flatMap((paragraph) => {
    if (known.size > 0 && known.has(normaliseForComparison(paragraph)))
      return [{ text: paragraph, kind: 'heading', removedBy: null, known: true }]
    return splitInlineChrome(paragraph).map((text) => {
      const isKnown = known.size > 0 && known.has(normaliseForComparison(text))
      return { text, kind: isKnown ? 'heading' : 'body', removedBy: null, known: isKnown }
    })
  })
  if (lines.length === 0) {
    return fail('EMPTY', 'The article is empty: there is no text in it.')
  }
  classifyLines(lines, input.structured === true)

  const keptItems: { text: string; kind: Paragraph['kind'] }[] = []
  const removed: RemovedLine[] = []
  for (const line of lines) {
    if (line.removedBy !== null) {
      removed.push({ text: line.text, ruleId: line.removedBy, beforeParagraph: keptItems.length })
    } else {
      keptItems.push({ text: line.text, kind: line.kind })
    }
  }
  if (keptItems.length === 0) {
    return fail('NO_ARTICLE', 'No article text was found: every line looked like page furniture.')
  }

  const { text, paragraphs } = layoutParagraphs(keptItems)
  const givenTitle = input.title?.trim()
  const title =
    givenTitle !== undefined && givenTitle !== ''
      ? givenTitle
      : keptItems[0].kind === 'heading'
        ? keptItems[0].text
        : deriveTitle(keptItems[0].text)
  const byline = input.byline?.trim() ? input.byline.trim() : null

  return ok({
    id: articleIdFor(text),
    title,
    byline,
    source: input.source,
    text,
    paragraphs,
    removed,
    encoding: input.encoding,
    wordCount: countWords(text)
  })
}

/**
 * Puts removed line `removedIndex` back into the text as a body paragraph where it stood, and
 * recomputes offsets and word count. The id is kept: it names the article the user imported, and
 * cards made from it must keep pointing at it.
 */
export function restoreRemovedLine(article: Article, removedIndex: number): Article {
  const line = article.removed[removedIndex]
  if (line === undefined) return article
  const position = Math.min(Math.max(line.beforeParagraph, 0), article.paragraphs.length)
  const items = article.paragraphs.map((paragraph) => ({
    text: article.text.slice(paragraph.start, paragraph.end),
    kind: paragraph.kind
  }))
  items.splice(position, 0, { text: line.text, kind: 'body' })
  const { text, paragraphs } = layoutParagraphs(items)
  const removed = article.removed
    .filter((_, index) => index !== removedIndex)
    .map((other) => {
      const originalIndex = article.removed.indexOf(other)
      // Lines that stood after the restored one (same gap, later in the list, or later gaps)
      // now stand before a paragraph one further down.
      const after =
        other.beforeParagraph > position ||
        (other.beforeParagraph === position && originalIndex > removedIndex)
      return after ? { ...other, beforeParagraph: other.beforeParagraph + 1 } : other
    })
  return { ...article, text, paragraphs, removed, wordCount: countWords(text) }
}
