import {
  cardTypeLabel,
  stateLabel,
  type BrowserColumn
} from '../../../../core/browser/browser-table'
import type { BrowserRow } from '../../db/browser-repo'

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

/** A local calendar date, `YYYY-MM-DD` (sorts and reads the same in every locale). */
export function formatDate(epochMs: number): string {
  const date = new Date(epochMs)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** Date and time of day, `YYYY-MM-DD HH:MM`. */
export function formatDateTime(epochMs: number): string {
  const date = new Date(epochMs)
  return `${formatDate(epochMs)} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** One formatter for every cell: `toLocaleString('en')` builds a new one per call. */
const DAYS_FORMAT = new Intl.NumberFormat('en', { maximumFractionDigits: 0 })

/** Days as the table shows them ("12 d"; under a day: "< 1 d"). */
export function formatDays(days: number): string {
  return days < 1 ? '< 1 d' : `${DAYS_FORMAT.format(Math.round(days))} d`
}

/** One cell's text. New cards have no memory state yet: a dash instead of zeros. */
export function cellText(row: BrowserRow, column: BrowserColumn): string {
  const isNew = row.card.memoryState === 0
  switch (column) {
    case 'type':
      return cardTypeLabel(row.template)
    case 'front':
      return row.prompt
    case 'speaker':
      return row.speakerName ?? ''
    case 'article':
      return row.articleTitle
    case 'state':
      return stateLabel(row.queue)
    case 'due':
      return isNew ? '—' : formatDate(row.due)
    case 'interval':
      return isNew ? '—' : formatDays(row.intervalDays)
    case 'stability':
      return isNew ? '—' : `${row.stability.toFixed(1)} d`
    case 'difficulty':
      return isNew ? '—' : row.difficulty.toFixed(1)
    case 'lapses':
      return String(row.lapses)
    case 'reviews':
      return String(row.reps)
  }
}
