/**
 * The one place Chart.js is set up: the chart types the Stats view uses are registered here, and
 * the colours come from theme.css's variables, resolved on the page (they are `light-dark()`
 * pairs, so only the browser knows which side applies) and re-read when the theme changes.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip
} from 'chart.js'
import { onBeforeUnmount, onMounted, shallowRef, type ShallowRef } from 'vue'

ChartJS.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Filler,
  Legend,
  Tooltip
)

let drawable: boolean | null = null

/**
 * Whether this page can draw on a canvas (a DOM without a 2D context, as in unit tests, cannot;
 * the chart is then left blank and its table still works).
 */
export function canDrawCharts(): boolean {
  if (drawable === null) {
    try {
      drawable = document.createElement('canvas').getContext('2d') !== null
    } catch {
      drawable = false
    }
  }
  return drawable
}

/** Named colours a series can use (each a theme.css variable). */
export const SERIES_COLOURS = {
  accent: '--accent',
  success: '--success',
  danger: '--danger',
  warning: '--warning',
  quote: '--quote-border',
  figure: '--figure-border',
  located: '--located-border',
  muted: '--text-muted'
} as const
export type SeriesColour = keyof typeof SERIES_COLOURS

/** Resolved colours of the current theme (CSS colour strings). */
export interface ChartTheme {
  text: string
  muted: string
  grid: string
  surface: string
  series: Record<SeriesColour, string>
  /** Whether the dark side of the palette is in use (for the tests and the screenshots). */
  dark: boolean
}

function resolve(probe: HTMLElement, variable: string): string {
  probe.style.color = `var(${variable})`
  return getComputedStyle(probe).color
}

/** Reads the theme's colours now, through a hidden probe element inheriting the page's scheme. */
export function readChartTheme(host: HTMLElement = document.body): ChartTheme {
  const probe = document.createElement('span')
  probe.style.display = 'none'
  host.appendChild(probe)
  try {
    const series = {} as Record<SeriesColour, string>
    for (const [name, variable] of Object.entries(SERIES_COLOURS)) {
      series[name as SeriesColour] = resolve(probe, variable)
    }
    const root = document.documentElement
    const explicit = root.getAttribute('data-theme')
    const dark =
      explicit === 'dark' ||
      (explicit !== 'light' &&
        typeof window.matchMedia === 'function' &&
        window.matchMedia('(prefers-color-scheme: dark)').matches)
    return {
      text: resolve(probe, '--text'),
      muted: resolve(probe, '--text-muted'),
      grid: resolve(probe, '--border'),
      surface: resolve(probe, '--surface'),
      series,
      dark
    }
  } finally {
    probe.remove()
  }
}

/** A colour with an opacity (0..1), from `rgb(...)`/`rgba(...)` or a hex colour. */
export function withAlpha(colour: string, alpha: number): string {
  const rgb = /^rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)/.exec(colour)
  if (rgb) return `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${alpha})`
  const hex = /^#([0-9a-f]{6})$/i.exec(colour)
  if (hex) {
    const value = parseInt(hex[1], 16)
    return `rgba(${value >> 16}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`
  }
  return colour
}

/** Charts on screen, each told when the theme's colours change. */
const subscribers = new Set<(theme: ChartTheme) => void>()
/** The colours read for the charts on screen; dropped when none is left to keep it current. */
let shared: ChartTheme | null = null
let themeObserver: MutationObserver | null = null
let colourScheme: MediaQueryList | null = null

function refreshSharedTheme(): void {
  shared = readChartTheme()
  for (const notify of subscribers) notify(shared)
}

function subscribe(notify: (theme: ChartTheme) => void): void {
  subscribers.add(notify)
  if (subscribers.size > 1) return
  themeObserver = new MutationObserver(refreshSharedTheme)
  themeObserver.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme']
  })
  if (typeof window.matchMedia === 'function') {
    colourScheme = window.matchMedia('(prefers-color-scheme: dark)')
    colourScheme.addEventListener?.('change', refreshSharedTheme)
  }
}

function unsubscribe(notify: (theme: ChartTheme) => void): void {
  subscribers.delete(notify)
  if (subscribers.size > 0) return
  themeObserver?.disconnect()
  colourScheme?.removeEventListener?.('change', refreshSharedTheme)
  themeObserver = null
  colourScheme = null
  // Nothing watches the theme now: the next chart reads it afresh.
  shared = null
}

/**
 * The current chart theme, re-read when `data-theme` on <html> changes (the user's choice) or
 * the OS switches between light and dark (the `system` preference). Every chart on screen shares
 * one reading: resolving the colours forces a style recalculation per variable, which ten charts
 * mounting together would otherwise repeat ten times. It is read while the chart is set up, so
 * the chart is drawn in the same render as the rest of the view.
 */
export function useChartTheme(): ShallowRef<ChartTheme | null> {
  const theme = shallowRef<ChartTheme | null>(null)
  const notify = (next: ChartTheme): void => {
    theme.value = next
  }
  if (typeof document !== 'undefined' && document.body) {
    shared ??= readChartTheme()
    theme.value = shared
  }
  onMounted(() => {
    subscribe(notify)
    // The theme may have changed between setup and mount, or been read by no one yet.
    shared ??= readChartTheme()
    if (theme.value !== shared) theme.value = shared
  })
  onBeforeUnmount(() => unsubscribe(notify))
  return theme
}
