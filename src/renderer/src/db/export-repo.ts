import { toAnkiTsv } from '../../../core/cards/anki'
import { toReviewLogCsv } from '../../../core/scheduling/review-log-csv'
import type { CardRecord, QuotedeckDatabase } from './schema'

/** The cards to export: every card, or the listed ids (a search result), in that order. */
async function cardsFor(
  db: QuotedeckDatabase,
  cardIds: readonly string[] | null
): Promise<CardRecord[]> {
  if (cardIds === null) return db.cards.orderBy('articleId').toArray()
  const found = await db.cards.bulkGet([...cardIds])
  return found.filter((card): card is CardRecord => card !== undefined)
}

/** The cards as an Anki-importable TSV (`src/core/cards/anki.ts`). */
export async function exportCardsAsAnkiTsv(
  db: QuotedeckDatabase,
  cardIds: readonly string[] | null = null
): Promise<{ text: string; cardCount: number }> {
  const cards = await cardsFor(db, cardIds)
  return { text: toAnkiTsv(cards), cardCount: cards.length }
}

/** The review log of every card (or of the listed cards) as FSRS community CSV. */
export async function exportReviewLogCsv(
  db: QuotedeckDatabase,
  cardIds: readonly string[] | null = null
): Promise<{ text: string; reviewCount: number }> {
  const entries =
    cardIds === null
      ? await db.reviewLogs.toArray()
      : await db.reviewLogs
          .where('cardId')
          .anyOf([...cardIds])
          .toArray()
  const text = toReviewLogCsv(entries)
  return { text, reviewCount: text.trimEnd().split('\n').length - 1 }
}
