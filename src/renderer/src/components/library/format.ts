import type { ArticleSource } from '../../../../core/article/types'

/** Where an article came from, in a word or a file name. */
export function sourceLabel(source: ArticleSource): string {
  switch (source.kind) {
    case 'builtin':
      return 'Built-in'
    case 'clipboard':
      return 'Clipboard'
    case 'file':
      return source.fileName
  }
}

/** Longer explanation for a tooltip (the full path of a file). */
export function sourceDetail(source: ArticleSource): string {
  switch (source.kind) {
    case 'builtin':
      return `Built-in example: ${source.name}`
    case 'clipboard':
      return 'Pasted text'
    case 'file':
      return source.path
  }
}

/**
 * One formatter per locale and options, made once: building an `Intl` formatter costs far more
 * than formatting with it, and the Library formats several numbers and dates on each of its
 * (possibly thousands of) rows every time it is drawn.
 */
const numberFormats = new Map<string, Intl.NumberFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()

function numberFormat(locale: string | undefined): Intl.NumberFormat {
  const key = locale ?? ''
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale)
    numberFormats.set(key, format)
  }
  return format
}

function dateFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`
  let format = dateFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options)
    dateFormats.set(key, format)
  }
  return format
}

/** "1,234" in the user's locale. */
export function formatNumber(value: number, locale?: string): string {
  return numberFormat(locale).format(value)
}

/** "1,234 words" in the user's locale. */
export function formatWordCount(wordCount: number, locale?: string): string {
  return `${formatNumber(wordCount, locale)} ${wordCount === 1 ? 'word' : 'words'}`
}

const dayMs = 24 * 60 * 60 * 1000

const TIME_OF_DAY: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' }
const DAY_MONTH_YEAR: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  year: 'numeric'
}
const FULL_DATE: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'short' }

function startOfLocalDay(epochMs: number): number {
  const date = new Date(epochMs)
  date.setHours(0, 0, 0, 0)
  return date.getTime()
}

/**
 * When an article was added: "Today, 14:05", "Yesterday, 09:12", then a date ("3 Nov 2026").
 * Local time; `nowMs` is a parameter so the wording is testable.
 */
export function formatAddedAt(addedAtMs: number, nowMs: number, locale?: string): string {
  const time = dateFormat(locale, TIME_OF_DAY).format(addedAtMs)
  const daysAgo = Math.round((startOfLocalDay(nowMs) - startOfLocalDay(addedAtMs)) / dayMs)
  if (daysAgo === 0) return `Today, ${time}`
  if (daysAgo === 1) return `Yesterday, ${time}`
  return dateFormat(locale, DAY_MONTH_YEAR).format(addedAtMs)
}

/** Full timestamp for a tooltip / `datetime` attribute companion. */
export function formatFullDate(epochMs: number, locale?: string): string {
  return dateFormat(locale, FULL_DATE).format(epochMs)
}

/** A title short enough for a sentence in a message or a dialog heading. */
export function shortTitle(title: string, maxLength = 60): string {
  const trimmed = title.trim()
  if (trimmed.length <= maxLength) return trimmed
  const cut = trimmed.slice(0, maxLength - 1)
  // Break at a word when one ends reasonably close to the limit.
  const lastSpace = cut.lastIndexOf(' ')
  const base = lastSpace > maxLength * 0.6 ? cut.slice(0, lastSpace) : cut
  return `${base.replace(/[\s,.;:…]+$/, '')}…`
}
