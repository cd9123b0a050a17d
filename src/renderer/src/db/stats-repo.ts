/**
 * What the Stats view reads. Every read is a maintained aggregate (the review slots and the card
 * tallies) or a bounded index range: never the whole card table, a whole index or the review
 * logs, so the view stays fast with 100,000 cards and 500,000 logs. The maths is `core/stats`'s.
 */
import Dexie from 'dexie'
import { Queue, type SchedulingState } from '../../../core/scheduling'
import {
  STABILITY_EDGES_DAYS,
  articleMasteryFromTallies,
  binCountsFromTallies,
  queueCountFromTallies,
  speakerMasteryFromTallies,
  type ArticleMastery,
  type SpeakerMastery,
  type SpeakerTallyRow,
  type TimeBin
} from '../../../core/stats'
import type { ReviewSlot } from '../../../core/stats/slots'
import { countDueInBins, schedulingOf, type QueueCounts } from './cards-repo'
import { readPrimaryRangeInChunks } from './chunked-read'
import type { CardRecord, QuotedeckDatabase } from './schema'

/** Cards read to estimate the retrievability distribution when there are more than this. */
export const RETRIEVABILITY_SAMPLE = 800

/** Card distributions (cards with an interval or a memory state). */
export interface CardBinCounts {
  /** Per `INTERVAL_EDGES_DAYS` bin (cards with an interval of a day or more). */
  interval: number[]
  /** Per `STABILITY_EDGES_DAYS` bin (cards ever studied: stability above 0). */
  stability: number[]
  /** Per `DIFFICULTY_EDGES` bin. */
  difficulty: number[]
}

/** What the collection tallies give the Stats view: its distributions and queue sizes. */
export interface CardTallies {
  bins: CardBinCounts
  queues: QueueCounts
}

/**
 * The distributions and queue sizes from the maintained tallies (one small table read; no card
 * and no index is walked).
 */
export async function loadCardTallies(db: QuotedeckDatabase): Promise<CardTallies> {
  const rows = await db.cardTallies.toArray()
  const queue = (value: number): number => queueCountFromTallies(rows, value)
  const queues = {
    new: queue(Queue.New),
    learning: queue(Queue.Learning),
    review: queue(Queue.Review),
    suspended: queue(Queue.Suspended),
    buried: queue(Queue.Buried),
    total: 0
  }
  queues.total = queues.new + queues.learning + queues.review + queues.suspended + queues.buried
  return {
    bins: {
      interval: binCountsFromTallies(rows, 'interval'),
      stability: binCountsFromTallies(rows, 'stability'),
      difficulty: binCountsFromTallies(rows, 'difficulty')
    },
    queues
  }
}

/** Cards read for the retrievability chart, each standing for `weight` cards. */
export interface RetrievabilitySample {
  states: SchedulingState[]
  weights: number[]
  /** Studied cards in the collection. */
  total: number
  /** Whether `states` is a sample (more studied cards than `RETRIEVABILITY_SAMPLE`). */
  sampled: boolean
}

/**
 * Studied cards for the retrievability chart: all of them when few, otherwise a sample stratified
 * by stability (each stability bin gives cards in proportion to its size, weighted back up), read
 * through the stability index. `stabilityCounts` are `loadCardTallies().bins.stability`.
 */
export async function loadRetrievabilitySample(
  db: QuotedeckDatabase,
  stabilityCounts: readonly number[]
): Promise<RetrievabilitySample> {
  const total = stabilityCounts.reduce((sum, count) => sum + count, 0)
  const sampled = total > RETRIEVABILITY_SAMPLE
  const parts = await Promise.all(
    STABILITY_EDGES_DAYS.map(async (from, i) => {
      const count = stabilityCounts[i] ?? 0
      if (count === 0) return { states: [] as SchedulingState[], weight: 0 }
      const to = i + 1 < STABILITY_EDGES_DAYS.length ? STABILITY_EDGES_DAYS[i + 1] : Infinity
      const take = sampled
        ? Math.max(1, Math.round((RETRIEVABILITY_SAMPLE * count) / total))
        : count
      const cards = await db.cards
        .where('stability')
        .between(from, to, i !== 0, false)
        .limit(take)
        .toArray()
      return {
        states: cards.map(schedulingOf),
        weight: cards.length === 0 ? 0 : count / cards.length
      }
    })
  )
  const states: SchedulingState[] = []
  const weights: number[] = []
  for (const part of parts) {
    for (const state of part.states) {
      states.push(state)
      weights.push(part.weight)
    }
  }
  return { states, weights, total, sampled }
}

/** The due time of the latest learning or review card, null when none (index read, one key). */
export async function lastDueMs(db: QuotedeckDatabase): Promise<number | null> {
  const last = await Promise.all(
    [Queue.Learning, Queue.Review].map((queue) =>
      db.cards.where('[queue+due]').between([queue, Dexie.minKey], [queue, Dexie.maxKey]).last()
    )
  )
  const dues = last.filter((card): card is CardRecord => card !== undefined).map((card) => card.due)
  return dues.length === 0 ? null : Math.max(...dues)
}

/**
 * Learning and review cards falling due in each bin (the first bin also holds what is overdue);
 * buried cards count in the bin they come back in. New cards are introduced by the daily limit,
 * not forecast.
 */
