/**
 * Page furniture that text copied from a web page carries inside a paragraph rather than on a
 * line of its own: a row of share-button labels glued between the headline and a photo caption,
 * an all-caps photo credit after the caption, a bracketed link to another story after the last
 * sentence. Splitting such a paragraph into pieces lets the line rules judge each piece alone.
 * Every pattern is a generic shape of page furniture, never a phrase of one article.
 */

import { CAPS_CREDIT } from './chrome-rules'

/** Labels of share buttons and gallery widgets, as pages print them (capitalised). */
const WIDGET_LABEL = String.raw`(?:Share|Pin It|Pin|Tweet|Email|E-mail|Print|Comments?|More Galleries|Galleries|Gallery|Enlarge|Previous|Next|ADVERTISEMENT|Advertisement)`

/** Three or more widget labels in a row, bounded by spaces or the ends of the paragraph. */
const WIDGET_RUN = new RegExp(
  String.raw`(?<=^|\s)${WIDGET_LABEL}(?:\s+${WIDGET_LABEL}){2,}(?=\s|$)`,
  'u'
)

/**
 * An all-caps photo credit such as `AGENCY NAME/CONTRIBUTED IMAGE` after a sentence: it runs to
 * the end of the paragraph (credits close a caption).
 */
const TRAILING_CAPS_CREDIT = new RegExp(String.raw`(?<=[.!?]["”’)]?\s+)${CAPS_CREDIT}$`, 'u')

/**
 * A bracketed link to another story after a paragraph's last sentence: `… the dead. [Title]`.
 * Editorial insertions in quotes (`[in which]`, `[My husband]`) are short, lowercase or open a
 * sentence, so they do not match.
 */
const TRAILING_BRACKETED_LINK = /(?<=[.!?]["”’)]?\s+)\[\s*\p{Lu}[^[\]]{12,160}\]\s*$/u

/**
 * Splits one paragraph at inline page furniture. Returns the pieces in order (the paragraph
 * itself when it holds none); pieces are trimmed and never empty.
 */
export function splitInlineChrome(paragraph: string): string[] {
  const pieces: string[] = []
  let rest = paragraph
  for (;;) {
    const run = WIDGET_RUN.exec(rest)
    if (run === null || run[0].length === rest.trim().length) break
    pieces.push(rest.slice(0, run.index), run[0])
    rest = rest.slice(run.index + run[0].length)
  }
  const tail: string[] = []
  const link = TRAILING_BRACKETED_LINK.exec(rest)
  if (link !== null) {
    tail.unshift(link[0])
    rest = rest.slice(0, link.index)
  }
  const credit = TRAILING_CAPS_CREDIT.exec(rest)
  if (credit !== null) {
    tail.unshift(credit[0])
    rest = rest.slice(0, credit.index)
  }
  pieces.push(rest, ...tail)
  return pieces.map((piece) => piece.trim()).filter((piece) => piece !== '')
}
