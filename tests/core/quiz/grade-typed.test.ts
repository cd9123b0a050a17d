import { describe, expect, it } from 'vitest'
import { gradeTypedName, type NamedSpeaker } from '../../../src/core/quiz/grade-typed'
import { damerauLevenshtein, nameTokens } from '../../../src/core/quiz/names'

const blinken: NamedSpeaker = {
  id: 'antony-blinken',
  name: 'Antony Blinken',
  aliases: ['Blinken', 'Secretary of State Blinken']
}
const wangYi: NamedSpeaker = { id: 'wang-yi', name: 'Wang Yi', aliases: ['Wang'] }
const wangXiaohong: NamedSpeaker = { id: 'wang-xiaohong', name: 'Wang Xiaohong', aliases: [] }
const xi: NamedSpeaker = { id: 'xi-jinping', name: 'Xi Jinping', aliases: ['Xi'] }
const nunez: NamedSpeaker = { id: 'jose-nunez', name: 'José Núñez-Ortega', aliases: [] }
const obrien: NamedSpeaker = { id: 'siobhan-obrien', name: "Siobhán O'Brien", aliases: [] }

const oneWang = [blinken, wangYi, xi]
const twoWangs = [blinken, wangYi, wangXiaohong, xi]

describe('nameTokens', () => {
  it('folds case, diacritics, hyphens and punctuation', () => {
    expect(nameTokens('  José Núñez-Ortega ')).toEqual(['jose', 'nunez', 'ortega'])
    expect(nameTokens("Siobhán O'Brien")).toEqual(['siobhan', 'obrien'])
    expect(nameTokens('Łukasz Øster')).toEqual(['lukasz', 'oster'])
  })
})

describe('damerauLevenshtein', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(damerauLevenshtein('wnag', 'wang')).toBe(1)
    expect(damerauLevenshtein('blinken', 'blinkn')).toBe(1)
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3)
    expect(damerauLevenshtein('', 'abc')).toBe(3)
  })
})

