import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import type { Article } from '../../../src/core/article/types'
import type { Extraction } from '../../../src/core/extract/types'
import { createExtractor } from '../../../src/renderer/src/composables/useExtractor'
import { addArticle } from '../../../src/renderer/src/db/articles-repo'
import { listCorrections } from '../../../src/renderer/src/db/extractions-repo'
import { QuotedeckDatabase, setDatabase } from '../../../src/renderer/src/db/schema'
import { useExtractionStore } from '../../../src/renderer/src/stores/extraction'
import ArticleView from '../../../src/renderer/src/views/ArticleView.vue'
import { fakeExtract, sampleArticle } from './fixtures'
import { getByRole, queryAllByRole } from './queries'

const ADDED_AT_MS = Date.UTC(2026, 0, 15, 9, 30)

let db: QuotedeckDatabase
let wrapper: VueWrapper | null = null

function makeRouter(): Router {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'library', component: { template: '<p>Library</p>' } },
      { path: '/article/:id', name: 'article', component: ArticleView, props: true }
    ]
  })
}

async function render(
  id: string,
  extract: (article: Article) => Extraction | Promise<Extraction> = fakeExtract
): Promise<HTMLElement> {
  const pinia = createPinia()
  setActivePinia(pinia)
  useExtractionStore().setExtractor(
    createExtractor({ createWorker: () => null, extractInThread: extract })
  )
  const router = makeRouter()
  await router.push(`/article/${id}`)
  wrapper = mount(ArticleView, {
    props: { id },
    global: { plugins: [pinia, router] },
    attachTo: document.body
  })
  // IndexedDB reads, the extraction and its save take several turns of the event loop.
  for (let turn = 0; turn < 10; turn++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  const root = wrapper.element as HTMLElement
  // Regression: on a loaded runner ten turns were sometimes not enough for the default
  // extraction to be drawn; wait for it (tests with their own extractor watch the progress).
  if (extract === fakeExtract) {
    await vi.waitFor(
      () => {
        if (!root.querySelector('h1') || root.querySelector('.progress')) {
          throw new Error('the article is still loading')
        }
      },
      { timeout: 15000 }
    )
  }
  return root
}

async function settle(): Promise<void> {
  for (let turn = 0; turn < 12; turn++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

describe('ArticleView', () => {
  beforeEach(async () => {
    db = new QuotedeckDatabase('t-' + crypto.randomUUID())
    setDatabase(db)
    await addArticle(db, sampleArticle(), ADDED_AT_MS)
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
  })

  it('shows the title, the meta line, and headings as headings', async () => {
    const root = await render('article-1')
    expect(getByRole(root, 'heading', 'Engines for everyone', { level: 1 })).toBeTruthy()
    expect(getByRole(root, 'heading', 'Plans for the future', { level: 2 })).toBeTruthy()
    expect(root.textContent).toContain('By A. Reporter')
    expect(root.textContent).toContain('engines.txt')
    // Body paragraphs are paragraphs, not headings.
    expect(queryAllByRole(root, 'heading', /We will build/)).toHaveLength(0)
  })

  it('says how many lines of page furniture were removed and lists them', async () => {
    const root = await render('article-1')
    const summary = root.querySelector('details.removed-lines summary')
    expect(summary?.textContent?.trim()).toBe('2 lines of page furniture removed')
    expect(getByRole(root, 'button', 'Restore “WATCH l Lovelace on engines:”')).toBeTruthy()
    // The removed lines are not in the article text.
    expect(getByRole(root, 'region', 'Article text').textContent).not.toContain('WATCH l')
  })

  it('highlights quotes with their speaker, and unattributed quotes as such', async () => {
    const root = await render('article-1')
    const lovelace = getByRole(root, 'button', /^“We will build engines.*said by Ada Lovelace$/)
    expect(lovelace.tagName).toBe('MARK')
    expect(lovelace.getAttribute('tabindex')).toBe('0')
    const description = document.getElementById(lovelace.getAttribute('aria-describedby') ?? '')
    expect(description?.textContent).toBe(
      'Cue: “Lovelace said”. Confidence 92%. Rule: cue-after-same-sentence.'
    )
    const scare = getByRole(root, 'button', /vanity project.*said by unattributed$/)
    expect(scare.classList).toContain('unattributed')
    // Figures carry their kind.
    const figure = root.querySelector('.figure[data-kind="money"]')
    expect(figure?.textContent).toContain('$5 billion')
    expect(figure?.textContent).toContain('money')
  })

  it('lists the speakers with their roles and quote counts, and filters by speaker', async () => {
    const root = await render('article-1')
    const panel = root.querySelector('.speakers-panel') as HTMLElement
    const ada = getByRole(panel, 'button', 'Ada Lovelace, 1 quote, Minister')
    expect(getByRole(panel, 'button', 'Charles Babbage, 1 quote, opposition leader')).toBeTruthy()
    expect(panel.textContent).toContain('1 quote with nobody named')

    ada.click()
    await settle()
    expect(ada.getAttribute('aria-pressed')).toBe('true')
    const babbageQuote = getByRole(root, 'button', /said by Charles Babbage$/)
    expect(babbageQuote.classList).toContain('dimmed')
    expect(getByRole(root, 'button', /said by Ada Lovelace$/).classList).toContain('emphasised')
  })

  it('corrects a speaker through the select, stores it, and can undo it', async () => {
    const root = await render('article-1')
    const quote = getByRole(root, 'button', /^“We will build engines.*said by Ada Lovelace$/)
    quote.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await settle()
    expect(quote.getAttribute('aria-expanded')).toBe('true')

    const dialog = getByRole(document.body, 'dialog', 'Quote by Ada Lovelace')
    const select = getByRole(
      dialog,
      'combobox',
      'Speaker for quote “We will build engines for every…”'
    ) as HTMLSelectElement
    expect(document.activeElement).toBe(select)
    select.value = 'charles-babbage'
    select.dispatchEvent(new Event('change', { bubbles: true }))
    await settle()

    const corrected = getByRole(
      root,
      'button',
      /^“We will build engines.*said by Charles Babbage · corrected by you$/
    )
    expect(corrected).toBeTruthy()
    const stored = await listCorrections(db, 'article-1')
    expect(stored).toMatchObject([{ kind: 'speaker', speakerId: 'charles-babbage' }])
    expect(getByRole(document.body, 'dialog', 'Quote by Charles Babbage').textContent).toContain(
      'Corrected by you'
    )

    getByRole(root, 'button', 'Undo correction of “We will build engines for…”').click()
    await settle()
    expect(await listCorrections(db, 'article-1')).toEqual([])
    expect(getByRole(root, 'button', /^“We will build engines.*said by Ada Lovelace$/)).toBeTruthy()
  })

  it('closes the popover with Escape and gives focus back to the quote', async () => {
    const root = await render('article-1')
    const quote = getByRole(root, 'button', /said by Charles Babbage$/)
    quote.click()
    await settle()
    const dialog = getByRole(document.body, 'dialog', 'Quote by Charles Babbage')
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await settle()
    expect(queryAllByRole(document.body, 'dialog')).toHaveLength(0)
    expect(document.activeElement).toBe(quote)
  })

  it('removes the highlight of a span marked not a quote', async () => {
    const root = await render('article-1')
    getByRole(root, 'button', /said by Charles Babbage$/).click()
    await settle()
    getByRole(document.body, 'button', 'Not a quote').click()
    await settle()
    expect(queryAllByRole(root, 'button', /said by Charles Babbage/)).toHaveLength(0)
    expect(root.textContent).toContain('It is far too expensive')
    expect(getByRole(root, 'region', 'Your corrections').textContent).toContain('not a quote')
  })

  it('restores a removed line into the text', async () => {
    const root = await render('article-1')
    getByRole(root, 'button', 'Restore “WATCH l Lovelace on engines:”').click()
    await settle()
    expect(getByRole(root, 'region', 'Article text').textContent).toContain(
      'WATCH l Lovelace on engines:'
    )
    expect(root.querySelector('details.removed-lines summary')?.textContent?.trim()).toBe(
      '1 line of page furniture removed'
    )
  })

  it('shows a readable message with a way back for an unknown article', async () => {
    const root = await render('no-such-article')
    expect(getByRole(root, 'heading', 'Article not found', { level: 1 })).toBeTruthy()
    expect(getByRole(root, 'link', 'Back to the Library').getAttribute('href')).toBe('/')
  })

  it('an article opened before it was stored shows up once the library adds it', async () => {
    const root = await render('article-1-late')
    expect(getByRole(root, 'heading', 'Article not found', { level: 1 })).toBeTruthy()

    await addArticle(db, { ...sampleArticle(), id: 'article-1-late' }, ADDED_AT_MS)
    await useExtractionStore().ensureExtracted('article-1-late')
    await settle()

    expect(queryAllByRole(root, 'heading', 'Article not found', { level: 1 })).toHaveLength(0)
    expect(getByRole(root, 'heading', 'Plans for the future', { level: 2 })).toBeTruthy()
  })

  it('shows the text with visible progress while quotes are being found', async () => {
    let finish: (extraction: Extraction) => void = () => undefined
    const root = await render(
      'article-1',
      () => new Promise<Extraction>((resolve) => (finish = resolve))
    )
    expect(getByRole(root, 'status', 'Finding quotes…')).toBeTruthy()
    expect(getByRole(root, 'heading', 'Plans for the future', { level: 2 })).toBeTruthy()
    expect(queryAllByRole(root, 'button', /said by/)).toHaveLength(0)

    finish(fakeExtract(sampleArticle()))
    await settle()
    expect(queryAllByRole(root, 'status', 'Finding quotes…')).toHaveLength(0)
    expect(queryAllByRole(root, 'button', /said by/)).toHaveLength(3)
  })

  it('says in words when quotes could not be found, and can try again', async () => {
    let attempts = 0
    const root = await render('article-1', (article) => {
      attempts++
      if (attempts === 1) throw new Error('the text could not be split into sentences')
      return fakeExtract(article)
    })
    expect(getByRole(root, 'alert').textContent).toContain(
      'Quotes could not be found in this article: the text could not be split into sentences'
    )
    getByRole(root, 'button', 'Try again').click()
    await settle()
    expect(queryAllByRole(root, 'alert')).toHaveLength(0)
    expect(queryAllByRole(root, 'button', /said by/)).toHaveLength(3)
  })

  it('closes the popover without taking focus back when focus moves elsewhere', async () => {
    const root = await render('article-1')
    getByRole(root, 'button', /said by Charles Babbage$/).click()
    await settle()
    const dialog = getByRole(document.body, 'dialog', 'Quote by Charles Babbage')
    const elsewhere = getByRole(root, 'button', 'Ada Lovelace, 1 quote, Minister')
    dialog
      .querySelector('select')
      ?.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: elsewhere }))
    await settle()
    expect(queryAllByRole(document.body, 'dialog')).toHaveLength(0)
  })
})
