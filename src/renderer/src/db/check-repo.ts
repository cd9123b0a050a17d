import { planRepairs, type RepairPlan } from '../../../core/maintenance/check-database'
import { notifyArticleCardsChanged } from './card-changes'
import { resetSchedulingFields } from './card-reset'
import { applyLogsToSlots } from './review-slots-repo'
import { checkAndRebuildCounts } from './counts-repo'
import { checkAndRebuildTallies } from './tallies-repo'
import { checkAndRebuildSummaries } from './article-summaries'
import type { CardRecord, QuotedeckDatabase } from './schema'

/**
 * Check Database: reads the collection, plans the repairs (pure, `core/maintenance`) and applies
 * them in one read-write transaction, so a collection changed meanwhile is planned and repaired
 * as one consistent state. Last, in the same transaction, the Library counts and the Stats tallies
 * are compared with a recount of the repaired cards and rebuilt if they drifted, and the article
 * summaries with their articles. Returns the plan that was applied.
 */
export async function checkAndRepairDatabase(
  db: QuotedeckDatabase,
  nowMs: number
): Promise<RepairPlan> {
  const tables = [
    db.articles,
    db.cards,
    db.reviewLogs,
    db.notes,
    db.reviewSlots,
    db.articleCountShards,
    db.dueCounts,
    db.cardTallies,
    db.speakerTallies,
    db.articleTallies,
    db.articleSummaries
  ]
  const { plan, touched } = await db.transaction('rw', tables, async () => {
    const articleIds = (await db.articles.toCollection().primaryKeys()) as string[]
    const cards = await db.cards.toArray()
    const logs: { id: number; cardId: string }[] = []
    await db.reviewLogs.each((log) => {
      if (log.id !== undefined) logs.push({ id: log.id, cardId: log.cardId })
    })
    const plan = planRepairs({ articleIds, cards, logs })
    const byId = new Map(cards.map((card) => [card.id, card]))
    const touched = new Set<string>()
    for (const id of [...plan.orphanCardIds, ...plan.duplicateCardIds]) {
      const articleId = byId.get(id)?.articleId
      if (articleId) touched.add(articleId)
    }
    await db.cards.bulkDelete([...plan.orphanCardIds, ...plan.duplicateCardIds])
    // The aggregate loses what the deleted logs had added to it.
    const orphanLogs = await db.reviewLogs.bulkGet(plan.orphanLogIds)
    await applyLogsToSlots(
      db,
      orphanLogs.filter((log) => log !== undefined),
      -1
    )
    await db.reviewLogs.bulkDelete(plan.orphanLogIds)
    for (const invalid of plan.invalidStates) {
      // The plan was made from `cards`, so every card it names is in `byId`.
      const card = byId.get(invalid.cardId) as CardRecord
      await db.cards.update(invalid.cardId, {
        ...resetSchedulingFields(card, nowMs),
        updatedAt: nowMs
      })
    }
    const counts = await checkAndRebuildCounts(db, nowMs)
    plan.driftedCountArticleIds = counts.driftedArticleIds
    plan.statsTalliesRebuilt = await checkAndRebuildTallies(db)
    plan.repairedSummaryArticleIds = await checkAndRebuildSummaries(db)
    return { plan, touched }
  })
  if (touched.size > 0) notifyArticleCardsChanged(db, [...touched])
  return plan
}
