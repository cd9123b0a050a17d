import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCREENSHOTS_DIR, launchApp, type E2EApp } from './support/harness'
import { readStore, waitFor } from './support/idb'

interface StoredCard {
  id: string
  template: string
  answer: string
  options: string[] | null
}

const DAY_MS = 86_400_000
/** Wednesday 2026-03-04 10:00 UTC: the first study day (the page's clock is fixed to it). */
const START_MS = Date.UTC(2026, 2, 4, 10, 0, 0)

let app: E2EApp

beforeAll(async () => {
  app = await launchApp()
  await mkdir(SCREENSHOTS_DIR, { recursive: true })
})

afterAll(async () => {
  await app?.close()
})

/**
 * One study session at the page's current (fixed) time: every other who-said card gets a wrong
 * pick (a confusion, graded Again); on the first day other cards are graded Easy (they graduate),
 * later every third review is Again (a lapse) and the rest Good.
 */
async function studySession(page: Page, maxAnswers: number, firstDay: boolean): Promise<number> {
  // A reload starts the app afresh at the new time (as opening it on another day does).
  await page.reload()
  await page.getByRole('link', { name: 'Study', exact: true }).click()
  await page.getByRole('button', { name: 'Start studying' }).click()
  await page.waitForFunction(
    () =>
      document.querySelector('article.study-card') !== null ||
      /nothing|done|finished|no cards/i.test(
        document.querySelector('section.study')?.textContent ?? ''
      )
  )
  const cards = await readStore<StoredCard>(page, 'cards')
  let answered = 0
  while (answered < maxAnswers) {
    const shown = await page.locator('article.study-card').count()
    if (shown === 0) break
    const id = await page.locator('article.study-card').getAttribute('data-card-id')
    const element = await page.locator('article.study-card').elementHandle()
    const card = cards.find((candidate) => candidate.id === id)
    if (card?.options && card.options.length > 1) {
      const wrong = card.options.findIndex((option) => option !== card.answer)
      const right = card.options.indexOf(card.answer)
      const pickRight = answered % 2 === 1
      await page.keyboard.press(String((pickRight ? right : wrong) + 1))
      if (pickRight) {
        await page.getByText(/Graded Good/).waitFor()
        await page.keyboard.press('4')
      } else {
        await page.keyboard.press('Enter')
      }
    } else {
      await page.keyboard.press('Space')
      await page.getByRole('button', { name: /^Good, next in/ }).waitFor()
      // New cards graduate with Easy; later days lapse every third review.
      await page.keyboard.press(firstDay ? '4' : answered % 3 === 0 ? '1' : '3')
    }
    answered++
    // The next card replaces this one (a card answered Again comes back as a new element).
    await page.waitForFunction(
      (previous) => document.querySelector('article.study-card') !== previous,
      element
    )
  }
  return answered
}

const CHARTS = [
  'Future due',
  'Review calendar',
  'Reviews per day',
  'True retention',
  'Card intervals',
  'Card stability',
  'Card difficulty',
  'Card retrievability',
  'Answer buttons',
  'Hourly breakdown'
]

async function openStats(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Stats', exact: true }).click()
  await page.locator('section.stats[data-ready="true"]').waitFor()
}

describe('stats e2e', () => {
  it('renders every chart from real answers in light and dark, each with its table', async () => {
    const page = await app.newPage({ viewport: { width: 1280, height: 900 } })
    await waitFor(
      () => readStore<StoredCard>(page, 'cards'),
      (cards) => cards.length > 0,
      'the seed article to produce cards'
    )
    // Three study days: new cards, then their first reviews (some lapse), then more reviews.
    let total = 0
    for (const [dayOffset, answers] of [
      [0, 14],
      [4, 14],
      [15, 14]
    ] as const) {
      await page.clock.setFixedTime(new Date(START_MS + dayOffset * DAY_MS))
      total += await studySession(page, answers, dayOffset === 0)
    }
    expect(total).toBeGreaterThan(20)
    const logs = await readStore<{ before: { memoryState: number } }>(page, 'reviewLogs')
    expect(logs.some((log) => log.before.memoryState === 2)).toBe(true)

    await openStats(page)
    const view = page.locator('section.stats')
    for (const title of CHARTS) {
      const region = page.getByRole('region', { name: title, exact: true })
      await expect(region.locator('canvas').count(), title).resolves.toBe(1)
      await expect(region.getByText(/Study a few cards/).count(), title).resolves.toBe(0)
    }
    // Drawn with the light palette.
    await expect(view.locator('[data-theme-dark="true"]').count()).resolves.toBe(0)

    // Each chart's text alternative is a real table behind its toggle.
    for (const title of CHARTS) {
      const region = page.getByRole('region', { name: title, exact: true })
      await region.getByRole('button', { name: 'Show as table' }).click()
      await expect(region.getByRole('table').count(), title).resolves.toBe(1)
      await expect(region.getByRole('table').locator('caption').textContent()).resolves.toBeTruthy()
      await region.getByRole('button', { name: 'Show as table' }).click()
      await expect(region.locator('canvas').count(), title).resolves.toBe(1)
    }
    const retention = page.getByRole('region', { name: 'True retention', exact: true })
    await expect(retention.textContent()).resolves.toMatch(/Desired retention 90\s?%/)
    const speakers = page.getByRole('region', { name: 'Mastery by speaker', exact: true })
    await expect(speakers.getByRole('table').locator('tbody tr').count()).resolves.toBeGreaterThan(
      0
    )
    // Study answers do not record confusions (quizzes do): the panel says how to get some.
    await expect(
      page.getByRole('region', { name: 'Speakers most often confused', exact: true }).textContent()
    ).resolves.toMatch(/mixed up|→/)

    // The range selector redraws the chart (a year of reviews, in weeks).
    const perDay = page.getByRole('region', { name: 'Reviews per day', exact: true })
    await perDay.getByRole('radio', { name: '1 year' }).check()
    await perDay.getByRole('button', { name: 'Show as table' }).click()
    await expect(perDay.getByRole('table').locator('tbody tr').count()).resolves.toBe(53)
    await perDay.getByRole('button', { name: 'Show as table' }).click()

    // The view scrolls inside the app's main area: a tall window shows every chart at once.
    await page.setViewportSize({ width: 1280, height: 3600 })
    await page.evaluate(() => document.querySelector('main')?.scrollTo(0, 0))
    await page.waitForTimeout(200)
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'stats-light.png') })

    // Dark: the OS switches (theme preference "system"); the charts re-read the palette.
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.waitForFunction(
      () => document.querySelectorAll('section.stats [data-theme-dark="true"]').length >= 10
    )
    await page.waitForTimeout(200)
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'stats-dark.png') })

    // A study link opens that article's session.
    await speakers.getByRole('link').first().click()
    await page.waitForFunction(() => location.hash.startsWith('#/study?article='))
    expect(app.consoleErrorsOf(page)).toEqual([])
  })
})
