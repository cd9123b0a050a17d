/**
 * What the Stats view reads. Every read is an index count, a bounded index range or the review
 * aggregate (`reviewSlots`): never the whole card table or the review logs, so the view stays
 * fast with 100,000 cards and 500,000 logs. The maths is `core/stats`'s.
 */
import Dexie from 'dexie'
import { Queue, type SchedulingState } from '../../../core/scheduling'
import {
  DIFFICULTY_EDGES,
  INTERVAL_EDGES_DAYS,
  STABILITY_EDGES_DAYS,
  type MasteryCard,
  type TimeBin
} from '../../../core/stats'
import type { ReviewSlot } from '../../../core/stats/slots'
import { countDueInBins, schedulingOf } from './cards-repo'
import type { CardRecord, QuotedeckDatabase } from './schema'

/** Cards read to estimate the retrievability distribution when there are more than this. */
export const RETRIEVABILITY_SAMPLE = 2000

/** Counts per bin of an indexed numeric field: bin i is [edges[i], edges[i+1]), the last open. */
async function countBins(
  db: QuotedeckDatabase,
  index: 'scheduledDays' | 'stability' | 'difficulty',
  edges: readonly number[],
  excludeFirstEdge = false
): Promise<number[]> {
  return Promise.all(
    edges.map((from, i) => {
      const to = i + 1 < edges.length ? edges[i + 1] : Infinity
      return db.cards
        .where(index)
        .between(from, to, !(excludeFirstEdge && i === 0), false)
        .count()
    })
  )
}

/** Card distributions by index counts (cards with an interval or a memory state). */
export interface CardBinCounts {
  /** Per `INTERVAL_EDGES_DAYS` bin (cards with an interval of a day or more). */
  interval: number[]
  /** Per `STABILITY_EDGES_DAYS` bin (cards ever studied: stability above 0). */
  stability: number[]
  /** Per `DIFFICULTY_EDGES` bin. */
  difficulty: number[]
}

/** Counts the cards in every distribution bin (index counts; no card is read). */
export async function loadCardBinCounts(db: QuotedeckDatabase): Promise<CardBinCounts> {
  const [interval, stability, difficulty] = await Promise.all([
    countBins(db, 'scheduledDays', INTERVAL_EDGES_DAYS),
    countBins(db, 'stability', STABILITY_EDGES_DAYS, true),
    countBins(db, 'difficulty', DIFFICULTY_EDGES)
  ])
  return { interval, stability, difficulty }
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
 * through the stability index. `stabilityCounts` are `loadCardBinCounts().stability`.
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
  bins: readonly TimeBin[]
): Promise<number[]> {
  return countDueInBins(db, bins)
}

/** Every slot of the review aggregate, oldest first. */
export async function loadSlots(db: QuotedeckDatabase): Promise<ReviewSlot[]> {
  return db.reviewSlots.toArray()
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

/** What the mastery tables need: the cards of a few speakers and articles, with names. */
export interface MasteryInput {
  cards: MasteryCard[]
  /** Speaker id → name (from their who-said cards). */
  speakerNames: Map<string, string>
  /** Articles to show, most recently studied first. */
  articleIds: string[]
  articleTitles: Map<string, string>
  confusions: ConfusedPair[]
}

/** Speakers and articles looked at by the mastery tables. */
const MASTERY_ARTICLES = 8
const LAPSED_CARDS_READ = 300
const RECENT_LOGS_READ = 400

function masteryCard(card: CardRecord): MasteryCard {
  return {
    articleId: card.articleId,
    template: card.template,
    answerSpeakerId: card.answerSpeakerId,
    memoryState: card.memoryState,
    scheduledDays: card.scheduledDays,
    lapses: card.lapses
  }
}

/**
 * The cards behind the mastery tables, all through bounded index reads: the most confused speaker
 * pairs (`confusions` by count), the speakers of the most-lapsed cards (`lapses`, highest first),
 * and the articles studied most recently (the latest logs by `reviewedAt`). Their who-said cards
 * are read by `answerSpeakerId`, the articles' cards by `articleId`.
 */
export async function loadMasteryInput(
  db: QuotedeckDatabase,
  confusionLimit = 8
): Promise<MasteryInput> {
  const [confusionRows, lapsed, recentLogs] = await Promise.all([
    db.confusions.orderBy('count').reverse().limit(confusionLimit).toArray(),
    db.cards.where('lapses').above(0).reverse().limit(LAPSED_CARDS_READ).toArray(),
    db.reviewLogs.orderBy('reviewedAt').reverse().limit(RECENT_LOGS_READ).toArray()
  ])
  const confusions: ConfusedPair[] = confusionRows.map((row) => ({
    rightSpeakerId: row.rightSpeakerId,
    rightName: row.rightName,
    pickedSpeakerId: row.pickedSpeakerId,
    pickedName: row.pickedName,
    articleId: row.articleId,
    count: row.count
  }))
  const articleIds: string[] = []
  for (const log of recentLogs) {
    if (log.source === 'practice' || articleIds.includes(log.articleId)) continue
    articleIds.push(log.articleId)
    if (articleIds.length >= MASTERY_ARTICLES) break
  }
  const speakerIds = new Set<string>()
  for (const pair of confusions) {
    speakerIds.add(pair.rightSpeakerId)
    speakerIds.add(pair.pickedSpeakerId)
  }
  for (const card of lapsed) {
    if (card.template === 'who-said' && card.answerSpeakerId) speakerIds.add(card.answerSpeakerId)
  }
  const [speakerCards, articleCards, articles] = await Promise.all([
    speakerIds.size === 0
      ? Promise.resolve([] as CardRecord[])
      : db.cards
          .where('answerSpeakerId')
          .anyOf([...speakerIds])
          .toArray(),
    articleIds.length === 0
      ? Promise.resolve([] as CardRecord[])
      : db.cards.where('articleId').anyOf(articleIds).toArray(),
    db.articles.bulkGet(articleIds)
  ])
  const byId = new Map<string, CardRecord>()
  for (const card of [...speakerCards, ...articleCards]) byId.set(card.id, card)
  const speakerNames = new Map<string, string>()
  for (const card of byId.values()) {
    if (card.template === 'who-said' && card.answerSpeakerId) {
      speakerNames.set(card.answerSpeakerId, card.answer)
    }
  }
  for (const pair of confusions) {
    if (!speakerNames.has(pair.rightSpeakerId))
      speakerNames.set(pair.rightSpeakerId, pair.rightName)
    if (!speakerNames.has(pair.pickedSpeakerId)) {
      speakerNames.set(pair.pickedSpeakerId, pair.pickedName)
    }
  }
  const articleTitles = new Map<string, string>()
  articles.forEach((article, index) => {
    if (article) articleTitles.set(articleIds[index], article.title)
  })
  // Speakers' articles, for the "Study" links of speakers outside the recent articles.
  const otherArticleIds = [...new Set([...byId.values()].map((card) => card.articleId))].filter(
    (id) => !articleTitles.has(id)
  )
  const others = await db.articles.bulkGet(otherArticleIds)
  others.forEach((article, index) => {
    if (article) articleTitles.set(otherArticleIds[index], article.title)
  })
  return {
    cards: [...byId.values()].map(masteryCard),
    speakerNames,
    articleIds,
    articleTitles,
    confusions
  }
}
