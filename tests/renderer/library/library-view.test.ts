import { packArticle } from '../../../src/shared/article-transport'
import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { fail, ok } from '../../../src/shared/result'
import { addArticle } from '../../../src/renderer/src/db/articles-repo'
import type { CardRecord } from '../../../src/renderer/src/db/schema'
import {
  NOW_MS,
  builtinArticle,
  eventually,
  extractionStub,
  makeArticle,
  useLibraryTestEnvironment
} from './helpers'
import { mountApp, type MountedApp } from './mount-app'
import { getByRole, queryAllByRole } from './queries'

vi.mock(
  '../../../src/renderer/src/stores/extraction',
  async () => (await import('./helpers')).extractionStoreModule
)
const { statuses } = extractionStub

const seedTitle = builtinArticle.title

function click(element: HTMLElement): void {
  element.click()
}

describe('Library view', () => {
  let app: MountedApp
  const env = useLibraryTestEnvironment(() => app)

  async function libraryWithSeed(): Promise<MountedApp> {
    app = await mountApp('/')
    await eventually(() => getByRole(document.body, 'link', seedTitle))
    return app
  }

  it('shows the built-in article on first launch with its source, words and date', async () => {
    await libraryWithSeed()
    const table = getByRole(document.body, 'table')
    const rows = queryAllByRole(table, 'row')
    expect(rows).toHaveLength(2)
    const cells = rows[1].textContent ?? ''
    expect(cells).toContain(seedTitle)
    expect(cells).toContain('Built-in')
    expect(cells).toContain(String(builtinArticle.wordCount))
    expect(cells).toContain('Today')
    expect(getByRole(document.body, 'heading', 'Library')).toBeTruthy()
  })

  it('shows file names and Clipboard as sources, newest first', async () => {
    await addArticle(env.db, makeArticle('a'), NOW_MS - 2 * 24 * 3600_000)
    await addArticle(env.db, makeArticle('b', { source: { kind: 'clipboard' } }), NOW_MS - 1000)
    app = await mountApp('/')
    await eventually(() => getByRole(document.body, 'link', 'Article a'))
    const rows = queryAllByRole(getByRole(document.body, 'table'), 'row').slice(1)
    expect(rows.map((row) => row.querySelector('th')?.textContent?.trim())).toEqual([
      'Article b',
      'Article a'
    ])
    expect(rows[0].textContent).toContain('Clipboard')
    expect(rows[1].textContent).toContain('a.txt')
    expect(rows[1].textContent).not.toContain('Today')
    // A library with articles is never seeded.
    expect(env.api.loadBuiltinArticle).not.toHaveBeenCalled()
  })

  it('shows card counts, and "Finding quotes…" while cards are on their way', async () => {
    await addArticle(env.db, makeArticle('done'), NOW_MS - 2000)
    await addArticle(env.db, makeArticle('busy'), NOW_MS - 1000)
    await env.db.cards.bulkPut(
      ['c1', 'c2', 'c3'].map((id) => ({ id, articleId: 'done' }) as unknown as CardRecord)
    )
    statuses.busy = { state: 'extracting' }
    app = await mountApp('/')
    await eventually(() => getByRole(document.body, 'link', 'Article done'))

    const rows = queryAllByRole(getByRole(document.body, 'table'), 'row')
    const header = Array.from(rows[0].querySelectorAll('th')).map((cell) =>
      cell.textContent?.trim()
    )
    const cardsColumn = header.indexOf('Cards')
    expect(cardsColumn).toBeGreaterThan(0)
    const cardsCell = (row: HTMLElement): string =>
      row.querySelectorAll('th, td')[cardsColumn].textContent?.trim() ?? ''
    expect(cardsCell(rows[1])).toBe('Finding quotes…')
    expect(cardsCell(rows[2])).toBe('3')
  })

  it('sorts by a column header and says which way', async () => {
    await addArticle(env.db, makeArticle('b', { title: 'Bravo', wordCount: 10 }), NOW_MS - 3000)
    await addArticle(env.db, makeArticle('a', { title: 'alpha', wordCount: 30 }), NOW_MS - 2000)
    await addArticle(env.db, makeArticle('c', { title: 'Charlie', wordCount: 20 }), NOW_MS - 1000)
    app = await mountApp('/')
    await eventually(() => getByRole(document.body, 'link', 'Bravo'))
    const titles = (): string[] =>
      queryAllByRole(getByRole(document.body, 'table'), 'row')
        .slice(1)
        .map((row) => row.querySelector('th a')?.textContent?.trim() ?? '')
    const header = (name: string): HTMLElement =>
      getByRole(document.body, 'button', name).closest('th') as HTMLElement

    expect(titles()).toEqual(['Charlie', 'alpha', 'Bravo'])
    expect(header('Added').getAttribute('aria-sort')).toBe('descending')

    getByRole(document.body, 'button', 'Title').click()
    await flushPromises()
    expect(titles()).toEqual(['alpha', 'Bravo', 'Charlie'])
    expect(header('Title').getAttribute('aria-sort')).toBe('ascending')
    expect(header('Added').hasAttribute('aria-sort')).toBe(false)

    getByRole(document.body, 'button', 'Words').click()
    await flushPromises()
    expect(titles()).toEqual(['alpha', 'Charlie', 'Bravo'])
    getByRole(document.body, 'button', 'Words').click()
    await flushPromises()
    expect(titles()).toEqual(['Bravo', 'Charlie', 'alpha'])
    expect(header('Words').getAttribute('aria-sort')).toBe('ascending')
  })

  it('shows a long library’s first screen of rows first, then every row', async () => {
    for (let index = 0; index < 55; index++) {
      await addArticle(env.db, makeArticle(`long-${index}`), NOW_MS - index * 1000)
    }
    app = await mountApp('/')
    await eventually(() => getByRole(document.body, 'link', 'Article long-0'))
    const table = getByRole(document.body, 'table')
    // Header row + every article, newest first, once the rest have been drawn.
    await eventually(() => expect(queryAllByRole(table, 'row')).toHaveLength(56))
    expect(getByRole(document.body, 'link', 'Article long-54')).toBeTruthy()
  })

  it('offers a filter once the library is long, matching title and file name', async () => {
    for (const [index, name] of ['one', 'two', 'three', 'four', 'five'].entries()) {
      await addArticle(env.db, makeArticle(name), NOW_MS - index * 1000)
    }
    app = await mountApp('/')
    await eventually(() => getByRole(document.body, 'link', 'Article one'))
    // Five articles: no filter yet.
    expect(queryAllByRole(document.body, 'searchbox')).toHaveLength(0)

    await addArticle(env.db, makeArticle('six', { title: 'Harbour bridge' }), NOW_MS)
    await app.wrapper.vm.$nextTick()
    await eventually(() => getByRole(document.body, 'link', 'Harbour bridge'))
    const filter = getByRole(document.body, 'searchbox', 'Filter articles') as HTMLInputElement

    filter.value = 'HARBOUR'
    filter.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(queryAllByRole(getByRole(document.body, 'table'), 'row')).toHaveLength(2)
    expect(getByRole(document.body, 'status', '1 of 6 shown')).toBeTruthy()

    filter.value = 'four.txt'
    filter.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(getByRole(document.body, 'link', 'Article four')).toBeTruthy()

    filter.value = 'nothing like this'
    filter.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(document.body.textContent).toContain('No articles match “nothing like this”.')
    expect(queryAllByRole(document.body, 'table')).toHaveLength(0)
  })

  it('opens an article through its row’s Open link', async () => {
    await libraryWithSeed()
    click(getByRole(document.body, 'link', `Open “${seedTitle}”`))
    await eventually(() => expect(app.router.currentRoute.value.fullPath).toBe('/article/seed'))
    expect(getByRole(document.body, 'heading', 'Article seed')).toBeTruthy()
  })

  it('shows a binary file’s error in the alert region and keeps the library as it was', async () => {
    await libraryWithSeed()
    env.api.openArticleDialog.mockResolvedValueOnce(
      fail('BINARY', 'That file is a PDF, not a text article.')
    )
    click(getByRole(document.body, 'button', 'Open article…'))

    await eventually(() =>
      expect(getByRole(document.body, 'alert').textContent).toContain(
        'That file is a PDF, not a text article.'
      )
    )
    expect(queryAllByRole(getByRole(document.body, 'table'), 'row')).toHaveLength(2)
    expect(app.router.currentRoute.value.path).toBe('/')

    click(getByRole(document.body, 'button', 'Dismiss error'))
    await eventually(() => expect(queryAllByRole(document.body, 'alert')).toHaveLength(0))
  })

  it('opening a file adds it and shows it', async () => {
    await libraryWithSeed()
    env.api.openArticleDialog.mockResolvedValueOnce(ok(packArticle(makeArticle('second'))))
    click(getByRole(document.body, 'button', 'Open article…'))
    await eventually(() => expect(app.router.currentRoute.value.path).toBe('/article/second'))
    expect(await env.db.articles.count()).toBe(2)
  })

  it('asks before removing, then offers Undo', async () => {
    await libraryWithSeed()

    click(getByRole(document.body, 'button', `Remove “${seedTitle}”`))
    await flushPromises()
    let dialog = getByRole(document.body, 'dialog', `Remove “${seedTitle}”?`)
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    click(getByRole(dialog, 'button', 'Cancel'))
    await flushPromises()
    expect(queryAllByRole(document.body, 'dialog')).toHaveLength(0)
    expect(await env.db.articles.count()).toBe(1)

    click(getByRole(document.body, 'button', `Remove “${seedTitle}”`))
    await flushPromises()
    dialog = getByRole(document.body, 'dialog', `Remove “${seedTitle}”?`)
    click(getByRole(dialog, 'button', 'Remove'))

    await eventually(() => getByRole(document.body, 'heading', 'Your library is empty'))
    const status = getByRole(document.body, 'status', new RegExp(`Removed “${seedTitle}”`))
    click(getByRole(status, 'button', 'Undo'))
    await eventually(() => getByRole(document.body, 'link', seedTitle))
  })

  it('lists recent files and opens one', async () => {
    await libraryWithSeed()
    env.api.listRecentFiles.mockResolvedValue([
      { path: '/home/user/news/later.txt', fileName: 'later.txt', openedAt: NOW_MS }
    ])
    env.api.openRecentArticle.mockResolvedValueOnce(ok(packArticle(makeArticle('later'))))

    const trigger = getByRole(document.body, 'button', 'Recent')
    click(trigger)
    await eventually(() => getByRole(document.body, 'menu', 'Recent files'))
    expect(trigger.getAttribute('aria-expanded')).toBe('true')
    click(getByRole(document.body, 'menuitem', /^later\.txt/))

    await eventually(() => expect(app.router.currentRoute.value.path).toBe('/article/later'))
    expect(env.api.openRecentArticle).toHaveBeenCalledWith('/home/user/news/later.txt')
  })

  it('Ctrl+V on the Library opens the paste dialog with the clipboard text', async () => {
    await libraryWithSeed()
    env.api.readClipboardText.mockResolvedValueOnce('Clipboard headline\n\nSome body text.')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'v', ctrlKey: true }))

    await eventually(() => getByRole(document.body, 'dialog', 'New article from text'))
    expect((getByRole(document.body, 'textbox', 'Title') as HTMLInputElement).value).toBe(
      'Clipboard headline'
    )
  })

  it('shows an empty state when the seed was removed', async () => {
    await libraryWithSeed()
    click(getByRole(document.body, 'button', `Remove “${seedTitle}”`))
    await flushPromises()
    click(getByRole(getByRole(document.body, 'dialog'), 'button', 'Remove'))
    await eventually(() => getByRole(document.body, 'heading', 'Your library is empty'))
    expect(queryAllByRole(document.body, 'table')).toHaveLength(0)
    expect(queryAllByRole(document.body, 'button', 'Open article…').length).toBeGreaterThan(0)
  })
})
