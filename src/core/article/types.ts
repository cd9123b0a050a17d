/** Where an article came from. */
export type ArticleSource =
  | { kind: 'builtin'; name: string }
  | { kind: 'file'; path: string; fileName: string }
  | { kind: 'clipboard' }

/** A paragraph of the cleaned text; `start`/`end` are offsets into `Article.text` (end exclusive). */
export interface Paragraph {
  kind: 'body' | 'heading'
  start: number
  end: number
}

/** A line of page furniture (captions, widgets, share lines) taken out of the text. */
export interface RemovedLine {
  /** The line as it stood in the source. */
  text: string
  /** Id of the chrome rule that matched it, e.g. `embed-caption`. */
  ruleId: string
  /** Index of the paragraph it stood before in the cleaned text (paragraphs.length when last). */
  beforeParagraph: number
}

/** Encodings the loader can detect and decode. */
export type TextEncodingName =
  | 'utf-8'
  | 'utf-8-bom'
  | 'utf-16le'
  | 'utf-16be'
  | 'utf-16le-no-bom'
  | 'utf-16be-no-bom'
  | 'windows-1252'
  | 'iso-8859-1'
  | LegacyEncodingName

/** Legacy encodings other than Latin-1 decoded through iconv-lite (lower-case iconv labels). */
export type LegacyEncodingName =
  | 'shift_jis'
  | 'euc-jp'
  | 'gb18030'
  | 'big5'
  | 'euc-kr'
  | 'koi8-r'
  | `iso-8859-${number}`
  | `windows-125${number}`

/** A cleaned news article: plain text with paragraph structure, never HTML. */
export interface Article {
  /** Stable id: a hash of the cleaned text, so the same article always gets the same id. */
  id: string
  title: string
  byline: string | null
  source: ArticleSource
  /** Paragraphs joined by '\n\n'. */
  text: string
  paragraphs: Paragraph[]
  removed: RemovedLine[]
  encoding: TextEncodingName
  wordCount: number
}
