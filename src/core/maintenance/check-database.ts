import type { SchedulingState } from '../scheduling/types'

/** What Check Database needs of a card. */
export interface CheckedCard extends SchedulingState {
  id: string
  articleId: string
  template: string
  prompt: string
  answer: string
  createdAt: number
}

/** What Check Database needs of a review log entry. */
export interface CheckedLog {
  id: number
  cardId: string
}

/** A card whose FSRS state cannot be scheduled, and why (in words). */
export interface InvalidCardState {
  cardId: string
  reason: string
}

/** The repairs Check Database will make; empty lists mean a healthy collection. */
export interface RepairPlan {
  /** Cards whose article is gone: deleted. */
  orphanCardIds: string[]
  /** Review log entries whose card is gone (and is not deleted by this plan either): deleted. */
  orphanLogIds: number[]
  /** Cards with an impossible FSRS state: reset to new (their history is kept). */
  invalidStates: InvalidCardState[]
  /** Second and later copies of the same card (same article, type, front and back): deleted. */
  duplicateCardIds: string[]
  /**
   * Articles whose Library counts (new / due / total) differed from a recount of their cards:
   * recounted. Found while the repairs are applied, so `planRepairs` leaves it empty.
   */
  driftedCountArticleIds: string[]
  /**
   * Whether the Stats view's card tallies differed from a recount of the cards: rebuilt. Found
   * while the repairs are applied, so `planRepairs` leaves it false.
   */
  statsTalliesRebuilt: boolean
  /**
   * Articles whose Library summary (title, source, date added…) differed from the article, was
   * missing, or outlived it: rewritten or deleted. Found while the repairs are applied.
   */
  repairedSummaryArticleIds: string[]
}

function finiteNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value)
}

/** Why a card's scheduling state is invalid, or null when it is sound. */
export function invalidStateReason(card: SchedulingState): string | null {
  const numeric: (keyof SchedulingState)[] = [
    'due',
    'stability',
    'difficulty',
    'elapsedDays',
    'scheduledDays',
    'reps',
    'lapses'
  ]
  for (const field of numeric) {
    if (!finiteNumber(card[field])) return `its ${field} is not a number`
  }
  if (card.stability < 0) return 'its stability is negative'
  if (card.difficulty < 0 || card.difficulty > 10) return 'its difficulty is outside 0–10'
  if (card.reps < 0 || card.lapses < 0) return 'its review counts are negative'
  if (card.lastReviewedAt !== null) {
    if (!finiteNumber(card.lastReviewedAt)) return 'its last review date is not a number'
    if (card.due < card.lastReviewedAt) return 'it is due before its last review'
  }
  return null
}

/**
 * Plans the repairs of a collection (pure: the caller reads the rows and applies the plan in one
 * transaction). Of duplicate cards the one with the most reviews, then the oldest, is kept.
 */
export function planRepairs(input: {
  articleIds: Iterable<string>
  cards: readonly CheckedCard[]
  logs: readonly CheckedLog[]
}): RepairPlan {
  const articles = new Set(input.articleIds)
  const orphanCardIds: string[] = []
  const invalidStates: InvalidCardState[] = []
  const duplicateCardIds: string[] = []
  const survivors: CheckedCard[] = []
  for (const card of input.cards) {
    if (!articles.has(card.articleId)) orphanCardIds.push(card.id)
    else survivors.push(card)
  }
  const groups = new Map<string, CheckedCard[]>()
  for (const card of survivors) {
    const key = JSON.stringify([card.articleId, card.template, card.prompt, card.answer])
    const group = groups.get(key)
    if (group) group.push(card)
    else groups.set(key, [card])
  }
  const duplicates = new Set<string>()
  for (const group of groups.values()) {
    if (group.length < 2) continue
    const ordered = [...group].sort(
      (a, b) => (b.reps || 0) - (a.reps || 0) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)
    )
    for (const card of ordered.slice(1)) duplicates.add(card.id)
  }
  for (const card of survivors) {
    if (duplicates.has(card.id)) {
      duplicateCardIds.push(card.id)
      continue
    }
    const reason = invalidStateReason(card)
    if (reason !== null) invalidStates.push({ cardId: card.id, reason })
  }
  // Logs of cards this plan deletes go too; logs of cards that stay are history and stay.
  const kept = new Set(survivors.filter((card) => !duplicates.has(card.id)).map((card) => card.id))
  const orphanLogIds = input.logs.filter((log) => !kept.has(log.cardId)).map((log) => log.id)
  return {
    orphanCardIds,
    orphanLogIds,
    invalidStates,
    duplicateCardIds,
    driftedCountArticleIds: [],
    statsTalliesRebuilt: false,
    repairedSummaryArticleIds: []
  }
}

/** Whether the plan changes nothing. */
export function isHealthy(plan: RepairPlan): boolean {
  return (
    plan.orphanCardIds.length === 0 &&
    plan.orphanLogIds.length === 0 &&
    plan.invalidStates.length === 0 &&
    plan.duplicateCardIds.length === 0 &&
    plan.driftedCountArticleIds.length === 0 &&
    !plan.statsTalliesRebuilt &&
    plan.repairedSummaryArticleIds.length === 0
  )
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`
}

/** The report lines shown after the repair, in words. */
export function describeRepairs(plan: RepairPlan): string[] {
  if (isHealthy(plan)) return ['No problems found. Nothing was changed.']
  const lines: string[] = []
  if (plan.orphanCardIds.length > 0) {
    lines.push(
      `Deleted ${count(plan.orphanCardIds.length, 'card', 'cards')} whose article is gone.`
    )
  }
  if (plan.duplicateCardIds.length > 0) {
    lines.push(
      `Deleted ${count(plan.duplicateCardIds.length, 'duplicate card', 'duplicate cards')}.`
    )
  }
  if (plan.invalidStates.length > 0) {
    lines.push(
      `Reset ${count(plan.invalidStates.length, 'card', 'cards')} with an invalid schedule to new (history kept).`
    )
  }
  if (plan.orphanLogIds.length > 0) {
    lines.push(
      `Deleted ${count(plan.orphanLogIds.length, 'review', 'reviews')} whose card is gone.`
    )
  }
  if (plan.driftedCountArticleIds.length > 0) {
    lines.push(
      `Recounted the new, due and total cards of ${count(plan.driftedCountArticleIds.length, 'article', 'articles')} whose counts had drifted.`
    )
  }
  if (plan.statsTalliesRebuilt) {
    lines.push('Recounted the card totals behind the statistics, which had drifted.')
  }
  if (plan.repairedSummaryArticleIds.length > 0) {
    lines.push(
      `Rewrote the Library entry of ${count(plan.repairedSummaryArticleIds.length, 'article', 'articles')}, which no longer matched the article.`
    )
  }
  return lines
}
