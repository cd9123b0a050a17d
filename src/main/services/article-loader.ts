import { readFile, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import chardet from 'chardet'
import iconv from 'iconv-lite'
import { cleanArticle, countWords } from '../../core/article/clean'
import { markdownToBlocks, type TextBlock } from '../../core/article/markdown'
import type {
  Article,
  ArticleSource,
  LegacyEncodingName,
  TextEncodingName
} from '../../core/article/types'
import type { ArticleLoadStage } from '../../shared/article-load'
import { fail, ok, type AppErrorCode, type Result } from '../../shared/result'
import { extractHtmlArticle } from './html-article'

/** Largest article file we read (50 MB); bigger files are refused before reading. */
export const MAX_ARTICLE_BYTES = 50 * 1024 * 1024
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

/** Bytes handed to chardet: detection of a 20 MB file on all of it takes seconds. */
const DETECTION_SAMPLE_BYTES = 256 * 1024
/**
 * chardet confidence (0–100) below which a guess is "low": an HTML page's own `<meta charset>`
 * then wins over it. Single-byte guesses score 40–60 on real text; multi-byte ones score 100.
 */
const LOW_CONFIDENCE = 60
/** Bytes looked at for the UTF-16 zero-byte pattern. */
const UTF16_SAMPLE_BYTES = 4096
/**
 * Share of the code units whose zero byte marks UTF-16 without a BOM. Latin text has a zero in
 * nearly every unit; Cyrillic, Greek or Hebrew text still has one in every space and digit.
 */
const UTF16_ZERO_SHARE = 0.1
/**
 * Share of the bytes at the other parity that may be zero (U+xx00 characters are rare), so 8-bit
 * data with scattered NULs is not taken for UTF-16.
 */
const UTF16_OTHER_ZERO_SHARE = 0.02

/** Share of the high bytes of UTF-16 code units that its two most common values must cover. */
const UTF16_HIGH_BYTE_CONCENTRATION = 0.8

/** Share of the bytes at `parity` (0 even, 1 odd) taken by their two most common values. */
function topTwoShare(bytes: Uint8Array, parity: 0 | 1, length: number): number {
  const counts = new Uint32Array(256)
  for (let index = parity; index < length; index += 2) counts[bytes[index]] += 1
  const sorted = Array.from(counts).sort((a, b) => b - a)
  return (sorted[0] + sorted[1]) / (length / 2)
}

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
 * UTF-16 without a BOM, recognised from its zero bytes: mostly-ASCII text in UTF-16 LE has a zero
 * at every odd offset, in UTF-16 BE at every even offset. Returns the byte order, or `null`.
 */
export function utf16ByteOrder(bytes: Uint8Array): 'le' | 'be' | null {
  const length = Math.min(bytes.length, UTF16_SAMPLE_BYTES) & ~1
  if (length < 4) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let index = 0; index < length; index += 2) {
    if (bytes[index] === 0) evenZeros += 1
    if (bytes[index + 1] === 0) oddZeros += 1
  }
  const pairs = length / 2
  // One stray NUL in a short 8-bit text is not a pattern: at least two zeros are needed. And the
  // high bytes of real UTF-16 are few distinct values (0 and one script block, e.g. 0x04 for
  // Cyrillic), where 8-bit text with NULs has letters of every kind at that parity.
  const isPattern = (zeros: number, otherZeros: number, parity: 0 | 1): boolean =>
    zeros >= 2 &&
    zeros / pairs >= UTF16_ZERO_SHARE &&
    otherZeros / pairs <= UTF16_OTHER_ZERO_SHARE &&
    topTwoShare(bytes, parity, length) >= UTF16_HIGH_BYTE_CONCENTRATION
  if (isPattern(oddZeros, evenZeros, 1)) return 'le'
  if (isPattern(evenZeros, oddZeros, 0)) return 'be'
  return null
}

