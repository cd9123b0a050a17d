import { describe, expect, it } from 'vitest'
import { checkAndRepairDatabase } from '../../../src/renderer/src/db/check-repo'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { makeArticle, makeCard, NOW_MS, reviewState, useFreshDatabase } from './fixtures'

let db: QuotedeckDatabase
useFreshDatabase((fresh) => (db = fresh))

describe('checkAndRepairDatabase', () => {
  it('repairs a deliberately broken collection and leaves a healthy one alone', async () => {
    const { article } = makeArticle()
    await db.articles.put({ ...article, addedAt: NOW_MS })
    await db.cards.bulkPut([
      makeCard('good', { articleId: article.id, state: reviewState(NOW_MS + 1000) }),
      makeCard('orphan', { articleId: 'art-gone' }),
      makeCard('bad', { articleId: article.id, state: { stability: -3 } })
    ])
    const log = {
      articleId: article.id,
      grade: 3 as const,
      source: 'study' as const,
      reviewedAt: NOW_MS,
      answerMs: 1000,
      before: makeCard('x'),
      after: null
    }
    await db.reviewLogs.bulkAdd([
      { ...log, cardId: 'good' },
      { ...log, cardId: 'bad' },
      { ...log, cardId: 'vanished' }
    ])

    const plan = await checkAndRepairDatabase(db, NOW_MS)
    expect(plan.orphanCardIds).toEqual(['orphan'])
    expect(plan.invalidStates.map((i) => i.cardId)).toEqual(['bad'])
    expect(plan.orphanLogIds).toHaveLength(1)
    expect((await db.cards.toCollection().primaryKeys()).sort()).toEqual(['bad', 'good'])
    const bad = await db.cards.get('bad')
    expect(bad?.stability).toBe(0)
    expect(bad?.reps).toBe(0)
    expect((await db.reviewLogs.toArray()).map((l) => l.cardId).sort()).toEqual(['bad', 'good'])

    const again = await checkAndRepairDatabase(db, NOW_MS)
    expect(again).toEqual({
      orphanCardIds: [],
      orphanLogIds: [],
      invalidStates: [],
      duplicateCardIds: []
    })
  })
})
