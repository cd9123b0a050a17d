/**
 * Per-article card counts (new / due / total) kept incrementally: the pure half. A card adds to
 * its article's `total`; a new card adds to `new`; a learning or review card is counted by the
 * hour it falls due, either in the article's histogram of due hours or, once that hour is behind
 * the article's fold mark, in its `overdue` sum. "Due today" is then `overdue` plus the histogram
 * up to the end of the study day, so no card is read to count it, and time passing never makes a
 * stored count wrong (only which buckets are summed changes).
 */
import { Queue, type QueueValue } from '../scheduling/types'

/** Width of a histogram bucket. Every study-day end falls on a bucket edge or inside one bucket. */
export const DUE_BUCKET_MS = 60 * 60 * 1000

/** What the counts need of a card. */
export interface CountedCard {
  articleId: string
  queue: QueueValue
  due: number
}

/** One article's maintained counts (a row of `articleCounts`). */
export interface ArticleCountsRow {
  articleId: string
  /** Every card of the article, suspended and buried included. */
  total: number
  /** Cards in the new queue. */
  new: number
  /** Learning and review cards whose due hour is below `foldedBelowHour`. */
  overdue: number
  /** Due hours below this are summed in `overdue`; hours at or above it live in the histogram. */
  foldedBelowHour: number
}

/** Cards of one article falling due in one hour (a row of `dueCounts`). */
export interface DueCountRow {
  articleId: string
  /** `floor(due / DUE_BUCKET_MS)`. */
  hour: number
  count: number
}

/** What the Library shows for an article. */
export interface ArticleCounts {
  total: number
  new: number
  /** Learning and review cards due before the end of the current study day. */
  due: number
}

/**
 * The hour bucket of a due time. A due that is not a finite number (a damaged card, which Check
 * Database repairs) counts as long overdue, so it never becomes an invalid IndexedDB key.
 */
export function dueHour(dueMs: number): number {
  return Number.isFinite(dueMs) ? Math.floor(dueMs / DUE_BUCKET_MS) : -Infinity
}

/** Whether a card's queue is counted by due time (learning and review; not suspended or buried). */
export function countsAsDue(queue: QueueValue): boolean {
  return queue === Queue.Learning || queue === Queue.Review
}

/** An article's row before any card was counted. */
export function emptyCountsRow(articleId: string, foldedBelowHour = 0): ArticleCountsRow {
  return { articleId, total: 0, new: 0, overdue: 0, foldedBelowHour }
}

/** A change to counts: per article row deltas and per (article, hour) histogram deltas. */
export interface CountsDelta {
  /** articleId → field deltas (`foldedBelowHour` is never changed by a delta). */
  articles: Map<string, { total: number; new: number; overdue: number }>
  /** `${articleId}\u0000${hour}` → delta. */
  hours: Map<string, { articleId: string; hour: number; count: number }>
}

/** An empty delta. */
export function emptyDelta(): CountsDelta {
  return { articles: new Map(), hours: new Map() }
}

/**
 * Adds `sign` times one card's contribution to `delta`. `foldMarkOf` gives the article's current
 * fold mark (where the card's due hour is counted: below it in `overdue`, else in the histogram).
 */
export function addCard(
  delta: CountsDelta,
  card: CountedCard,
  sign: 1 | -1,
  foldMarkOf: (articleId: string) => number
): void {
  let row = delta.articles.get(card.articleId)
  if (!row) {
    row = { total: 0, new: 0, overdue: 0 }
    delta.articles.set(card.articleId, row)
  }
  row.total += sign
  if (card.queue === Queue.New) row.new += sign
  if (!countsAsDue(card.queue)) return
  const hour = dueHour(card.due)
  if (hour < foldMarkOf(card.articleId)) {
    row.overdue += sign
    return
  }
  const key = `${card.articleId}\u0000${hour}`
  const entry = delta.hours.get(key)
  if (entry) entry.count += sign
  else delta.hours.set(key, { articleId: card.articleId, hour, count: sign })
}

/** Counts built from every card at once (migration, Check Database, tests). */
export interface FullCounts {
  articles: ArticleCountsRow[]
  hours: DueCountRow[]
}

