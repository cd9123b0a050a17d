import type { TextSpan } from '../extract/types'

/** A source fact cards are generated from; cards of one note are siblings. */
export type NoteKind = 'quote' | 'figure' | 'role' | 'contrast'

/** The templates a card can be generated from. */
export type CardTemplate =
  'cloze-figure' | 'cloze-quote' | 'who-said' | 'who-is' | 'role-of' | 'contrast'

/** Where on the page a card's fact stands. */
export interface SourceAnchor {
  articleId: string
  /** Sentence containing the fact. */
  sentence: TextSpan
  /** The quote or figure itself. */
  span: TextSpan
  /** Index in `Article.paragraphs`. */
  paragraphIndex: number
}

/** A fact from one article. Id: `${articleId}:${kind}:${sourceKey}` — stable across re-extraction. */
export interface Note {
  id: string
  articleId: string
  kind: NoteKind
  anchor: SourceAnchor
}

/** The content of a card (what is shown), without its scheduling state. */
export interface CardContent {
  /**
   * `${noteId}:${template}` — stable, so re-import never duplicates a card or loses history. A
   * figure cloze keeps its own figure's id (`${articleId}:figure:${key}:cloze-figure`) even when it
   * joins the note of its sentence's first figure as a sibling.
   */
  id: string
  /** The note the card belongs to; cards of one note are siblings (answering one buries the rest). */
  noteId: string
  articleId: string
  template: CardTemplate
  /** Front. Cloze cards show the gap as `[...]`. */
  prompt: string
  /** The expected answer. */
  answer: string
  /** e.g. the figure kind for a cloze, or null. */
  hint: string | null
  /** Extra context on the front, e.g. "Blinken said:" for a quote cloze. */
  context: string | null
  /** Multiple-choice options (answer included) in display order, or null. */
  options: string[] | null
  /** Speaker id of the answer for who-said/contrast/who-is cards, else null. */
  answerSpeakerId: string | null
  anchor: SourceAnchor
  tags: string[]
}
