import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import type { Article } from '../../../src/core/article/types'
import {
  decodeBytes,
  legacyEncodingFor,
  loadArticleFromBytes,
  utf16ByteOrder
} from '../../../src/main/services/article-loader'
import type { Result } from '../../../src/shared/result'

/**
 * One UTF-8 original per script; each fixture is generated from it here with iconv-lite, loaded
 * as a file would be, and must give back exactly the article the UTF-8 original gives.
 */
const ORIGINALS = {
  english:
    '“Café society,” she said — it’s back.\n\nThe naïve critics were wrong about the façade, the mayor told reporters on Monday.\n',
  latin1:
    'Le café de la gare a rouvert à Genève, où les élèves étaient déjà là.\n\nÇa a été une très belle journée pour les habitués du quartier, a dit le maire.\n',
  polish:
    'Burmistrz powiedział w poniedziałek, że nowy most zostanie otwarty wiosną.\n\n"To zmieni miasto" - powiedział dziennikarzom. Mieszkańcy są zadowoleni, ale martwią się kosztami.\n',
  polishQuoted:
    'Burmistrz powiedział w poniedziałek, że nowy most zostanie otwarty wiosną.\n\n„To zmieni miasto” — powiedział dziennikarzom. Mieszkańcy są zadowoleni, ale martwią się kosztami.\n',
  russian:
    'Мэр города заявил в понедельник, что новый мост откроется весной.\n\n"Это изменит город", - сказал он журналистам. Многие жители рады, но опасаются расходов.\n',
  greek:
    'Ο δήμαρχος δήλωσε τη Δευτέρα ότι η νέα γέφυρα θα ανοίξει την άνοιξη.\n\n"Θα αλλάξει την πόλη", είπε στους δημοσιογράφους. Πολλοί κάτοικοι χάρηκαν.\n',
  japanese:
    '東京都は月曜日、新しい橋の開通を発表した。\n\n市長は「この橋は街を変える」と述べた。住民の多くは歓迎しているが、費用について懸念の声もある。\n',
  chinese:
    '市长周一表示，新桥将于春季开通。\n\n“这座桥将改变城市，”他对记者说。许多居民表示欢迎，但也有人担心费用问题。\n',
  traditional:
    '市長週一表示，新橋將於春季開通。\n\n「這座橋將改變城市，」他對記者說。許多居民表示歡迎，但也有人擔心費用問題。\n',
  korean:
    '시장은 월요일에 새 다리가 봄에 개통될 것이라고 말했다.\n\n"이 다리는 도시를 바꿀 것"이라고 그는 기자들에게 말했다. 많은 주민들이 환영했지만 비용에 대한 우려도 있었다.\n'
} as const

const CASES: readonly [encoding: string, original: keyof typeof ORIGINALS, expected: string][] = [
  ['windows-1252', 'english', 'windows-1252'],
  ['iso-8859-1', 'latin1', 'iso-8859-1'],
  ['iso-8859-2', 'polish', 'iso-8859-2'],
  ['windows-1250', 'polishQuoted', 'windows-1250'],
  ['iso-8859-5', 'russian', 'iso-8859-5'],
  ['windows-1251', 'russian', 'windows-1251'],
  ['koi8-r', 'russian', 'koi8-r'],
  ['iso-8859-7', 'greek', 'iso-8859-7'],
  ['shift_jis', 'japanese', 'shift_jis'],
  ['euc-jp', 'japanese', 'euc-jp'],
  ['gb18030', 'chinese', 'gb18030'],
  ['big5', 'traditional', 'big5'],
  ['euc-kr', 'korean', 'euc-kr'],
  ['utf-16le', 'english', 'utf-16le-no-bom'],
  ['utf-16be', 'english', 'utf-16be-no-bom'],
  ['utf-16le', 'russian', 'utf-16le-no-bom']
]

