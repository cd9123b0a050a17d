import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { Queue } from '../../../src/core/scheduling'
import { setDatabase, type QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { saveExtraction } from '../../../src/renderer/src/db/extractions-repo'
import { useBrowserStore } from '../../../src/renderer/src/stores/browser'
import BrowserView from '../../../src/renderer/src/views/BrowserView.vue'
import { freshDatabase, makeArticle, makeCard, NOW_MS, reviewState, DAY_MS } from '../db/fixtures'
import { getByRole, nameOf, press, queryAllByRole, queryByRole } from '../study/helpers'

let db: QuotedeckDatabase
let wrapper: VueWrapper | null = null

/** Rows of the cards grid (not the header), in the order shown. */
function gridRows(): HTMLElement[] {
  return [
    ...document.querySelectorAll<HTMLElement>('[role="grid"] [role="rowgroup"].body [role="row"]')
  ]
}

function cellTexts(column: number): string[] {
  return gridRows().map((row) =>
    row.querySelectorAll('[role="gridcell"]')[column].textContent!.trim()
  )
}

function header(name: string): HTMLElement {
  const found = [...document.querySelectorAll<HTMLElement>('[role="columnheader"]')].filter(
    (element) => nameOf(element).replace(/[▲▼]/g, '').trim() === name
  )
  if (found.length !== 1)
    throw new Error(`Expected one column header ${name}, found ${found.length}`)
  return found[0]
}

function rowNamed(text: RegExp): HTMLElement {
  const found = gridRows().filter((row) => text.test(row.textContent ?? ''))
  if (found.length !== 1)
    throw new Error(`Expected one row matching ${text}, found ${found.length}`)
  return found[0]
}

/** Lets the database (fake-indexeddb answers on timers) and Vue finish what a step started. */
async function settle(): Promise<void> {
  for (let i = 0; i < 12; i++) {
    await new Promise((done) => setTimeout(done, 2))
    await flushPromises()
  }
  await nextTick()
}

async function search(query: string): Promise<void> {
  const input = getByRole(document.body, 'textbox', 'Search cards') as HTMLInputElement
  input.value = query
  input.dispatchEvent(new Event('input'))
  input.form!.dispatchEvent(new Event('submit'))
  await settle()
}

async function mountBrowser(): Promise<void> {
  const pinia = createPinia()
  setActivePinia(pinia)
  useBrowserStore().setClock(() => NOW_MS)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/browse', component: BrowserView }]
  })
  await router.push('/browse')
  await router.isReady()
  const host = document.createElement('div')
  document.body.appendChild(host)
  wrapper = mount(BrowserView, { global: { plugins: [pinia, router] }, attachTo: host })
  await settle()
}

beforeEach(async () => {
  db = freshDatabase()
  await db.open()
  setDatabase(db)
  const { article, extraction } = makeArticle()
  await db.articles.put({ ...article, addedAt: NOW_MS - 10 * DAY_MS })
  await saveExtraction(db, extraction, 1000, NOW_MS - 10 * DAY_MS)
  await db.cards.bulkPut([
    makeCard('c1', {
      template: 'who-said',
      prompt: '“We made real progress on the border question”',
      answer: 'Maria Alvarez',
      answerSpeakerId: 'maria-alvarez',
      anchor: {
        articleId: 'article-a',
        sentence: extraction.quotes[0].sentence,
        span: { start: extraction.quotes[0].start, end: extraction.quotes[0].end },
        paragraphIndex: 1
      },
      state: reviewState(NOW_MS - DAY_MS, 4)
    }),
    makeCard('c2', {
      template: 'cloze-figure',
      noteId: 'article-a:figure:f1',
      prompt: 'Talks in Geneva lasted [...] on Tuesday',
      answer: 'five-and-a-half hours'
    }),
    makeCard('c3', {
      template: 'who-is',
      noteId: 'article-a:role:r1',
      prompt: 'Who is the foreign minister of Freedonia?',
      answer: 'Maria Alvarez',
      state: reviewState(NOW_MS + 5 * DAY_MS, 1)
    })
  ])
  await db.reviewLogs.add({
    cardId: 'c1',
    articleId: 'article-a',
    grade: 3,
    source: 'study',
    reviewedAt: NOW_MS - 6 * DAY_MS,
    answerMs: 4200,
    before: { ...makeCard('x'), ...reviewState(NOW_MS - 6 * DAY_MS) },
    after: { ...makeCard('c1', { state: reviewState(NOW_MS - DAY_MS) }), scheduledDays: 5 }
  } as never)
})

afterEach(async () => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
  await db.delete()
})

