import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createRouter, createWebHashHistory, type Router } from 'vue-router'
import { createExtractor } from '../../../src/renderer/src/composables/useExtractor'
import { addArticle } from '../../../src/renderer/src/db/articles-repo'
import { QuotedeckDatabase, setDatabase } from '../../../src/renderer/src/db/schema'
import { useExtractionStore } from '../../../src/renderer/src/stores/extraction'
import ArticleView from '../../../src/renderer/src/views/ArticleView.vue'
import { fakeExtract, sampleArticle } from './fixtures'
import { getByRole, queryAllByRole } from './queries'

const ADDED_AT_MS = Date.UTC(2026, 0, 15, 9, 30)
const article = sampleArticle()
const LOVELACE_SENTENCE = '“We will build engines for every town,” Lovelace said.'
const BABBAGE_SENTENCE = '“It is far too expensive,” said Charles Babbage, the opposition leader.'

let wrapper: VueWrapper | null = null
let router: Router

async function settle(): Promise<void> {
  for (let turn = 0; turn < 10; turn++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

/** Mounts the view at `path`, after visiting `from` (the page the link was on). */
async function render(path: string, from = '/'): Promise<HTMLElement> {
  const pinia = createPinia()
  setActivePinia(pinia)
  useExtractionStore().setExtractor(
    createExtractor({ createWorker: () => null, extractInThread: fakeExtract })
  )
  // Hash history, as the app uses: it remembers the previous page (memory history does not).
  router = createRouter({
    history: createWebHashHistory(),
    routes: [
      { path: '/', name: 'library', component: { template: '<p>Library</p>' } },
      { path: '/quiz', name: 'quiz', component: { template: '<p>Quiz</p>' } },
      { path: '/article/:id', name: 'article', component: ArticleView, props: true }
    ]
  })
  await router.push(from)
  await router.push(path)
  wrapper = mount(ArticleView, {
    props: { id: 'article-1' },
    global: { plugins: [pinia, router] },
    attachTo: document.body
  })
  const root = wrapper.element as HTMLElement
  // Regression (flaky on a loaded 2-core runner): ten fixed turns were sometimes too few for the
  // article and its extraction to be drawn, so wait for its quotes, then for what follows them.
  await vi.waitFor(
    () => {
      if (queryAllByRole(root, 'button', /said by/).length < 3) throw new Error('not drawn yet')
    },
    { timeout: 15_000, interval: 20 }
  )
  await settle()
  return root
}

function locatedMarks(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('[data-located]'))
}

function offsetOf(sentence: string): number {
  const at = article.text.indexOf(sentence)
  if (at < 0) throw new Error(`not in the sample: ${sentence}`)
  return at
}

describe('ArticleView ?at= (located sentence)', () => {
  beforeEach(async () => {
    const db = new QuotedeckDatabase('t-' + crypto.randomUUID())
    setDatabase(db)
    await addArticle(db, article, ADDED_AT_MS)
  })

  afterEach(() => {
    vi.useRealTimers()
    wrapper?.unmount()
    wrapper = null
  })

  it('marks the sentence at `at` (to its end), focuses it and says where it came from', async () => {
    const root = await render(`/article/article-1?at=${offsetOf(LOVELACE_SENTENCE)}`, '/quiz')
    const marks = locatedMarks(root)
    expect(marks).toHaveLength(1)
    const [located] = marks
    expect(located.tagName).toBe('MARK')
    expect(located.classList).toContain('located')
    expect(located.textContent).toContain('We will build engines for every town,')
    expect(located.textContent?.endsWith('Lovelace said.')).toBe(true)
    // The quote keeps its own button inside the highlight.
    expect(
      getByRole(located, 'button', /^“We will build engines.*said by Ada Lovelace$/)
    ).toBeTruthy()
    expect(located.getAttribute('tabindex')).toBe('-1')
    expect(document.activeElement).toBe(located)
    expect(getByRole(root, 'status', 'Showing the sentence from your quiz.')).toBeTruthy()
    // The rest of the article is not marked.
    expect(root.querySelector('[data-paragraph="3"] [data-located]')).toBeNull()
  })

  it('marks exactly `at`..`end` when both are given', async () => {
    const at = offsetOf('Babbage, the opposition leader')
    const end = at + 'Babbage'.length
    const root = await render(`/article/article-1?at=${at}&end=${end}`)
    const [located] = locatedMarks(root)
    expect(located.textContent).toBe('Babbage')
    expect(document.activeElement).toBe(located)
    expect(getByRole(root, 'status', 'Showing the linked sentence.')).toBeTruthy()
  })

  it('ignores an offset that is not an integer within the text', async () => {
    for (const query of ['at=abc', `at=${article.text.length}`, 'at=-4', 'end=10']) {
      const root = await render(`/article/article-1?${query}`)
      expect(locatedMarks(root), query).toHaveLength(0)
      expect(queryAllByRole(root, 'status', /Showing the/)).toHaveLength(0)
      expect(queryAllByRole(root, 'button', /said by/)).toHaveLength(3)
      wrapper?.unmount()
      wrapper = null
    }
  })

  it('locates again when the query changes on the page', async () => {
    const root = await render(`/article/article-1?at=${offsetOf(LOVELACE_SENTENCE)}`)
    const at = offsetOf(BABBAGE_SENTENCE)
    await router.push(`/article/article-1?at=${at}&end=${at + BABBAGE_SENTENCE.length}`)
    await vi.waitFor(
      () => {
        if (!locatedMarks(root)[0]?.textContent?.includes('far too expensive')) {
          throw new Error('not located yet')
        }
      },
      { timeout: 15_000, interval: 20 }
    )
    await settle()
    const marks = locatedMarks(root)
    expect(marks).toHaveLength(1)
    expect(marks[0].textContent).toContain('It is far too expensive,')
    expect(marks[0].closest('[data-paragraph]')?.getAttribute('data-paragraph')).toBe('3')
    expect(document.activeElement).toBe(marks[0])

    await router.push('/article/article-1')
    await settle()
    expect(locatedMarks(root)).toHaveLength(0)
  })

  it('fades the highlight after a few seconds but keeps the focus on the sentence', async () => {
    const root = await render('/article/article-1')
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await router.push(`/article/article-1?at=${offsetOf(BABBAGE_SENTENCE)}`)
    for (let turn = 0; turn < 5; turn++) await nextTick()
    const [located] = locatedMarks(root)
    expect(located.classList).not.toContain('faded')
    vi.advanceTimersByTime(3000)
    await nextTick()
    expect(located.classList).not.toContain('faded')
    vi.advanceTimersByTime(2000)
    await nextTick()
    expect(located.classList).toContain('faded')
    expect(document.activeElement).toBe(located)
    expect(queryAllByRole(root, 'status', /Showing the/)).toHaveLength(0)
  })
})
