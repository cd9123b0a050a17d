import { describe, expect, it } from 'vitest'
import { extractFigures, wordNumber } from '../../../src/core/extract'
import type { Figure } from '../../../src/core/extract/types'
import { makeArticle } from './make-article'

function figures(text: string): Figure[] {
  return extractFigures(makeArticle(text))
}

function one(text: string): Figure {
  const list = figures(text)
  if (list.length !== 1)
    throw new Error(`expected one figure, got ${list.map((f) => f.text).join(' | ')}`)
  return list[0]
}

describe('money', () => {
  it('reads a symbol, a scale word and a trailing currency code', () => {
    const f = one('The council approved $12 billion US for new schools.')
    expect(f).toMatchObject({
      kind: 'money',
      text: '$12 billion US',
      value: 12e9,
      unit: 'USD',
      vague: false
    })
  })

  it('reads abbreviated scales glued to the number', () => {
    const list = figures('Revenue rose to $2.5bn, or £1.9bn, while costs were €300m.')
    expect(list.map((f) => [f.text, f.value, f.unit])).toEqual([
      ['$2.5bn', 2.5e9, 'USD'],
      ['£1.9bn', 1.9e9, 'GBP'],
      ['€300m', 3e8, 'EUR']
    ])
  })

  it('reads a currency word before or after the number', () => {
    expect(one('The fine is pounds 2,750 per offence.')).toMatchObject({ value: 2750, unit: 'GBP' })
    expect(one('She raised 40,000 dollars for the shelter.')).toMatchObject({
      value: 40000,
      unit: 'USD'
    })
  })

  it('marks vague amounts as vague', () => {
    const f = one('The plan adds billions in farm subsidies for next year.')
    expect(f).toMatchObject({
      kind: 'money',
      text: 'billions in farm subsidies',
      vague: true,
      value: null
    })
  })
})

describe('percentages and counts', () => {
  it('reads %, percent and per cent with approximators', () => {
    const list = figures(
      'Turnout was 61%, about 4.5 percent higher, and nearly 70 per cent in cities.'
    )
    expect(list.map((f) => [f.kind, f.text, f.value])).toEqual([
      ['percent', '61%', 61],
      ['percent', 'about 4.5 percent', 4.5],
      ['percent', 'nearly 70 per cent', 70]
    ])
  })

  it('counts a number followed by a plural noun phrase', () => {
    const list = figures(
      'Rescuers found 312 survivors and three injured hikers; at least 40 people were missing.'
    )
    expect(list.map((f) => [f.text, f.value])).toEqual([
      ['312 survivors', 312],
      ['three injured hikers', 3],
      ['at least 40 people', 40]
    ])
  })

  it('reads large numbers written with a scale word', () => {
    expect(one('More than 2.4 million voters stayed home.')).toMatchObject({
      kind: 'count',
      value: 2.4e6
    })
  })

  it('reads "N of them" and "tens of thousands"', () => {
    const list = figures(
      'Nine boats sank, six of them trawlers, and tens of thousands of fish died.'
    )
    expect(list.map((f) => f.text)).toEqual(['Nine boats', 'six of them', 'tens of thousands'])
  })

  it('skips "one", ordinals, definite "the two" and numbers glued to letters or slashes', () => {
    expect(
      figures(
        'One of the first two-thirds? The two sides met on 24/7 channel G7 in its third round.'
      )
    ).toEqual([])
  })
})

describe('durations, ages, measures, times', () => {
  it('reads written-out and hyphenated durations', () => {
    const f = one('The talks lasted three-and-a-half hours.')
    expect(f).toMatchObject({
      kind: 'duration',
      text: 'three-and-a-half hours',
      value: 3.5,
      unit: 'hours'
    })
  })

  it('reads ranges and "ago"', () => {
    const list = figures(
      'Delays of 20 minutes to an hour were common. The mine closed six years ago.'
    )
    expect(list.map((f) => [f.kind, f.text])).toEqual([
      ['duration', '20 minutes to an hour'],
      ['duration', 'six years ago']
    ])
  })

  it('reads "a" as one after an approximator or as a span of time, but not "a day"', () => {
    const list = figures('It took more than a decade. A week later it rained for a day.')
    expect(list.map((f) => f.text)).toEqual(['more than a decade', 'A week'])
  })

  it('reads ages', () => {
    const list = figures(
      'The 45-year-old driver and a calf six months old were unhurt; his son, aged 12, too.'
    )
    expect(list.map((f) => [f.kind, f.text, f.value])).toEqual([
      ['age', '45-year-old', 45],
      ['age', 'six months old', 6],
      ['age', 'aged 12', 12]
    ])
  })

  it('reads measures with their unit', () => {
    const list = figures('Gusts reached 70 mph and up to a foot of snow fell; it was 12 degrees.')
    expect(list.map((f) => [f.kind, f.text, f.unit])).toEqual([
      ['measure', '70 mph', 'mph'],
      ['measure', 'up to a foot', 'feet'],
      ['measure', '12 degrees', 'degrees']
    ])
  })

  it('reads clock times with a time zone', () => {
    const list = figures('The polls open at 7 a.m. ET and close at 9 p.m.')
    expect(list.map((f) => [f.text, f.iso])).toEqual([
      ['7 a.m. ET', '07:00'],
      ['9 p.m.', '21:00']
    ])
  })
})

