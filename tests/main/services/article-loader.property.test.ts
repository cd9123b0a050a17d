import fc from 'fast-check'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { loadArticleFromBytes } from '../../../src/main/services/article-loader'
import type { AppErrorCode } from '../../../src/shared/result'
import {
  articleText,
  callTyped,
  fuzzCounter,
  fuzzParameters,
  FUZZ_TIMEOUT_MS
} from '../../support/fuzz'

const CODES: readonly AppErrorCode[] = [
  'EMPTY',
  'BINARY',
  'TOO_LARGE',
  'UNREADABLE',
  'NOT_FOUND',
  'NO_ARTICLE',
  'UNSUPPORTED',
  'INVALID_ARGUMENT',
  'FORBIDDEN',
  'CANCELLED',
  'INTERNAL',
  'CONFLICT'
]
const NAMES = ['a.txt', 'a.md', 'a.html', 'a.htm', 'noext', 'a.log', 'A.TXT', 'page.xhtml']
const ENCODINGS = ['utf8', 'utf16le', 'utf-16be', 'windows-1252', 'shift_jis', 'gb18030', 'koi8-r']

/** Bytes of any kind: random, text in some encoding, HTML around text, or text with a BOM. */
const fileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc
    .tuple(articleText, fc.constantFrom(...ENCODINGS))
    .map(([text, encoding]) => new Uint8Array(iconv.encode(text, encoding))),
  fc
    .tuple(articleText, fc.constantFrom('utf-8', 'shift_jis', 'windows-1251', 'bogus'))
    .map(
      ([text, charset]) =>
        new Uint8Array(
          Buffer.from(
            `<!doctype html><html><head><meta charset="${charset}"><script>alert(1)</script></head><body><article><p>${text}</p><iframe src="x"></iframe></article></body></html>`,
            'utf8'
          )
        )
    ),
  fc
    .tuple(
      fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]),
      fc.uint8Array({ maxLength: 512 })
    )
    .map(([bom, rest]) => new Uint8Array([...bom, ...rest]))
)

describe('the loader never throws and always answers with a typed result', () => {
  const counter = fuzzCounter('loader')
  afterAll(() => {
    const counts = counter.report()
    expect(counts.crashes + counts.hangs + counts.untypedErrors).toBe(0)
  })

  it('for any bytes under any file name', { timeout: FUZZ_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(
        fc.tuple(fileBytes, fc.constantFrom(...NAMES)),
        counter.check(([bytes, name]: [Uint8Array, string]) => {
          const result = callTyped(() => loadArticleFromBytes(name, bytes, { kind: 'clipboard' }))
          if (result.ok) {
            const article = result.value
            expect(typeof article.text).toBe('string')
            for (const paragraph of article.paragraphs) {
              expect(paragraph.start).toBeGreaterThanOrEqual(0)
              expect(paragraph.end).toBeLessThanOrEqual(article.text.length)
              expect(paragraph.start).toBeLessThanOrEqual(paragraph.end)
            }
            // Read as HTML, hostile markup never survives (a .txt or .md file keeps its angle
            // brackets as the plain text it is; the page shows text, never markup).
            if (!/\.(?:txt|md)$/iu.test(name)) {
              expect(article.text).not.toMatch(/<script|<iframe|alert\(1\)/iu)
            }
          } else {
            expect(CODES).toContain(result.error.code)
            expect(result.error.message.trim().length).toBeGreaterThan(10)
          }
        })
      ),
      fuzzParameters()
    )
  })
})
