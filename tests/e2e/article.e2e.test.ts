import { copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Article } from '../../src/core/article/types'
import { unpackArticle, type PackedArticle } from '../../src/shared/article-transport'
import type { Result } from '../../src/shared/result'
import { ARTIFACTS_DIR, SCREENSHOTS_DIR, launchApp, type E2EApp } from './support/harness'

/** The screenshot committed with the project (README). */
const COMMITTED_SCREENSHOT = join(SCREENSHOTS_DIR, 'article.png')
const VIEWPORT = { width: 1360, height: 900 }

let app: E2EApp

beforeAll(async () => {
  app = await launchApp()
})

afterAll(async () => {
  await app?.close()
})

/** The built-in seed article as the real loader cleans it. */
async function seedArticle(page: Page): Promise<Article> {
  const result = (await page.evaluate(() =>
    window.api.loadBuiltinArticle()
  )) as Result<PackedArticle>
  if (!result.ok) throw new Error(`seed did not load: ${result.error.message}`)
  return unpackArticle(result.value)
}

/**
 * Opens the seed article's view once the Library has put it in IndexedDB (first launch), and
 * waits until its quotes are highlighted. `query` is appended to the route (e.g. `?at=12`).
 */
async function openSeedArticle(page: Page, seed: Article, query = ''): Promise<void> {
  await page.waitForFunction(
    (id) =>
      new Promise<boolean>((resolve) => {
        const request = indexedDB.open('quotedeck')
        // Never create the database here (the app must), and never hold a connection open:
        // either would block the app's own schema upgrade.
        request.onupgradeneeded = () => request.transaction?.abort()
        request.onerror = () => resolve(false)
        request.onsuccess = () => {
          const db = request.result
          if (!db.objectStoreNames.contains('articles')) {
            db.close()
            return resolve(false)
          }
          const get = db.transaction('articles').objectStore('articles').get(id)
          get.onsuccess = () => {
            db.close()
            resolve(get.result !== undefined)
          }
          get.onerror = () => {
            db.close()
            resolve(false)
          }
        }
      }),
    seed.id,
    { timeout: 20000 }
  )
  await page.evaluate(
    ({ id, query }) => {
      window.location.hash = `#/article/${id}${query}`
    },
    { id: seed.id, query }
  )
  await waitForQuotes(page, seed)
}

async function waitForQuotes(page: Page, seed: Article): Promise<void> {
  await page.getByRole('heading', { level: 1, name: seed.title }).waitFor({ timeout: 20000 })
  await page.locator('mark.quote').first().waitFor({ timeout: 20000 })
}

/** The highlighted quote whose text starts with `opening`. */
function quoteStarting(page: Page, opening: string): Locator {
  return page.locator('mark.quote', { hasText: opening })
}

/** The speaker name drawn on a quote, plus " (corrected)" when the user set it. */
async function speakerLabel(quote: Locator): Promise<string> {
  const name = ((await quote.locator('.quote-speaker-name').textContent()) ?? '').trim()
  const corrected = (await quote.locator('.quote-corrected').count()) > 0
  return corrected ? `${name} (corrected)` : name
}

