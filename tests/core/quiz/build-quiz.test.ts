import { describe, expect, it } from 'vitest'
import { buildQuiz, type QuizSourceCard } from '../../../src/core/quiz/build-quiz'
import { seededRandom, shuffled } from '../../../src/core/quiz/random'
import { Queue, type QueueValue } from '../../../src/core/scheduling/types'
import type { CardTemplate } from '../../../src/core/cards/types'

function card(
  index: number,
  overrides: Partial<QuizSourceCard> & { template?: CardTemplate; queue?: QueueValue } = {}
): QuizSourceCard {
  const speakers = ['Antony Blinken', 'Wang Yi', 'Xi Jinping', 'Nancy Pelosi']
  const answer = speakers[index % 4]
  return {
    id: `a1:quote:${String(index).padStart(3, '0')}:who-said`,
    articleId: 'a1',
    template: 'who-said',
    prompt: `Quote number ${index}`,
    answer,
    context: null,
    options: speakers,
    answerSpeakerId: answer.toLowerCase().replace(' ', '-'),
    anchor: {
      articleId: 'a1',
      sentence: { start: index * 10, end: index * 10 + 9 },
      span: { start: index * 10, end: index * 10 + 5 },
      paragraphIndex: 0
    },
    queue: Queue.New,
    ...overrides
  }
}

const deck: QuizSourceCard[] = [
  ...Array.from({ length: 24 }, (_, index) => card(index)),
  ...Array.from({ length: 6 }, (_, index) =>
    card(100 + index, { articleId: 'a2', id: `a2:quote:${index}:who-said` })
  ),
  card(200, { template: 'cloze-figure', id: 'a1:figure:1:cloze-figure', options: null }),
  card(201, { id: 'a1:quote:201:who-said', queue: Queue.Suspended })
]

describe('seededRandom', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = seededRandom(42)
    const b = seededRandom(42)
    const c = seededRandom(43)
    const first = [a(), a(), a()]
    expect([b(), b(), b()]).toEqual(first)
    expect([c(), c(), c()]).not.toEqual(first)
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true)
  })

  it('shuffles into a permutation', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8]
    const result = shuffled(items, seededRandom(7))
    expect([...result].sort()).toEqual(items)
    expect(result).not.toEqual(items)
  })
})

describe('buildQuiz', () => {
  it('takes 10 who-said cards of one article, the same for the same seed', () => {
    const input = {
      cards: deck,
      scope: { kind: 'article', articleId: 'a1' } as const,
      length: 10 as const,
      format: 'choice' as const,
      seed: 1234
    }
    const quiz = buildQuiz(input)
    expect(quiz).toHaveLength(10)
    expect(new Set(quiz.map((q) => q.cardId)).size).toBe(10)
    expect(quiz.every((q) => q.articleId === 'a1' && q.template === 'who-said')).toBe(true)
    expect(buildQuiz(input)).toEqual(quiz)
    expect(buildQuiz({ ...input, seed: 99 }).map((q) => q.cardId)).not.toEqual(
      quiz.map((q) => q.cardId)
    )
  })

  it('does not depend on the order the cards come in', () => {
    const input = {
      scope: { kind: 'library' } as const,
      length: 20 as const,
      format: 'choice' as const,
      seed: 5
    }
    expect(buildQuiz({ ...input, cards: [...deck].reverse() })).toEqual(
      buildQuiz({ ...input, cards: deck })
    )
  })

  it('shuffles options but keeps the answer among them', () => {
    const quiz = buildQuiz({
      cards: deck,
      scope: { kind: 'library' },
      length: 'all',
      format: 'choice',
      seed: 3
    })
    expect(quiz.every((q) => q.options.length === 4 && q.options.includes(q.answer))).toBe(true)
    const positions = new Set(quiz.map((q) => q.options.indexOf(q.answer)))
    expect(positions.size).toBeGreaterThan(1)
  })

  it('asks every eligible card for "all", leaving out cloze and suspended cards', () => {
    const quiz = buildQuiz({
      cards: deck,
      scope: { kind: 'library' },
      length: 'all',
      format: 'typed',
      seed: 1
    })
    expect(quiz).toHaveLength(30)
    expect(quiz.some((q) => q.cardId === 'a1:quote:201:who-said')).toBe(false)
    expect(quiz.every((q) => q.options.length === 0)).toBe(true)
  })

  it('limits "speakers I mix up" to cards whose answer is a confused speaker', () => {
    const quiz = buildQuiz({
      cards: deck,
      scope: { kind: 'confusions', speakerIds: ['wang-yi', 'nancy-pelosi'] },
      length: 'all',
      format: 'choice',
      seed: 8
    })
    expect(quiz.length).toBeGreaterThan(0)
    expect(quiz.every((q) => q.answer === 'Wang Yi' || q.answer === 'Nancy Pelosi')).toBe(true)
  })

  it('skips multiple-choice cards without usable options', () => {
    const broken = [card(1, { options: ['Only One'] }), card(2, { options: null }), card(3)]
    const quiz = buildQuiz({
      cards: broken,
      scope: { kind: 'library' },
      length: 10,
      format: 'choice',
      seed: 1
    })
    expect(quiz.map((q) => q.cardId)).toEqual([card(3).id])
  })
})