describe('gradeTypedName', () => {
  it('accepts the full name exactly, ignoring case and spacing', () => {
    const grade = gradeTypedName('  antony   BLINKEN ', blinken, oneWang)
    expect(grade).toMatchObject({ correct: true, reason: 'exact' })
  })

  it('accepts the surname when it is unambiguous', () => {
    expect(gradeTypedName('blinken', blinken, oneWang)).toMatchObject({
      correct: true,
      reason: 'surname'
    })
    expect(gradeTypedName('Wang', wangYi, oneWang)).toMatchObject({
      correct: true,
      reason: 'surname'
    })
  })

  it('takes the surname from the article alias, whatever the name order', () => {
    // "Yi" is the last word of "Wang Yi" but the article calls him "Wang", so "Yi" is refused.
    expect(gradeTypedName('Yi', wangYi, oneWang)).toMatchObject({ correct: false, reason: 'wrong' })
  })

  it('accepts a longer alias the article uses', () => {
    const grade = gradeTypedName('secretary of state blinken', blinken, oneWang)
    expect(grade).toMatchObject({ correct: true, reason: 'alias' })
  })

  it('ignores diacritics, punctuation and a courtesy title', () => {
    expect(gradeTypedName('jose nunez ortega', nunez, [nunez])).toMatchObject({
      correct: true,
      reason: 'exact'
    })
    expect(gradeTypedName('Siobhan OBrien', obrien, [obrien])).toMatchObject({ correct: true })
    expect(gradeTypedName('Mr. Blinken', blinken, oneWang)).toMatchObject({
      correct: true,
      reason: 'surname'
    })
  })

  it('forgives one typo in a short name and two in a longer one', () => {
    expect(gradeTypedName('Wnag', wangYi, oneWang)).toMatchObject({ correct: true, reason: 'typo' })
    expect(gradeTypedName('Blinkn', blinken, oneWang)).toMatchObject({
      correct: true,
      reason: 'typo'
    })
    expect(gradeTypedName('Antny Blinkne', blinken, oneWang)).toMatchObject({
      correct: true,
      reason: 'typo'
    })
  })

  it('refuses more typos than allowed', () => {
    // "Wmbg" is two edits from the four-letter "Wang": over the allowance of one.
    expect(gradeTypedName('Wmbg', wangYi, oneWang)).toMatchObject({ correct: false })
    expect(gradeTypedName('Blnkn', blinken, oneWang)).toMatchObject({ correct: true })
    expect(gradeTypedName('Blnkan', blinken, oneWang).correct).toBe(true)
    expect(gradeTypedName('Bnkan', blinken, oneWang).correct).toBe(false)
  })

  it('rejects a surname two people share and says why', () => {
    const grade = gradeTypedName('wang', wangYi, twoWangs)
    expect(grade).toEqual({
      correct: false,
      reason: 'ambiguous-surname',
      message:
        'Two people in this article are called Wang: Wang Yi and Wang Xiaohong. Type the full name.'
    })
  })

  it('refuses the shared surname whichever of the two is the answer', () => {
    // The article calls only Wang Yi "Wang", but Wang Xiaohong bears the name too.
    const grade = gradeTypedName('Wang', wangXiaohong, twoWangs)
    expect(grade.reason).toBe('ambiguous-surname')
    expect(grade.message).toBe(
      'Two people in this article are called Wang: Wang Yi and Wang Xiaohong. Type the full name.'
    )
  })

  it('refuses a first name alone as only part of the name', () => {
    expect(gradeTypedName('Antony', blinken, oneWang)).toMatchObject({
      correct: false,
      reason: 'wrong',
      message: '“Antony” is only part of the name. The answer is Antony Blinken.'
    })
  })

  it('also refuses a misspelt shared surname as ambiguous', () => {
    expect(gradeTypedName('Wnag', wangYi, twoWangs).reason).toBe('ambiguous-surname')
  })

  it('accepts the full name when the surname is shared', () => {
    expect(gradeTypedName('wang yi', wangYi, twoWangs)).toMatchObject({
      correct: true,
      reason: 'exact'
    })
    expect(gradeTypedName('Wang Xiaohong', wangXiaohong, twoWangs).correct).toBe(true)
  })

  it('says whom the answer names when it is someone else in the article', () => {
    const grade = gradeTypedName('Xi', blinken, oneWang)
    expect(grade).toMatchObject({ correct: false, reason: 'wrong' })
    expect(grade.message).toBe('That is Xi Jinping. The answer is Antony Blinken.')
    expect(grade.namedSpeakerId).toBe('xi-jinping')
  })

  it('does not accept a one-letter slip from another speaker', () => {
    expect(gradeTypedName('Wang Xiaohong', wangYi, twoWangs).correct).toBe(false)
  })

  it('needs a name of one or two letters exactly', () => {
    expect(gradeTypedName('Xu', xi, oneWang).correct).toBe(false)
    expect(gradeTypedName('xi', xi, oneWang)).toMatchObject({ correct: true, reason: 'surname' })
  })

  it('grades against the target even when it is not in the speaker list', () => {
    const grade = gradeTypedName('Pelosi', { name: 'Nancy Pelosi', aliases: [] }, oneWang)
    expect(grade).toMatchObject({ correct: true, reason: 'surname' })
  })

  it('calls an empty answer empty', () => {
    expect(gradeTypedName('  ', blinken, oneWang)).toMatchObject({
      correct: false,
      reason: 'empty'
    })
    expect(gradeTypedName('?!', blinken, oneWang).reason).toBe('empty')
  })

  it('refuses an unrelated name with the right answer', () => {
    const grade = gradeTypedName('Angela Merkel', blinken, oneWang)
    expect(grade).toEqual({
      correct: false,
      reason: 'wrong',
      message: 'Not quite. The answer is Antony Blinken.'
    })
  })

  it('counts three sharers in words', () => {
    const wangMing: NamedSpeaker = { id: 'wang-ming', name: 'Wang Ming', aliases: [] }
    const grade = gradeTypedName('Wang', wangYi, [...twoWangs, wangMing])
    expect(grade.message).toBe(
      'Three people in this article are called Wang: Wang Yi, Wang Xiaohong and Wang Ming. Type the full name.'
    )
  })
})
