import type { Article } from '../article/types'
import type { Extraction } from './types'
import { analyseQuotes } from './attribution'
import { extractFigures } from './figures'
import { tokenize } from './tokens'

export type * from './types'
export { sentenceSpans, tokenize } from './tokens'
export type { Token } from './tokens'
export { findQuoteSpans } from './quote-marks'
export type { QuoteSpan } from './quote-marks'
export {
  normalizeName,
  slugify,
  surnameOf,
  nameWords,
  resolveTypedName,
  nameMatchesSpeaker
} from './names'
export { extractFigures, wordNumber } from './figures'
export { looksLikeTitle } from './attribution'
export { SPEECH_VERBS, HONORIFICS } from './lexicon'

/**
 * Extracts speakers, direct quotes with their speaker, and figures from a cleaned article.
 * Deterministic and pure: the same article always gives the same extraction, nothing is read
 * from or written to the outside world. Headings never yield attributed quotes; figures come from
 * body paragraphs only.
 */
export function extractArticle(article: Article): Extraction {
  const paragraphs =
    article.paragraphs.length > 0
      ? article.paragraphs
      : [{ kind: 'body' as const, start: 0, end: article.text.length }]
  const tokenLists = paragraphs.map((p) => tokenize(article.text, p.start, p.end))
  const { speakers, quotes } = analyseQuotes(article, tokenLists)
  const figures = extractFigures(article, tokenLists)
  return { articleId: article.id, speakers, quotes, figures }
}
