import { describe, expect, it } from 'vitest'
import {
  formatAddedAt,
  formatWordCount,
  shortTitle,
  sourceLabel
} from '../../../src/renderer/src/components/library/format'

describe('library formatting', () => {
  const now = new Date(2026, 2, 10, 12, 0).getTime()

  it('says Today and Yesterday, then a date', () => {
    expect(formatAddedAt(new Date(2026, 2, 10, 9, 5).getTime(), now, 'en-GB')).toBe('Today, 9:05')
    expect(formatAddedAt(new Date(2026, 2, 9, 23, 59).getTime(), now, 'en-GB')).toBe(
      'Yesterday, 23:59'
    )
    expect(formatAddedAt(new Date(2026, 2, 3, 8, 0).getTime(), now, 'en-GB')).toBe('3 Mar 2026')
  })

  it('names sources in a word or by file name', () => {
    expect(sourceLabel({ kind: 'builtin', name: 'seed.txt' })).toBe('Built-in')
    expect(sourceLabel({ kind: 'clipboard' })).toBe('Clipboard')
    expect(sourceLabel({ kind: 'file', path: '/a/b/story.html', fileName: 'story.html' })).toBe(
      'story.html'
    )
  })

  it('counts words with the locale’s grouping and the right plural', () => {
    expect(formatWordCount(1, 'en-GB')).toBe('1 word')
    expect(formatWordCount(1234, 'en-GB')).toBe('1,234 words')
  })
})

describe('shortTitle', () => {
  it('keeps short titles and cuts long ones at a word with an ellipsis', () => {
    expect(shortTitle('Bridge reopens')).toBe('Bridge reopens')
    const long =
      'U.S. Secretary of State raised concerns on Friday about support for the military, said officials'
    const short = shortTitle(long)
    expect(short.length).toBeLessThanOrEqual(60)
    expect(short).toBe('U.S. Secretary of State raised concerns on Friday about…')
  })
})