export function loadForecastCounts(
  db: QuotedeckDatabase,
  bins: readonly TimeBin[],
  nowMs: number
): Promise<number[]> {
  return countDueInBins(db, bins, nowMs)
}

/** Every slot of the review aggregate, oldest first (read in parallel chunks). */
export async function loadSlots(db: QuotedeckDatabase): Promise<ReviewSlot[]> {
  return readPrimaryRangeInChunks(db.reviewSlots, -Infinity, Infinity)
}

/** A confused pair of speakers, most often first. */
export interface ConfusedPair {
  rightSpeakerId: string
  rightName: string
  pickedSpeakerId: string
  pickedName: string
  articleId: string
  count: number
}

/** What the mastery tables show, with names. */
export interface MasteryInput {
  /** Speakers, most lapses first (then least mature). */
  speakers: SpeakerMastery[]
  /** Speaker id → name (from their who-said cards). */
  speakerNames: Map<string, string>
  /** Articles studied most recently, newest first. */
  articles: ArticleMastery[]
  articleTitles: Map<string, string>
  confusions: ConfusedPair[]
}

/** Articles shown by the mastery table, and speakers read for the speaker table. */
const MASTERY_ARTICLES = 8
const MASTERY_SPEAKERS_READ = 50
const RECENT_LOGS_READ = 400

/** Logs read per step when looking for the articles studied last (at most `RECENT_LOGS_READ`). */
const RECENT_LOG_STEPS = [25, 75, RECENT_LOGS_READ - 100]

/**
 * The articles of the latest scheduled answers, newest first (at most `MASTERY_ARTICLES`). Logs
 * carry the card's state before and after, so they are read a few at a time from the newest and
 * only as far back as needed (usually the first step), not `RECENT_LOGS_READ` every time.
 */
async function recentlyStudiedArticleIds(db: QuotedeckDatabase): Promise<string[]> {
  const articleIds: string[] = []
  let upToMs = Infinity
  for (const step of RECENT_LOG_STEPS) {
    // Or equal: answers sharing the last one's millisecond are not skipped (seen ones are).
    const logs = await db.reviewLogs
      .where('reviewedAt')
      .belowOrEqual(upToMs)
      .reverse()
      .limit(step)
      .toArray()
    for (const log of logs) {
      if (log.source === 'practice' || articleIds.includes(log.articleId)) continue
      articleIds.push(log.articleId)
      if (articleIds.length >= MASTERY_ARTICLES) return articleIds
    }
    if (logs.length < step) break
    upToMs = logs[logs.length - 1].reviewedAt
  }
  return articleIds
}

/**
 * The mastery tables from the maintained tallies, all bounded reads: the most confused speaker
 * pairs (`confusions` by count), the speakers with the most lapses (`speakerTallies` by
 * `lapses`), and the articles studied most recently (the latest logs by `reviewedAt`, then their
 * `articleTallies`).
 */
export async function loadMasteryInput(
  db: QuotedeckDatabase,
  confusionLimit = 8
): Promise<MasteryInput> {
  const [confusionRows, lapsedSpeakers, articleIds] = await Promise.all([
    db.confusions.orderBy('count').reverse().limit(confusionLimit).toArray(),
    db.speakerTallies.orderBy('lapses').reverse().limit(MASTERY_SPEAKERS_READ).toArray(),
    recentlyStudiedArticleIds(db)
  ])
  const confusions: ConfusedPair[] = confusionRows.map((row) => ({
    rightSpeakerId: row.rightSpeakerId,
    rightName: row.rightName,
    pickedSpeakerId: row.pickedSpeakerId,
    pickedName: row.pickedName,
    articleId: row.articleId,
    count: row.count
  }))
  // Confused speakers are shown too, whatever their lapses.
  const known = new Set(lapsedSpeakers.map((row) => row.speakerId))
  const confusedIds = [
    ...new Set(confusions.flatMap((pair) => [pair.rightSpeakerId, pair.pickedSpeakerId]))
  ].filter((id) => !known.has(id))
  const [confusedSpeakers, articleRows] = await Promise.all([
    db.speakerTallies.bulkGet(confusedIds),
    db.articleTallies.bulkGet(articleIds)
  ])
  const speakerRows: SpeakerTallyRow[] = [
    ...lapsedSpeakers,
    ...confusedSpeakers.filter((row): row is SpeakerTallyRow => row !== undefined)
  ]
  const speakerNames = new Map<string, string>()
  for (const row of speakerRows) speakerNames.set(row.speakerId, row.name)
  for (const pair of confusions) {
    if (!speakerNames.has(pair.rightSpeakerId)) {
      speakerNames.set(pair.rightSpeakerId, pair.rightName)
    }
    if (!speakerNames.has(pair.pickedSpeakerId)) {
      speakerNames.set(pair.pickedSpeakerId, pair.pickedName)
    }
  }
  // Titles of the shown articles and of the speakers' articles (for their "Study" links).
  const titleIds = [...new Set([...articleIds, ...speakerRows.map((row) => row.articleId)])]
  const articles = await db.articleSummaries.bulkGet(titleIds)
  const articleTitles = new Map<string, string>()
  articles.forEach((article, index) => {
    if (article) articleTitles.set(titleIds[index], article.title)
  })
  return {
    speakers: speakerMasteryFromTallies(speakerRows),
    speakerNames,
    articles: articleMasteryFromTallies(articleIds, articleRows),
    articleTitles,
    confusions
  }
}
