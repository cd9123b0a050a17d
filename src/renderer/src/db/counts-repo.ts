/**
 * Reading, folding, checking and rebuilding the Library's per-article counts, which
 * `counts-middleware.ts` keeps with every card write. Reading costs two small table reads (the
 * rows of every article packed in at most 32 shards, see count-shards.ts, and the histogram of
 * the hours left in the study day), whatever the number of cards.
 */
import {
  articleCountsAt,
  countAll,
  countsAsDue,
  dueHour,
  DUE_BUCKET_MS,
  emptyCountsRow,
  normalizeCounts,
  type ArticleCounts,
  type ArticleCountsRow,
  type CountedCard,
  type FullCounts
} from '../../../core/library/article-counts'
import { liveQuery } from 'dexie'
import { localTimeZone, Queue, studyDayEnd } from '../../../core/scheduling'
import type { QuotedeckDatabase } from './schema'
import { loadSchedulerSettings } from './study-settings-repo'
import { packShards, rewriteShards, rowsByArticle, shardsOf, unpackShards } from './count-shards'

/** End of the study day that contains `nowMs`, with the user's rollover hour and this zone. */
export async function studyDayEndAt(db: QuotedeckDatabase, nowMs: number): Promise<number> {
  return studyDayEnd(nowMs, await loadSchedulerSettings(db), localTimeZone())
}

/**
 * The Library's counts now: folds the hours already past, then reads the counts at the end of
 * the current study day.
 */
export async function loadArticleCounts(
  db: QuotedeckDatabase,
  nowMs: number
): Promise<Map<string, ArticleCounts>> {
  const hour = dueHour(nowMs)
  const [dayEndMs] = await Promise.all([
    studyDayEndAt(db, nowMs),
    // Folding is only an economy (counts are exact either way): once an hour is enough.
    foldedHour.get(db) === hour ? 0 : foldDueCounts(db, nowMs)
  ])
  foldedHour.set(db, hour)
  return readArticleCounts(db, dayEndMs)
}

/** Every article's counts row: a read of the (at most 32) count shards. */
async function readAllCountsRows(db: QuotedeckDatabase): Promise<ArticleCountsRow[]> {
  return unpackShards(await db.articleCountShards.toArray())
}

/** The hour each database was last folded at by `loadArticleCounts`. */
const foldedHour = new WeakMap<QuotedeckDatabase, number>()

/**
 * Calls `listener` with the counts at `dayEndMs` now and after every committed change to them
 * (any card write; the counts tables are small, so a re-read is cheap). Returns the unsubscribe.
 */
export function watchArticleCounts(
  db: QuotedeckDatabase,
  dayEndMs: number,
  listener: (counts: Map<string, ArticleCounts>) => void,
  onError: (error: unknown) => void
): () => void {
  const subscription = liveQuery(() => readArticleCounts(db, dayEndMs)).subscribe({
    next: listener,
    error: onError
  })
  return () => subscription.unsubscribe()
}

/**
 * New / due / total of every article with cards, at `dayEndMs` (the end of the current study
 * day: learning and review cards due before it are due). Read-only, so it can run inside a Dexie
 * live query; articles without a row have no cards.
 */
export async function readArticleCounts(
  db: QuotedeckDatabase,
  dayEndMs: number
): Promise<Map<string, ArticleCounts>> {
  const endHour = dueHour(dayEndMs)
  const edgeStart = endHour * DUE_BUCKET_MS
  // Usually the day ends on an hour and nothing was folded past it: two reads of the small
  // counts tables, and the cards table is not even part of the transaction.
  const [rows, hours] = await db.transaction('r', db.articleCountShards, db.dueCounts, () =>
    Promise.all([readAllCountsRows(db), db.dueCounts.where('hour').below(endHour).toArray()])
  )
  const foldedPastEnd = rows.filter((row) => row.foldedBelowHour * DUE_BUCKET_MS > dayEndMs)
  if (dayEndMs === edgeStart && foldedPastEnd.length === 0) {
    return articleCountsAt({ rows, hours, dayEndMs, edgeCards: [] })
  }
  return db.transaction('r', db.articleCountShards, db.dueCounts, db.cards, async () => {
    // Read again with the cards, so all of it is one consistent moment.
    const [rows, hours] = await Promise.all([
      readAllCountsRows(db),
      db.dueCounts.where('hour').below(endHour).toArray()
    ])
    // The day ends inside an hour (a zone with a half-hour offset): the cards of that hour that
    // fall before it are read through the [queue+due] index (an hour of cards at most).
    const edgeRead = (queue: number): Promise<CountedCard[]> =>
      dayEndMs === edgeStart
        ? Promise.resolve([])
        : db.cards
            .where('[queue+due]')
            .between([queue, edgeStart], [queue, dayEndMs], true, false)
            .toArray()
    const [learningEdge, reviewEdge] = await Promise.all([
      edgeRead(Queue.Learning),
      edgeRead(Queue.Review)
    ])
    // Folded beyond the day end: the clock moved back since. Rare, so those articles' cards are
    // read to take out the folded ones that are not due yet.
    const notYetDueFolded = new Map<string, number>()
    for (const row of rows) {
      const foldedUpToMs = row.foldedBelowHour * DUE_BUCKET_MS
      if (foldedUpToMs <= dayEndMs) continue
      const cards = await db.cards.where('articleId').equals(row.articleId).toArray()
      const notYet = cards.filter(
        (card) => countsAsDue(card.queue) && card.due >= dayEndMs && card.due < foldedUpToMs
      ).length
      notYetDueFolded.set(row.articleId, notYet)
    }
    return articleCountsAt({
      rows,
      hours,
      dayEndMs,
      edgeCards: [...learningEdge, ...reviewEdge],
      notYetDueFolded
    })
  })
}

