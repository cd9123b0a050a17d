import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Article } from '../../src/core/article/types'
import { shortTitle } from '../../src/renderer/src/components/library/format'
import { unpackArticle } from '../../src/shared/article-transport'
import { ARTIFACTS_DIR, SCREENSHOTS_DIR, launchApp, type E2EApp } from './support/harness'
import { readStore, waitFor } from './support/idb'

/** The committed screenshot the README shows. */
const README_SCREENSHOT = join(SCREENSHOTS_DIR, 'library.png')

const SECOND_ARTICLE = [
  'Harbour bridge reopens after repairs',
  '',
  'The city’s harbour bridge reopened on Monday after eight months of repairs that cost $42 million.',
  '',
  '“We promised it would be finished before winter, and it is,” said Mayor Dana Whitfield at the ribbon cutting.',
  '',
  'Engineers replaced 1,200 steel cables. “The old ones had simply worn out,” chief engineer Ravi Okafor told reporters.'
].join('\n')

/** The smallest valid PNG (1×1, transparent) — binary bytes the loader must refuse. */
const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64'
)
const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n', 'latin1')

let app: E2EApp

beforeAll(async () => {
  app = await launchApp()
  await mkdir(ARTIFACTS_DIR, { recursive: true })
})

afterAll(async () => {
  await app?.close()
})

function libraryRows(page: Page): ReturnType<Page['locator']> {
  return page.getByRole('table').locator('tbody').getByRole('row')
}

async function goToLibrary(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Library' })
    .click()
  await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor()
}

async function seedArticle(page: Page): Promise<Article> {
  const seed = await app.servicesOf(page).loadBuiltinArticle()
  if (!seed.ok) throw new Error(`the built-in article did not load: ${seed.error.message}`)
  return unpackArticle(seed.value)
}

async function shoot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS_DIR, `${name}.png`)
  await page.screenshot({ path })
  return path
}

