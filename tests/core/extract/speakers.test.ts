import { describe, expect, it } from 'vitest'
import { extractArticle } from '../../../src/core/extract'
import type { Speaker } from '../../../src/core/extract/types'
import { makeArticle } from './make-article'

function speakers(text: string): Speaker[] {
  return extractArticle(makeArticle(text)).speakers
}

function byName(list: Speaker[], name: string): Speaker {
  const s = list.find((x) => x.name === name)
  if (!s) throw new Error(`no speaker ${name} in ${list.map((x) => x.name).join(', ')}`)
  return s
}

describe('speakers', () => {
  it('takes the role from capitalised titles before the name', () => {
    const s = byName(
      speakers('Finance Minister Olga Petrova said the deficit had narrowed.'),
      'Olga Petrova'
    )
    expect(s.role).toBe('Finance Minister')
    expect(s.kind).toBe('person')
    expect(s.aliases).toContain('Finance Minister Olga Petrova')
  })

  it('takes the role from a lower-case pre-modifier with a possessive', () => {
    const s = byName(
      speakers('The talks were led by Norway’s chief negotiator Eirik Dahl in Oslo.'),
      'Eirik Dahl'
    )
    expect(s.role).toBe('Norway’s chief negotiator')
  })

  it('takes the role from "then-" titles', () => {
    const s = byName(
      speakers('The law was signed by then-Governor Paula Reyes in 2019.'),
      'Paula Reyes'
    )
    expect(s.role).toBe('then-Governor')
  })

  it('takes the role from an appositive before or after the name', () => {
    const list = speakers(
      'She met the country’s minister of health, Tariq Aziz, on Friday.\n\nLater, Ines Holt, a spokeswoman for the port, said nothing had changed.'
    )
    expect(byName(list, 'Tariq Aziz').role).toBe('country’s minister of health')
    expect(byName(list, 'Ines Holt').role).toBe('spokeswoman for the port')
  })

  it('collects the aliases the article uses and every mention', () => {
    const text =
      'Professor Hana Sato led the study.\n\nSato said the results were clear. Ms Sato later left.'
    const article = makeArticle(text)
    const s = byName(extractArticle(article).speakers, 'Hana Sato')
    expect(s.aliases).toEqual(expect.arrayContaining(['Sato', 'Ms Sato', 'Professor Hana Sato']))
    expect(s.mentions.map((m) => article.text.slice(m.start, m.end))).toEqual([
      'Hana Sato',
      'Sato',
      'Sato'
    ])
  })

  it('ends a person’s name before "of" an institution', () => {
    const list = speakers('"We have time," said Prof Hana Lee of Northfield University.')
    expect(list.map((s) => [s.name, s.kind])).toEqual([['Hana Lee', 'person']])
  })

  it('counts quotes per speaker and gives stable slug ids', () => {
    const x = extractArticle(
      makeArticle('"Yes," said Ada Rask. "No," Rask added. "Maybe," said Bo Lind.')
    )
    expect(byName(x.speakers, 'Ada Rask')).toMatchObject({ id: 'ada-rask', quoteCount: 2 })
    expect(byName(x.speakers, 'Bo Lind').quoteCount).toBe(1)
  })

  it('does not list places or capitalised phrases that never act as people', () => {
    const list = speakers(
      'Kim Osei flew from San Diego to New Orleans for the Jazz Festival.\n\nOsei said the trip was long.'
    )
    expect(list.map((s) => s.name)).toEqual(['Kim Osei'])
  })

  it('lists an organisation only when it speaks', () => {
    const list = speakers(
      'Shares in Veltro Group fell.\n\nMarla Quinn, who owns shares, was calm. Nordbank said it would wait.'
    )
    expect(list.map((s) => [s.name, s.kind])).toEqual([
      ['Marla Quinn', 'person'],
      ['Nordbank', 'organisation']
    ])
  })
})
