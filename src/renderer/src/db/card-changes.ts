import type { QuotedeckDatabase } from './schema'

/** Told which articles gained or lost cards, after the write committed. */
export type ArticleCardsListener = (db: QuotedeckDatabase, articleIds: readonly string[]) => void

const listeners = new Set<ArticleCardsListener>()

/**
 * Calls `listener` whenever a write adds or deletes cards of some articles (a card sync, removing
 * or restoring an article). Answers never call it: they change a card's schedule, never how many
 * cards an article has. This replaces a Dexie live query over the cards table, which re-ran on
 * every answer (Dexie cannot tell an answer from a new card). Returns the unsubscribe function.
 */
export function onArticleCardsChanged(listener: ArticleCardsListener): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Tells the listeners that these articles' card sets changed (call after the commit). */
export function notifyArticleCardsChanged(
  db: QuotedeckDatabase,
  articleIds: readonly string[]
): void {
  if (articleIds.length === 0) return
  for (const listener of [...listeners]) {
    try {
      listener(db, articleIds)
    } catch {
      // A listener's failure must not fail the write that already committed.
    }
  }
}
