import { describe, expect, it } from 'vitest'
import { sentenceSpans, tokenize } from '../../../src/core/extract'

function sentences(text: string): string[] {
  return sentenceSpans(text).map((s) => text.slice(s.start, s.end))
}

describe('sentenceSpans', () => {
  it('splits after full stops, question and exclamation marks', () => {
    expect(sentences('It rained. Was it cold? Yes! Very.')).toEqual([
      'It rained.',
      'Was it cold?',
      'Yes!',
      'Very.'
    ])
  })

  it('does not split after abbreviations, titles or initials', () => {
    expect(sentences('Mr. Lee met Dr. Diaz in the U.S. on Monday. John F. Harper left.')).toEqual([
      'Mr. Lee met Dr. Diaz in the U.S. on Monday.',
      'John F. Harper left.'
    ])
  })

  it('keeps a closing quote with its sentence and splits at line breaks', () => {
    expect(sentences('"Stop." She stopped.\nNext line')).toEqual([
      '"Stop."',
      'She stopped.',
      'Next line'
    ])
  })

  it('does not split before a lower-case word', () => {
    expect(sentences('It cost 3.5 million. but not more.')).toEqual([
      'It cost 3.5 million. but not more.'
    ])
  })
})

describe('tokenize', () => {
  it('keeps abbreviations, possessives, hyphenated words and numbers whole', () => {
    expect(tokenize('U.S. then-President Kim’s 1,400.50 a.m.').map((t) => t.text)).toEqual([
      'U.S.',
      'then-President',
      'Kim’s',
      '1,400.50',
      'a.m.'
    ])
  })
})