describe('more styles', () => {
  it('reads clock times with minutes only when they read as times', () => {
    const list = figures(
      'The ferry left at 10:30 and docked at 1:15 p.m. local time; the score was 3:2.'
    )
    expect(list.map((f) => [f.kind, f.text, f.iso])).toEqual([
      ['time', '10:30', '10:30'],
      ['time', '1:15 p.m. local', '13:15']
    ])
  })

  it('reads an age in an appositive after a name', () => {
    expect(one('Marta Ruiz, 34, opened the shop.')).toMatchObject({ kind: 'age', value: 34 })
  })

  it('reads decades and "mid-" years', () => {
    const list = figures('Prices rose in the 1970s and again in mid-2008.')
    expect(list.map((f) => [f.text, f.iso])).toEqual([
      ['1970s', '1970s'],
      ['mid-2008', '2008']
    ])
  })

  it('reads British clock times and hyphenated durations', () => {
    const list = figures(
      'Gates opened at 6.15am and shut at 9pm after a 128-minute show; a two-year deal.'
    )
    expect(list.map((f) => [f.kind, f.text, f.iso])).toEqual([
      ['time', '6.15am', '06:15'],
      ['time', '9pm', '21:00'],
      ['duration', '128-minute', null],
      ['duration', 'two-year', null]
    ])
  })

  it('counts "N of her …" and capitalised plural nouns', () => {
    const list = figures(
      'She won two Golden Globes and showed three of her early films to 500 more students.'
    )
    expect(list.map((f) => f.text)).toEqual([
      'two Golden Globes',
      'three of her early films',
      '500 more students'
    ])
  })

  it('reads ranges of measures and durations', () => {
    const list = figures('Forecasters expect 10 to 15 inches of rain in two to three days.')
    expect(list.map((f) => [f.kind, f.text, f.value])).toEqual([
      ['measure', '10 to 15 inches', 10],
      ['duration', 'two to three days', 2]
    ])
  })

  it('does not count multipliers such as "three times"', () => {
    expect(figures('Rents rose three times faster than wages.')).toEqual([])
  })
})

describe('dates', () => {
  it('reads years, month-year, full dates and year ranges', () => {
    const list = figures(
      'The dam was built in 1962, flooded in March 2019, inspected on June 4, 2021 and repaired from 2022 to 2024.'
    )
    expect(list.map((f) => [f.text, f.iso, f.unit])).toEqual([
      ['1962', '1962', 'year'],
      ['March 2019', '2019-03', 'year-month'],
      ['June 4, 2021', '2021-06-04', 'date'],
      ['2022 to 2024', '2022/2024', 'year']
    ])
  })

  it('does not read dates without a year', () => {
    expect(figures('They met on Tuesday, 4 March, in the afternoon.')).toEqual([])
  })
})

describe('structure', () => {
  it('keeps the figures of the headline: it states the main facts of the story', () => {
    const article = makeArticle('# Profits rise 8% in 2024\n\nStaff grew to 900 workers.')
    expect(extractFigures(article).map((f) => f.text)).toEqual(['8%', '2024', '900 workers'])
  })

  it('skips sub-heading paragraphs and gives each figure its sentence and offsets', () => {
    const article = makeArticle(
      'Profits rose 8%.\n\n## 2024 in review\n\nStaff grew to 900 workers.'
    )
    const list = extractFigures(article)
    expect(list.map((f) => f.text)).toEqual(['8%', '900 workers'])
    for (const f of list) {
      expect(article.text.slice(f.start, f.end)).toBe(f.text)
      expect(article.text.slice(f.sentence.start, f.sentence.end)).toContain(f.text)
      expect(f.id).toBe(`f-${f.start}`)
    }
  })

  it('parses number words', () => {
    expect(wordNumber('seven')).toBe(7)
    expect(wordNumber('twenty-five')).toBe(25)
    expect(wordNumber('five-and-a-half')).toBe(5.5)
    expect(wordNumber('banana')).toBeNull()
  })
})
