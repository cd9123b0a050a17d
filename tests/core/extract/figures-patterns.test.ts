import { describe, expect, it } from 'vitest'
import { extractFigures } from '../../../src/core/extract'
import type { Figure } from '../../../src/core/extract/types'
import { isCaption, isCreditLine } from '../../../src/core/extract/captions'
import { makeArticle } from './make-article'

// Regression tests for figures that were missed (issue 9, item 4). Every sentence is invented.

function figures(text: string): Figure[] {
  return extractFigures(makeArticle(text))
}

function texts(text: string): string[] {
  return figures(text).map((f) => f.text)
}

function kinds(text: string): string[][] {
  return figures(text).map((f) => [f.kind, f.text])
}

describe('numbers as modifiers', () => {
  it('counts a hyphenated number word with its head noun', () => {
    expect(kinds('A six-member jury heard the case.')).toEqual([['count', 'six-member jury']])
    expect(figures('They held a two-goal lead.')[0]).toMatchObject({ value: 2, unit: 'goal' })
    expect(texts('It ended a three-game skid and began a nine-game streak.')).toEqual([
      'three-game skid',
      'nine-game streak'
    ])
    expect(texts('The striker got a one-match ban.')).toEqual(['one-match ban'])
  })

  it('reads digits with a hyphenated unit: a weight is a measure, a noun a count', () => {
    expect(kinds('Divers tagged the 450-pound turtle.')).toEqual([['measure', '450-pound']])
    expect(figures('Divers tagged the 450-pound turtle.')[0]).toMatchObject({ unit: 'lb' })
    expect(kinds('The 800-seat theatre reopened.')).toEqual([['count', '800-seat theatre']])
    expect(kinds('The hall has room for 300-guests.')).toEqual([['count', '300-guests']])
  })

  it('keeps ages as ages', () => {
    expect(kinds('A 9-year-old girl found the ring.')).toEqual([['age', '9-year-old']])
  })

  it('leaves hyphenated words that are no count alone', () => {
    expect(texts('It was a one-sided contest and a two-way street.')).toEqual([])
    expect(texts('Two-thirds of the members agreed.')).toEqual([])
  })
})

describe('counts of people and groups', () => {
  it('reads "a crew of seven" and "a family of four"', () => {
    expect(kinds('A crew of five flew the plane.')).toEqual([['count', 'crew of five']])
    expect(texts('They met a family of 4 at the gate.')).toEqual(['family of 4'])
  })

  it('reads "all 87 people" and "112 on board"', () => {
    expect(texts('All 87 passengers survived.')).toEqual(['All 87 passengers'])
    expect(kinds('The boat had 112 on board when it tipped.')).toEqual([['count', '112 on board']])
    expect(texts('There were 14 aboard.')).toEqual(['14 aboard'])
  })

  it('reads "N times" but not a multiplier', () => {
    expect(kinds('The alarm rang three times overnight.')).toEqual([['count', 'three times']])
    expect(texts('Prices rose five times faster than pay.')).toEqual([])
    expect(texts('It holds four times as much water.')).toEqual([])
  })

  it('reads a number before a quoted plural title', () => {
    expect(texts('She has won three "Golden Spoons" so far.')).toEqual(['three "Golden Spoons"'])
  })

  it('reads "five or six" as one estimate', () => {
    expect(kinds('It used to be one. Now there are five or six.')).toEqual([
      ['count', 'five or six']
    ])
    expect(kinds('The repair takes two or three days.')).toEqual([
      ['duration', 'two or three days']
    ])
  })
})

describe('ages', () => {
  it('reads "age 42"', () => {
    expect(figures('He retired at age 61.')[0]).toMatchObject({
      kind: 'age',
      text: 'age 61',
      value: 61
    })
  })

  it('reads an age in apposition after a common noun', () => {
    expect(kinds('The singer, 38, cancelled the tour.')).toEqual([['age', '38']])
    expect(texts('Seats were numbered 4, 5, 6 and 7.')).toEqual([])
  })
})

describe('clock times, game clocks and scores', () => {
  it('reads a 24-hour time with a zone', () => {
    expect(figures('The rocket lifted off at 0932 UTC.')[0]).toMatchObject({
      kind: 'time',
      text: '0932 UTC',
      iso: '09:32'
    })
    expect(texts('Trading closed at 1630 local time with 2400 shares sold.')).not.toContain('1630')
  })

  it('reads a time with minutes and a zone', () => {
    expect(kinds('The vote opens at 7:15 p.m. PT.')).toEqual([['time', '7:15 p.m. PT']])
  })

  it('reads a game clock', () => {
    expect(kinds('She scored 12:05 into the second half.')).toEqual([['time', '12:05']])
    expect(texts('They equalised with 1:48 left.')).toEqual(['1:48'])
  })

  it('reads a score next to a result word', () => {
    expect(kinds('The visitors won 27-13 in the rain.')).toEqual([['count', '27-13']])
    expect(texts("It was the club's 41-10 loss.")).toEqual(['41-10'])
  })
})

