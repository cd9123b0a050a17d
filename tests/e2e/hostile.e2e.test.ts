import type { Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchApp, type E2EApp } from './support/harness'

let app: E2EApp

beforeAll(async () => {
  app = await launchApp()
})

afterAll(async () => {
  await app?.close()
})

const PARAGRAPHS = [
  'The harbour bridge reopened on Friday after two years of repairs, the council said in a statement to residents.',
  '“We are open again, and the town can breathe,” the mayor, Ada Quist, told a crowd of several hundred people at the quay.',
  'Engineers replaced the deck and the cables; the work cost $8 million, a third more than planned, according to the council.'
]

/** An article page with every kind of active content a hostile page could carry. */
const HOSTILE_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Harbour bridge reopens</title>
<script>window.hostileRan = 'head script'</script>
<script src="https://evil.example/x.js"></script>
<link rel="stylesheet" href="https://evil.example/style.css">
<meta http-equiv="refresh" content="0; url=https://evil.example/">
</head><body onload="window.hostileRan = 'onload'">
<article>
<h1 onclick="window.hostileRan = 'h1'">Harbour bridge reopens</h1>
<p onmouseover="window.hostileRan = 'p'">${PARAGRAPHS[0]} <a href="javascript:window.hostileRan='link'">Read more</a></p>
<iframe src="https://evil.example/frame"></iframe>
<img src="https://evil.example/pixel.png" onerror="window.hostileRan = 'img'">
<p>${PARAGRAPHS[1]}<svg onload="window.hostileRan = 'svg'"><script>window.hostileRan='svg script'</script></svg></p>
<object data="https://evil.example/a.swf"></object><embed src="https://evil.example/b.swf">
<form action="https://evil.example/post"><input name="q" autofocus onfocus="window.hostileRan = 'input'"></form>
<p style="background:url(https://evil.example/bg.png)">${PARAGRAPHS[2]}</p>
<script>window.hostileRan = 'body script'</script>
</article></body></html>`

describe('hostile HTML never runs and never reaches the page as markup', () => {
  it('drops scripts, iframes, handlers, javascript: links and remote images; makes no request', async () => {
    const page = await app.newPage()
    const origin = new URL(app.url).origin
    const foreign: string[] = []
    page.on('request', (request: Request) => {
      const url = request.url()
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
        foreign.push(url)
      }
    })
    await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor()
    await app.dropFiles(page, [{ name: 'hostile.html', content: HOSTILE_PAGE, type: 'text/html' }])
    await page.waitForURL(/#\/article\//)
    const articleText = page.getByRole('region', { name: 'Article text' })
    await articleText.getByText('the town can breathe', { exact: false }).first().waitFor()

    const dom = await page.evaluate(() => {
      const all = [...document.querySelectorAll('*')]
      return {
        ran: (window as unknown as { hostileRan?: string }).hostileRan ?? null,
        scripts: [...document.scripts].map((script) => script.src || 'inline'),
        frames: document.querySelectorAll('iframe, frame, object, embed, form').length,
        handlers: all.flatMap((element) =>
          [...element.attributes]
            .filter((attribute) => /^on/iu.test(attribute.name))
            .map((attribute) => `${element.tagName}[${attribute.name}]`)
        ),
        javascriptLinks: [...document.querySelectorAll('a[href]')]
          .map((link) => link.getAttribute('href') ?? '')
          .filter((href) => /^\s*javascript:/iu.test(href)),
        remoteImages: [...document.images]
          .map((image) => image.getAttribute('src') ?? '')
          .filter((src) => /^(?:https?:)?\/\//iu.test(src)),
        articleHtml: document.querySelector('[aria-label="Article text"]')?.innerHTML ?? ''
      }
    })
    expect(dom.ran).toBeNull()
    // Only the app's own bundle.
    expect(dom.scripts.every((src) => src.startsWith(origin))).toBe(true)
    expect(dom.frames).toBe(0)
    expect(dom.handlers).toEqual([])
    expect(dom.javascriptLinks).toEqual([])
    expect(dom.remoteImages).toEqual([])
    expect(dom.articleHtml).not.toMatch(/evil\.example|<script|javascript:|onerror|onload/iu)
    // The article's words did arrive, as text.
    await articleText.getByText('the work cost $8 million', { exact: false }).first().waitFor()
    expect(foreign).toEqual([])
  })
})
