import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SCREENSHOTS_DIR, launchApp, type E2EApp } from './support/harness'
import { readStore, waitFor, type StoredLog } from './support/idb'

interface StoredCard {
  id: string
  noteId: string
  template: string
  answer: string
  options: string[] | null
  queue: number
  due: number
  reps: number
  updatedAt: number
  [key: string]: unknown
}

let app: E2EApp

beforeAll(async () => {
  app = await launchApp()
  await mkdir(SCREENSHOTS_DIR, { recursive: true })
})

afterAll(async () => {
  await app?.close()
})

function waitForCards(page: Page): Promise<StoredCard[]> {
  return waitFor(
    () => readStore<StoredCard>(page, 'cards'),
    (cards) => cards.length > 0,
    'the seed article to produce cards'
  )
}

async function startStudying(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Study', exact: true }).click()
  await page.getByRole('button', { name: 'Start studying' }).click()
  await page.locator('article.study-card').waitFor()
}

async function shownCardId(page: Page): Promise<string> {
  const id = await page.locator('article.study-card').getAttribute('data-card-id')
  if (!id) throw new Error('No card on screen')
  return id
}

/**
 * Answers the card on screen with the keyboard only, grading Easy so it leaves today's queue:
 * a who-said card by picking the right option (1–4) and raising it to Easy (4); any other card
 * with Space then 4. Returns the id of the card answered.
 */
async function answerWithKeyboard(page: Page): Promise<string> {
  const id = await shownCardId(page)
  const card = (await readStore<StoredCard>(page, 'cards')).find((c) => c.id === id)!
  if (card.options && card.options.length > 1) {
    await page.keyboard.press(String(card.options.indexOf(card.answer) + 1))
    await page.getByText(/Graded Good/).waitFor()
    await page.keyboard.press('4')
  } else {
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: /^Easy, next in/ }).waitFor()
    await page.keyboard.press('4')
  }
  // The next card (or the end screen) replaces this one.
  await page.waitForFunction(
    (previous) =>
      document.querySelector('article.study-card')?.getAttribute('data-card-id') !== previous,
    id
  )
  return id
}

async function waitForLogs(page: Page, count: number): Promise<StoredLog[]> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const logs = await readStore<StoredLog>(page, 'reviewLogs')
    if (logs.length === count) return logs
    if (Date.now() > deadline) throw new Error(`Expected ${count} logs, found ${logs.length}`)
    await page.waitForTimeout(50)
  }
}

describe('study session e2e', () => {
  it('studies the seed article’s cards by keyboard across a reload, then undoes', async () => {
    const page = await app.newPage()
    const cards = await waitForCards(page)
    expect(cards.length).toBeGreaterThanOrEqual(10)
    expect(cards.some((card) => card.template === 'who-said')).toBe(true)

    await startStudying(page)
    await expect(
      page.getByRole('progressbar', { name: 'Study progress' }).getAttribute('aria-valuetext')
    ).resolves.toMatch(/^0 done, \d+ remaining$/)

    const answered: string[] = []
    for (let i = 0; i < 5; i++) answered.push(await answerWithKeyboard(page))
    await waitForLogs(page, 5)

    // Reload in the middle of the session: the app starts again from IndexedDB.
    await page.reload()
    await page.getByRole('button', { name: 'Start studying' }).waitFor()
    await page.getByRole('button', { name: 'Start studying' }).click()
    await page.locator('article.study-card').waitFor()
    const afterReload: string[] = []
    for (let i = 0; i < 4; i++) afterReload.push(await answerWithKeyboard(page))
    for (const id of afterReload) expect(answered).not.toContain(id)
    answered.push(...afterReload)

    // The tenth card: keep its stored state to compare after undo.
    const tenthId = await shownCardId(page)
    expect(answered).not.toContain(tenthId)
    const tenthBefore = (await readStore<StoredCard>(page, 'cards')).find((c) => c.id === tenthId)
    answered.push(await answerWithKeyboard(page))

    const logs = await waitForLogs(page, 10)
    expect(logs.map((log) => log.cardId).sort()).toEqual([...answered].sort())
    expect(new Set(answered).size).toBe(10)
    expect(logs.every((log) => log.source === 'study' && log.grade === 4)).toBe(true)
    const stored = await readStore<StoredCard>(page, 'cards')
    for (const id of answered) {
      const card = stored.find((c) => c.id === id)!
      expect(card.reps).toBeGreaterThan(0)
      expect(card.due).toBeGreaterThan(Date.now() + 12 * 60 * 60 * 1000)
    }

    // Undo with the keyboard: the tenth card is back, exactly as it was, and its log is gone.
    await page.keyboard.press('Control+z')
    await page.getByRole('status').filter({ hasText: 'Answer undone' }).waitFor()
    expect(await shownCardId(page)).toBe(tenthId)
    await waitForLogs(page, 9)
    const restored = (await readStore<StoredCard>(page, 'cards')).find((c) => c.id === tenthId)
    expect(restored).toEqual(tenthBefore)

    await page.keyboard.press('Space')
    await page.getByRole('link', { name: 'Open in article' }).waitFor()
    await page.locator('.source-text mark').first().waitFor()
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'study.png') })
    expect(app.consoleErrorsOf(page)).toEqual([])
  })
})