/** Maps a charset label (chardet's name or an HTML declaration) to an encoding we decode. */
export function legacyEncodingFor(label: string): LegacyEncodingName | null {
  const name = label.toLowerCase().replace(/_/gu, '-')
  const aliases: Record<string, LegacyEncodingName> = {
    'shift-jis': 'shift_jis',
    sjis: 'shift_jis',
    'x-sjis': 'shift_jis',
    'windows-31j': 'shift_jis',
    'euc-jp': 'euc-jp',
    gb18030: 'gb18030',
    gbk: 'gb18030',
    gb2312: 'gb18030',
    'x-gbk': 'gb18030',
    big5: 'big5',
    'big5-hkscs': 'big5',
    'euc-kr': 'euc-kr',
    'ks-c-5601-1987': 'euc-kr',
    'koi8-r': 'koi8-r'
  }
  const alias = aliases[name]
  if (alias !== undefined) return alias
  const iso = /^iso-?8859-(\d{1,2})$/u.exec(name)
  if (iso !== null && iconv.encodingExists(`iso-8859-${iso[1]}`)) {
    return `iso-8859-${Number(iso[1])}`
  }
  const windows = /^(?:windows-|cp)125(\d)$/u.exec(name)
  if (windows !== null) return `windows-125${Number(windows[1])}`
  return null
}

/** chardet's best guess for `bytes`, with its confidence (0–100). */
function guessEncoding(bytes: Uint8Array): { name: string; confidence: number } | null {
  const [best] = chardet.analyse(detectionSample(bytes))
  return best === undefined ? null : { name: best.name.toLowerCase(), confidence: best.confidence }
}

function decodeLegacy(bytes: Uint8Array, encoding: LegacyEncodingName): DecodedText {
  return { text: iconv.decode(Buffer.from(bytes), encoding), encoding }
}

/** Decodes with a Latin label (ISO-8859-1 or Windows-1252), or another legacy encoding. */
function decodeLabelled(bytes: Uint8Array, label: string): DecodedText | null {
  if (LATIN1_LABELS.has(label)) return decodeSingleByte(bytes, 'iso-8859-1')
  if (WINDOWS_1252_LABELS.has(label)) return decodeSingleByte(bytes, 'windows-1252')
  const legacy = legacyEncodingFor(label)
  return legacy === null ? null : decodeLegacy(bytes, legacy)
}

/**
 * Decodes file bytes: BOMs first (UTF-8, UTF-16 LE/BE), then UTF-16 without a BOM from its
 * zero-byte pattern, then strict UTF-8, then a legacy encoding detected with chardet and decoded
 * with iconv-lite (Windows-125x, ISO-8859-x, Shift_JIS, EUC-JP, GB18030, Big5, EUC-KR, KOI8-R).
 * An HTML page's declared charset wins over a low-confidence guess. Binary data fails with
 * `BINARY`; an encoding iconv-lite cannot decode (ISO-2022, UTF-32) with `UNSUPPORTED`.
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
  const notText = (): Result<DecodedText> =>
    fail('BINARY', 'This file does not look like text: it is full of control characters.')
  const checked = (decoded: DecodedText): Result<DecodedText> =>
    controlCharRatio(decoded.text) > MAX_CONTROL_CHAR_RATIO ? notText() : ok(decoded)

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
  const byteOrder = utf16ByteOrder(bytes)
  if (byteOrder !== null) {
    const text = iconv.decode(Buffer.from(bytes), byteOrder === 'le' ? 'utf-16le' : 'utf-16be')
    return checked({ text, encoding: byteOrder === 'le' ? 'utf-16le-no-bom' : 'utf-16be-no-bom' })
  }
  if (bytes.includes(0)) {
    return fail(
      'BINARY',
      'This file contains binary data (NUL bytes), so it is not a text article.'
    )
  }
  if (
    htmlCharset !== null &&
    (LATIN1_LABELS.has(htmlCharset) || WINDOWS_1252_LABELS.has(htmlCharset))
  ) {
    return checked(
      decodeSingleByte(bytes, WINDOWS_1252_LABELS.has(htmlCharset) ? 'windows-1252' : 'iso-8859-1')
    )
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return checked({ text, encoding: 'utf-8' })
  } catch {
    // Not UTF-8: a legacy encoding.
  }
  const guess = guessEncoding(bytes)
  const declared = htmlCharset === null ? null : decodeLabelled(bytes, htmlCharset)
  if (declared !== null && (guess === null || guess.confidence < LOW_CONFIDENCE)) {
    return checked(declared)
  }
  const detected = guess?.name ?? ''
  if (/^(?:iso-2022|utf-16|utf-32)/u.test(detected)) {
    return fail(
      'UNSUPPORTED',
      `This file seems to use the ${detected.toUpperCase()} encoding, which Quotedeck cannot read. Save it as UTF-8 and try again.`
    )
  }
  if (detected !== 'iso-8859-1' && detected !== 'windows-1252') {
    const legacy = legacyEncodingFor(detected)
    if (legacy !== null) return checked(decodeLegacy(bytes, legacy))
  }
  const label = detected === 'iso-8859-1' && !hasC1Bytes(bytes) ? 'iso-8859-1' : 'windows-1252'
  return checked(decodeSingleByte(bytes, label))
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

/** Told when a load moves on to its next step (the worker thread posts it to the page). */
export type LoadStageListener = (stage: ArticleLoadStage) => void

