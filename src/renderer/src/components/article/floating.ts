/** Where a floating panel goes: below the anchor's last line, or above when there is no room. */
export function floatingPosition(
  anchor: HTMLElement,
  panel: { width: number; height: number },
  viewport: { width: number; height: number },
  gapPx = 8
): { top: number; left: number } {
  const rects = anchor.getClientRects()
  const last = rects.length > 0 ? rects[rects.length - 1] : anchor.getBoundingClientRect()
  const first = rects.length > 0 ? rects[0] : last
  let top = last.bottom + gapPx
  if (top + panel.height > viewport.height - gapPx && first.top - gapPx - panel.height >= gapPx) {
    top = first.top - gapPx - panel.height
  }
  const left = Math.min(
    Math.max(last.left, gapPx),
    Math.max(gapPx, viewport.width - panel.width - gapPx)
  )
  return { top: Math.round(top), left: Math.round(left) }
}
