import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import ArticleText from '../../../src/renderer/src/components/article/ArticleText.vue'
import { buildArticle } from './fixtures'
import { getByRole } from './queries'

/** An article of `count` numbered paragraphs. */
function longArticle(count: number): ReturnType<typeof buildArticle> {
  return buildArticle(
    Array.from({ length: count }, (_, index) => ({
      text: `Paragraph number ${index} of the long report.`
    }))
  )
}

function drawnParagraphs(root: Element): number {
  return root.querySelectorAll('[data-paragraph]').length
}

/** An IntersectionObserver the test triggers by hand, as scrolling near the end would. */
class ManualObserver {
  static last: ManualObserver | null = null
  observed: Element[] = []
  constructor(private readonly callback: IntersectionObserverCallback) {
    ManualObserver.last = this
  }
  observe(element: Element): void {
    this.observed.push(element)
  }
  unobserve(element: Element): void {
    this.observed = this.observed.filter((observed) => observed !== element)
  }
  disconnect(): void {
    this.observed = []
  }
  trigger(): void {
    const entries = this.observed.map((target) => ({ target, isIntersecting: true }))
    this.callback(
      entries as unknown as IntersectionObserverEntry[],
      this as unknown as IntersectionObserver
    )
  }
}

describe('ArticleText on a long article', () => {
  beforeEach(() => {
    vi.stubGlobal('IntersectionObserver', ManualObserver)
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) =>
      setTimeout(() => callback(0), 0)
    )
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('draws the first batch of paragraphs and says how much is left', () => {
    const wrapper = mount(ArticleText, {
      props: {
        article: longArticle(1000),
        extraction: null,
        focusSpeakerId: null,
        openQuoteId: null
      },
      attachTo: document.body
    })
    expect(drawnParagraphs(wrapper.element)).toBe(300)
    const status = getByRole(wrapper.element as HTMLElement, 'status')
    expect(status.textContent).toMatch(/Showing 300 of 1,000 paragraphs/u)
    wrapper.unmount()
  })

  it('draws more when the reader nears the end, until the whole text is drawn', async () => {
    const wrapper = mount(ArticleText, {
      props: {
        article: longArticle(700),
        extraction: null,
        focusSpeakerId: null,
        openQuoteId: null
      },
      attachTo: document.body
    })
    // happy-dom lays nothing out: every element sits at the top, "near" the window
    ManualObserver.last?.trigger()
    await vi.waitFor(() => expect(drawnParagraphs(wrapper.element)).toBe(700), { timeout: 15000 })
    expect(wrapper.element.querySelector('[role="status"]')).toBeNull()
    wrapper.unmount()
  })

  it('draws far enough to show a located offset deep in the text', () => {
    const article = longArticle(2000)
    const target = article.paragraphs[1500]
    const wrapper = mount(ArticleText, {
      props: {
        article,
        extraction: null,
        focusSpeakerId: null,
        openQuoteId: null,
        located: { start: target.start, end: target.end },
        revealOffset: target.start
      },
      attachTo: document.body
    })
    expect(wrapper.element.querySelector('[data-paragraph="1500"]')).not.toBeNull()
    expect(wrapper.element.querySelector('[data-located]')).not.toBeNull()
    wrapper.unmount()
  })

  it('draws a short article whole, with no status line', () => {
    const wrapper = mount(ArticleText, {
      props: {
        article: longArticle(12),
        extraction: null,
        focusSpeakerId: null,
        openQuoteId: null
      },
      attachTo: document.body
    })
    expect(drawnParagraphs(wrapper.element)).toBe(12)
    expect(wrapper.element.querySelector('[role="status"]')).toBeNull()
    wrapper.unmount()
  })
})
