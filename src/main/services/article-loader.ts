import { readFile, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import chardet from 'chardet'
import iconv from 'iconv-lite'
import { cleanArticle, countWords } from '../../core/article/clean'
import { markdownToBlocks, type TextBlock } from '../../core/article/markdown'
import type { Article, ArticleSource, TextEncodingName } from '../../core/article/types'
import { fail, ok, type AppErrorCode, type Result } from '../../shared/result'
import { extractHtmlArticle } from './html-article'

/** Largest article file we read (20 MB); bigger files are refused before reading. */
export const MAX_ARTICLE_BYTES = 20 * 1024 * 1024
/** An HTML page whose readable part has fewer words than this has no article. */
const MIN_HTML_ARTICLE_WORDS = 20
/**
 * Share of C0 control characters (and replacement characters) above which decoded bytes are not
 * text. C1 controls are not counted: in UTF-8 text they are mojibake, which the cleaner repairs.
 */
const MAX_CONTROL_CHAR_RATIO = 0.01
/** The file name of the built-in seed article in the resources directory. */
export const BUILTIN_ARTICLE_FILE = 'seed-article.txt'

type ArticleFormat = 'text' | 'markdown' | 'html'

const FORMAT_BY_EXTENSION: ReadonlyMap<string, ArticleFormat> = new Map([
  ['.txt', 'text'],
  ['.text', 'text'],
  ['.md', 'markdown'],
  ['.markdown', 'markdown'],
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.xhtml', 'html']
])

/** Magic numbers of binary formats people drop by mistake. */
const BINARY_SIGNATURES: readonly { name: string; bytes: readonly number[] }[] = [
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  {
    name: 'a ZIP archive (or a Word, EPUB or other zipped document)',
    bytes: [0x50, 0x4b, 0x03, 0x04]
  },
  { name: 'an empty ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'a GZIP archive', bytes: [0x1f, 0x8b] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'an old Word or Office document', bytes: [0xd0, 0xcf, 0x11, 0xe0] }
]

/** Text decoded from bytes, with the encoding it was in. */
export interface DecodedText {
  text: string
  encoding: TextEncodingName
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte)
}

function formatMegabytes(sizeBytes: number): string {
  return `${(sizeBytes / (1024 * 1024)).toFixed(1)} MB`
}

/** Names the binary format of `bytes` by its magic number, or `null`. */
export function detectBinaryFormat(bytes: Uint8Array): string | null {
  return BINARY_SIGNATURES.find((signature) => startsWith(bytes, signature.bytes))?.name ?? null
}

function controlCharRatio(text: string): number {
  if (text.length === 0) return 0
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/gu)?.length ?? 0
  return controls / text.length
}

/** The charset an HTML document declares in a `<meta>` tag, lower-cased, or `null`. */
function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1')
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/iu.exec(head)
  return match === null ? null : match[1].toLowerCase()
}

const LATIN1_LABELS = new Set([
  'iso-8859-1',
  'latin1',
  'latin-1',
  'iso8859-1',
  'l1',
  'us-ascii',
  'ascii'
])
const WINDOWS_1252_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252'])

function decodeSingleByte(bytes: Uint8Array, label: 'windows-1252' | 'iso-8859-1'): DecodedText {
  // Bytes 0x80–0x9F are C1 controls in ISO-8859-1 but punctuation in Windows-1252; real-world
  // "Latin-1" text that uses them means Windows-1252, as browsers also assume.
  return { text: iconv.decode(Buffer.from(bytes), 'windows-1252'), encoding: label }
}

/** Encodings chardet may name that are not single-byte Latin text; these we cannot decode. */
const MULTIBYTE_ENCODING = /^(?:shift_jis|euc-|gb18030|big5|iso-2022|utf-16|utf-32)/u
/** Bytes handed to chardet: detection of a 20 MB file on all of it takes seconds. */
const DETECTION_SAMPLE_BYTES = 256 * 1024

/** A sample for detection that contains the first non-ASCII bytes, wherever they are. */
function detectionSample(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= DETECTION_SAMPLE_BYTES) return bytes
  const firstHigh = bytes.findIndex((byte) => byte >= 0x80)
  const start = firstHigh < DETECTION_SAMPLE_BYTES ? 0 : Math.max(0, firstHigh - 1024)
  return bytes.subarray(start, start + DETECTION_SAMPLE_BYTES)
}

function hasC1Bytes(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte >= 0x80 && byte <= 0x9f)
}

/**
 * Decodes file bytes: BOMs first (UTF-8, UTF-16 LE/BE), then strict UTF-8, then a legacy
 * single-byte encoding detected with chardet. Binary data fails with `BINARY`.
 */
