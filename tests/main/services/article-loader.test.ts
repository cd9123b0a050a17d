import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync, chmodSync } from 'node:fs'
import * as fsPromises from 'node:fs/promises'
import { truncate } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Article } from '../../../src/core/article/types'
import type { Result } from '../../../src/shared/result'
import {
  MAX_ARTICLE_BYTES,
  articleFromText,
  decodeBytes,
  loadArticleFromBytes,
  loadArticleFromPath,
  loadBuiltinArticle
} from '../../../src/main/services/article-loader'

vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>()
  return { ...original, readFile: vi.fn(original.readFile), stat: vi.fn(original.stat) }
})

const FIXTURES = join(__dirname, '../../fixtures/articles')
const RESOURCES = join(__dirname, '../../../resources')
const SAMPLE =
  '“Café society,” she said — it’s back.\nThe naïve critics were wrong about the façade.\n'
const SAMPLE_TEXT = [
  '“Café society,” she said — it’s back.',
  'The naïve critics were wrong about the façade.'
]

let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'quotedeck-loader-'))
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

function expectArticle(result: Result<Article>): Article {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

function expectError(result: Result<Article>, code: string): string {
  expect(result.ok ? 'ok' : result.error.code).toBe(code)
  return result.ok ? '' : result.error.message
}

function texts(article: Article): string[] {
  return article.paragraphs.map((paragraph) => article.text.slice(paragraph.start, paragraph.end))
}

function headings(article: Article): string[] {
  return article.paragraphs
    .filter((paragraph) => paragraph.kind === 'heading')
    .map((paragraph) => article.text.slice(paragraph.start, paragraph.end))
}

describe('encodings', () => {
  it('reads UTF-8 without a BOM', async () => {
    const article = expectArticle(
      await loadArticleFromPath(write('utf8.txt', Buffer.from(SAMPLE, 'utf8')))
    )
    expect(article.encoding).toBe('utf-8')
    expect(texts(article)).toEqual(SAMPLE_TEXT)
    expect(article.source).toEqual({
      kind: 'file',
      path: join(dir, 'utf8.txt'),
      fileName: 'utf8.txt'
    })
  })

  it('reads UTF-8 with a BOM and drops the BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')])
    const article = expectArticle(await loadArticleFromPath(write('bom.txt', bytes)))
    expect(article.encoding).toBe('utf-8-bom')
    expect(texts(article)).toEqual(SAMPLE_TEXT)
  })

  it('reads UTF-16 LE with a BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')])
    const article = expectArticle(await loadArticleFromPath(write('utf16le.txt', bytes)))
    expect(article.encoding).toBe('utf-16le')
    expect(texts(article)).toEqual(SAMPLE_TEXT)
  })

  it('reads UTF-16 BE with a BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SAMPLE, 'utf16-be')])
    const article = expectArticle(await loadArticleFromPath(write('utf16be.txt', bytes)))
    expect(article.encoding).toBe('utf-16be')
    expect(texts(article)).toEqual(SAMPLE_TEXT)
  })

  it('detects Windows-1252 with curly quotes, dashes and é', async () => {
    const long = `${SAMPLE}${'The café owners said the “new” rules — announced on Monday — were unfair to them.\n'.repeat(3)}`
    const bytes = iconv.encode(long, 'windows-1252')
    expect(bytes.includes(0x93)).toBe(true)
    const article = expectArticle(await loadArticleFromPath(write('cp1252.txt', bytes)))
    expect(article.encoding).toBe('windows-1252')
    expect(texts(article).slice(0, 2)).toEqual(SAMPLE_TEXT)
  })

  it('detects ISO-8859-1 text without Windows-only bytes', async () => {
    const latin1 =
      'Le café de la gare a rouvert à Genève, où les élèves étaient déjà là.\nÇa a été une très belle journée pour les habitués du quartier.\n'
    const bytes = iconv.encode(latin1, 'latin1')
    const article = expectArticle(await loadArticleFromPath(write('latin1.txt', bytes)))
    expect(['iso-8859-1', 'windows-1252']).toContain(article.encoding)
    expect(article.text).toContain('Le café de la gare a rouvert à Genève')
    expect(article.text).toContain('Ça a été')
  })

  it('detects Windows-1252 when the first non-ASCII byte is far into a large file', async () => {
    const ascii = 'The council met on Monday and talked about the roads for a long time.\n'.repeat(
      5000
    )
    const bytes = iconv.encode(`${ascii}The “café” reopened — it’s back.\n`, 'windows-1252')
    expect(bytes.length).toBeGreaterThan(300 * 1024)
    const article = expectArticle(loadArticleFromBytes('long.txt', bytes, { kind: 'clipboard' }))
    expect(article.encoding).toBe('windows-1252')
    expect(article.text.endsWith('The “café” reopened — it’s back.')).toBe(true)
  })

  it('reads a multi-byte legacy encoding (Shift_JIS) through iconv-lite', () => {
    const japanese =
      '東京都は月曜日、新しい橋の開通を発表した。市長は「この橋は街を変える」と述べた。'
    const bytes = iconv.encode(japanese.repeat(5), 'shift_jis')
    const article = expectArticle(loadArticleFromBytes('tokyo.txt', bytes, { kind: 'clipboard' }))
    expect(article.encoding).toBe('shift_jis')
    expect(article.text).toContain('市長は「この橋は街を変える」と述べた。')
  })

  it('repairs mojibake in a UTF-8 file', async () => {
    const broken = 'The mayorâ€™s plan was called â€œboldâ€\u009d by critics.Â'
    const article = expectArticle(await loadArticleFromPath(write('mojibake.txt', broken)))
    expect(article.text).toBe('The mayor’s plan was called “bold” by critics.')
  })

  it('decodeBytes reports the encoding it used', () => {
    const decoded = decodeBytes(new Uint8Array(Buffer.from('plain ascii text', 'utf8')))
    expect(decoded.ok && decoded.value).toEqual({ text: 'plain ascii text', encoding: 'utf-8' })
  })
})

