import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cleanArticle } from '../../../src/core/article/clean'
import type { Article } from '../../../src/core/article/types'
import { extractArticle } from '../../../src/core/extract'
import type { Extraction } from '../../../src/core/extract/types'

function seedArticle(): Article {
  const raw = readFileSync(join(__dirname, '../../../resources/seed-article.txt'), 'utf8')
  const result = cleanArticle({
    rawText: raw,
    source: { kind: 'builtin', name: 'seed-article.txt' },
    encoding: 'utf-8'
  })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

/** Quote start → speaker name, as in the seed's gold annotation (resources/seed-article.txt). */
const GOLD: [string, string][] = [
  ['I reiterated our serious concern', 'Antony Blinken'],
  ['China is the top supplier of machine tools', 'Antony Blinken'],
  ['having a material effect in Ukraine', 'Antony Blinken'],
  ['not a producer of or party involved', 'China'],
  ['This is a fundamental issue', 'Xi Jinping'],
  ['giant ship', 'Wang Yi'],
  ['but negative factors in the relationship', 'Wang Yi'],
  ['endless', 'Wang Yi'],
  ['And the relationship is facing all kinds of disruptions', 'Wang Yi'],
  ['red lines', 'Wang Yi'],
  ['more needs to be done.', 'Antony Blinken']
]

function speakerName(x: Extraction, textStart: string): string | null {
  const q = x.quotes.find((quote) => quote.text.startsWith(textStart))
  if (!q) throw new Error(`quote not found: ${textStart}`)
  return q.speaker === null ? null : (x.speakers.find((s) => s.id === q.speaker)?.name ?? null)
}

describe('seed article (golden)', () => {
  const article = seedArticle()
  const x = extractArticle(article)

  it.each(GOLD)('finds “%s…” said by %s', (start, name) => {
    expect(speakerName(x, start)).toBe(name)
  })

  it('leaves the scare quote and the sub-heading unattributed', () => {
    expect(speakerName(x, 'no limits')).toBeNull()
    const heading = x.quotes.find((q) => q.text === 'All kinds of disruptions')
    expect(heading === undefined || heading.speaker === null).toBe(true)
  })

  it('tells Wang Yi from Wang Xiaohong by role', () => {
    const wangYi = x.speakers.find((s) => s.name === 'Wang Yi')
    const wangXiaohong = x.speakers.find((s) => s.name === 'Wang Xiaohong')
    expect(wangYi?.role).toBe('China’s top diplomat')
    expect(wangYi?.aliases).toContain('Wang')
    expect(wangYi?.quoteCount).toBe(5)
    expect(wangXiaohong?.role).toBe('China’s minister of public security')
    expect(wangXiaohong?.quoteCount).toBe(0)
  })

  it('gives the other speakers their roles and aliases', () => {
    const blinken = x.speakers.find((s) => s.name === 'Antony Blinken')
    expect(blinken?.role).toBe('U.S. Secretary of State')
    expect(blinken?.aliases).toEqual(
      expect.arrayContaining(['Blinken', 'U.S. Secretary of State Antony Blinken'])
    )
    expect(x.speakers.find((s) => s.name === 'Xi Jinping')?.role).toBe('Chinese President')
    expect(x.speakers.find((s) => s.name === 'Nancy Pelosi')?.role).toBe('then-House Speaker')
    expect(x.speakers.find((s) => s.name === 'China')?.kind).toBe('organisation')
  })

  it('finds the gold figures and none from the removed chrome', () => {
    const texts = x.figures.map((f) => f.text)
    expect(texts).toEqual(
      expect.arrayContaining([
        'five-and-a-half hours',
        '2022',
        'February 2023',
        '$8 billion US',
        '$61 billion'
      ])
    )
    expect(texts.some((t) => t.includes('October 2023') || t.includes('23:36'))).toBe(false)
    expect(x.figures.find((f) => f.text === 'five-and-a-half hours')).toMatchObject({
      kind: 'duration',
      value: 5.5,
      unit: 'hours'
    })
    expect(x.figures.find((f) => f.text === '$8 billion US')).toMatchObject({
      value: 8e9,
      unit: 'USD'
    })
    expect(x.figures.find((f) => f.text === 'February 2023')?.iso).toBe('2023-02')
    expect(x.figures.find((f) => f.text.startsWith('billions'))?.vague).toBe(true)
  })

  it('gives offsets that slice the cleaned text exactly', () => {
    for (const q of x.quotes) expect(article.text.slice(q.start, q.end)).toBe(q.text)
    for (const f of x.figures) expect(article.text.slice(f.start, f.end)).toBe(f.text)
  })
})
