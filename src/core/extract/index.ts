import type { Article } from '../article/types'
import type { Extraction } from './types'
import { analyseQuotes } from './attribution'
import { extractFigures } from './figures'
import { tokenizeParagraphs } from './tokens'
import { rerankExtraction } from './ranker/rerank'
import type { RankerModel } from './ranker/model'
import bundledModel from './ranker/attribution-model.json'

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
export type { RankerModel } from './ranker/model'

/** The model `npm run train` learned from the annotated corpus, shipped with the app. */
export const ATTRIBUTION_MODEL: RankerModel = bundledModel as RankerModel

/** Options of {@link extractArticle}. */
export interface ExtractOptions {
  /**
   * The attribution ranker to decide speakers with; `null` keeps the rule pass's decisions
   * (training and cross-validation use this to get the rule pass's proposals).
   */
  model?: RankerModel | null
}

/**
 * Extracts speakers, direct quotes with their speaker, and figures from a cleaned article.
 * Deterministic and pure: the same article always gives the same extraction, nothing is read
 * from or written to the outside world. A rule pass proposes each quote's speaker and the learned
 * ranker ({@link ATTRIBUTION_MODEL}) decides among the candidates; figures come from the body and
 * the headline.
 */
export function extractArticle(article: Article, options: ExtractOptions = {}): Extraction {
  const tokenLists = tokenizeParagraphs(article)
  const { speakers, quotes } = analyseQuotes(article, tokenLists)
  const figures = extractFigures(article, tokenLists)
  const proposed: Extraction = { articleId: article.id, speakers, quotes, figures }
  const model = options.model === undefined ? ATTRIBUTION_MODEL : options.model
  return model === null ? proposed : rerankExtraction(article, proposed, model, tokenLists)
}
