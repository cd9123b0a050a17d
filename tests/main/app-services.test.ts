import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ThemePreference } from '../../src/shared/api'
import type { Result } from '../../src/shared/result'
import { unpackArticle } from '../../src/shared/article-transport'
import { loadArticleFromBytes } from '../../src/main/services/article-loader'
import {
  MAX_FILE_BYTES,
  MAX_PASTED_TEXT_CHARS,
  MAX_TITLE_CHARS,
  checkArguments,
  createAppServices,
  isAllowedExternalUrl,
  type AppServices,
  type AppServicesDeps
} from '../../src/main/services/app-services'

const RESOURCES_DIR = resolve(__dirname, '../../resources')
const FIXED_NOW_MS = Date.UTC(2026, 10, 28, 12, 0, 0)
const ARTICLE_TEXT =
  'Talks resume in Geneva\n\nThe envoy said on Monday that “progress was real” and that the ' +
  'delegations would meet again within a month.\n'

let tempDir: string
let dialogPaths: (string | null)[]
let themes: ThemePreference[]
let opened: string[]
let services: AppServices

function codeOf<T>(result: Result<T>): string | null {
  return result.ok ? null : result.error.code
}

function makeServices(overrides: Partial<AppServicesDeps> = {}): AppServices {
  return createAppServices({
    resourcesDir: RESOURCES_DIR,
    userDataDir: join(tempDir, 'user-data'),
    version: '1.2.3',
    nowMs: () => FIXED_NOW_MS,
    showOpenDialog: async () => dialogPaths.shift() ?? null,
    readClipboardText: () => 'clipboard text',
    openExternal: async (url) => {
      opened.push(url)
    },
    setTheme: (theme) => {
      themes.push(theme)
    },
    ...overrides
  })
}

beforeEach(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'qd-services-'))
  dialogPaths = []
  themes = []
  opened = []
  services = makeServices()
})

afterEach(async () => {
  await rm(tempDir, { recursive: true, force: true })
})

async function writeArticle(name: string, text = ARTICLE_TEXT): Promise<string> {
  const path = join(tempDir, name)
  await writeFile(path, text, 'utf8')
  return path
}

