/**
 * Maintained card tallies for the Stats view: how many cards sit in each queue and in each bin of
 * the interval, stability and difficulty distributions, and per speaker and per article how many
 * cards are mature and how often they lapsed. Counting these from IndexedDB indexes walks every
 * index entry (Chromium's `count()` is linear), which takes seconds at 100,000 cards, so storage
 * keeps them up to date with every card write instead; this module is the pure maths of it.
 *
 * The bins here must stay the bins `distribution()` draws. Changing an edge list changes what a
 * stored tally means, so it needs a schema version whose upgrade recounts the tallies.
 */
import { MemoryState } from '../scheduling/types'
import {
  DIFFICULTY_EDGES,
  INTERVAL_EDGES_DAYS,
  STABILITY_EDGES_DAYS,
  isMature,
  type ArticleMastery,
  type SpeakerMastery
} from './charts'

/** The fields of a card the tallies count. */
export interface TalliedCard {
  articleId: string
  template: string
  answerSpeakerId: string | null
  /** The card's answer: a who-said card's speaker name. */
  answer: string
  queue: number
  memoryState: number
  scheduledDays: number
  stability: number
  difficulty: number
  lapses: number
}

/** One collection-wide count (`queue:2`, `interval:4`, …). */
export interface CardTallyRow {
  key: string
  count: number
}

/** A speaker's who-said cards, summed. */
export interface SpeakerTallyRow {
  speakerId: string
  articleId: string
  /** The speaker's name as their latest written who-said card gives it. */
  name: string
  whoSaidCards: number
  mature: number
  lapses: number
}

/** An article's cards, summed. */
export interface ArticleTallyRow {
  articleId: string
  cards: number
  studied: number
  mature: number
  lapses: number
}

/** What a batch of card writes changes in the tallies (signed). */
export interface TalliesDelta {
  cards: Map<string, number>
  speakers: Map<string, Omit<SpeakerTallyRow, 'speakerId'>>
  articles: Map<string, Omit<ArticleTallyRow, 'articleId'>>
}

/** The distributions tallied, with the index of the edge list each uses. */
export type TallyDistribution = 'interval' | 'stability' | 'difficulty'

/**
 * The bin of `value` in `edges` (bin i is [edges[i], edges[i + 1]), the last open-ended), or null
 * when it falls below the first edge or is not a finite number. With `excludeFirstEdge` the first
 * bin is open at its lower edge (stability 0 means "never studied", not a bin).
 */
export function binOf(
  edges: readonly number[],
  value: unknown,
  excludeFirstEdge = false
): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null
  if (value < edges[0] || (excludeFirstEdge && value === edges[0])) return null
  let index = edges.length - 1
  while (index > 0 && value < edges[index]) index--
  return index
}

/** The collection-wide tally keys one card counts in. */
export function cardTallyKeys(card: TalliedCard): string[] {
  const keys = [`queue:${card.queue}`]
  const interval = binOf(INTERVAL_EDGES_DAYS, card.scheduledDays)
  if (interval !== null) keys.push(`interval:${interval}`)
  const stability = binOf(STABILITY_EDGES_DAYS, card.stability, true)
  if (stability !== null) keys.push(`stability:${stability}`)
  const difficulty = binOf(DIFFICULTY_EDGES, card.difficulty)
  if (difficulty !== null) keys.push(`difficulty:${difficulty}`)
  return keys
}

/** An empty delta. */
export function emptyTalliesDelta(): TalliesDelta {
  return { cards: new Map(), speakers: new Map(), articles: new Map() }
}

function lapsesOf(card: TalliedCard): number {
  return Number.isFinite(card.lapses) ? card.lapses : 0
}

