import { describe, expect, it } from 'vitest'
import {
  nameMatchesSpeaker,
  normalizeName,
  resolveTypedName,
  slugify,
  surnameOf
} from '../../../src/core/extract'
import type { Speaker } from '../../../src/core/extract/types'

function speaker(
  id: string,
  name: string,
  aliases: string[],
  kind: Speaker['kind'] = 'person'
): Speaker {
  return { id, name, aliases, role: null, kind, mentions: [], quoteCount: 0 }
}

const speakers = [
  speaker('lin-wei', 'Lin Wei', ['Lin', 'Foreign Minister Lin Wei']),
  speaker('lin-hao', 'Lin Hao', []),
  speaker('maria-lopez', 'María López', ['Ms López']),
  speaker('harbour-board', 'Harbour Board', ['the board'], 'organisation')
]

describe('normalizeName', () => {
  it('folds case, accents, apostrophes, possessives and courtesy titles', () => {
    expect(normalizeName('Mr. José O’Neill’s')).toBe("jose o'neill")
    expect(normalizeName('  DR  Ana  Ruiz ')).toBe('ana ruiz')
  })

  it('keeps a lone title word', () => {
    expect(normalizeName('Lord')).toBe('lord')
  })
})

describe('slugify and surnameOf', () => {
  it('makes ids and finds the family name', () => {
    expect(slugify('Brian M. Good')).toBe('brian-m-good')
    expect(surnameOf('Brian M. Good')).toBe('good')
  })
})

describe('resolveTypedName', () => {
  it('matches a full name, an alias or an unambiguous surname, ignoring case and accents', () => {
    expect(resolveTypedName('maria lopez', speakers)).toBe('maria-lopez')
    expect(resolveTypedName('López', speakers)).toBe('maria-lopez')
    expect(resolveTypedName('Mrs Lopez', speakers)).toBe('maria-lopez')
    expect(resolveTypedName('foreign minister lin wei', speakers)).toBe('lin-wei')
    expect(resolveTypedName('Harbour Board', speakers)).toBe('harbour-board')
  })

  it('refuses a name that two speakers share, unless it is an alias of one of them', () => {
    expect(resolveTypedName('Wei', speakers)).toBe('lin-wei')
    expect(resolveTypedName('Lin', speakers)).toBe('lin-wei')
    const noAlias = speakers.map((s) => (s.id === 'lin-wei' ? { ...s, aliases: [] } : s))
    expect(resolveTypedName('Lin', noAlias)).toBeNull()
  })

  it('returns null for unknown or empty names', () => {
    expect(resolveTypedName('Nobody Here', speakers)).toBeNull()
    expect(resolveTypedName('   ', speakers)).toBeNull()
  })
})

describe('nameMatchesSpeaker', () => {
  it('says whether a typed name means the given speaker', () => {
    expect(nameMatchesSpeaker('hao', speakers[1], speakers)).toBe(true)
    expect(nameMatchesSpeaker('Lin Wei', speakers[1], speakers)).toBe(false)
    expect(nameMatchesSpeaker('the board', speakers[3], speakers)).toBe(true)
  })
})
