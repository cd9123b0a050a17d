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

/** "1,234" in the user's locale. */
export function formatNumber(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value)
}

/** "1,234 words" in the user's locale. */
export function formatWordCount(wordCount: number, locale?: string): string {
  return `${formatNumber(wordCount, locale)} ${wordCount === 1 ? 'word' : 'words'}`
}

const dayMs = 24 * 60 * 60 * 1000

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
  const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(
    addedAtMs
  )
  const daysAgo = Math.round((startOfLocalDay(nowMs) - startOfLocalDay(addedAtMs)) / dayMs)
  if (daysAgo === 0) return `Today, ${time}`
  if (daysAgo === 1) return `Yesterday, ${time}`
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric'
  }).format(addedAtMs)
}

/** Full timestamp for a tooltip / `datetime` attribute companion. */
export function formatFullDate(epochMs: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(epochMs)
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