describe('BrowserView', () => {
  it('lists every card with its type, and searches with the syntax', async () => {
    await mountBrowser()
    expect(getByRole(document.body, 'heading', 'Browse cards')).toBeTruthy()
    expect(gridRows()).toHaveLength(3)
    expect(new Set(cellTexts(0))).toEqual(new Set(['who-said', 'cloze', 'who-is-who']))
    await search('type:who-said')
    expect(cellTexts(1)).toEqual(['“We made real progress on the border question”'])
    await search('prop:lapses>0 -type:who-said')
    expect(cellTexts(0)).toEqual(['who-is-who'])
    await search('is:new or geneva')
    expect(cellTexts(0)).toEqual(['cloze'])
  })

  it('says in words what is wrong with a malformed query and keeps the table', async () => {
    await mountBrowser()
    await search('speaker:"Wang')
    expect(getByRole(document.body, 'alert').textContent).toMatch(/quote .* is not closed/i)
    expect(gridRows()).toHaveLength(3)
  })

  it('explains the syntax in a help popover', async () => {
    await mountBrowser()
    expect(queryByRole(document.body, 'region', 'Search syntax')).toBeNull()
    getByRole(document.body, 'button', 'Search help').click()
    await nextTick()
    const help = getByRole(document.body, 'region', 'Search syntax')
    expect(help.textContent).toContain('prop:lapses>3')
    expect(help.textContent).toContain('rated:7')
  })

  it('sorts by a column header and marks it with aria-sort', async () => {
    await mountBrowser()
    header('Lapses').querySelector('button')!.click()
    await nextTick()
    expect(header('Lapses').getAttribute('aria-sort')).toBe('ascending')
    expect(cellTexts(9)).toEqual(['0', '1', '4'])
    header('Lapses').querySelector('button')!.click()
    await nextTick()
    expect(header('Lapses').getAttribute('aria-sort')).toBe('descending')
    expect(cellTexts(9)).toEqual(['4', '1', '0'])
    expect(header('Due').getAttribute('aria-sort')).toBe('none')
  })

  it('selects with click, Shift-click and Ctrl-click, and suspends with a confirmation and undo', async () => {
    await mountBrowser()
    header('Lapses').querySelector('button')!.click()
    await nextTick()
    const rows = gridRows()
    rows[0].dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await nextTick()
    gridRows()[2].dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }))
    await nextTick()
    expect(gridRows().map((row) => row.getAttribute('aria-selected'))).toEqual([
      'true',
      'true',
      'true'
    ])
    gridRows()[1].dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }))
    await nextTick()
    expect(document.body.textContent).toContain('2 selected')

    getByRole(document.body, 'button', 'Suspend').click()
    await settle()
    const dialog = document.querySelector('dialog[open]') as HTMLElement
    expect(dialog.textContent).toContain('Suspend 2 cards?')
    getByRole(dialog, 'button', 'Suspend 2 cards').click()
    await settle()
    const suspended = (await db.cards.toArray()).filter((c) => c.queue === Queue.Suspended)
    expect(suspended.map((c) => c.id).sort()).toEqual(['c1', 'c2'])
    expect(getByRole(document.body, 'status', /Suspended 2 cards/)).toBeTruthy()

    press('z', { ctrlKey: true })
    await settle()
    expect((await db.cards.toArray()).filter((c) => c.queue === Queue.Suspended)).toHaveLength(0)
    expect(getByRole(document.body, 'status', /Undone/)).toBeTruthy()
  })

  it('searches the changed cards right after a bulk action, in the sort order it leaves', async () => {
    await mountBrowser()
    const browser = useBrowserStore()
    const shown = (): string[] => browser.results.map((row) => row.id)
    await browser.setQuery('')
    const byDue = shown()
    expect(byDue.indexOf('c1')).toBeLessThan(byDue.indexOf('c3'))
    // A suspension keeps the due date: the kept order is patched, and searches see the new state.
    browser.clickRow('c1')
    expect(await browser.applyToSelection('suspend')).toBe(true)
    await browser.setQuery('is:suspended')
    expect(shown()).toEqual(['c1'])
    await browser.setQuery('')
    expect(shown()).toEqual(byDue)
    // A new due date moves the card in a sort by due.
    browser.clickRow('c1')
    expect(await browser.applyToSelection('reschedule', { dueMs: NOW_MS + 30 * DAY_MS })).toBe(true)
    await browser.setQuery('')
    expect(shown()).toEqual([...byDue.filter((id) => id !== 'c1'), 'c1'])
    await browser.setQuery('is:suspended prop:due>20')
    expect(shown()).toEqual(['c1'])
    expect(await browser.undo()).toBe(true)
    expect(await browser.undo()).toBe(true)
    await browser.setQuery('')
    expect(shown()).toEqual(byDue)
    await browser.setQuery('is:suspended')
    expect(shown()).toEqual([])
  })

  it('edits the focused card and shows its source, speaker and review history', async () => {
    await mountBrowser()
    rowNamed(/border question/).dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await settle()
    const front = getByRole(document.body, 'textbox', 'Front') as HTMLTextAreaElement
    expect(front.value).toBe('“We made real progress on the border question”')
    const source = getByRole(document.body, 'region', 'Source sentence')
    expect(source.querySelector('mark')?.textContent).toBe(
      'We made real progress on the border question,'
    )
    const speaker = source.querySelector('select') as HTMLSelectElement
    expect(speaker.value).toBe('maria-alvarez')
    const history = getByRole(document.body, 'table', 'Review history')
    expect(history.textContent).toContain('Good')
    expect(history.textContent).toContain('4.2 s')
    expect(getByRole(document.body, 'region', /Card info/).textContent).toContain('Memory state')

    front.value = 'Who said: real progress on the border?'
    front.dispatchEvent(new Event('input'))
    await nextTick()
    getByRole(document.body, 'button', 'Save card').click()
    await settle()
    expect((await db.cards.get('c1'))?.prompt).toBe('Who said: real progress on the border?')
    expect(rowNamed(/real progress on the border\?/)).toBeTruthy()
  })

  it('remembers the columns chosen', async () => {
    await mountBrowser()
    getByRole(document.body, 'button', 'Columns').click()
    await nextTick()
    const box = [
      ...document.querySelectorAll<HTMLInputElement>('fieldset input[type="checkbox"]')
    ].find((input) => input.parentElement?.textContent?.trim() === 'Stability')!
    box.checked = false
    box.dispatchEvent(new Event('change'))
    await settle()
    expect(queryAllByRole(document.body, 'button', /Stability/)).toHaveLength(0)
    wrapper?.unmount()
    document.body.innerHTML = ''
    await mountBrowser()
    expect(
      [...document.querySelectorAll('[role="columnheader"]')].map((h) =>
        nameOf(h).replace(/[▲▼]/g, '').trim()
      )
    ).not.toContain('Stability')
  })
})