/** Adds (`sign` 1) or removes (`sign` -1) one card's contribution to a delta. */
export function addCardToTallies(delta: TalliesDelta, card: TalliedCard, sign: 1 | -1): void {
  for (const key of cardTallyKeys(card)) {
    delta.cards.set(key, (delta.cards.get(key) ?? 0) + sign)
  }
  const mature = isMature(card) ? 1 : 0
  const lapses = lapsesOf(card)
  const article = delta.articles.get(card.articleId) ?? {
    cards: 0,
    studied: 0,
    mature: 0,
    lapses: 0
  }
  article.cards += sign
  if (card.memoryState !== MemoryState.New) article.studied += sign
  article.mature += sign * mature
  article.lapses += sign * lapses
  delta.articles.set(card.articleId, article)
  if (card.template !== 'who-said' || !card.answerSpeakerId) return
  const speaker = delta.speakers.get(card.answerSpeakerId) ?? {
    articleId: card.articleId,
    name: card.answer,
    whoSaidCards: 0,
    mature: 0,
    lapses: 0
  }
  // The name of a card being written wins over the one it replaces.
  if (sign === 1) {
    speaker.name = card.answer
    speaker.articleId = card.articleId
  }
  speaker.whoSaidCards += sign
  speaker.mature += sign * mature
  speaker.lapses += sign * lapses
  delta.speakers.set(card.answerSpeakerId, speaker)
}

/** Every tally of a set of cards, counted from scratch (upgrades, Check Database, tests). */
export function tallyAll(cards: Iterable<TalliedCard>): {
  cards: CardTallyRow[]
  speakers: SpeakerTallyRow[]
  articles: ArticleTallyRow[]
} {
  const delta = emptyTalliesDelta()
  for (const card of cards) addCardToTallies(delta, card, 1)
  return {
    cards: [...delta.cards]
      .filter(([, count]) => count !== 0)
      .map(([key, count]) => ({ key, count }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    speakers: [...delta.speakers]
      .filter(([, row]) => row.whoSaidCards !== 0)
      .map(([speakerId, row]) => ({ speakerId, ...row }))
      .sort((a, b) => a.speakerId.localeCompare(b.speakerId)),
    articles: [...delta.articles]
      .filter(([, row]) => row.cards !== 0)
      .map(([articleId, row]) => ({ articleId, ...row }))
      .sort((a, b) => a.articleId.localeCompare(b.articleId))
  }
}

/** Counts per bin of one distribution from the collection tallies (zero where none). */
export function binCountsFromTallies(
  rows: Iterable<CardTallyRow>,
  distribution: TallyDistribution
): number[] {
  const edges =
    distribution === 'interval'
      ? INTERVAL_EDGES_DAYS
      : distribution === 'stability'
        ? STABILITY_EDGES_DAYS
        : DIFFICULTY_EDGES
  const counts = new Array<number>(edges.length).fill(0)
  const prefix = `${distribution}:`
  for (const row of rows) {
    if (!row.key.startsWith(prefix)) continue
    const index = Number(row.key.slice(prefix.length))
    if (Number.isInteger(index) && index >= 0 && index < counts.length) counts[index] = row.count
  }
  return counts
}

/** The number of cards in a queue from the collection tallies. */
export function queueCountFromTallies(rows: Iterable<CardTallyRow>, queue: number): number {
  for (const row of rows) if (row.key === `queue:${queue}`) return row.count
  return 0
}

/**
 * Speaker mastery rows from their tallies, ordered as `speakerMastery` orders them (most lapses
 * first, then least mature, then by id).
 */
export function speakerMasteryFromTallies(rows: readonly SpeakerTallyRow[]): SpeakerMastery[] {
  return rows
    .filter((row) => row.whoSaidCards > 0)
    .map((row) => ({
      speakerId: row.speakerId,
      articleId: row.articleId,
      whoSaidCards: row.whoSaidCards,
      mature: row.mature,
      share: row.mature / row.whoSaidCards,
      lapses: row.lapses
    }))
    .sort(
      (a, b) => b.lapses - a.lapses || a.share - b.share || a.speakerId.localeCompare(b.speakerId)
    )
}

/** Article mastery rows from their tallies, in the order of `articleIds` (zeros where none). */
export function articleMasteryFromTallies(
  articleIds: readonly string[],
  rows: readonly (ArticleTallyRow | undefined)[]
): ArticleMastery[] {
  const byId = new Map<string, ArticleTallyRow>()
  for (const row of rows) if (row) byId.set(row.articleId, row)
  return articleIds.map((articleId) => {
    const row = byId.get(articleId)
    const cards = row?.cards ?? 0
    const mature = row?.mature ?? 0
    return {
      articleId,
      cards,
      studied: row?.studied ?? 0,
      mature,
      share: cards === 0 ? 0 : mature / cards,
      lapses: row?.lapses ?? 0
    }
  })
}