describe('createAppServices', () => {
  it('reports the version and loads the built-in seed from the resources dir', async () => {
    expect(await services.getVersion()).toBe('1.2.3')
    const seed = await services.loadBuiltinArticle()
    expect(seed.ok).toBe(true)
    if (seed.ok) expect(seed.value.meta.source.kind).toBe('builtin')
  })

  it('turns a missing resources dir into a typed failure, not a throw', async () => {
    const broken = makeServices({ resourcesDir: join(tempDir, 'nowhere') })
    const seed = await broken.loadBuiltinArticle()
    expect(seed.ok).toBe(false)
  })

  describe('openArticleDialog', () => {
    it('returns a null value when the user cancels', async () => {
      expect(await services.openArticleDialog()).toEqual({ ok: true, value: null })
      expect(await services.listRecentFiles()).toEqual([])
    })

    it('loads the chosen file and adds it to the recent list', async () => {
      const path = await writeArticle('geneva.txt')
      dialogPaths.push(path)
      const result = await services.openArticleDialog()
      expect(result.ok).toBe(true)
      if (result.ok) expect(result.value?.text).toContain('progress was real')
      expect(await services.listRecentFiles()).toEqual([
        { path, fileName: 'geneva.txt', openedAt: FIXED_NOW_MS }
      ])
    })

    it('does not add a file that failed to load to the recent list', async () => {
      const path = join(tempDir, 'binary.txt')
      await writeFile(path, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x00, 0x00, 0x01]))
      dialogPaths.push(path)
      const result = await services.openArticleDialog()
      expect(result.ok).toBe(false)
      expect(await services.listRecentFiles()).toEqual([])
    })

    it('turns a throwing dialog into INTERNAL', async () => {
      const failing = makeServices({
        showOpenDialog: async () => {
          throw new Error('dialog exploded')
        }
      })
      const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
      expect(codeOf(await failing.openArticleDialog())).toBe('INTERNAL')
      errors.mockRestore()
    })
  })

  describe('openRecentArticle', () => {
    it('reopens a path from the recent list', async () => {
      const path = await writeArticle('geneva.txt')
      dialogPaths.push(path)
      await services.openArticleDialog()
      const again = await services.openRecentArticle(path)
      expect(again.ok).toBe(true)
    })

    it('refuses a path the user never opened', async () => {
      const path = await writeArticle('never-opened.txt')
      expect(codeOf(await services.openRecentArticle(path))).toBe('FORBIDDEN')
      expect(codeOf(await services.openRecentArticle('/etc/passwd'))).toBe('FORBIDDEN')
    })

    it('rejects non-string, empty, huge and NUL-containing paths', async () => {
      for (const bad of [42, null, undefined, '', 'a'.repeat(5000), 'a\0b', { path: '/x' }]) {
        expect(codeOf(await services.openRecentArticle(bad))).toBe('INVALID_ARGUMENT')
      }
    })

    it('reports a recent file that has since been deleted as NOT_FOUND', async () => {
      const path = await writeArticle('geneva.txt')
      dialogPaths.push(path)
      await services.openArticleDialog()
      await rm(path)
      expect(codeOf(await services.openRecentArticle(path))).toBe('NOT_FOUND')
    })
  })

  describe('importDroppedFile', () => {
    const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text)

    it('loads dropped bytes as an article named after the file', async () => {
      const bytes = bytesOf(ARTICLE_TEXT)
      const result = await services.importDroppedFile({
        name: 'geneva.txt',
        size: bytes.length,
        bytes
      })
      expect(result.ok).toBe(true)
      if (result.ok) {
        expect(result.value.meta.source).toEqual({
          kind: 'file',
          path: 'geneva.txt',
          fileName: 'geneva.txt'
        })
      }
    })

    it('sends the article packed: its paragraphs in one Int32Array, the same article unpacked', async () => {
      const bytes = bytesOf(ARTICLE_TEXT)
      const result = await services.importDroppedFile({
        name: 'geneva.txt',
        size: bytes.length,
        bytes
      })
      if (!result.ok) throw new Error(result.error.message)
      expect(result.value.paragraphData).toBeInstanceOf(Int32Array)
      expect('paragraphs' in result.value.meta).toBe(false)
      const source = { kind: 'file' as const, path: 'geneva.txt', fileName: 'geneva.txt' }
      const direct = loadArticleFromBytes('geneva.txt', bytes, source)
      if (!direct.ok) throw new Error(direct.error.message)
      expect(direct.value.paragraphs.length).toBeGreaterThan(1)
      expect(unpackArticle(result.value)).toEqual(direct.value)
    })

    it('refuses files over 50 MB by their declared size before looking at the bytes', async () => {
      const result = await services.importDroppedFile({
        name: 'huge.txt',
        size: MAX_FILE_BYTES + 1,
        bytes: new Uint8Array(4)
      })
      expect(codeOf(result)).toBe('TOO_LARGE')
    })

    it('refuses bytes over 50 MB even when the declared size lies', async () => {
      const result = await services.importDroppedFile({
        name: 'liar.txt',
        size: 10,
        bytes: new Uint8Array(MAX_FILE_BYTES + 1)
      })
      expect(codeOf(result)).toBe('TOO_LARGE')
    })

    it('rejects malformed files with INVALID_ARGUMENT', async () => {
      const bytes = bytesOf('hello')
      const bad: unknown[] = [
        null,
        'geneva.txt',
        { name: '', size: 5, bytes },
        { name: 42, size: 5, bytes },
        { name: '../../etc/passwd', size: 5, bytes },
        { name: 'a\\b.txt', size: 5, bytes },
        { name: 'x'.repeat(300), size: 5, bytes },
        { name: 'a.txt', size: -1, bytes },
        { name: 'a.txt', size: 1.5, bytes },
        { name: 'a.txt', size: '5', bytes },
        { name: 'a.txt', size: 5, bytes: [104, 101, 108, 108, 111] },
        { name: 'a.txt', size: 5, bytes: 'hello' }
      ]
      for (const file of bad) {
        expect(codeOf(await services.importDroppedFile(file)), JSON.stringify(file)).toBe(
          'INVALID_ARGUMENT'
        )
      }
    })

    it('passes binary content to the loader, which refuses it in words', async () => {
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
      const result = await services.importDroppedFile({
        name: 'photo.png',
        size: png.length,
        bytes: png
      })
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10)
    })
  })

  describe('big inputs (the loader worker thread)', () => {
    const bigText = (): string =>
      [
        'Harbour bridge reopens',
        ...Array.from(
          { length: 40 },
          (_, index) => `Paragraph ${index}: “We are open again,” the mayor said on Friday.`
        )
      ].join('\n\n')

    it('cleans dropped files, opened files and pastes above the threshold in a worker, with progress', async () => {
      const progress: string[] = []
      const big = makeServices({
        articleLoading: { inlineMaxBytes: 1024, onProgress: (step) => progress.push(step.stage) }
      })
      const bytes = new TextEncoder().encode(bigText())
      const dropped = await big.importDroppedFile({ name: 'big.txt', size: bytes.length, bytes })
      expect(dropped.ok && dropped.value.meta.title).toBe('Harbour bridge reopens')
      expect(progress).toEqual(['reading', 'decoding', 'cleaning', 'sending'])
      const path = join(tempDir, 'big.txt')
      await writeFile(path, bytes)
      dialogPaths.push(path)
      const opened = await big.openArticleDialog()
      expect(opened.ok && opened.value?.meta.id).toBe(dropped.ok && dropped.value.meta.id)
      const pasted = await big.articleFromText(bigText())
      expect(pasted.ok && pasted.value.meta.source).toEqual({ kind: 'clipboard' })
      // A paste has nothing to decode.
      expect(progress.slice(8)).toEqual(['reading', 'cleaning', 'sending'])
    }, 60_000)

    it('cancelArticleLoad stops a load under way: it resolves CANCELLED', async () => {
      const big = makeServices({ articleLoading: { inlineMaxBytes: 1024 } })
      expect(await big.cancelArticleLoad()).toBe(false)
      const bytes = new TextEncoder().encode(bigText())
      const loading = big.importDroppedFile({ name: 'big.txt', size: bytes.length, bytes })
      // The drop's checks run first; the worker starts once they passed.
      await new Promise((resolve) => setTimeout(resolve, 0))
      expect(await big.cancelArticleLoad()).toBe(true)
      expect(codeOf(await loading)).toBe('CANCELLED')
    }, 60_000)
  })

  describe('articleFromText', () => {
    it('builds an article from pasted text, with an optional trimmed title', async () => {
      const plain = await services.articleFromText(ARTICLE_TEXT)
      expect(plain.ok && plain.value.meta.title).toBe('Talks resume in Geneva')
      const titled = await services.articleFromText(ARTICLE_TEXT, '  My title  ')
      expect(titled.ok && titled.value.meta.title).toBe('My title')
      const blankTitle = await services.articleFromText(ARTICLE_TEXT, '   ')
      expect(blankTitle.ok && blankTitle.value.meta.title).toBe('Talks resume in Geneva')
    })

    it('rejects wrong types and oversize text or titles', async () => {
      expect(codeOf(await services.articleFromText(42))).toBe('INVALID_ARGUMENT')
      expect(codeOf(await services.articleFromText(ARTICLE_TEXT, 7))).toBe('INVALID_ARGUMENT')
      expect(codeOf(await services.articleFromText('a'.repeat(MAX_PASTED_TEXT_CHARS + 1)))).toBe(
        'TOO_LARGE'
      )
      expect(
        codeOf(await services.articleFromText(ARTICLE_TEXT, 't'.repeat(MAX_TITLE_CHARS + 1)))
      ).toBe('INVALID_ARGUMENT')
    })

    it('reports empty text as EMPTY', async () => {
      expect(codeOf(await services.articleFromText('  \n\t '))).toBe('EMPTY')
    })
  })

  it('reads the clipboard through the platform, async or not, and never rejects', async () => {
    expect(await services.readClipboardText()).toBe('clipboard text')
    const asyncClipboard = makeServices({ readClipboardText: async () => 'async text' })
    expect(await asyncClipboard.readClipboardText()).toBe('async text')
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const broken = makeServices({
      readClipboardText: () => {
        throw new Error('no clipboard')
      }
    })
    expect(await broken.readClipboardText()).toBe('')
    errors.mockRestore()
  })

  it('applies only the three known themes', async () => {
    await services.setThemePreference('dark')
    await services.setThemePreference('purple')
    await services.setThemePreference(null)
    await services.setThemePreference('system')
    expect(themes).toEqual(['dark', 'system'])
  })

  describe('openExternal', () => {
    it('opens http and https links', async () => {
      expect(await services.openExternal('https://example.org/news?id=1')).toEqual({
        ok: true,
        value: undefined
      })
      expect((await services.openExternal('http://example.org/')).ok).toBe(true)
      expect(opened).toEqual(['https://example.org/news?id=1', 'http://example.org/'])
    })

    it('refuses every other scheme, credentials and garbage', async () => {
      for (const url of [
        'file:///etc/passwd',
        'javascript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'smb://server/share',
        'ftp://example.org/',
        'https://user:pass@example.org/',
        'not a url',
        'https://' + 'a'.repeat(3000) + '.org'
      ]) {
        expect(codeOf(await services.openExternal(url)), url).toBe('FORBIDDEN')
      }
      expect(codeOf(await services.openExternal(42))).toBe('INVALID_ARGUMENT')
      expect(codeOf(await services.openExternal(''))).toBe('INVALID_ARGUMENT')
      expect(opened).toEqual([])
    })

    it('turns a failing system browser into INTERNAL', async () => {
      const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
      const failing = makeServices({
        openExternal: async () => {
          throw new Error('no browser')
        }
      })
      expect(codeOf(await failing.openExternal('https://example.org/'))).toBe('INTERNAL')
      errors.mockRestore()
    })
  })
})

