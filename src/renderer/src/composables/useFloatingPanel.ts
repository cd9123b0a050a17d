import { nextTick, onBeforeUnmount, onMounted, ref, type Ref } from 'vue'
import { floatingPosition } from '../components/article/floating'

/** What `useFloatingPanel` gives the component: bind `position` as the panel's style. */
export interface FloatingPanel {
  position: Ref<{ top: number; left: number }>
  /** Measures the rendered panel and puts it by the anchor. */
  place: () => Promise<void>
}

/**
 * The template-ref'd `panel` floating by `anchor()` (tooltip, popover): below the anchor's last line, or above when
 * there is no room. It is placed again on any scroll (capture phase, so scrolled containers count
 * too) and, with `followResize`, when the window is resized.
 */
export function useFloatingPanel(
  panel: Readonly<Ref<HTMLElement | null>>,
  anchor: () => HTMLElement,
  options: { followResize?: boolean } = {}
): FloatingPanel {
  const position = ref({ top: -9999, left: -9999 })

  async function place(): Promise<void> {
    await nextTick()
    if (!panel.value) return
    position.value = floatingPosition(
      anchor(),
      { width: panel.value.offsetWidth, height: panel.value.offsetHeight },
      { width: window.innerWidth, height: window.innerHeight }
    )
  }

  function onViewportChange(): void {
    void place()
  }

  onMounted(() => {
    window.addEventListener('scroll', onViewportChange, true)
    if (options.followResize) window.addEventListener('resize', onViewportChange)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('scroll', onViewportChange, true)
    if (options.followResize) window.removeEventListener('resize', onViewportChange)
  })

  return { position, place }
}
