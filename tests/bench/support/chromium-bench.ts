/**
 * What the Chromium benchmarks share: where the built renderer is, the browser they launch, the
 * page's stand-in for `window.api`, and how they summarise times.
 */
import { existsSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const ROOT = resolve(__dirname, '../../..')
export const RENDERER_DIR = join(ROOT, 'out/renderer')
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The number after `--name` on the command line, or `fallback`. */
export function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  return index >= 0 ? Number(process.argv[index + 1]) : fallback
}

/** Throws in words when `electron-vite build` has not been run. */
export function requireBuiltRenderer(): void {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npx electron-vite build` first.')
  }
}

/** The browser profile: `--profile dir` (kept) or a fresh temporary folder (removed after). */
export async function benchProfile(prefix: string): Promise<{ dir: string; keep: boolean }> {
  const index = process.argv.indexOf('--profile')
  if (index >= 0) return { dir: resolve(process.argv[index + 1]), keep: true }
  return { dir: await mkdtemp(join(tmpdir(), prefix)), keep: false }
}

/**
 * The static server's port for `profileDir`: a kept profile (`--profile`) gets a fixed port made
 * from its path, so the page's origin and with it the seeded IndexedDB are found again on the
 * next run; a temporary one any free port (0).
 */
export function benchPort(profile: { dir: string; keep: boolean }): number {
  if (!profile.keep) return 0
  // `--port` finds a profile seeded under another port again.
  if (process.argv.includes('--port')) return argument('port', 0)
  let hash = 0
  for (const char of profile.dir) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0
  return 40_000 + (Math.abs(hash) % 20_000)
}

/**
 * Stands in for the preload's `window.api`: nothing from the main process is needed. Runs in the
 * page (an init script), so it must not refer to anything outside itself.
 */
export function installBenchApiStub(): void {
  const failure = {
    ok: false,
    error: { code: 'CANCELLED', message: 'Not available in the bench.' }
  }
  const api: Record<string, unknown> = {
    getVersion: async () => 'bench',
    loadBuiltinArticle: async () => failure,
    openArticleDialog: async () => failure,
    openRecentArticle: async () => failure,
    listRecentFiles: async () => [],
    importDroppedFile: async () => failure,
    articleFromText: async () => failure,
    readClipboardText: async () => '',
    setThemePreference: async () => undefined,
    openExternal: async () => failure,
    listBackups: async () => ({ ok: true, value: [] }),
    onMenuCommand: () => () => undefined
  }
  ;(window as unknown as { api: unknown }).api = new Proxy(api, {
    get: (target, key: string) => target[key] ?? (async () => failure)
  })
}

/**
 * Headless Chromium with a persistent profile: it keeps IndexedDB on disk (LevelDB), as in the
 * Electron app; a plain browser context would hold it in memory and flatter the figures.
 */
export async function launchBenchBrowser(
  profileDir: string,
  viewport: { width: number; height: number }
): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run'
    ]
  })
  // tsx (esbuild) wraps named functions in `__name(...)`; the page needs that helper too.
  await context.addInitScript({ content: 'globalThis.__name = (target) => target' })
  await context.addInitScript(installBenchApiStub)
  return context
}

/** Opens `route` of the bench build, echoing the page's `bench:` console lines and errors. */
export async function openBenchPage(
  context: BrowserContext,
  url: string,
  route: string
): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('console', (message) => {
    if (message.text().startsWith('bench:')) console.log(message.text())
  })
  page.on('pageerror', (error) => console.log(`page error: ${error.message}`))
  await page.goto(`${url}?bench=1#${route}`)
  return page
}

/** The `p`th percentile (nearest rank) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

/** `p50 … ms, p95 … ms, max … ms, mean … ms (n=…)` with `digits` decimals. */
export function describeTimes(times: number[], digits = 2): string {
  const sorted = [...times].sort((a, b) => a - b)
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length
  const ms = (value: number): string => `${value.toFixed(digits)} ms`
  return (
    `p50 ${ms(percentile(sorted, 50))}, p95 ${ms(percentile(sorted, 95))}, ` +
    `max ${ms(sorted[sorted.length - 1])}, mean ${ms(mean)} (n=${times.length})`
  )
}