/**
 * Moves histogram hours before `nowMs` into the articles' `overdue` sums, so a read only walks
 * the hours still ahead in the day. Exact at any time (it changes where a card is counted, never
 * whether). Returns the number of histogram rows folded.
 */
export async function foldDueCounts(db: QuotedeckDatabase, nowMs: number): Promise<number> {
  const foldHour = dueHour(nowMs)
  return db.transaction('rw', db.articleCountShards, db.dueCounts, async () => {
    const past = await db.dueCounts.where('hour').below(foldHour).toArray()
    if (past.length === 0) return 0
    const byArticle = new Map<string, number>()
    for (const entry of past) {
      byArticle.set(entry.articleId, (byArticle.get(entry.articleId) ?? 0) + entry.count)
    }
    const rowsOf = rowsByArticle(await db.articleCountShards.bulkGet(shardsOf(byArticle.keys())))
    const changed = new Map<string, ArticleCountsRow>()
    for (const [articleId, count] of byArticle) {
      const row = rowsOf.get(articleId) ?? emptyCountsRow(articleId)
      changed.set(articleId, {
        ...row,
        overdue: row.overdue + count,
        foldedBelowHour: Math.max(row.foldedBelowHour, foldHour)
      })
    }
    const { put, deleteShards } = rewriteShards(rowsOf, changed)
    await db.articleCountShards.bulkPut(put)
    if (deleteShards.length > 0) await db.articleCountShards.bulkDelete(deleteShards)
    await db.dueCounts.bulkDelete(past.map((entry) => [entry.articleId, entry.hour]))
    return past.length
  })
}

/** The stored counts as a whole (for checking them against a recount). */
async function storedCounts(db: QuotedeckDatabase): Promise<FullCounts> {
  const [articles, hours] = await Promise.all([readAllCountsRows(db), db.dueCounts.toArray()])
  return { articles, hours }
}

/** Article rows that count nothing say the same as a missing row. */
function withoutEmptyRows(counts: FullCounts): FullCounts {
  return {
    articles: counts.articles.filter(
      (row) => row.total !== 0 || row.new !== 0 || row.overdue !== 0
    ),
    hours: counts.hours.filter((entry) => entry.count !== 0)
  }
}

/** What checking the counts found. */
export interface CountsCheck {
  /** Articles whose stored counts differ from a recount of their cards. */
  driftedArticleIds: string[]
}

function cardsOf(cards: Iterable<CountedCard>): CountedCard[] {
  const counted: CountedCard[] = []
  for (const card of cards) {
    counted.push({ articleId: card.articleId, queue: card.queue, due: card.due })
  }
  return counted
}

/**
 * Compares the stored counts with a recount of every card, and when they differ replaces them
 * with the recount — in the caller's transaction when there is one (it must include `cards`,
 * `articleCountShards` and `dueCounts`), else in its own.
 */
export async function checkAndRebuildCounts(
  db: QuotedeckDatabase,
  nowMs: number,
  options: { rebuild?: boolean } = {}
): Promise<CountsCheck> {
  return db.transaction('rw', db.cards, db.articleCountShards, db.dueCounts, async () => {
    const counted: CountedCard[] = []
    await db.cards.each((card) => {
      counted.push({ articleId: card.articleId, queue: card.queue, due: card.due })
    })
    const stored = await storedCounts(db)
    const foldHour = Math.max(dueHour(nowMs), ...stored.articles.map((row) => row.foldedBelowHour))
    const fresh = withoutEmptyRows(countAll(counted, foldHour))
    const kept = withoutEmptyRows(normalizeCounts(stored, foldHour))
    const drifted = driftedArticles(kept, fresh)
    if (drifted.length > 0 && (options.rebuild ?? true)) {
      await db.articleCountShards.clear()
      await db.dueCounts.clear()
      await db.articleCountShards.bulkPut(packShards(fresh.articles))
      await db.dueCounts.bulkPut(fresh.hours)
    }
    return { driftedArticleIds: drifted }
  })
}

/** Articles whose rows or histogram differ between two counts at the same fold mark. */
function driftedArticles(a: FullCounts, b: FullCounts): string[] {
  const describe = (counts: FullCounts): Map<string, string> => {
    const text = new Map<string, string>()
    for (const row of counts.articles) {
      text.set(row.articleId, `${row.total}/${row.new}/${row.overdue};`)
    }
    for (const entry of counts.hours) {
      text.set(entry.articleId, `${text.get(entry.articleId) ?? '-'}${entry.hour}:${entry.count},`)
    }
    return text
  }
  const left = describe(a)
  const right = describe(b)
  const ids = new Set([...left.keys(), ...right.keys()])
  return [...ids].filter((id) => left.get(id) !== right.get(id)).sort()
}

/** A full recount of the cards (tests and benchmarks compare the maintained counts with it). */
export async function recountArticleCounts(
  db: QuotedeckDatabase,
  dayEndMs: number
): Promise<Map<string, ArticleCounts>> {
  const cards = cardsOf(await db.cards.toArray())
  const result = new Map<string, ArticleCounts>()
  for (const card of cards) {
    const counts = result.get(card.articleId) ?? { total: 0, new: 0, due: 0 }
    counts.total++
    if (card.queue === Queue.New) counts.new++
    if (countsAsDue(card.queue) && !(card.due >= dayEndMs)) counts.due++
    result.set(card.articleId, counts)
  }
  return result
}
