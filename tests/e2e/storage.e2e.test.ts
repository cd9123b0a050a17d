import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchApp, type E2EApp } from './support/harness'
import { countStore, readStore, waitFor, type StoredLog } from './support/idb'

let app: E2EApp

beforeAll(async () => {
  app = await launchApp()
})

afterAll(async () => {
  await app?.close()
})

interface StoredCard {
  id: string
  answer: string
  options: string[] | null
  updatedAt: number
  reps: number
}

/** From now on every IndexedDB write in the page fails the way a full disk makes it fail. */
async function fillTheDisk(page: Page, full: boolean): Promise<void> {
  await page.evaluate((on) => {
    const win = window as unknown as { __qdDiskFull?: boolean; __qdQuotaWrapped?: boolean }
    win.__qdDiskFull = on
    if (win.__qdQuotaWrapped) return
    win.__qdQuotaWrapped = true
    const proto = IDBObjectStore.prototype
    for (const method of ['put', 'add'] as const) {
      const original = proto[method]
      proto[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
        if (win.__qdDiskFull) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
        }
        return original.apply(this, args)
      } as typeof original
    }
  }, full)
}

/** Answers the card on screen with the keyboard (Easy); returns its id. */
async function answer(page: Page): Promise<string> {
  const id = (await page.locator('article.study-card').getAttribute('data-card-id')) ?? ''
  const card = (await readStore<StoredCard>(page, 'cards')).find((c) => c.id === id)!
  if (card.options && card.options.length > 1) {
    await page.keyboard.press(String(card.options.indexOf(card.answer) + 1))
  } else {
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: /^Easy, next in/ }).waitFor()
    await page.keyboard.press('4')
  }
  return id
}

describe('IndexedDB failures', () => {
  it('a full disk: the answer is refused in words, nothing changes, and a retry saves it', async () => {
    const page = await app.newPage()
    await waitFor(
      () => readStore<StoredCard>(page, 'cards'),
      (cards) => cards.length > 0,
      'the seed article to produce cards'
    )
    await page.getByRole('link', { name: 'Study', exact: true }).click()
    await page.getByRole('button', { name: 'Start studying' }).click()
    await page.locator('article.study-card').waitFor()
    const cardsBefore = await readStore<StoredCard>(page, 'cards')

    await fillTheDisk(page, true)
    const refusedId = await answer(page)
    await page
      .getByText(/there is no room left on the disk/u)
      .first()
      .waitFor()
    expect(await countStore(page, 'reviewLogs')).toBe(0)
    expect(await readStore<StoredCard>(page, 'cards')).toEqual(cardsBefore)

    // Room again: the same card is still there to answer, and this time it is saved.
    await fillTheDisk(page, false)
    await page.locator(`article.study-card[data-card-id="${refusedId}"]`).waitFor()
    await answer(page)
    const logs = await waitFor(
      () => readStore<StoredLog>(page, 'reviewLogs'),
      (stored) => stored.length === 1,
      'the retried answer to be stored'
    )
    expect(logs[0].cardId).toBe(refusedId)
    const answered = (await readStore<StoredCard>(page, 'cards')).find((c) => c.id === refusedId)
    expect(answered?.reps).toBe(1)
    await page.context().close()
  })

  it('an upgrade blocked by another window waits with a message in words, then finishes with the collection intact', async () => {
    const page = await app.newPage()
    await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor()
    // Leave the app (its connection closes), and make the collection an old one (schema v1,
    // IndexedDB version 10) that a second window of an older Quotedeck still holds open.
    await page.goto(`${app.url}blank.txt`)
    const older = await page.context().newPage()
    await older.goto(`${app.url}blank.txt`)
    await older.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const deleted = indexedDB.deleteDatabase('quotedeck')
          deleted.onerror = () => reject(deleted.error)
          deleted.onsuccess = () => {
            const open = indexedDB.open('quotedeck', 10)
            open.onupgradeneeded = () => {
              const db = open.result
              db.createObjectStore('articles', { keyPath: 'id' }).createIndex('addedAt', 'addedAt')
              db.createObjectStore('extractions', { keyPath: 'articleId' })
              db.createObjectStore('corrections', { keyPath: 'id' }).createIndex(
                'articleId',
                'articleId'
              )
            }
            open.onerror = () => reject(open.error)
            open.onsuccess = () => {
              const db = open.result
              const text = 'The old window’s article stays.'
              db
                .transaction('articles', 'readwrite')
                .objectStore('articles')
                .put({
                  id: 'old-article',
                  title: 'An article from the old version',
                  byline: null,
                  source: { kind: 'clipboard' },
                  text,
                  paragraphs: [{ kind: 'body', start: 0, end: text.length }],
                  removed: [],
                  encoding: 'utf-8',
                  wordCount: 6,
                  addedAt: Date.UTC(2026, 0, 1)
                }).transaction!.oncomplete = () => {
                // Held open, and deaf to version changes: an older app that never lets go.
                ;(window as unknown as { oldDb: IDBDatabase }).oldDb = db
                resolve()
              }
            }
          }
        })
    )

    await page.goto(app.url)
    await page
      .getByText(/open in another window with an older version of the collection/u)
      .waitFor()
    expect(await page.getByRole('row').count()).toBeLessThanOrEqual(1)

    // The other window closes: the upgrade finishes by itself and the old article is listed.
    await older.evaluate(() => (window as unknown as { oldDb: IDBDatabase }).oldDb.close())
    await page.getByRole('cell', { name: 'An article from the old version' }).waitFor()
    const articles = await readStore<{ id: string; text: string }>(page, 'articles')
    expect(articles.map((article) => article.id)).toEqual(['old-article'])
    expect(articles[0].text).toBe('The old window’s article stays.')
    await page.context().close()
  })
})
