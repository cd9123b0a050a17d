import { describe, expect, it } from 'vitest'
import { repairMojibake } from '../../../src/core/article/mojibake'

/** Simulates the bug: UTF-8 bytes read as Windows-1252. */
function asWindows1252Mojibake(text: string): string {
  const cp1252 = new Map<number, string>([
    [0x80, '€'],
    [0x82, '‚'],
    [0x83, 'ƒ'],
    [0x84, '„'],
    [0x85, '…'],
    [0x86, '†'],
    [0x87, '‡'],
    [0x88, 'ˆ'],
    [0x89, '‰'],
    [0x8a, 'Š'],
    [0x8b, '‹'],
    [0x8c, 'Œ'],
    [0x8e, 'Ž'],
    [0x91, '‘'],
    [0x92, '’'],
    [0x93, '“'],
    [0x94, '”'],
    [0x95, '•'],
    [0x96, '–'],
    [0x97, '—'],
    [0x98, '˜'],
    [0x99, '™'],
    [0x9a, 'š'],
    [0x9b, '›'],
    [0x9c, 'œ'],
    [0x9e, 'ž'],
    [0x9f, 'Ÿ']
  ])
  return [...new TextEncoder().encode(text)]
    .map((byte) => cp1252.get(byte) ?? String.fromCharCode(byte))
    .join('')
}

describe('repairMojibake', () => {
  it.each([
    ['Itâ€™s', 'It’s'],
    ['â€˜quotedâ€™', '‘quoted’'],
    ['â€œHelloâ€\u009d', '“Hello”'],
    ['â€œHelloâ€ she said', '“Hello” she said'],
    ['â€œHelloâ€\ufffd she said', '“Hello” she said'],
    ['waitâ€¦', 'wait…'],
    ['2010â€“2012', '2010–2012'],
    ['yes â€” no', 'yes — no'],
    ['cafÃ©', 'café'],
    ['Â£5', '£5'],
    ['10Â°C', '10°C'],
    ['nitrocelluloseÂ\u00a0â€” which', 'nitrocellulose\u00a0— which'],
    ['â‚¬20', '€20'],
    ['Brandâ„¢', 'Brand™']
  ])('repairs %j', (broken, fixed) => {
    expect(repairMojibake(broken).text).toBe(fixed)
    expect(repairMojibake(broken).repairs).toBeGreaterThan(0)
  })

  it('repairs every character of a round-tripped sentence', () => {
    const original = 'Zoë’s “naïve” café — 10 €, ½ price… • señor Müller ©'
    expect(repairMojibake(asWindows1252Mojibake(original)).text).toBe(original)
  })

  it('removes a stray Â at the end of the text, alone on a line, or before whitespace', () => {
    expect(repairMojibake('he said.Â').text).toBe('he said.')
    expect(repairMojibake('he said.Â\n').text).toBe('he said.\n')
    expect(repairMojibake('one\nÂ\ntwo').text).toBe('one\n\ntwo')
    expect(repairMojibake('wordÂ next').text).toBe('word next')
  })

  it('leaves correct text, including Â inside uppercase words, untouched', () => {
    const clean = 'CHÂTEAU, Âge, café, São Paulo, “quotes” — and no-break\u00a0spaces… 10 €'
    expect(repairMojibake(clean)).toEqual({ text: clean, repairs: 0 })
  })
})