describe('Article view (e2e)', () => {
  it('shows the seed article with its quotes attributed, its headings, and no page chrome', async () => {
    const page = await app.newPage({ viewport: VIEWPORT })
    const seed = await seedArticle(page)
    await openSeedArticle(page, seed)

    expect(await speakerLabel(quoteStarting(page, 'I reiterated our serious concern'))).toBe(
      'Antony Blinken'
    )
    expect(await speakerLabel(quoteStarting(page, 'This is a fundamental issue'))).toBe(
      'Xi Jinping'
    )
    expect(await speakerLabel(quoteStarting(page, 'And the relationship is facing'))).toBe(
      'Wang Yi'
    )
    // The accessible name says who said it.
    await page
      .getByRole('button', { name: /^“I reiterated our serious concern.*said by Antony Blinken$/ })
      .waitFor()
    // A scare quote is never given a speaker.
    const scare = quoteStarting(page, 'no limits')
    if ((await scare.count()) > 0) expect(await speakerLabel(scare)).toBe('unattributed')

    // Sub-headings are headings; page chrome is gone from the text.
    await page.getByRole('heading', { level: 2, name: '‘All kinds of disruptions’' }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'AI, fentanyl issues discussed' }).waitFor()
    const text = (await page.getByRole('region', { name: 'Article text' }).textContent()) ?? ''
    for (const chrome of ['WATCH l', 'LISTEN l', 'Front Burner23:36']) {
      expect(text).not.toContain(chrome)
    }
    const removedCount = seed.removed.length
    expect(removedCount).toBeGreaterThan(0)
    await page.getByText(`${removedCount} lines of page furniture removed`).waitFor()

    // The speakers panel names who was quoted, with counts.
    const panel = page.locator('.speakers-panel')
    await panel.getByRole('button', { name: /^Antony Blinken, \d+ quotes?/ }).waitFor()
    await panel.getByRole('button', { name: /^Wang Yi, \d+ quotes?/ }).waitFor()

    // The extraction ran in a Web Worker, not on the page's thread.
    expect(page.workers().some((worker) => /extract\.worker/.test(worker.url()))).toBe(true)

    // Figures are highlighted with their kind.
    expect(await page.locator('.figure[data-kind="money"]').count()).toBeGreaterThan(0)

    await page.screenshot({ path: join(ARTIFACTS_DIR, 'article-light.png') })

    // Focus shows how a quote was attributed; Enter opens the correction popover; Esc closes it.
    const blinken = quoteStarting(page, 'I reiterated our serious concern')
    await blinken.focus()
    await page.locator('.quote-tooltip').waitFor()
    expect(await page.locator('.quote-tooltip').textContent()).toMatch(/Confidence\s*\d+%/)
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'article-tooltip.png') })
    await copyFile(join(ARTIFACTS_DIR, 'article-tooltip.png'), COMMITTED_SCREENSHOT)
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Quote by Antony Blinken' })
    await dialog.waitFor()
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'article-popover.png') })
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await blinken.evaluate((element) => element === document.activeElement)).toBe(true)

    // Filtering by a speaker in the panel.
    await panel.getByRole('button', { name: /^Xi Jinping, / }).click()
    expect(
      await quoteStarting(page, 'I reiterated our serious concern').getAttribute('class')
    ).toContain('dimmed')
    // The chosen speaker's first quote is scrolled into view.
    await page.waitForFunction(() => {
      const mark = Array.from(document.querySelectorAll<HTMLElement>('mark.quote')).find((m) =>
        (m.textContent ?? '').includes('This is a fundamental issue')
      )
      const rect = mark?.getBoundingClientRect()
      return rect !== undefined && rect.top >= 0 && rect.bottom <= window.innerHeight
    })
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'article-filtered.png') })

    expect(app.consoleErrorsOf(page)).toEqual([])
  })

  it('keeps a speaker correction after a reload', async () => {
    const page = await app.newPage({ viewport: VIEWPORT })
    const seed = await seedArticle(page)
    await openSeedArticle(page, seed)

    const wang = quoteStarting(page, 'And the relationship is facing')
    expect(await speakerLabel(wang)).toBe('Wang Yi')
    await wang.click()
    const select = page.getByRole('combobox', { name: /^Speaker for quote “And the relationship/ })
    await select.waitFor()
    const xiValue = await select.locator('option', { hasText: 'Xi Jinping' }).getAttribute('value')
    expect(xiValue).toBeTruthy()
    await select.selectOption(xiValue as string)
    await page.getByRole('dialog', { name: 'Quote by Xi Jinping' }).getByRole('note').waitFor()
    expect(await speakerLabel(wang)).toBe('Xi Jinping (corrected)')
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'article-corrected.png') })

    await page.reload()
    await waitForQuotes(page, seed)
    expect(await speakerLabel(quoteStarting(page, 'And the relationship is facing'))).toBe(
      'Xi Jinping (corrected)'
    )
    await page.getByRole('region', { name: 'Your corrections' }).waitFor()

    // Undo puts the extractor's speaker back, and that too survives a reload.
    await page.getByRole('button', { name: /^Undo correction of “And the relationship/ }).click()
    await page.getByRole('region', { name: 'Your corrections' }).waitFor({ state: 'detached' })
    await page.reload()
    await waitForQuotes(page, seed)
    expect(await speakerLabel(quoteStarting(page, 'And the relationship is facing'))).toBe(
      'Wang Yi'
    )
    expect(app.consoleErrorsOf(page)).toEqual([])
  })

  it('locates the sentence a link points at (?at=&end=): highlighted, in view and focused', async () => {
    const page = await app.newPage({ viewport: VIEWPORT })
    const seed = await seedArticle(page)
    // A sentence far down the article, so it has to be scrolled to.
    const at = seed.text.indexOf('“This is a fundamental issue')
    const end = seed.text.indexOf('Xi said.', at) + 'Xi said.'.length
    expect(at).toBeGreaterThan(0)
    expect(end).toBeGreaterThan(at)
    await openSeedArticle(page, seed, `?at=${at}&end=${end}`)

    const located = page.locator('[data-located]')
    await located.waitFor()
    expect(await located.count()).toBe(1)
    const text = (await located.textContent()) ?? ''
    expect(text.startsWith('“This is a fundamental issue')).toBe(true)
    expect(text.endsWith('Xi said.')).toBe(true)
    await page.getByRole('status').filter({ hasText: 'Showing the linked sentence.' }).waitFor()
    expect(await located.evaluate((element) => element === document.activeElement)).toBe(true)
    // Smooth scrolling brings it fully into the window.
    await page.waitForFunction(() => {
      const rect = document.querySelector('[data-located]')?.getBoundingClientRect()
      return rect !== undefined && rect.top >= 0 && rect.bottom <= window.innerHeight
    })
    const background = await located.evaluate(
      (element) => getComputedStyle(element).backgroundColor
    )
    expect(background).toBe('rgb(235, 225, 255)')
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'article-located.png') })

    // It fades after a few seconds; the focus stays on the sentence.
    await page.waitForFunction(
      () => document.querySelector('[data-located]')?.classList.contains('faded') === true,
      undefined,
      { timeout: 10000 }
    )
    expect(await located.evaluate((element) => element === document.activeElement)).toBe(true)
    expect(app.consoleErrorsOf(page)).toEqual([])

    // The dark theme has its own located colour.
    const dark = await app.newPage({ viewport: VIEWPORT, colorScheme: 'dark' })
    await openSeedArticle(dark, seed, `?at=${at}&end=${end}`)
    const darkLocated = dark.locator('[data-located]')
    await darkLocated.waitFor()
    expect(await darkLocated.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
      'rgb(59, 45, 99)'
    )
    await dark.waitForFunction(() => {
      const rect = document.querySelector('[data-located]')?.getBoundingClientRect()
      return rect !== undefined && rect.top >= 0 && rect.bottom <= window.innerHeight
    })
    await dark.screenshot({ path: join(ARTIFACTS_DIR, 'article-located-dark.png') })
    expect(app.consoleErrorsOf(dark)).toEqual([])
  })

  it('looks right in the dark theme', async () => {
    const page = await app.newPage({ viewport: VIEWPORT, colorScheme: 'dark' })
    const seed = await seedArticle(page)
    await openSeedArticle(page, seed)
    await quoteStarting(page, 'This is a fundamental issue').hover()
    await page.locator('.quote-tooltip').waitFor()
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'article-dark.png') })
    await quoteStarting(page, 'This is a fundamental issue').click()
    await page.getByRole('dialog', { name: 'Quote by Xi Jinping' }).waitFor()
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'article-dark-popover.png') })
    await page.keyboard.press('Escape')
    await page.evaluate(() => document.querySelector('.content')?.scrollTo(0, 0))
    await page.getByText(/lines of page furniture removed/).click()
    await page
      .getByRole('button', { name: /^Restore “WATCH l/ })
      .first()
      .waitFor()
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'article-dark-removed.png') })
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(background).toBe('rgb(22, 22, 24)')
    expect(app.consoleErrorsOf(page)).toEqual([])
  })
})
