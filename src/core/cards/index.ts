/**
 * Card generation: pure functions from an article and its extraction to notes and cards, plus
 * the corrections and Anki export shared by the renderer and the CLI.
 */
export * from './types'
export {
  generateCards,
  maskSpeaker,
  pickClozePhrase,
  CLOZE_GAP,
  SPEAKER_MASK,
  DISTRACTOR_COUNT,
  MIN_WHO_SAID_WORDS,
  MIN_CLOZE_QUOTE_WORDS,
  type GenerateCardsInput,
  type GeneratedCards
} from './generate'
export { applyCorrections, USER_CORRECTION_RULE, type ExtractionCorrection } from './corrections'
export { toAnkiTsv, cardFront, tsvField } from './anki'