/** Builds an article from decoded text in a given format. */
function articleFromDecoded(
  fileName: string,
  decoded: DecodedText,
  format: ArticleFormat,
  source: ArticleSource,
  onStage: LoadStageListener
): Result<Article> {
  if (decoded.text.trim() === '') {
    return fail('EMPTY', `“${fileName}” is empty: there is no text in it.`)
  }
  if (format === 'markdown') {
    const { blocks, title } = markdownToBlocks(decoded.text)
    if (blocks.length === 0)
      return fail('EMPTY', `“${fileName}” has no text, only Markdown syntax.`)
    onStage('cleaning')
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
    onStage('reading-page')
    const page = extractHtmlArticle(decoded.text)
    const words = page === null ? 0 : countWords(blocksToText(page.blocks))
    if (page === null || words < MIN_HTML_ARTICLE_WORDS) {
      return fail('NO_ARTICLE', `No readable article was found in “${fileName}”.`)
    }
    onStage('cleaning')
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
  onStage('cleaning')
  return cleanArticle({ rawText: decoded.text, source, encoding: decoded.encoding })
}

/**
 * Loads an article from bytes already in memory (a dropped file, or a file read from disk).
 * Never throws: every bad input is a typed failure with a message for the user. `onStage` hears
 * each step as it starts (decoding, reading the page, cleaning).
 */
export function loadArticleFromBytes(
  fileName: string,
  bytes: Uint8Array,
  source: ArticleSource,
  onStage: LoadStageListener = () => undefined
): Result<Article> {
  try {
    if (bytes.length > MAX_ARTICLE_BYTES) {
      return fail(
        'TOO_LARGE',
        `“${fileName}” is ${formatMegabytes(bytes.length)}; articles can be at most 50 MB.`
      )
    }
    if (bytes.length === 0) return fail('EMPTY', `“${fileName}” is empty: there is no text in it.`)
    const extension = extname(fileName).toLowerCase()
    const knownFormat = FORMAT_BY_EXTENSION.get(extension)
    onStage('decoding')
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
    const result = articleFromDecoded(fileName, value, format, source, onStage)
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
    EISDIR: ['UNREADABLE', `“${fileName}” is a folder, not a file.`],
    ELOOP: ['UNREADABLE', `“${fileName}” is a link that leads back to itself, not a file.`],
    ENAMETOOLONG: ['NOT_FOUND', `“${fileName}” was not found: its name is too long.`]
  }
  const [appCode, message] = map[code] ?? [
    'UNREADABLE',
    `“${fileName}” could not be read${code === '' ? '' : ` (${code})`}.`
  ]
  return fail(appCode, message)
}

/** Turns a file's bytes into an article: `loadArticleFromBytes`, inline or in a worker thread. */
export type BytesLoader = (
  fileName: string,
  bytes: Uint8Array,
  source: ArticleSource
) => Result<Article> | Promise<Result<Article>>

/**
 * Loads an article from a file: checks its size with `stat` before reading (over 50 MB fails with
 * `TOO_LARGE`), then decodes and cleans it with `loadBytes` (default inline). Never rejects.
 */
export async function loadArticleFromPath(
  filePath: string,
  loadBytes: BytesLoader = loadArticleFromBytes
): Promise<Result<Article>> {
  const fileName = basename(filePath)
  try {
    const info = await stat(filePath)
    if (info.isDirectory()) return fail('UNREADABLE', `“${fileName}” is a folder, not a file.`)
    if (!info.isFile()) return fail('UNREADABLE', `“${fileName}” is not a regular file.`)
    if (info.size > MAX_ARTICLE_BYTES) {
      return fail(
        'TOO_LARGE',
        `“${fileName}” is ${formatMegabytes(info.size)}; articles can be at most 50 MB.`
      )
    }
    const bytes = await readFile(filePath)
    return await loadBytes(fileName, bytes, { kind: 'file', path: filePath, fileName })
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