export function decodeBytes(
  bytes: Uint8Array,
  htmlCharset: string | null = null
): Result<DecodedText> {
  const binary = detectBinaryFormat(bytes)
  if (binary !== null) {
    return fail(
      'BINARY',
      `This file is ${binary}, not text. Quotedeck reads .txt, .md and .html files.`
    )
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return ok({ text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' })
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return ok({
      text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'),
      encoding: 'utf-16le'
    })
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return ok({
      text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'),
      encoding: 'utf-16be'
    })
  }
  if (bytes.includes(0)) {
    return fail(
      'BINARY',
      'This file contains binary data (NUL bytes), so it is not a text article.'
    )
  }
  const notText = (): Result<DecodedText> =>
    fail('BINARY', 'This file does not look like text: it is full of control characters.')

  if (
    htmlCharset !== null &&
    (LATIN1_LABELS.has(htmlCharset) || WINDOWS_1252_LABELS.has(htmlCharset))
  ) {
    const decoded = decodeSingleByte(
      bytes,
      WINDOWS_1252_LABELS.has(htmlCharset) ? 'windows-1252' : 'iso-8859-1'
    )
    return controlCharRatio(decoded.text) > MAX_CONTROL_CHAR_RATIO ? notText() : ok(decoded)
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return controlCharRatio(text) > MAX_CONTROL_CHAR_RATIO
      ? notText()
      : ok({ text, encoding: 'utf-8' })
  } catch {
    // Not UTF-8: a legacy encoding.
  }
  const detected = (chardet.detect(detectionSample(bytes)) ?? '').toLowerCase()
  if (MULTIBYTE_ENCODING.test(detected)) {
    return fail(
      'UNSUPPORTED',
      `This file seems to use the ${detected.toUpperCase()} encoding, which Quotedeck cannot read. Save it as UTF-8 and try again.`
    )
  }
  const label = detected === 'iso-8859-1' && !hasC1Bytes(bytes) ? 'iso-8859-1' : 'windows-1252'
  const decoded = decodeSingleByte(bytes, label)
  return controlCharRatio(decoded.text) > MAX_CONTROL_CHAR_RATIO ? notText() : ok(decoded)
}

function formatFor(fileName: string, text: string): { format: ArticleFormat; known: boolean } {
  const known = FORMAT_BY_EXTENSION.get(extname(fileName).toLowerCase())
  if (known !== undefined) return { format: known, known: true }
  const looksLikeHtml = /^\s*(?:<!doctype html|<html[\s>])/iu.test(text)
  return { format: looksLikeHtml ? 'html' : 'text', known: false }
}

function blocksToText(blocks: readonly TextBlock[]): string {
  return blocks.map((block) => block.text).join('\n\n')
}

function headingsOf(blocks: readonly TextBlock[]): string[] {
  return blocks.filter((block) => block.kind === 'heading').map((block) => block.text)
}

/** Builds an article from decoded text in a given format. */
function articleFromDecoded(
  fileName: string,
  decoded: DecodedText,
  format: ArticleFormat,
  source: ArticleSource
): Result<Article> {
  if (decoded.text.trim() === '') {
    return fail('EMPTY', `“${fileName}” is empty: there is no text in it.`)
  }
  if (format === 'markdown') {
    const { blocks, title } = markdownToBlocks(decoded.text)
    if (blocks.length === 0)
      return fail('EMPTY', `“${fileName}” has no text, only Markdown syntax.`)
    return cleanArticle({
      rawText: blocksToText(blocks),
      source,
      encoding: decoded.encoding,
      title,
      knownHeadings: headingsOf(blocks),
      structured: true
    })
  }
  if (format === 'html') {
    const page = extractHtmlArticle(decoded.text)
    const words = page === null ? 0 : countWords(blocksToText(page.blocks))
    if (page === null || words < MIN_HTML_ARTICLE_WORDS) {
      return fail('NO_ARTICLE', `No readable article was found in “${fileName}”.`)
    }
    return cleanArticle({
      rawText: blocksToText(page.blocks),
      source,
      encoding: decoded.encoding,
      title: page.title,
      byline: page.byline,
      knownHeadings: headingsOf(page.blocks),
      structured: true
    })
  }
  return cleanArticle({ rawText: decoded.text, source, encoding: decoded.encoding })
}

/**
 * Loads an article from bytes already in memory (a dropped file, or a file read from disk).
 * Never throws: every bad input is a typed failure with a message for the user.
 */
export function loadArticleFromBytes(
  fileName: string,
  bytes: Uint8Array,
  source: ArticleSource
): Result<Article> {
  try {
    if (bytes.length > MAX_ARTICLE_BYTES) {
      return fail(
        'TOO_LARGE',
        `“${fileName}” is ${formatMegabytes(bytes.length)}; articles can be at most 20 MB.`
      )
    }
    if (bytes.length === 0) return fail('EMPTY', `“${fileName}” is empty: there is no text in it.`)
    const extension = extname(fileName).toLowerCase()
    const knownFormat = FORMAT_BY_EXTENSION.get(extension)
    const decoded = decodeBytes(bytes, knownFormat === 'html' ? declaredHtmlCharset(bytes) : null)
    if (!decoded.ok) {
      const isMagicBinary = detectBinaryFormat(bytes) !== null
      if (knownFormat === undefined && !isMagicBinary) {
        return fail(
          'UNSUPPORTED',
          `“${fileName}” is not a supported file: it does not contain readable text. Quotedeck reads .txt, .md and .html files.`
        )
      }
      return fail(decoded.error.code, `“${fileName}”: ${decoded.error.message}`)
    }
    let { format } = formatFor(fileName, decoded.value.text)
    let value = decoded.value
    if (format === 'html' && knownFormat === undefined) {
      // Sniffed HTML: honour its declared charset like a browser would.
      const charset = declaredHtmlCharset(bytes)
      const redecoded = charset === null ? null : decodeBytes(bytes, charset)
      if (redecoded?.ok) value = redecoded.value
      format = 'html'
    }
    const result = articleFromDecoded(fileName, value, format, source)
    if (!result.ok && result.error.code === 'EMPTY') {
      return fail('EMPTY', `“${fileName}” is empty: there is no text in it.`)
    }
    return result
  } catch (error) {
    return fail('INTERNAL', `“${fileName}” could not be read: ${(error as Error).message}`)
  }
}

function errorCodeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : ''
}

function fileSystemFailure(fileName: string, error: unknown): Result<never> {
  const code = errorCodeOf(error)
  const map: Record<string, [AppErrorCode, string]> = {
    ENOENT: ['NOT_FOUND', `“${fileName}” was not found. It may have been moved or deleted.`],
    ENOTDIR: ['NOT_FOUND', `“${fileName}” was not found. It may have been moved or deleted.`],
    EACCES: ['UNREADABLE', `“${fileName}” cannot be read: permission denied.`],
    EPERM: ['UNREADABLE', `“${fileName}” cannot be read: permission denied.`],
    EISDIR: ['UNREADABLE', `“${fileName}” is a folder, not a file.`]
  }
  const [appCode, message] = map[code] ?? [
    'UNREADABLE',
    `“${fileName}” could not be read${code === '' ? '' : ` (${code})`}.`
  ]
  return fail(appCode, message)
}

/**
 * Loads an article from a file: checks its size with `stat` before reading (over 20 MB fails with
 * `TOO_LARGE`), then decodes and cleans it. Never rejects.
 */
export async function loadArticleFromPath(filePath: string): Promise<Result<Article>> {
  const fileName = basename(filePath)
  try {
    const info = await stat(filePath)
    if (info.isDirectory()) return fail('UNREADABLE', `“${fileName}” is a folder, not a file.`)
    if (!info.isFile()) return fail('UNREADABLE', `“${fileName}” is not a regular file.`)
    if (info.size > MAX_ARTICLE_BYTES) {
      return fail(
        'TOO_LARGE',
        `“${fileName}” is ${formatMegabytes(info.size)}; articles can be at most 20 MB.`
      )
    }
    const bytes = await readFile(filePath)
    return loadArticleFromBytes(fileName, bytes, { kind: 'file', path: filePath, fileName })
  } catch (error) {
    return fileSystemFailure(fileName, error)
  }
}

/**
 * Builds an article from pasted text. The title is the one given, else the first line of the
 * article (cut at a word boundary when long; a first line of page furniture is skipped).
 */
export function articleFromText(text: string, title?: string): Result<Article> {
  if (typeof text !== 'string' || text.trim() === '') {
    return fail('EMPTY', 'The pasted text is empty.')
  }
  return cleanArticle({ rawText: text, source: { kind: 'clipboard' }, encoding: 'utf-8', title })
}

/** Title and byline shipped beside the seed text (the text itself has no headline line). */
export const BUILTIN_ARTICLE_META_FILE = 'seed-article.meta.json'

async function readBuiltinMeta(
  resourcesDir: string
): Promise<{ title: string | null; byline: string | null }> {
  try {
    const meta: unknown = JSON.parse(
      await readFile(join(resourcesDir, BUILTIN_ARTICLE_META_FILE), 'utf8')
    )
    const record = (typeof meta === 'object' && meta !== null ? meta : {}) as Record<
      string,
      unknown
    >
    return {
      title: typeof record.title === 'string' ? record.title : null,
      byline: typeof record.byline === 'string' ? record.byline : null
    }
  } catch {
    // The metadata is a nicety: without it the title comes from the text as for any article.
    return { title: null, byline: null }
  }
}

/** Loads the built-in seed article that ships in the resources directory. */
export async function loadBuiltinArticle(resourcesDir: string): Promise<Result<Article>> {
  const filePath = join(resourcesDir, BUILTIN_ARTICLE_FILE)
  try {
    const bytes = await readFile(filePath)
    const decoded = decodeBytes(bytes)
    if (!decoded.ok) return decoded
    const meta = await readBuiltinMeta(resourcesDir)
    return cleanArticle({
      rawText: decoded.value.text,
      source: { kind: 'builtin', name: BUILTIN_ARTICLE_FILE },
      encoding: decoded.value.encoding,
      title: meta.title,
      byline: meta.byline
    })
  } catch (error) {
    return fileSystemFailure(BUILTIN_ARTICLE_FILE, error)
  }
}