function expectArticle(result: Result<Article>): Article {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

/** The same article, loaded from its UTF-8 bytes: what every other encoding must reproduce. */
function fromUtf8(text: string): Article {
  return expectArticle(
    loadArticleFromBytes('a.txt', Buffer.from(text, 'utf8'), { kind: 'clipboard' })
  )
}

describe('encoding fixtures round-tripped from a UTF-8 original', () => {
  it.each(CASES)('%s (%s text)', (encoding, original, expected) => {
    const text = ORIGINALS[original].repeat(2)
    const bytes = iconv.encode(text, encoding)
    // The fixture really is in that encoding, not accidentally valid UTF-8 or ASCII.
    expect(iconv.decode(bytes, encoding)).toBe(text)
    expect(Buffer.from(bytes).equals(Buffer.from(text, 'utf8'))).toBe(false)
    const article = expectArticle(loadArticleFromBytes('a.txt', bytes, { kind: 'clipboard' }))
    expect(article.encoding).toBe(expected)
    const reference = fromUtf8(text)
    expect(article.text).toBe(reference.text)
    expect(article.id).toBe(reference.id)
  })

  it('UTF-8 with and without a BOM gives the same article', () => {
    const text = ORIGINALS.japanese
    const plain = expectArticle(
      loadArticleFromBytes('a.txt', Buffer.from(text, 'utf8'), { kind: 'clipboard' })
    )
    const bom = expectArticle(
      loadArticleFromBytes(
        'a.txt',
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
        { kind: 'clipboard' }
      )
    )
    expect([plain.encoding, bom.encoding]).toEqual(['utf-8', 'utf-8-bom'])
    expect(bom.text).toBe(plain.text)
  })
})

describe('HTML <meta charset>', () => {
  const page = (charset: string, body: string): string =>
    `<!doctype html><html><head><meta charset="${charset}"><title>Bridge</title></head><body><article><h1>Bridge</h1>${body
      .split('\n\n')
      .map((paragraph) => `<p>${paragraph.trim()}</p>`)
      .join('')}</article></body></html>`

  it('is honoured when it disagrees with a low-confidence guess', () => {
    // A short Windows-1251 page: chardet's guess is weak (and may name another Cyrillic code page).
    const html = page('windows-1251', ORIGINALS.russian.repeat(3))
    const bytes = iconv.encode(html, 'windows-1251')
    const decoded = decodeBytes(bytes, 'windows-1251')
    expect(decoded.ok && decoded.value.encoding).toBe('windows-1251')
    expect(decoded.ok && decoded.value.text).toBe(html)
    const article = expectArticle(loadArticleFromBytes('page.html', bytes, { kind: 'clipboard' }))
    expect(article.text).toContain('Мэр города заявил в понедельник')
    expect(article.encoding).toBe('windows-1251')
  })

  it('loses to a certain guess: Shift_JIS bytes declared as EUC-KR are read as Shift_JIS', () => {
    const html = page('euc-kr', ORIGINALS.japanese.repeat(3))
    const bytes = iconv.encode(html, 'shift_jis')
    const decoded = decodeBytes(bytes, 'euc-kr')
    expect(decoded.ok && decoded.value).toEqual({ text: html, encoding: 'shift_jis' })
  })

  it('a declared charset this app does not know falls back to detection', () => {
    const bytes = iconv.encode(ORIGINALS.korean.repeat(3), 'euc-kr')
    const decoded = decodeBytes(bytes, 'x-unknown-charset')
    expect(decoded.ok && decoded.value.encoding).toBe('euc-kr')
  })
})

describe('UTF-16 zero-byte pattern', () => {
  it('recognises the byte order and nothing else', () => {
    expect(utf16ByteOrder(Buffer.from('Hello there, world', 'utf16le'))).toBe('le')
    expect(utf16ByteOrder(iconv.encode('Hello there, world', 'utf-16be'))).toBe('be')
    expect(utf16ByteOrder(Buffer.from('Hello there, world', 'utf8'))).toBeNull()
    expect(utf16ByteOrder(Buffer.from('text\u0000with a NUL byte', 'utf8'))).toBeNull()
    expect(utf16ByteOrder(new Uint8Array(100))).toBeNull()
    expect(utf16ByteOrder(Buffer.from([0x41]))).toBeNull()
  })

  it('binary data that happens to be UTF-16-shaped is still refused when it is controls', () => {
    const bytes = new Uint8Array(200)
    for (let index = 0; index < bytes.length; index += 2) bytes[index] = 1 + (index % 20)
    const decoded = decodeBytes(bytes)
    expect(decoded.ok ? 'ok' : decoded.error.code).toBe('BINARY')
  })
})

describe('legacyEncodingFor', () => {
  it.each([
    ['Shift_JIS', 'shift_jis'],
    ['SJIS', 'shift_jis'],
    ['EUC-JP', 'euc-jp'],
    ['GB2312', 'gb18030'],
    ['GBK', 'gb18030'],
    ['Big5', 'big5'],
    ['EUC-KR', 'euc-kr'],
    ['KOI8-R', 'koi8-r'],
    ['ISO-8859-15', 'iso-8859-15'],
    ['iso8859-2', 'iso-8859-2'],
    ['cp1251', 'windows-1251'],
    ['windows-1256', 'windows-1256']
  ])('%s → %s', (label, expected) => {
    expect(legacyEncodingFor(label)).toBe(expected)
  })

  it('unknown labels give null', () => {
    expect(legacyEncodingFor('iso-2022-jp')).toBeNull()
    expect(legacyEncodingFor('x-made-up')).toBeNull()
  })
})
