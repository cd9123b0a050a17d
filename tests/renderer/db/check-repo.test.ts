import { describe, expect, it } from 'vitest'
import { describeRepairs } from '../../../src/core/maintenance/check-database'
import { checkAndRepairDatabase } from '../../../src/renderer/src/db/check-repo'
import { readArticleCounts } from '../../../src/renderer/src/db/counts-repo'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import {
  makeArticle,
  makeCard,
  NOW_MS,
  putCountsRow,
  reviewState,
  useFreshDatabase
} from './fixtures'

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
      duplicateCardIds: [],
      driftedCountArticleIds: [],
      statsTalliesRebuilt: false,
      repairedSummaryArticleIds: []
    })
  })

  it('keeps when a card it resets to new was last answered (rated: searches the history)', async () => {
    const { article } = makeArticle()
    await db.articles.put({ ...article, addedAt: NOW_MS })
    await db.cards.bulkPut([
      makeCard('answered', {
        articleId: article.id,
        state: { ...reviewState(NOW_MS), stability: -3, lastReviewedAt: NOW_MS - 1000 }
      }),
      makeCard('no-date', {
        articleId: article.id,
        state: { ...reviewState(NOW_MS), lastReviewedAt: Number.NaN }
      })
    ])
    const plan = await checkAndRepairDatabase(db, NOW_MS)
    expect(plan.invalidStates.map((i) => i.cardId).sort()).toEqual(['answered', 'no-date'])
    const answered = await db.cards.get('answered')
    expect(answered?.lastReviewedAt).toBeNull()
    expect(answered?.answeredBeforeResetAt).toBe(NOW_MS - 1000)
    // A date that is not a number is not kept.
    expect((await db.cards.get('no-date'))?.answeredBeforeResetAt).toBeNull()
  })

  it('finds Library counts that drifted, recounts them and says so', async () => {
    const { article } = makeArticle()
    await db.articles.put({ ...article, addedAt: NOW_MS })
    await db.cards.bulkPut([
      makeCard('due', { articleId: article.id, state: reviewState(NOW_MS - 1000) }),
      makeCard('new', { articleId: article.id })
    ])
    // A counts row written behind the cards' back (as a bug or a damaged file would).
    await putCountsRow(db, {
      articleId: article.id,
      total: 40,
      new: 1,
      overdue: 9,
      foldedBelowHour: 0
    })
    const plan = await checkAndRepairDatabase(db, NOW_MS)
    expect(plan.driftedCountArticleIds).toEqual([article.id])
    expect(describeRepairs(plan)).toEqual([
      'Recounted the new, due and total cards of 1 article whose counts had drifted.'
    ])
    expect((await readArticleCounts(db, NOW_MS + 60_000)).get(article.id)).toEqual({
      total: 2,
      new: 1,
      due: 1
    })
    expect((await checkAndRepairDatabase(db, NOW_MS)).driftedCountArticleIds).toEqual([])
  })
})