describe('library e2e', () => {
  it('seeds, opens, adds, refuses binaries and persists across a reload', async () => {
    const page = await app.newPage()
    const seed = await seedArticle(page)

    // First launch: the built-in article is already in the Library.
    const seedLink = page.getByRole('link', { name: seed.title, exact: true })
    await seedLink.waitFor()
    await expect(libraryRows(page).count()).resolves.toBe(1)
    await expect(libraryRows(page).first().textContent()).resolves.toContain('Built-in')

    // Opening it shows the cleaned text, with its headings and without page furniture.
    await page.getByRole('link', { name: `Open “${seed.title}”` }).click()
    await page.waitForURL(`**/#/article/${seed.id}`)
    const headings = seed.paragraphs.filter((paragraph) => paragraph.kind === 'heading')
    expect(headings.length).toBeGreaterThan(0)
    for (const heading of headings) {
      const headingText = seed.text.slice(heading.start, heading.end)
      await page.getByRole('heading', { name: headingText }).waitFor()
    }
    const firstBody = seed.paragraphs.find((paragraph) => paragraph.kind === 'body')
    if (!firstBody) throw new Error('the seed has no body paragraph')
    const firstWords = seed.text.slice(firstBody.start, firstBody.end).split(/\s+/).slice(0, 6)
    await page.getByText(firstWords.join(' '), { exact: false }).first().waitFor()
    const articleText = page.getByRole('region', { name: 'Article text' })
    const shownText = (await articleText.innerText()).replace(/\s+/g, ' ')
    expect(seed.removed.length).toBeGreaterThan(0)
    for (const removed of seed.removed) {
      // Page furniture is listed apart (restorable), never inside the article text.
      expect(shownText).not.toContain(removed.text.replace(/\s+/g, ' ').trim())
    }
    expect(shownText).toContain(firstWords.join(' '))
    await shoot(page, 'library-article-seed')

    // A second file through the Open dialog is added (and shown).
    await goToLibrary(page)
    const secondPath = join(app.tempDir, 'harbour-bridge.txt')
    await writeFile(secondPath, SECOND_ARTICLE, 'utf8')
    await app.setNextDialogPaths(page, [secondPath])
    await page.getByRole('button', { name: 'Open article…' }).click()
    await page.waitForURL(/#\/article\//)
    await goToLibrary(page)
    await expect(libraryRows(page).count()).resolves.toBe(2)
    await expect(libraryRows(page).first().textContent()).resolves.toContain('harbour-bridge.txt')
    await page
      .getByRole('link', { name: 'Harbour bridge reopens after repairs', exact: true })
      .waitFor()

    // The Open dialog remembered the file: it is in the Recent menu.
    await page.getByRole('button', { name: 'Recent' }).click()
    const recentMenu = page.getByRole('menu', { name: 'Recent files' })
    await recentMenu.getByRole('menuitem', { name: /harbour-bridge\.txt/ }).waitFor()
    await shoot(page, 'library-recent-menu')
    await page.keyboard.press('Escape')
    await recentMenu.waitFor({ state: 'detached' })

    // A binary file shows an error in words and leaves the Library as it was.
    const pngPath = join(app.tempDir, 'photo.png')
    await writeFile(pngPath, PNG_BYTES)
    await app.setNextDialogPaths(page, [pngPath])
    await page.getByRole('button', { name: 'Open article…' }).click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    const message = (await alert.innerText()).trim()
    expect(message.length).toBeGreaterThan(10)
    expect(message).not.toMatch(/undefined|\[object|Error:/)
    expect(new URL(page.url()).hash).toBe('#/')
    await expect(libraryRows(page).count()).resolves.toBe(2)
    await shoot(page, 'library-binary-error')
    await page.getByRole('button', { name: 'Dismiss error' }).click()
    await alert.waitFor({ state: 'detached' })

    const pdfPath = join(app.tempDir, 'report.txt')
    await writeFile(pdfPath, PDF_BYTES)
    await app.setNextDialogPaths(page, [pdfPath])
    await page.getByRole('button', { name: 'Open article…' }).click()
    await page.getByRole('alert').waitFor()
    await expect(libraryRows(page).count()).resolves.toBe(2)
    await page.getByRole('button', { name: 'Dismiss error' }).click()

    // The Library persists across a reload (IndexedDB), and the seed is not added twice.
    await page.reload()
    await page.getByRole('link', { name: seed.title, exact: true }).waitFor()
    await expect(libraryRows(page).count()).resolves.toBe(2)
    await page.waitForTimeout(300)
    const readmeShot = await shoot(page, 'library-light')
    await mkdir(SCREENSHOTS_DIR, { recursive: true })
    await copyFile(readmeShot, README_SCREENSHOT)

    expect(app.consoleErrorsOf(page)).toEqual([])
  })

  it('removes with confirmation and Undo; a removed seed does not come back', async () => {
    const page = await app.newPage()
    const seed = await seedArticle(page)
    await page.getByRole('link', { name: seed.title, exact: true }).waitFor()

    await page.getByRole('button', { name: `Remove “${seed.title}”` }).click()
    const dialog = page.getByRole('dialog', { name: `Remove “${shortTitle(seed.title)}”?` })
    await dialog.waitFor()
    await shoot(page, 'library-remove-confirm')
    // Esc cancels.
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await expect(libraryRows(page).count()).resolves.toBe(1)

    await page.getByRole('button', { name: `Remove “${seed.title}”` }).click()
    await dialog.getByRole('button', { name: 'Remove' }).click()
    await page.getByRole('heading', { name: 'Your library is empty' }).waitFor()
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click()
    await page.getByRole('link', { name: seed.title, exact: true }).waitFor()

    await page.getByRole('button', { name: `Remove “${seed.title}”` }).click()
    await dialog.getByRole('button', { name: 'Remove' }).click()
    await page.getByRole('heading', { name: 'Your library is empty' }).waitFor()
    await shoot(page, 'library-empty')

    await page.reload()
    await page.getByRole('heading', { name: 'Your library is empty' }).waitFor()
    expect(app.consoleErrorsOf(page)).toEqual([])
  })

  it('pastes text into a new article and accepts dropped files', async () => {
    const page = await app.newPage({ clipboardText: SECOND_ARTICLE })
    const seed = await seedArticle(page)
    await page.getByRole('link', { name: seed.title, exact: true }).waitFor()

    await page.getByRole('button', { name: 'Paste text…' }).click()
    const dialog = page.getByRole('dialog', { name: 'New article from text' })
    await dialog.waitFor()
    await expect(dialog.getByRole('textbox', { name: 'Title' }).inputValue()).resolves.toBe(
      'Harbour bridge reopens after repairs'
    )
    await shoot(page, 'library-paste-dialog')
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Bridge reopens (pasted)')
    await dialog.getByRole('button', { name: 'Add to library' }).click()
    await page.waitForURL(/#\/article\//)
    await goToLibrary(page)
    const pastedRow = libraryRows(page).filter({ hasText: 'Bridge reopens (pasted)' })
    await expect(pastedRow.textContent()).resolves.toContain('Clipboard')

    // A file dropped on the window goes through the real loader.
    const markdown =
      '# Council votes on budget\n\nThe council approved the budget, “with reluctance,” said councillor Ana Ruiz.\n'
    await page.evaluate(async (text) => {
      const transfer = new DataTransfer()
      transfer.items.add(new File([text], 'council.md', { type: 'text/markdown' }))
      window.dispatchEvent(
        new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true })
      )
      window.dispatchEvent(
        new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true })
      )
    }, markdown)
    await page.waitForURL(/#\/article\//)
    await goToLibrary(page)
    await expect(libraryRows(page).count()).resolves.toBe(3)
    await expect(libraryRows(page).first().textContent()).resolves.toContain('council.md')
    expect(app.consoleErrorsOf(page)).toEqual([])
  })

  it('looks right in dark mode and follows the theme setting', async () => {
    const page = await app.newPage({ colorScheme: 'dark' })
    const seed = await seedArticle(page)
    await page.getByRole('link', { name: seed.title, exact: true }).waitFor()
    await page.waitForTimeout(300)
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(background).toBe('rgb(22, 22, 24)')
    await shoot(page, 'library-dark')

    // The drop overlay, as a user dragging a file sees it.
    await page.evaluate(() => {
      const transfer = new DataTransfer()
      transfer.items.add(new File(['x'], 'story.txt'))
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true }))
    })
    await page.getByText('Drop to add to your library').waitFor()
    await shoot(page, 'library-drop-overlay-dark')
    await page.evaluate(() => {
      const transfer = new DataTransfer()
      transfer.items.add(new File(['x'], 'story.txt'))
      window.dispatchEvent(new DragEvent('dragleave', { dataTransfer: transfer, bubbles: true }))
    })

    // Dialogs and errors in dark.
    await page.getByRole('button', { name: 'Paste text…' }).click()
    const pasteDialog = page.getByRole('dialog', { name: 'New article from text' })
    await pasteDialog
      .getByRole('textbox', { name: 'Article text' })
      .fill('Short headline\n\nA body.')
    await shoot(page, 'library-paste-dialog-dark')
    await page.keyboard.press('Escape')
    await pasteDialog.waitFor({ state: 'detached' })
    const pdfPath = join(app.tempDir, 'dark.pdf')
    await writeFile(pdfPath, PDF_BYTES)
    await app.setNextDialogPaths(page, [pdfPath])
    await page.keyboard.press('Control+o')
    await page.getByRole('alert').waitFor()
    await shoot(page, 'library-error-dark')
    await page.getByRole('button', { name: 'Dismiss error' }).click()

    // Settings › Light overrides the OS; the choice survives a reload.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click()
    await page.getByRole('radio', { name: 'Light', exact: true }).check()
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('light')
    // regression (flaky under load): a reload before the setting is stored loses it
    await waitFor(
      () => readStore<unknown>(page, 'settings'),
      (rows) => JSON.stringify(rows).includes('"light"'),
      'the light theme to be stored'
    )
    await page.reload()
    await page.getByRole('radio', { name: 'Light', exact: true }).waitFor()
    await expect(page.getByRole('radio', { name: 'Light', exact: true }).isChecked()).resolves.toBe(
      true
    )
    await expect(
      page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    ).resolves.toBe('rgb(247, 247, 245)')
    await shoot(page, 'settings-light')
    expect(app.themeCallsOf(page)).toContain('light')
    expect(app.consoleErrorsOf(page)).toEqual([])
  })
})
