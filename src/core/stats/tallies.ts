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
import { MemoryState, Queue } from '../scheduling/types'
import { SLOT_MS } from './slots'
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
  /** Epoch ms. */
  due: number
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

/**
 * Learning and review cards falling due in one UTC quarter hour (`slot` = due ÷ 15 min). Quarter
 * hours, like the review slots, line up with every study-day boundary of every time zone, so the
 * forecast's bins are sums of whole slots. The row at `DUE_FOLD_SLOT` holds the cards of every
 * slot before `foldedBelowSlot`, folded together once they were past (all of them overdue).
 */
export interface DueTallyRow {
  slot: number
  count: number
  /** Only on the fold row: slots below this one are folded into it. */
  foldedBelowSlot?: number
}

/** The slot of the fold row (below every real slot, which are ≥ 0 after 1970). */
export const DUE_FOLD_SLOT = -1

/** The due slot of a card the forecast counts (learning or review), null for any other card. */
export function dueSlotOf(card: Pick<TalliedCard, 'queue'> & { due: number }): number | null {
  if (card.queue !== Queue.Learning && card.queue !== Queue.Review) return null
  if (typeof card.due !== 'number' || !Number.isFinite(card.due)) return null
  return Math.max(0, Math.floor(card.due / SLOT_MS))
}

/**
 * Cards due in each bin (ascending, edges on quarter hours) from the due tallies: the first bin
 * also holds the folded count and every slot before it (overdue); slots after the last bin are
 * not counted. Buried cards are not in the tallies (the caller places them).
 */
export function dueCountsInBins(
  bins: readonly { startMs: number; endMs: number }[],
  foldedCount: number,
  rows: readonly DueTallyRow[]
): number[] {
  const counts = bins.map(() => 0)
  if (bins.length === 0) return counts
  counts[0] = foldedCount
  let index = 0
  for (const row of [...rows].sort((a, b) => a.slot - b.slot)) {
    if (row.slot === DUE_FOLD_SLOT) continue
    const startMs = row.slot * SLOT_MS
    while (index < bins.length && startMs >= bins[index].endMs) index++
    if (index >= bins.length) break
    if (index === 0 || startMs >= bins[index].startMs) counts[index] += row.count
  }
  return counts
}

/**
 * Due rows as they stand after folding every slot below `foldedBelowSlot` into the fold row
 * (dropping it when it counts nothing): how a recount is compared with stored, folded rows.
 */
export function foldDueRows(rows: readonly DueTallyRow[], foldedBelowSlot: number): DueTallyRow[] {
  let folded = 0
  const kept: DueTallyRow[] = []
  for (const row of rows) {
    if (row.slot === DUE_FOLD_SLOT) folded += row.count
    else if (row.slot < foldedBelowSlot) folded += row.count
    else if (row.count !== 0) kept.push({ slot: row.slot, count: row.count })
  }
  kept.sort((a, b) => a.slot - b.slot)
  return folded === 0 ? kept : [{ slot: DUE_FOLD_SLOT, count: folded }, ...kept]
}

/** What a batch of card writes changes in the tallies (signed). */
export interface TalliesDelta {
  cards: Map<string, number>
  /** Due slot → change. */
  dueSlots: Map<number, number>
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
  return { cards: new Map(), dueSlots: new Map(), speakers: new Map(), articles: new Map() }
}

function lapsesOf(card: TalliedCard): number {
  return Number.isFinite(card.lapses) ? card.lapses : 0
}

/** Adds (`sign` 1) or removes (`sign` -1) one card's contribution to a delta. */
export function addCardToTallies(delta: TalliesDelta, card: TalliedCard, sign: 1 | -1): void {
  for (const key of cardTallyKeys(card)) {
    delta.cards.set(key, (delta.cards.get(key) ?? 0) + sign)
  }
  const slot = dueSlotOf(card)
  if (slot !== null) delta.dueSlots.set(slot, (delta.dueSlots.get(slot) ?? 0) + sign)
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
  dueSlots: DueTallyRow[]
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
    dueSlots: [...delta.dueSlots]
      .filter(([, count]) => count !== 0)
      .map(([slot, count]) => ({ slot, count }))
      .sort((a, b) => a.slot - b.slot),
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