describe('bad input', () => {
  it('EMPTY: an empty file and a whitespace-only file', async () => {
    expect(expectError(await loadArticleFromPath(write('empty.txt', '')), 'EMPTY')).toContain(
      'empty.txt'
    )
    expectError(await loadArticleFromPath(write('blank.txt', ' \n\t\r\n  \n')), 'EMPTY')
    expectError(
      await loadArticleFromPath(write('blank16.txt', Buffer.from([0xff, 0xfe, 0x20, 0x00]))),
      'EMPTY'
    )
  })

  it.each([
    ['PDF', 'paper.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'latin1'), /PDF/],
    [
      'PNG',
      'image.txt',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
      /PNG/
    ],
    ['ZIP', 'archive.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), /ZIP/],
    ['GZIP', 'notes.txt.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00]), /GZIP/],
    ['NUL bytes', 'nul.txt', Buffer.from('some text\u0000with a NUL byte', 'utf8'), /NUL/]
  ])('BINARY: %s', async (_kind, name, bytes, message) => {
    const path = write(name, bytes)
    expect(expectError(await loadArticleFromPath(path), 'BINARY')).toMatch(message)
  })

  it('TOO_LARGE: a sparse 51 MB file is refused from stat, before reading', async () => {
    const path = write('huge.txt', '')
    await truncate(path, MAX_ARTICLE_BYTES + 1024 * 1024)
    const readFile = vi.mocked(fsPromises.readFile)
    readFile.mockClear()
    expect(expectError(await loadArticleFromPath(path), 'TOO_LARGE')).toMatch(/51\.0 MB.*50 MB/)
    expect(readFile).not.toHaveBeenCalled()
  })

  it('TOO_LARGE: bytes handed over in memory are checked too', () => {
    const bytes = new Uint8Array(MAX_ARTICLE_BYTES + 1)
    expectError(loadArticleFromBytes('drop.txt', bytes, { kind: 'clipboard' }), 'TOO_LARGE')
  })

  it('NOT_FOUND: a missing file', async () => {
    expect(expectError(await loadArticleFromPath(join(dir, 'missing.txt')), 'NOT_FOUND')).toContain(
      'missing.txt'
    )
  })

  it('UNREADABLE: a directory', async () => {
    const path = join(dir, 'folder.txt')
    mkdirSync(path)
    expect(expectError(await loadArticleFromPath(path), 'UNREADABLE')).toMatch(/folder/)
  })

  it('UNREADABLE: permission denied (EACCES and EPERM from the file system)', async () => {
    const path = write('secret.txt', SAMPLE)
    for (const code of ['EACCES', 'EPERM']) {
      vi.mocked(fsPromises.readFile).mockRejectedValueOnce(
        Object.assign(new Error(`${code}: permission denied`), { code })
      )
      expect(expectError(await loadArticleFromPath(path), 'UNREADABLE')).toMatch(
        /permission denied/
      )
    }
  })

  it.skipIf(process.getuid?.() === 0)('UNREADABLE: a chmod 000 file (not as root)', async () => {
    const path = write('locked.txt', SAMPLE)
    chmodSync(path, 0o000)
    expectError(await loadArticleFromPath(path), 'UNREADABLE')
  })

  it('UNSUPPORTED: an unknown extension that does not decode as text', async () => {
    const bytes = Buffer.from([0x01, 0x02, 0x03, 0x00, 0xff, 0x10, 0x7f, 0x00, 0x05])
    expectError(await loadArticleFromPath(write('data.bin', bytes)), 'UNSUPPORTED')
    expectError(await loadArticleFromPath(write('noext', bytes)), 'UNSUPPORTED')
  })

  it('reads an unknown extension that is text, and sniffs HTML', async () => {
    expect(texts(expectArticle(await loadArticleFromPath(write('notes.log', SAMPLE))))).toEqual(
      SAMPLE_TEXT
    )
    const html = readFileSync(join(FIXTURES, 'bridge-article.html'))
    expect(expectArticle(await loadArticleFromPath(write('page.aspx', html))).title).toBe(
      'Mayor opens new river bridge'
    )
  })

  it('NO_ARTICLE: HTML without a readable article', async () => {
    const path = join(FIXTURES, 'no-article.html')
    expect(expectError(await loadArticleFromPath(path), 'NO_ARTICLE')).toContain('no-article.html')
  })

  it('never throws on random bytes', () => {
    let seed = 42
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let round = 0; round < 50; round++) {
      const bytes = new Uint8Array(1 + Math.floor(random() * 400)).map(() =>
        Math.floor(random() * 256)
      )
      for (const name of ['x.txt', 'x.md', 'x.html', 'x.dat']) {
        const result = loadArticleFromBytes(name, bytes, { kind: 'clipboard' })
        expect(typeof result.ok).toBe('boolean')
      }
    }
  })
})

describe('formats', () => {
  it('HTML: Readability keeps title and byline, h2/h3 become headings, no markup leaks', async () => {
    const article = expectArticle(await loadArticleFromPath(join(FIXTURES, 'bridge-article.html')))
    expect(article.title).toBe('Mayor opens new river bridge')
    expect(article.byline).toBe('Jane Reporter')
    expect(headings(article)).toEqual(['Years of delays', 'What comes next'])
    expect(texts(article)[0]).toBe(
      'The mayor opened the new river bridge on Tuesday, ending three years of construction and detours for thousands of commuters who cross the river every day.'
    )
    expect(article.text).toContain('millions over budget, according to the city’s audit office')
    expect(article.text).not.toMatch(
      /[<>]|window\.tracking|Home|All rights reserved|bridge at dawn/
    )
    expect(article.removed.map((line) => line.ruleId)).toEqual(['byline'])
  })

  it('HTML: a Windows-1252 page declared in a meta tag', async () => {
    const html = readFileSync(join(FIXTURES, 'bridge-article.html'), 'utf8').replace(
      'charset="utf-8"',
      'charset="windows-1252"'
    )
    const article = expectArticle(
      await loadArticleFromPath(write('legacy.htm', iconv.encode(html, 'windows-1252')))
    )
    expect(article.encoding).toBe('windows-1252')
    expect(article.text).toContain('“This bridge will change how people move through our city,”')
  })

  it('HTML: a saved fragment without <html> still gives its paragraphs', () => {
    const paragraph =
      '<p>The council approved the budget on Monday after a long debate about roads and schools.</p>'
    const bytes = new TextEncoder().encode(
      `${paragraph}<p>Members said they would &ldquo;fight on&rdquo;.</p>`
    )
    const article = expectArticle(
      loadArticleFromBytes('fragment.html', bytes, { kind: 'clipboard' })
    )
    expect(texts(article)).toEqual([
      'The council approved the budget on Monday after a long debate about roads and schools.',
      'Members said they would “fight on”.'
    ])
  })

  it('Markdown: syntax is stripped, # headings become headings', async () => {
    const article = expectArticle(await loadArticleFromPath(join(FIXTURES, 'budget-article.md')))
    expect(article.title).toBe('Council passes budget')
    expect(headings(article)).toEqual(['Council passes budget', 'Reaction'])
    expect(texts(article)).toEqual([
      'Council passes budget',
      'The council approved the budget on Monday after a long debate about roads and schools.',
      'Reaction',
      '“We had no choice,” the mayor said, adding that taxes would not rise this year.',
      'Roads will be repaired before winter',
      'Two new schools will open in 2026',
      'Opposition members said they would challenge the decision in court next month.'
    ])
    expect(article.text).not.toMatch(/[#*_>[\]]/)
  })

  it('Text: page furniture is removed and kept', async () => {
    const article = expectArticle(await loadArticleFromPath(join(FIXTURES, 'chrome-article.txt')))
    expect(article.removed.map((line) => [line.ruleId, line.text])).toEqual([
      ['embed-caption', 'WATCH l Highlights from the council debate:'],
      ['media-widget', 'The Morning Podcast12:05Why the budget fight matters'],
      ['read-more', 'Read more:'],
      ['related-links', 'Five things to know about the budget']
    ])
    expect(headings(article)).toEqual(['Council passes budget'])
  })

  it('dropped bytes give the same article as the file on disk', async () => {
    const path = join(FIXTURES, 'chrome-article.txt')
    const fromDisk = expectArticle(await loadArticleFromPath(path))
    const dropped = expectArticle(
      loadArticleFromBytes('chrome-article.txt', readFileSync(path), {
        kind: 'file',
        path,
        fileName: 'chrome-article.txt'
      })
    )
    expect(dropped).toEqual(fromDisk)
  })
})

describe('articleFromText', () => {
  it('uses the first line as title unless one is given', () => {
    const article = expectArticle(
      articleFromText('\n  Budget day\nThe council approved the budget on Monday.')
    )
    expect(article.title).toBe('Budget day')
    expect(article.source).toEqual({ kind: 'clipboard' })
    expect(expectArticle(articleFromText('Budget day\nText here.', 'My title')).title).toBe(
      'My title'
    )
  })

  it('fails with EMPTY for blank text', () => {
    expectError(articleFromText('   \n '), 'EMPTY')
  })
})

describe('loadBuiltinArticle', () => {
  it('loads the seed article from the resources directory', async () => {
    const article = expectArticle(await loadBuiltinArticle(RESOURCES))
    expect(article.source).toEqual({ kind: 'builtin', name: 'seed-article.txt' })
    expect(article.title).toBe('Blinken raises concerns over China’s support for Russia’s military')
    expect(article.byline).toBe('CBC News, April 2024')
    expect(article.encoding).toBe('utf-8')
    expect(article.removed).toHaveLength(5)
    expect(headings(article)).toEqual([
      '‘All kinds of disruptions’',
      'AI, fentanyl issues discussed'
    ])
  })

  it('fails with NOT_FOUND when the resources directory has no seed', async () => {
    expectError(await loadBuiltinArticle(dir), 'NOT_FOUND')
  })
})
