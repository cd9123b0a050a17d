import type { ConfusionRecord, QuotedeckDatabase } from './schema'

/** A speaker as a confusion names them. */
export interface ConfusedSpeaker {
  id: string
  name: string
}

/** A confusion as stored: the shared record plus the card it last happened on. */
export interface StoredConfusion extends ConfusionRecord {
  /** The who-said card of the latest confusion (the quote a contrast card is made from). */
  lastCardId?: string
}

/** One time the user named `picked` when `right` said the quote. */
export interface ConfusionInput {
  right: ConfusedSpeaker
  picked: ConfusedSpeaker
  articleId: string
  cardId: string
  nowMs: number
}

/** The id of a confusion pair. */
export function confusionId(rightSpeakerId: string, pickedSpeakerId: string): string {
  return `${rightSpeakerId}|${pickedSpeakerId}`
}

/** The pair's record once this confusion is counted (`existing` is the record before, if any). */
export function countedConfusion(
  existing: StoredConfusion | undefined,
  input: ConfusionInput
): StoredConfusion {
  return {
    id: confusionId(input.right.id, input.picked.id),
    rightName: input.right.name,
    pickedName: input.picked.name,
    rightSpeakerId: input.right.id,
    pickedSpeakerId: input.picked.id,
    articleId: input.articleId,
    count: (existing?.count ?? 0) + 1,
    lastAt: input.nowMs,
    lastCardId: input.cardId
  }
}

/**
 * Counts one more confusion of the pair inside the caller's transaction (it must include
 * `confusions`). Returns the pair's record before (null: none yet), for an undo, and after.
 */
export async function countConfusion(
  db: QuotedeckDatabase,
  input: ConfusionInput
): Promise<{ id: string; previous: StoredConfusion | null; record: StoredConfusion }> {
  const id = confusionId(input.right.id, input.picked.id)
  const previous = ((await db.confusions.get(id)) as StoredConfusion | undefined) ?? null
  const record = countedConfusion(previous ?? undefined, input)
  await db.confusions.put(record)
  return { id, previous, record }
}
