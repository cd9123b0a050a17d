/**
 * A status shown in the empty window while the app prepares to start (the backup taken before a
 * schema upgrade reads the whole collection: about a minute at 100,000 cards and 500,000
 * reviews). Plain DOM, because Vue is mounted only afterwards; shown only when the work lasts
 * longer than `delayMs`, so a normal start never flashes it.
 */

import { formatNumber } from './components/library/format'

/** The shown status: its progress can be told, and it goes when hidden. */
export interface StartupStatus {
  /** Shows `done` of `total` rows (a bar and the figures); `total` unknown shows only `done`. */
  progress(done: number, total: number | undefined): void
  /** Removes the status (and stops it from appearing if it has not yet). */
  hide(): void
}

const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent' })

/** The progress in words: "120,000 of 601,000 rows backed up (20%)". */
export function progressText(done: number, total: number | undefined): string {
  if (total === undefined || !(total > 0)) return `${formatNumber(done)} rows backed up`
  const share = Math.min(1, Math.max(0, done / total))
  return (
    `${formatNumber(Math.min(done, total))} of ${formatNumber(total)} rows backed up ` +
    `(${percentFormat.format(share)})`
  )
}

/** Shows `text` in `container` after `delayMs`, with a progress bar once progress is told. */
export function showStartupStatus(
  container: HTMLElement | null,
  text: string,
  delayMs = 400
): StartupStatus {
  let shown: HTMLElement | null = null
  let latest: { done: number; total: number | undefined } | null = null
  let parts: { bar: HTMLProgressElement; figures: HTMLElement } | null = null

  function render(): void {
    if (shown === null || latest === null) return
    if (parts === null) {
      const bar = document.createElement('progress')
      bar.className = 'startup-progress'
      bar.setAttribute('aria-label', 'Backup before the upgrade')
      const figures = document.createElement('span')
      figures.className = 'startup-figures'
      // The bar carries the same words; repeating them in the live region would be read out at
      // every chunk.
      figures.setAttribute('aria-hidden', 'true')
      shown.append(document.createElement('br'), bar, figures)
      parts = { bar, figures }
    }
    const { bar, figures } = parts
    const { done, total } = latest
    if (total !== undefined && total > 0) {
      bar.max = total
      bar.value = Math.min(done, total)
    } else {
      bar.removeAttribute('value')
    }
    const words = progressText(done, total)
    bar.setAttribute('aria-valuetext', words)
    figures.textContent = words
  }

  const timer = setTimeout(() => {
    if (container === null) return
    shown = document.createElement('p')
    shown.setAttribute('role', 'status')
    shown.className = 'startup-status'
    shown.textContent = text
    container.appendChild(shown)
    render()
  }, delayMs)

  return {
    progress(done, total) {
      latest = { done, total }
      render()
    },
    hide() {
      clearTimeout(timer)
      shown?.remove()
      shown = null
    }
  }
}

/** What the window says while the collection is backed up before an upgrade. */
export const BACKUP_BEFORE_UPGRADE_TEXT =
  'Backing up your collection before this version of Quotedeck upgrades it… ' +
  'With a large collection this can take a minute; nothing needs doing meanwhile.'