/**
 * Counts every card from scratch, folding due hours below `foldBelowHour` into `overdue`.
 * `articleIds` get a row even without cards. Rows are sorted so two counts compare with `toEqual`.
 */
export function countAll(
  cards: Iterable<CountedCard>,
  foldBelowHour: number,
  articleIds: Iterable<string> = []
): FullCounts {
  const delta = emptyDelta()
  for (const articleId of articleIds)
    delta.articles.set(articleId, { total: 0, new: 0, overdue: 0 })
  for (const card of cards) addCard(delta, card, 1, () => foldBelowHour)
  return {
    articles: [...delta.articles]
      .map(([articleId, row]) => ({ articleId, ...row, foldedBelowHour: foldBelowHour }))
      .sort((a, b) => compareText(a.articleId, b.articleId)),
    hours: [...delta.hours.values()]
      .filter((entry) => entry.count !== 0)
      .sort((a, b) => compareText(a.articleId, b.articleId) || a.hour - b.hour)
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Stored counts brought to one fold mark, so counts kept incrementally (each article folded at
 * its own time) compare with a fresh `countAll(cards, foldBelowHour)`. Articles folded beyond
 * `foldBelowHour` cannot be unfolded and are returned as they are (pick the highest mark).
 */
export function normalizeCounts(stored: FullCounts, foldBelowHour: number): FullCounts {
  const articles = new Map(stored.articles.map((row) => [row.articleId, { ...row }]))
  const hours: DueCountRow[] = []
  for (const entry of stored.hours) {
    if (entry.count === 0) continue
    const row = articles.get(entry.articleId)
    if (entry.hour < foldBelowHour && row) row.overdue += entry.count
    else hours.push({ ...entry })
  }
  for (const row of articles.values()) {
    row.foldedBelowHour = Math.max(row.foldedBelowHour, foldBelowHour)
  }
  return {
    articles: [...articles.values()].sort((a, b) => compareText(a.articleId, b.articleId)),
    hours: hours.sort((a, b) => compareText(a.articleId, b.articleId) || a.hour - b.hour)
  }
}

/** Inputs of `articleCountsAt`. */
export interface CountsAtInput {
  rows: readonly ArticleCountsRow[]
  /** Histogram rows with `hour < dueHour(dayEndMs)` (more are ignored). */
  hours: readonly DueCountRow[]
  /** End of the current study day (epoch ms): cards due before it are due today. */
  dayEndMs: number
  /**
   * Learning and review cards due in `[edgeHour start, dayEndMs)`, where the day ends inside an
   * hour bucket (zones with a half-hour offset); empty when it ends on a bucket edge.
   */
  edgeCards: readonly CountedCard[]
  /**
   * Per article whose fold mark lies beyond the day end (the clock moved back): its learning and
   * review cards due in `[dayEndMs, foldedBelowHour start)`, which `overdue` holds but are not due.
   */
  notYetDueFolded?: ReadonlyMap<string, number>
}

/**
 * New / due / total per article at a moment, from the maintained rows: `due` is `overdue` plus
 * the histogram buckets wholly before the day end, plus the cards of the bucket the day ends in
 * that fall before it.
 */
export function articleCountsAt(input: CountsAtInput): Map<string, ArticleCounts> {
  const endHour = dueHour(input.dayEndMs)
  const edge = input.dayEndMs % DUE_BUCKET_MS !== 0
  const result = new Map<string, ArticleCounts>()
  for (const row of input.rows) {
    const notYet = input.notYetDueFolded?.get(row.articleId) ?? 0
    result.set(row.articleId, { total: row.total, new: row.new, due: row.overdue - notYet })
  }
  const foldOf = new Map(input.rows.map((row) => [row.articleId, row.foldedBelowHour]))
  for (const entry of input.hours) {
    if (entry.hour >= endHour) continue
    const counts = result.get(entry.articleId)
    if (counts) counts.due += entry.count
  }
  if (edge) {
    for (const card of input.edgeCards) {
      if (!countsAsDue(card.queue) || dueHour(card.due) !== endHour) continue
      if (card.due >= input.dayEndMs) continue
      // Already in `overdue` when the article was folded past this hour.
      if ((foldOf.get(card.articleId) ?? 0) > endHour) continue
      const counts = result.get(card.articleId)
      if (counts) counts.due++
    }
  }
  return result
}
