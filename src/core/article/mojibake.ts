/**
 * Repair of mojibake: UTF-8 text that was decoded as Windows-1252 (or ISO-8859-1) somewhere
 * upstream, e.g. `’` shown as `â€™`. The repair re-encodes the suspicious characters to the bytes
 * they came from and decodes those bytes as UTF-8 again, so it covers every character of the
 * affected ranges, not a fixed list.
 */

/** Windows-1252 bytes 0x80–0x9F that map to characters outside Latin-1. */
const CP1252_HIGH_BYTES: ReadonlyMap<string, number> = new Map([
  ['€', 0x80],
  ['‚', 0x82],
  ['ƒ', 0x83],
  ['„', 0x84],
  ['…', 0x85],
  ['†', 0x86],
  ['‡', 0x87],
  ['ˆ', 0x88],
  ['‰', 0x89],
  ['Š', 0x8a],
  ['‹', 0x8b],
  ['Œ', 0x8c],
  ['Ž', 0x8e],
  ['‘', 0x91],
  ['’', 0x92],
  ['“', 0x93],
  ['”', 0x94],
  ['•', 0x95],
  ['–', 0x96],
  ['—', 0x97],
  ['˜', 0x98],
  ['™', 0x99],
  ['š', 0x9a],
  ['›', 0x9b],
  ['œ', 0x9c],
  ['ž', 0x9e],
  ['Ÿ', 0x9f]
])

/**
 * Lead characters we repair: `Â`/`Ã` (UTF-8 lead bytes C2/C3: Latin-1 letters, no-break space,
 * £, ©, °…) and `â` (E2: quotes, dashes, ellipsis, bullets, €, ™). Other lead bytes are left
 * alone because their mojibake is far rarer than the legitimate text they could be confused with.
 */
const LEAD_BYTES: ReadonlyMap<string, number> = new Map([
  ['Â', 0xc2],
  ['Ã', 0xc3],
  ['â', 0xe2]
])

const RIGHT_DOUBLE_QUOTE = '\u201d'

/** The byte a character had before a Windows-1252/Latin-1 decoder turned it into this char. */
function continuationByte(char: string | undefined): number | null {
  if (char === undefined) return null
  const code = char.charCodeAt(0)
  // C1 controls stand for bytes a 1252 decoder leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D),
  // or for every 0x80–0x9F byte when the text went through ISO-8859-1.
  if (code >= 0x80 && code <= 0xbf) return code
  const byte = CP1252_HIGH_BYTES.get(char)
  return byte === undefined ? null : byte
}

/** Outcome of {@link repairMojibake}. */
export interface MojibakeRepair {
  text: string
  /** Number of mojibake sequences (and stray characters) repaired. */
  repairs: number
}

/**
 * Repairs UTF-8-read-as-1252 sequences and stray `Â` characters.
 * Stray `Â`: the remnant of a no-break space whose second byte was lost or normalised, left at the
 * end of the text, alone on a line, or glued after a word before whitespace.
 */
export function repairMojibake(input: string): MojibakeRepair {
  let repairs = 0
  let out = ''
  let copiedUpTo = 0
  // Jump from lead character to lead character: clean text is copied in slices, not per char.
  const leads = /[ÂÃâ]/gu
  for (let match = leads.exec(input); match !== null; match = leads.exec(input)) {
    const index = match.index
    const lead = LEAD_BYTES.get(input[index]) as number
    const first = continuationByte(input[index + 1])
    if (first === null) continue
    let repaired: string
    let length: number
    if (lead !== 0xe2) {
      repaired = String.fromCharCode(((lead & 0x1f) << 6) | (first & 0x3f))
      length = 2
    } else {
      const second = continuationByte(input[index + 2])
      if (second !== null) {
        repaired = String.fromCharCode(
          ((lead & 0x0f) << 12) | ((first & 0x3f) << 6) | (second & 0x3f)
        )
        length = 3
      } else if (first === 0x80) {
        // `â€` whose third byte (0x9D, undefined in Windows-1252) was dropped or replaced: `”`.
        repaired = RIGHT_DOUBLE_QUOTE
        length = input[index + 2] === '\ufffd' ? 3 : 2
      } else {
        continue
      }
    }
    out += input.slice(copiedUpTo, index) + repaired
    copiedUpTo = index + length
    leads.lastIndex = copiedUpTo
    repairs++
  }
  out += input.slice(copiedUpTo)
  const stray = removeStrayCircumflexA(out)
  return { text: stray.text, repairs: repairs + stray.repairs }
}

/**
 * A lone `Â` at the end of the text, alone on a line, or after a lowercase letter or punctuation and
 * before whitespace, is what is left of a mangled no-break space. An `Â` inside an uppercase word
 * (French `CHÂTEAU`) is left alone.
 */
function removeStrayCircumflexA(input: string): MojibakeRepair {
  let repairs = 0
  const text = input.replace(
    /(^|[^\p{Lu}])\u00c2(?=\s|$)/gmu,
    (_match: string, before: string): string => {
      repairs++
      return before
    }
  )
  return { text, repairs }
}