describe('isAllowedExternalUrl', () => {
  it('parses instead of prefix-matching', () => {
    expect(isAllowedExternalUrl('https://example.org')).toBe(true)
    expect(isAllowedExternalUrl('HTTPS://EXAMPLE.ORG/Path')).toBe(true)
    expect(isAllowedExternalUrl('https:example.org')).toBe(true) // the URL parser normalises it
    expect(isAllowedExternalUrl('httpsx://example.org')).toBe(false)
    expect(isAllowedExternalUrl(' javascript:alert(1)')).toBe(false)
  })
})

describe('checkArguments', () => {
  it('rejects extra arguments on every method', () => {
    expect(checkArguments('getVersion', [])).toBeNull()
    expect(checkArguments('getVersion', [1])).toMatch(/at most 0/)
    expect(checkArguments('openExternal', ['https://a.org', 'extra'])).toMatch(/at most 1/)
    expect(checkArguments('articleFromText', ['text', 'title'])).toBeNull()
    expect(checkArguments('articleFromText', ['text', 'title', 3])).toMatch(/at most 2/)
  })

  it('checks argument types per method', () => {
    expect(checkArguments('setThemePreference', ['dark'])).toBeNull()
    expect(checkArguments('setThemePreference', ['blue'])).not.toBeNull()
    expect(checkArguments('openRecentArticle', [5])).not.toBeNull()
    expect(
      checkArguments('importDroppedFile', [{ name: 'a.txt', size: 1, bytes: new Uint8Array(1) }])
    ).toBeNull()
  })
})
