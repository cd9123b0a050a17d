import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchApp, type E2EApp } from './support/harness'
import { readStore, waitFor } from './support/idb'

interface StoredCard {
  id: string
  template: string
  prompt: string
  answer: string
  options: string[] | null
  queue: number
  [key: string]: unknown
}

let app: E2EApp

beforeAll(async () => {
  app = await launchApp()
})

afterAll(async () => {
  await app?.close()
})

function waitForCards(page: Page): Promise<StoredCard[]> {
  return waitFor(
    () => readStore<StoredCard>(page, 'cards'),
    (cards) => cards.length >= 5,
    'the seed article to produce cards'
  )
}

/** Answers the first card of a study session with the keyboard (Easy). Returns its id. */
async function answerOneCard(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Study', exact: true }).click()
  await page.getByRole('button', { name: 'Start studying' }).click()
  const shown = page.locator('article.study-card')
  await shown.waitFor()
  const id = (await shown.getAttribute('data-card-id'))!
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
  await waitFor(
    () => readStore<{ cardId: string }>(page, 'reviewLogs'),
    (logs) => logs.length === 1,
    'the answer to be stored'
  )
  return id
}

function selectedRows(page: Page): ReturnType<Page['locator']> {
  return page
    .getByRole('grid', { name: 'Cards' })
    .locator('[role="row"][data-card-id][aria-selected="true"]')
}

function bodyRows(page: Page): ReturnType<Page['locator']> {
  return page.getByRole('grid', { name: 'Cards' }).locator('[role="row"][data-card-id]')
}

async function search(page: Page, query: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Search cards' }).fill(query)
  await page.getByRole('textbox', { name: 'Search cards' }).press('Enter')
}

describe('card browser e2e', () => {
  it('searches, sorts, selects a range, suspends and undoes, edits, and shows card info', async () => {
    const page = await app.newPage()
    const cards = await waitForCards(page)
    const answeredId = await answerOneCard(page)

    // B opens the browser from anywhere.
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('b')
    await page.getByRole('heading', { name: 'Browse cards' }).waitFor()
    // The table draws only the rows in view; the count line says how many matched.
    await page.getByText(`${cards.length} of ${cards.length} cards`).waitFor()
    expect(await bodyRows(page).count()).toBeGreaterThan(10)

    // Search.
    const whoSaid = cards.filter((card) => card.template === 'who-said').length
    expect(whoSaid).toBeGreaterThan(0)
    await search(page, 'type:who-said')
    await expect.poll(() => bodyRows(page).count()).toBe(whoSaid)
    await page.getByText(`${whoSaid} of ${cards.length} cards`).waitFor()
    await search(page, 'speaker:"nobody at all')
    await page
      .getByRole('alert')
      .filter({ hasText: /is not closed/ })
      .waitFor()

    // Sort by front text, then the other way.
    await search(page, '')
    await page.getByText(`${cards.length} of ${cards.length} cards`).waitFor()
    const frontHeader = page.getByRole('columnheader', { name: /^Front/ })
    await frontHeader.getByRole('button').click()
    await expect.poll(() => frontHeader.getAttribute('aria-sort')).toBe('ascending')
    const fronts = async (): Promise<string[]> =>
      bodyRows(page).evaluateAll((rows) =>
        rows.map((row) => row.querySelectorAll('[role="gridcell"]')[1].textContent!.trim())
      )
    const ascending = await fronts()
    const folded = ascending.map((text) =>
      text
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
    )
    expect(folded).toEqual([...folded].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    await frontHeader.getByRole('button').click()
    await expect.poll(() => frontHeader.getAttribute('aria-sort')).toBe('descending')
    expect(await fronts()).not.toEqual(ascending)

    // Select a range of three with click and Shift-click, then suspend (confirmed) and undo.
    await bodyRows(page).nth(1).click()
    await bodyRows(page)
      .nth(3)
      .click({ modifiers: ['Shift'] })
    await expect.poll(() => selectedRows(page).count()).toBe(3)
    const chosen = await selectedRows(page).evaluateAll((rows) =>
      rows.map((row) => row.getAttribute('data-card-id')!)
    )
    await page
      .getByRole('toolbar', { name: 'Selected cards' })
      .getByRole('button', { name: 'Suspend', exact: true })
      .click()
    const dialog = page.getByRole('dialog', { name: 'Suspend 3 cards?' })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Suspend 3 cards' }).click()
    await page.getByRole('status').filter({ hasText: 'Suspended 3 cards' }).waitFor()
    const suspended = (await readStore<StoredCard>(page, 'cards')).filter((c) => c.queue === -1)
    expect(suspended.map((c) => c.id).sort()).toEqual([...chosen].sort())
    await page.getByRole('grid', { name: 'Cards' }).focus()
    await page.keyboard.press('Control+z')
    await page
      .getByRole('status')
      .filter({ hasText: /Undone/ })
      .waitFor()
    expect((await readStore<StoredCard>(page, 'cards')).filter((c) => c.queue === -1)).toEqual([])

    // The answered card: its info shows the review, and its front can be edited.
    await search(page, 'rated:1')
    await expect.poll(() => bodyRows(page).count()).toBe(1)
    await bodyRows(page).first().click()
    const history = page.getByRole('table', { name: 'Review history' })
    await history.waitFor()
    await expect.poll(() => history.locator('tbody tr').count()).toBe(1)
    expect(await history.locator('tbody tr').first().textContent()).toContain('Easy')
    await page.getByText('Memory state').waitFor()
    await page.locator('.source-sentence mark').waitFor()

    const front = page.getByRole('textbox', { name: 'Front' })
    await front.fill('Edited in the browser: who said it?')
    await page.getByRole('button', { name: 'Save card' }).click()
    await page.getByRole('status').filter({ hasText: 'Card saved' }).waitFor()
    const edited = (await readStore<StoredCard>(page, 'cards')).find((c) => c.id === answeredId)!
    expect(edited.prompt).toBe('Edited in the browser: who said it?')
    expect(await bodyRows(page).first().textContent()).toContain('Edited in the browser')
  })

  it('regression: columns past the right edge of a narrow table were cut off and unreachable', async () => {
    const page = await app.newPage()
    // The app's default window width, with the editor pane beside the table.
    await page.setViewportSize({ width: 1200, height: 800 })
    await waitForCards(page)
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('b')
    await page.getByRole('heading', { name: 'Browse cards' }).waitFor()
    const grid = page.getByRole('grid', { name: 'Cards' })
    await expect.poll(() => bodyRows(page).count()).toBeGreaterThan(0)
    const lastHeader = page.getByRole('columnheader', { name: /^Reviews/ })
    const inside = async (): Promise<boolean> => {
      const [box, header] = [await grid.boundingBox(), await lastHeader.boundingBox()]
      return header !== null && box !== null && header.x + header.width <= box.x + box.width + 1
    }
    // Too narrow for every column: the table scrolls sideways, and the last column comes into
    // view with its cells.
    expect(await inside()).toBe(false)
    await grid.evaluate((element) => {
      element.scrollLeft = element.scrollWidth
    })
    await expect.poll(inside).toBe(true)
    // The cell is drawn, not clipped by its row: it is what the pointer hits at its centre.
    const lastCell = bodyRows(page).first().getByRole('gridcell').last()
    expect(
      await lastCell.evaluate((cell) => {
        const { x, y, width, height } = cell.getBoundingClientRect()
        const hit = document.elementFromPoint(x + width / 2, y + height / 2)
        return hit !== null && cell.contains(hit)
      })
    ).toBe(true)
    await page.close()
  })
})
