/** A half-open character range [start, end) in `Article.text`. */
export interface TextSpan {
  start: number
  end: number
}

export type SpeakerKind = 'person' | 'organisation' | 'group'

/** Someone (or some body) the article names and who may be quoted. */
export interface Speaker {
  /** Stable within the article: a slug of the canonical name, e.g. `antony-blinken`. */
  id: string
  /** Canonical full name as the article gives it. */
  name: string
  /** Every other way the article refers to them (surname, titled forms); no pronouns. */
  aliases: string[]
  /** Role or title as the article states it, e.g. `Foreign Secretary`. */
  role: string | null
  kind: SpeakerKind
  /** Where the article names them (names and aliases, not pronouns). */
  mentions: TextSpan[]
  /** Number of quotes attributed to them. */
  quoteCount: number
}

export type QuoteKind = 'full' | 'partial'

/** A direct quotation. */
export interface Quote {
  /** Stable within the article: derived from the quote's offsets, e.g. `q-1234`. */
  id: string
  /** Exactly the characters between the quote marks. */
  text: string
  start: number
  end: number
  kind: QuoteKind
  /** Speaker id, or null when nobody named said it (scare quotes, titles, unnamed sources). */
  speaker: string | null
  /** The attribution words, e.g. `Quist said`, or null. */
  cue: string | null
  /** 0..1 */
  confidence: number
  /** Name of the rule that decided the attribution, e.g. `cue-after-same-sentence`. */
  rule: string
  /** The sentence the quote stands in (may extend beyond the quote). */
  sentence: TextSpan
}

export type FigureKind =
  'money' | 'percent' | 'count' | 'duration' | 'date' | 'age' | 'measure' | 'time'

/** A numeric fact a student could be quizzed on. */
export interface Figure {
  /** Stable within the article, derived from offsets, e.g. `f-1234`. */
  id: string
  text: string
  start: number
  end: number
  kind: FigureKind
  /** Normalised value: 8e9 for "$8 billion", 5.5 for "five-and-a-half hours", 202302 -> see unit. */
  value: number | null
  /** e.g. `USD`, `GBP`, `hours`, `percent`, `year`, `year-month`, `people`. */
  unit: string | null
  /** ISO-like normalisation for dates ("2023-02"), null otherwise. */
  iso: string | null
  vague: boolean
  sentence: TextSpan
}

/** Everything extracted from one article. */
export interface Extraction {
  articleId: string
  speakers: Speaker[]
  quotes: Quote[]
  figures: Figure[]
}
