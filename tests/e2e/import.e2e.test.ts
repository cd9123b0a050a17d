import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchApp, type E2EApp } from './support/harness'
import { readStore, waitFor } from './support/idb'

let app: E2EApp

beforeAll(async () => {
  app = await launchApp()
})

afterAll(async () => {
  await app?.close()
})

function article(title: string, speaker: string, amount: number): string {
  return [
    title,
    '',
    `The council approved a budget of $${amount} million on Tuesday after a long debate.`,
    '',
    `“This is the right plan for the town, and we will deliver it,” said ${speaker} after the vote.`,
    '',
    `Critics said the cost of ${amount} million was too high for a town of 40,000 people.`
  ].join('\n')
}

/** The smallest valid PNG, named .txt: a binary file the loader refuses. */
const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64'
)

describe('bulk import', () => {
  it('imports a folder recursively, skips a duplicate and reports the bad file', async () => {
    const folder = join(app.tempDir, 'to-import')
    await mkdir(join(folder, 'sub', 'deeper'), { recursive: true })
    await writeFile(join(folder, 'alpha.txt'), article('Town passes budget', 'Mayor Ana Ruiz', 12))
    await writeFile(
      join(folder, 'sub', 'beta.md'),
      `# Port expansion\n\n${article('Port expansion', 'Director Sam Holt', 30).split('\n').slice(2).join('\n')}`
    )
    await writeFile(
      join(folder, 'sub', 'deeper', 'gamma.html'),
      `<!doctype html><html><head><title>Rail line</title></head><body><article><h1>Rail line</h1>${article(
        'Rail line',
        'Minister Lee Park',
        55
      )
        .split('\n')
        .slice(2)
        .filter((line) => line.length > 0)
        .map((line) => `<p>${line}</p>`)
        .join('')}</article></body></html>`
    )
    await writeFile(
      join(folder, 'sub', 'alpha-copy.txt'),
      article('Town passes budget', 'Mayor Ana Ruiz', 12)
    )
    await writeFile(join(folder, 'broken.txt'), PNG_BYTES)
    await writeFile(join(folder, 'notes.pdf'), '%PDF-1.4')

    const page = await app.newPage({ hash: '#/settings' })
    await page.getByRole('heading', { name: 'Import many articles', level: 2 }).waitFor()
    const before = await waitFor(
      () => readStore<{ id: string }>(page, 'articles'),
      (rows) => rows.length === 1,
      'the built-in article'
    )
    await app.setNextDialogPaths(page, [folder])
    await page.getByRole('button', { name: 'Import a folder…' }).click()

    const report = page.getByRole('region', { name: 'Import report' })
    await report.waitFor({ timeout: 60_000 })
    await expect
      .poll(async () => report.getByRole('status').textContent())
      .toMatch(/Added 3 articles;\s*1 duplicate skipped;\s*1 file failed\./)
    const failed = await report
      .getByRole('list', { name: 'Failed files' })
      .getByRole('listitem')
      .allTextContents()
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatch(/^broken\.txt: .+/)
    expect(failed[0]).toMatch(/not a text|binary|image/i)
    await report.getByText('Skipped as duplicates').click()
    await expect.poll(async () => report.getByText('alpha-copy.txt').count()).toBe(1)

    const articles = await readStore<{ id: string; title: string }>(page, 'articles')
    expect(articles).toHaveLength(before.length + 3)
    // Quotes were found and cards made for every imported article.
    const cards = await readStore<{ articleId: string }>(page, 'cards')
    const withCards = new Set(cards.map((card) => card.articleId))
    for (const stored of articles) expect(withCards.has(stored.id)).toBe(true)
    expect(app.consoleErrorsOf(page)).toEqual([])
  })
})
