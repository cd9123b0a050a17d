import { readFile, truncate } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchApp, type E2EApp } from './support/harness'
import { readStore, waitFor } from './support/idb'

let app: E2EApp

beforeAll(async () => {
  app = await launchApp()
})

afterAll(async () => {
  await app?.close()
})

const STORES = [
  'articles',
  'extractions',
  'corrections',
  'notes',
  'cards',
  'reviewLogs',
  'quizAttempts',
  'confusions',
  'settings'
]

/** Every row of every table, keyed by table name. */
async function snapshot(page: Page): Promise<Record<string, unknown[]>> {
  const all: Record<string, unknown[]> = {}
  for (const name of STORES) all[name] = await readStore(page, name)
  return all
}

/** Runs raw IndexedDB writes in the page: puts and deletes per store, in one transaction. */
async function writeRaw(
  page: Page,
  ops: { store: string; put?: unknown[]; remove?: unknown[] }[]
): Promise<void> {
  await page.evaluate(
    (sent) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('quotedeck')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const tx = db.transaction(
            sent.map((op) => op.store),
            'readwrite'
          )
          for (const op of sent) {
            const store = tx.objectStore(op.store)
            for (const row of op.put ?? []) store.put(row)
            for (const key of op.remove ?? []) store.delete(key as IDBValidKey)
          }
          tx.oncomplete = () => {
            db.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    ops
  )
}

interface Card {
  id: string
  articleId: string
  stability: number
}

async function openSettings(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click()
  await page.getByRole('heading', { name: 'Backups', level: 2 }).waitFor()
}

describe('backup and restore', () => {
  it('backs up, restores that backup identically, refuses a truncated one, repairs a broken collection', async () => {
    const page = await app.newPage()
    // The built-in article is seeded and its cards made in the background.
    const cards = await waitFor(
      () => readStore<Card>(page, 'cards'),
      (rows) => rows.length > 0,
      'the cards of the built-in article'
    )
    await waitFor(
      async () => (await readStore<Card>(page, 'cards')).length,
      (count) => count === cards.length,
      'card sync to settle'
    )
    await openSettings(page)

    await page.getByRole('button', { name: 'Back up now' }).click()
    await page.getByRole('status').filter({ hasText: 'Backup saved.' }).waitFor()
    const backups = page.getByRole('table', { name: 'Backups' })
    await backups.getByRole('row').nth(1).waitFor()
    const original = await snapshot(page)
    expect(original.cards.length).toBe(cards.length)
    const listed = await app.servicesOf(page).listBackups()
    expect(listed.ok && listed.value.map((b) => b.cardCount)).toEqual([cards.length])

    // Change the collection after the backup: delete half of the cards, add a setting.
    const doomed = cards.slice(0, Math.ceil(cards.length / 2)).map((card) => card.id)
    await writeRaw(page, [
      { store: 'cards', remove: doomed },
      { store: 'settings', put: [{ key: 'after-backup', value: 1 }] }
    ])
    expect((await readStore(page, 'cards')).length).toBe(cards.length - doomed.length)

    await backups
      .getByRole('row')
      .filter({ hasText: 'Manual' })
      .getByRole('button', { name: /Restore the backup of/ })
      .click()
    await page.getByRole('dialog', { name: 'Restore this backup?' }).waitFor()
    await page
      .getByRole('dialog', { name: 'Restore this backup?' })
      .getByRole('button', { name: 'Restore' })
      .click()
    // The page reloads after a restore and says what it restored.
    await page
      .getByRole('status')
      .filter({ hasText: /Restored the backup of .*\(\d+ cards\)/ })
      .waitFor({ timeout: 30_000 })
    expect(await snapshot(page)).toEqual(original)

    // A backup was taken before the restore; truncate it and try to restore it.
    const afterRestore = await app.servicesOf(page).listBackups()
    if (!afterRestore.ok) throw new Error(afterRestore.error.message)
    const safety = afterRestore.value.find((b) => b.reason === 'before-restore')
    if (!safety) throw new Error('no backup was taken before the restore')
    expect(safety.cardCount).toBe(cards.length - doomed.length)
    const path = join(app.userDataDirOf(page), 'backups', safety.name)
    const size = (await readFile(path)).byteLength
    await truncate(path, Math.floor(size * 0.6))

    await backups.getByRole('row').filter({ hasText: 'Before a restore' }).waitFor()
    await backups
      .getByRole('row')
      .filter({ hasText: 'Before a restore' })
      .getByRole('button', { name: /Restore the backup of/ })
      .click()
    await page
      .getByRole('dialog', { name: 'Restore this backup?' })
      .getByRole('button', { name: 'Restore' })
      .click()
    const alert = page.getByRole('alert').filter({ hasText: /cannot be restored/ })
    await alert.waitFor()
    expect(await alert.textContent()).toMatch(
      /truncated or damaged.*Your collection was not changed/
    )
    expect(await snapshot(page)).toEqual(original)

    // Check Database on a deliberately broken collection.
    const [first, second] = original.cards as Card[]
    await writeRaw(page, [
      {
        store: 'cards',
        put: [
          { ...first, id: 'orphan-card', noteId: 'gone:quote:x', articleId: 'art-gone' },
          { ...second, stability: -4 }
        ]
      },
      {
        store: 'reviewLogs',
        put: [
          {
            cardId: 'vanished-card',
            articleId: 'art-gone',
            grade: 3,
            source: 'study',
            reviewedAt: Date.UTC(2026, 2, 10),
            answerMs: 900,
            before: second,
            after: null
          }
        ]
      }
    ])
    await page.getByRole('button', { name: 'Check Database' }).click()
    const report = page.getByRole('region', { name: 'Check Database report' })
    await report.waitFor({ timeout: 30_000 })
    await expect
      .poll(async () => report.getByRole('listitem').allTextContents())
      .toEqual([
        'Deleted 1 card whose article is gone.',
        'Reset 1 card with an invalid schedule to new (history kept).',
        'Deleted 1 review whose card is gone.',
        // The raw write above went around the Library counts: the orphan's article drifted.
        'Recounted the new, due and total cards of 1 article whose counts had drifted.',
        // …and around the Stats tallies (its cards were never tallied).
        'Recounted the card totals behind the statistics, which had drifted.'
      ])
    const repaired = await readStore<Card>(page, 'cards')
    expect(repaired.find((card) => card.id === 'orphan-card')).toBeUndefined()
    expect(repaired.find((card) => card.id === second.id)?.stability).toBe(0)
    expect(repaired).toHaveLength(cards.length)
    const logs = await readStore<{ cardId: string }>(page, 'reviewLogs')
    expect(logs.some((log) => log.cardId === 'vanished-card')).toBe(false)
    const afterCheck = await app.servicesOf(page).listBackups()
    expect(
      afterCheck.ok && afterCheck.value.some((b) => b.reason === 'before-check-database')
    ).toBe(true)
    expect(app.consoleErrorsOf(page)).toEqual([])
  })
})