describe('fractions', () => {
  it('reads unicode fractions', () => {
    expect(figures('The video runs 4 ½ minutes.')[0]).toMatchObject({
      kind: 'duration',
      text: '4 ½ minutes',
      value: 4.5
    })
    expect(figures('They walked 3¼ miles.')[0]).toMatchObject({ text: '3¼ miles', value: 3.25 })
  })

  it('reads spelled fractions as one span', () => {
    expect(figures('She served three and a half years.')[0]).toMatchObject({
      kind: 'duration',
      text: 'three and a half years',
      value: 3.5
    })
    expect(figures('It lasted a year and a half.')[0]).toMatchObject({
      text: 'a year and a half',
      value: 1.5
    })
    expect(figures('They waited nearly a month and a half.')[0]).toMatchObject({
      text: 'nearly a month and a half'
    })
  })
})

describe('decades, centuries and ranges', () => {
  it('reads parts of decades', () => {
    expect(figures('The mill closed in the mid-1980s.')[0]).toMatchObject({
      kind: 'date',
      text: 'mid-1980s',
      unit: 'decade',
      iso: '1980s'
    })
    expect(texts('Sales peaked in the late 1960s.')).toEqual(['late 1960s'])
  })

  it('reads centuries', () => {
    const list = figures('Traders used the port in the 1500s and 1600s.')
    expect(list.map((f) => [f.text, f.unit])).toEqual([
      ['1500s', 'century'],
      ['1600s', 'century']
    ])
  })

  it('reads year and percent ranges', () => {
    expect(kinds('He coached from 2003 to 2007.')).toEqual([['date', '2003 to 2007']])
    expect(kinds('Rents may rise 3 to 4 percent.')).toEqual([['percent', '3 to 4 percent']])
  })
})

describe('durations without digits', () => {
  it('reads "another year", "the past decade" and "for a month"', () => {
    expect(kinds('The board gave them another month to pay.')).toEqual([
      ['duration', 'another month']
    ])
    expect(texts('Crime fell over the past decade.')).toEqual(['over the past decade'])
    expect(texts('The road was shut for a week.')).toEqual(['a week'])
    expect(texts('They moved a year ago.')).toEqual(['a year ago'])
    expect(texts('It opened just one week after the flood.')).toEqual(['one week'])
  })

  it('reads "a month" after a verb of lasting, and keeps "a year and a half" whole', () => {
    expect(texts('The strike lasted a month.')).toEqual(['a month'])
    expect(texts('The repair took a week and she spent a year abroad.')).toEqual([
      'a week',
      'a year'
    ])
    expect(kinds('The trial ran for a year and a half.')).toEqual([
      ['duration', 'a year and a half']
    ])
  })

  it('leaves rates, idioms and sequences alone', () => {
    expect(texts('They meet twice a month.')).toEqual([])
    expect(texts('Wait a minute. One day it will work.')).toEqual([])
    expect(texts('He called at the last minute and came the next day.')).toEqual([])
    expect(texts('After a year of talks, nothing changed.')).toEqual([])
  })
})

describe('not figures', () => {
  it('skips number words inside names', () => {
    expect(texts('Fans of the Four Tops and the Seven Dwarfs queued.')).toEqual([])
    expect(texts('Two gunmen fled.')).toEqual(['Two gunmen'])
  })

  it('skips number words inside a short quoted slogan, not inside a quoted sentence', () => {
    expect(texts('The party backs "one nation, two flags" as policy.')).toEqual([])
    expect(texts('He said: “There are three reasons.”')).toEqual(['three reasons'])
    expect(texts('They defended one market, two currencies in the talks.')).toEqual([])
    expect(texts('He bought one car, two bikes and three hats.')).toEqual([
      'two bikes',
      'three hats'
    ])
  })
})

describe('photo captions', () => {
  it('skips a wire caption and a caption before a short credit line', () => {
    const text = [
      'Boats sit in the harbour of Portvale, in this file photo taken May 3, 2019.',
      'The town spent $4 million on the harbour.',
      'Sam Reed, 44, stands by his shop after the flood.',
      'TOWN COUNCIL/HANDOUT PHOTO',
      'Mr Reed said repairs would take 6 weeks.',
      'A diver checks the pier, built in 1990.',
      'Credit: Lena Park View full size image'
    ].join('\n\n')
    expect(extractFigures(makeArticle(text)).map((f) => f.text)).toEqual(['$4 million', '6 weeks'])
  })

  it('keeps a body paragraph before a long credit line that carries the next caption', () => {
    const text = [
      'The shop has 12 staff, its owner said.',
      'Ana Ruiz/for The Daily Bugle The owner stands by the door. He opened the shop in 2001 and has run it ever since with his two sons.'
    ].join('\n\n')
    expect(extractFigures(makeArticle(text)).map((f) => f.text)).toEqual(['12 staff'])
  })
})

describe('caption shapes', () => {
  it('tells credit lines from body text that names an agency', () => {
    expect(isCreditLine('Credit: Lena Park')).toBe(true)
    expect(isCreditLine('(AP Photo/Jo Lane)')).toBe(true)
    expect(isCreditLine('Reuters reported 40 arrests on Monday.')).toBe(false)
    expect(isCaption('Crowds gather, in this picture taken on Monday.', null)).toBe(true)
    expect(isCaption('The mayor spoke for 20 minutes.', 'She left at noon.')).toBe(false)
  })
})
