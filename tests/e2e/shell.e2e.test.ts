import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { unpackArticle, type PackedArticle } from '../../src/shared/article-transport'
import type { MenuCommand, RecentFile } from '../../src/shared/api'
import { invokeMethods } from '../../src/shared/ipc-channels'
import type { Result } from '../../src/shared/result'
import {
  ARTIFACTS_DIR,
  E2E_VERSION,
  RESOURCES_DIR,
  launchApp,
  type E2EApp
} from './support/harness'

let app: E2EApp

beforeAll(async () => {
  app = await launchApp()
})

afterAll(async () => {
  await app?.close()
})

/** Calls a `window.api` method in the page and returns its (serialised) result. */
function callApi<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([name, callArgs]) =>
      (window.api as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name](
        ...callArgs
      ),
    [method, args] as const
  ) as Promise<T>
}

describe('e2e shell harness', () => {
  it('loads the built page with window.api bridged to the real services', async () => {
    const page = await app.newPage()
    await expect(page.title()).resolves.toBe('Quotedeck')
    expect(await callApi<string>(page, 'getVersion')).toBe(E2E_VERSION)
    const apiKeys = await page.evaluate(() => Object.keys(window.api).sort())
    // the bridge exposes exactly the contract: every invoke method plus the menu subscription
    expect(apiKeys).toEqual([...invokeMethods, 'onMenuCommand'].sort())
    expect(apiKeys).toContain('loadBuiltinArticle')
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'shell-start.png') })
    expect(app.consoleErrorsOf(page)).toEqual([])
  })

  it('returns the seed article from resources/ through the bridge', async () => {
    const page = await app.newPage()
    const packed = await callApi<Result<PackedArticle>>(page, 'loadBuiltinArticle')
    expect(packed.ok).toBe(true)
    if (!packed.ok) return
    // The paragraphs cross the bridge as one Int32Array, as they cross Electron's IPC.
    expect(packed.value.paragraphData).toBeInstanceOf(Int32Array)
    const seed = unpackArticle(packed.value)
    expect(seed.source.kind).toBe('builtin')
    expect(seed.wordCount).toBeGreaterThan(100)
    expect(seed.paragraphs.some((p) => p.kind === 'heading')).toBe(true)
    // The seed's raw text and the cleaned text share their opening words.
    const raw = await readFile(join(RESOURCES_DIR, 'seed-article.txt'), 'utf8')
    const firstWords = seed.text.split(/\s+/).slice(0, 5).join(' ')
    expect(raw.replace(/\s+/g, ' ')).toContain(firstWords)
    expect(app.consoleErrorsOf(page)).toEqual([])
  })

  it('round-trips dropped bytes, the fake dialog, the recent list and menu commands', async () => {
    const page = await app.newPage()
    const filePath = join(app.tempDir, 'notes on a meeting.txt')
    const body =
      'A meeting of minds\n\nThe minister said on Tuesday that “talks went well” and that ' +
      'further meetings would follow next month in the capital.\n'
    await writeFile(filePath, body, 'utf8')

    // Dropped bytes (Uint8Array in the page) arrive intact in the real loader.
    const dropped = await page.evaluate(async (text) => {
      const bytes = new TextEncoder().encode(text)
      return window.api.importDroppedFile({ name: 'dropped.txt', size: bytes.length, bytes })
    }, body)
    expect(dropped.ok).toBe(true)
    if (dropped.ok) expect(dropped.value.text).toContain('talks went well')

    // A cancelled dialog is a null value, a queued path is loaded and remembered.
    expect(await callApi<Result<PackedArticle | null>>(page, 'openArticleDialog')).toEqual({
      ok: true,
      value: null
    })
    await app.setNextDialogPaths(page, [filePath])
    const opened = await callApi<Result<PackedArticle>>(page, 'openArticleDialog')
    expect(opened.ok).toBe(true)
    const recent = await callApi<RecentFile[]>(page, 'listRecentFiles')
    expect(recent.map((file) => file.path)).toEqual([filePath])
    const reopened = await callApi<Result<PackedArticle>>(page, 'openRecentArticle', filePath)
    expect(reopened.ok && reopened.value.meta.id).toBe(opened.ok && opened.value.meta.id)
    expect(reopened.ok && reopened.value.meta.id).toMatch(/\S/u)

    // Argument validation happens behind the bridge too.
    const forbidden = await callApi<Result<PackedArticle>>(page, 'openRecentArticle', '/etc/passwd')
    expect(forbidden.ok ? null : forbidden.error.code).toBe('FORBIDDEN')
    const badLink = await callApi<Result<void>>(page, 'openExternal', 'file:///etc/passwd')
    expect(badLink.ok ? null : badLink.error.code).toBe('FORBIDDEN')
    expect(await callApi<Result<void>>(page, 'openExternal', 'https://example.org/a')).toEqual({
      ok: true
    })
    expect(app.openedExternalUrlsOf(page)).toEqual(['https://example.org/a'])

    // Menu commands reach onMenuCommand listeners, from the harness and from real menu actions.
    await page.evaluate(() => {
      const seen: unknown[] = []
      ;(window as unknown as { seenCommands: unknown[] }).seenCommands = seen
      window.api.onMenuCommand((command) => seen.push(command))
    })
    const about: MenuCommand = { kind: 'about' }
    await app.sendMenuCommand(page, about)
    await app.setNextDialogPaths(page, [filePath])
    await app.runMenuAction(page, { kind: 'open-article' })
    const seen = await page.evaluate(
      () => (window as unknown as { seenCommands: MenuCommand[] }).seenCommands
    )
    expect(seen.map((command) => command.kind)).toEqual(['about', 'open-article'])
    expect(app.consoleErrorsOf(page)).toEqual([])
  })

  it('goes to the section View › Stats names', async () => {
    const page = await app.newPage()
    await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor()
    await app.runMenuAction(page, { kind: 'go', section: 'stats' })
    await page.waitForURL(/#\/stats/u)
    await page.getByRole('heading', { name: 'Stats', level: 1 }).waitFor()
    expect(app.consoleErrorsOf(page)).toEqual([])
  })

  it('drops real File objects whose bytes reach the loader unchanged', async () => {
    const page = await app.newPage()
    await page.evaluate(() => {
      // By file name: the two files' answers may come back in either order.
      const results: Record<string, unknown> = {}
      ;(window as unknown as { dropResults: Record<string, unknown> }).dropResults = results
      document.body.addEventListener('drop', (event) => {
        event.preventDefault()
        for (const file of Array.from(event.dataTransfer?.files ?? [])) {
          void file.arrayBuffer().then(async (buffer) => {
            const bytes = new Uint8Array(buffer)
            results[file.name] = await window.api.importDroppedFile({
              name: file.name,
              size: file.size,
              bytes
            })
          })
        }
      })
    })
    // Windows-1252 bytes (0x93/0x94 curly quotes) only decode right if every byte survives.
    const legacy = Uint8Array.from([
      ...Buffer.from('Harbour reopens\n\nThe mayor said ', 'latin1'),
      0x93,
      ...Buffer.from('we are open again', 'latin1'),
      0x94,
      ...Buffer.from(' on Friday, to cheers from the crowd at the quay.\n', 'latin1')
    ])
    await app.dropFiles(page, [
      { name: 'harbour.txt', content: legacy },
      {
        name: 'photo.png',
        content: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0])
      }
    ])
    const results = await page.waitForFunction(() => {
      const byName = (window as unknown as { dropResults: Record<string, Result<PackedArticle>> })
        .dropResults
      return Object.keys(byName).length === 2 ? byName : null
    })
    const { 'harbour.txt': harbour, 'photo.png': photo } = (await results.jsonValue()) as Record<
      string,
      Result<PackedArticle>
    >
    expect(harbour.ok && harbour.value.text).toContain('“we are open again”')
    expect(photo.ok ? null : photo.error.code).toBe('BINARY')
  })

  it('enforces the page CSP in Chromium: no inline scripts, no eval', async () => {
    const page = await app.newPage()
    const outcome = await page.evaluate(async () => {
      const flags = window as unknown as { inlineRan?: boolean }
      const script = document.createElement('script')
      script.textContent = 'window.inlineRan = true'
      document.head.appendChild(script)
      await new Promise((resolveWait) => setTimeout(resolveWait, 50))
      let evalRan = false
      try {
        evalRan = (0, eval)('1 + 1') === 2
      } catch {
        evalRan = false
      }
      return { inlineRan: flags.inlineRan === true, evalRan }
    })
    expect(outcome).toEqual({ inlineRan: false, evalRan: false })
    // Chromium reports each blocked attempt; nothing else went wrong.
    const errors = app.consoleErrorsOf(page)
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.every((message) => /Content Security Policy/.test(message))).toBe(true)
  })
})
