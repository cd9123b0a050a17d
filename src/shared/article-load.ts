/** A step of loading an article in the main process (the file's bytes to a cleaned article). */
export type ArticleLoadStage = 'reading' | 'decoding' | 'reading-page' | 'cleaning' | 'sending'

/** Progress of a load that runs in the loader's worker thread (big files and pastes). */
export interface ArticleLoadProgress {
  /** The file's name, or "Pasted text". */
  name: string
  stage: ArticleLoadStage
  /** Share of the work done, 0–1 (by step: the cleaner does not report inside a step). */
  fraction: number
}

/** How far along each step starts, so the bar moves forward whatever the input's format. */
export const LOAD_STAGE_FRACTION: Readonly<Record<ArticleLoadStage, number>> = {
  reading: 0.02,
  decoding: 0.05,
  'reading-page': 0.15,
  cleaning: 0.3,
  sending: 0.95
}

/** The words the page shows for each step. */
export const LOAD_STAGE_LABEL: Readonly<Record<ArticleLoadStage, string>> = {
  reading: 'Reading the file',
  decoding: 'Decoding the text',
  'reading-page': 'Finding the article in the page',
  cleaning: 'Cleaning the article',
  sending: 'Opening the article'
}
