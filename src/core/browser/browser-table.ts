/**
 * The card browser's table, as data: its columns, how a card is described in each, and how rows
 * are sorted. Pure so the store only orchestrates and the sort order can be tested alone.
 */
import type { CardTemplate } from '../cards/types'
import { foldText, type SearchableCard } from './search-query'

/** The columns the browser can show, in their default order. */
export const BROWSER_COLUMNS = [
  'type',
  'front',
  'speaker',
  'article',
  'state',
  'due',
  'interval',
  'stability',
  'difficulty',
  'lapses',
  'reviews'
] as const
export type BrowserColumn = (typeof BROWSER_COLUMNS)[number]

/** Header text of each column. */
export const COLUMN_LABELS: Readonly<Record<BrowserColumn, string>> = {
  type: 'Type',
  front: 'Front',
  speaker: 'Speaker',
  article: 'Article',
  state: 'State',
  due: 'Due',
  interval: 'Interval',
  stability: 'Stability',
  difficulty: 'Difficulty',
  lapses: 'Lapses',
  reviews: 'Reviews'
}

/** The columns shown until the user picks others. */
export const DEFAULT_COLUMNS: readonly BrowserColumn[] = BROWSER_COLUMNS

/** Whether `value` is a list of known columns (a stored choice from an older version is not). */
export function isColumnList(value: unknown): value is BrowserColumn[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((column) => (BROWSER_COLUMNS as readonly unknown[]).includes(column))
  )
}

export type SortDirection = 'ascending' | 'descending'

export interface BrowserSort {
  column: BrowserColumn
  direction: SortDirection
}

/** The card types a person sees (templates grouped as the issue names them). */
export function cardTypeLabel(template: CardTemplate): string {
  switch (template) {
    case 'cloze-figure':
    case 'cloze-quote':
      return 'cloze'
    case 'who-said':
      return 'who-said'
    case 'who-is':
    case 'role-of':
      return 'who-is-who'
    case 'contrast':
      return 'contrast'
  }
}

// Queue values, as in search-query (kept free of scheduling imports).
const QUEUE_LABELS: Readonly<Record<number, string>> = {
  0: 'new',
  1: 'learning',
  2: 'review',
  [-1]: 'suspended',
  [-2]: 'buried'
}

/** The card's state in words. */
export function stateLabel(queue: number): string {
  return QUEUE_LABELS[queue] ?? 'unknown'
}

/** What sorting compares for one column: a folded string or a number. */
export function sortKey(card: SearchableCard, column: BrowserColumn): string | number {
  switch (column) {
    case 'type':
      return cardTypeLabel(card.template)
    case 'front':
      return foldText(card.prompt)
    case 'speaker':
      // Cards without a speaker sort after every name.
      return card.speakerName === null ? '\uffff' : foldText(card.speakerName)
    case 'article':
      return foldText(card.articleTitle)
    case 'state':
      return stateLabel(card.queue)
    case 'due':
      return card.due
    case 'interval':
      return card.intervalDays
    case 'stability':
      return card.stability
    case 'difficulty':
      return card.difficulty
    case 'lapses':
      return card.lapses
    case 'reviews':
      return card.reps
  }
}

/**
 * `rows` sorted by `sort` (a new array; ties keep the id order so the result is stable across
 * searches). Keys are computed once per row, not once per comparison.
 */
export function sortRows<T extends SearchableCard>(rows: readonly T[], sort: BrowserSort): T[] {
  const keyed = rows.map((row) => ({ row, key: sortKey(row, sort.column) }))
  const sign = sort.direction === 'ascending' ? 1 : -1
  keyed.sort((a, b) => {
    if (a.key < b.key) return -sign
    if (a.key > b.key) return sign
    return a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0
  })
  return keyed.map((entry) => entry.row)
}

/**
 * The ids from `anchorId` to `targetId` inclusive, in the shown order (Shift-click). When the
 * anchor is no longer shown, only the target.
 */
export function rangeIds(
  orderedIds: readonly string[],
  anchorId: string | null,
  targetId: string
): string[] {
  const to = orderedIds.indexOf(targetId)
  if (to < 0) return []
  const from = anchorId === null ? -1 : orderedIds.indexOf(anchorId)
  if (from < 0) return [targetId]
  return orderedIds.slice(Math.min(from, to), Math.max(from, to) + 1)
}

/** How many cards of each value a facet shows, most first (ties by name). */
export function facetCounts(values: Iterable<string>): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
}

/** A search term for a facet value: quoted when it has spaces or quotes. */
export function facetTerm(key: 'speaker' | 'article' | 'is', value: string): string {
  const needsQuotes = /[\s"()]/.test(value)
  return needsQuotes ? `${key}:"${value.replace(/"/g, '\\"')}"` : `${key}:${value}`
}
