/**
 * A line of text shown in the empty window while the app prepares to start (the backup taken
 * before a schema upgrade reads the whole collection: about a minute at 100,000 cards and 500,000
 * reviews). Plain DOM, because Vue is mounted only afterwards; shown only when the work lasts
 * longer than `delayMs`, so a normal start never flashes it.
 */
export function showStartupStatus(
  container: HTMLElement | null,
  text: string,
  delayMs = 400
): () => void {
  let shown: HTMLElement | null = null
  const timer = setTimeout(() => {
    if (container === null) return
    shown = document.createElement('p')
    shown.setAttribute('role', 'status')
    shown.className = 'startup-status'
    shown.textContent = text
    container.appendChild(shown)
  }, delayMs)
  return () => {
    clearTimeout(timer)
    shown?.remove()
    shown = null
  }
}

/** What the window says while the collection is backed up before an upgrade. */
export const BACKUP_BEFORE_UPGRADE_TEXT =
  'Backing up your collection before this version of Quotedeck upgrades it… ' +
  'With a large collection this can take a minute; nothing needs doing meanwhile.'
