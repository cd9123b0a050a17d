import type { Article } from '../article/types'
import type { Extraction } from './types'
import { analyseQuotes } from './attribution'
import { extractFigures } from './figures'

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
  const { speakers, quotes } = analyseQuotes(article)
  const figures = extractFigures(article)
  return { articleId: article.id, speakers, quotes, figures }
}
