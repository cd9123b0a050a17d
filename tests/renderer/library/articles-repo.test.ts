import { beforeEach, describe, expect, it } from 'vitest'
import {
  addArticle,
  getArticle,
  countCardsOfArticles,
  listArticleSummaries,
  removeArticle,
  restoreArticle
} from '../../../src/renderer/src/db/articles-repo'
import type {
  CardRecord,
  CorrectionRecord,
  ExtractionRecord,
  NoteRecord,
  QuotedeckDatabase
} from '../../../src/renderer/src/db/schema'
import type { ReviewLogEntry } from '../../../src/core/scheduling/types'
import { NOW_MS, makeArticle, useFreshDatabase } from './helpers'

const MINUTE_MS = 60_000

function extractionOf(articleId: string): ExtractionRecord {
  return { articleId, speakers: [], quotes: [], figures: [], extractedAt: NOW_MS }
}

function correctionOf(articleId: string, start: number): CorrectionRecord {
  return {
    id: `${articleId}:${start}-${start + 5}`,
    articleId,
    start,
    end: start + 5,
    kind: 'not-quote',
    speakerId: null,
    correctedAt: NOW_MS
  }
}

const anchor = (articleId: string): NoteRecord['anchor'] => ({
  articleId,
  sentence: { start: 0, end: 10 },
  span: { start: 2, end: 8 },
  paragraphIndex: 0
})

function noteOf(articleId: string, key: string): NoteRecord {
  return { id: `${articleId}:quote:${key}`, articleId, kind: 'quote', anchor: anchor(articleId) }
}

/** A card with made-up content and a reviewed scheduling state (so restore can be checked). */
function cardOf(articleId: string, key: string): CardRecord {
  return {
    id: `${articleId}:quote:${key}:who-said`,
    noteId: `${articleId}:quote:${key}`,
    articleId,
    template: 'who-said',
    prompt: 'Who said “[...]”?',
    answer: 'Somebody',
    hint: null,
    context: null,
    options: null,
    answerSpeakerId: 'somebody',
    anchor: anchor(articleId),
    tags: [],
    due: NOW_MS + 3 * 24 * 60 * MINUTE_MS,
    stability: 4.2,
    difficulty: 5.1,
    elapsedDays: 1,
    scheduledDays: 3,
    learningSteps: 0,
    reps: 4,
    lapses: 1,
    memoryState: 2,
    lastReviewedAt: NOW_MS - MINUTE_MS,
    queue: 2,
    queueBeforeBury: null,
    buriedUntil: null,
    createdAt: NOW_MS - 10 * MINUTE_MS,
    updatedAt: NOW_MS - MINUTE_MS
  }
}

function logOf(card: CardRecord): ReviewLogEntry {
  return {
    cardId: card.id,
    articleId: card.articleId,
    grade: 3,
    source: 'study',
    reviewedAt: NOW_MS - MINUTE_MS,
    answerMs: 2500,
    before: { ...card, reps: 3 },
    after: card
  }
}

/** Stores an article with one of everything that hangs off it. */
async function seedArticleWithDependents(db: QuotedeckDatabase, id: string): Promise<CardRecord> {
  await addArticle(db, makeArticle(id), NOW_MS)
  await db.extractions.put(extractionOf(id))
  await db.corrections.bulkPut([correctionOf(id, 10), correctionOf(id, 40)])
  await db.notes.bulkPut([noteOf(id, 'q-1'), noteOf(id, 'q-2')])
  const card = cardOf(id, 'q-1')
  await db.cards.bulkPut([card, cardOf(id, 'q-2')])
  await db.reviewLogs.add(logOf(card))
  return card
}

describe('articles repository', () => {
  let db: QuotedeckDatabase

  beforeEach(() => {
    db = useFreshDatabase()
  })

  it('adding the same article twice keeps one row and its first addedAt', async () => {
    const first = await addArticle(db, makeArticle('a'), NOW_MS)
    const second = await addArticle(db, makeArticle('a', { title: 'Renamed' }), NOW_MS + MINUTE_MS)

    expect(first.added).toBe(true)
    expect(second.added).toBe(false)
    expect(await db.articles.count()).toBe(1)
    const stored = await getArticle(db, 'a')
    expect(stored?.addedAt).toBe(NOW_MS)
    expect(stored?.title).toBe('Renamed')
  })

  it('lists summaries newest first, without article bodies', async () => {
    await addArticle(db, makeArticle('old'), NOW_MS - 2 * MINUTE_MS)
    await addArticle(db, makeArticle('new'), NOW_MS)
    await addArticle(
      db,
      makeArticle('mid', { removed: [{ text: 'Share', ruleId: 'share', beforeParagraph: 0 }] }),
      NOW_MS - MINUTE_MS
    )

    const summaries = await listArticleSummaries(db)

    expect(summaries.map((summary) => summary.id)).toEqual(['new', 'mid', 'old'])
    expect(summaries[1].removedLineCount).toBe(1)
    for (const summary of summaries) {
      expect(summary).not.toHaveProperty('text')
      expect(summary).not.toHaveProperty('paragraphs')
    }
  })

  it('counts each article’s cards in its summary', async () => {
    await seedArticleWithDependents(db, 'a')
    await addArticle(db, makeArticle('b'), NOW_MS + MINUTE_MS)
    const summaries = await listArticleSummaries(db)
    expect(summaries.map((summary) => [summary.id, summary.cardCount])).toEqual([
      ['b', 0],
      ['a', 2]
    ])
  })

  it('lists without card counts when asked, and counts any articles’ cards by id', async () => {
    await seedArticleWithDependents(db, 'a')
    await addArticle(db, makeArticle('b'), NOW_MS + MINUTE_MS)

    const summaries = await listArticleSummaries(db, { withCardCounts: false })
    const counts = await countCardsOfArticles(db, ['a', 'b', 'missing'])

    expect(summaries.map((summary) => [summary.id, summary.cardCount])).toEqual([
      ['b', 0],
      ['a', 0]
    ])
    expect([...counts].map(([id, count]) => [id, count.total])).toEqual([
      ['a', 2],
      ['b', 0],
      ['missing', 0]
    ])
    expect(await countCardsOfArticles(db, [])).toEqual(new Map())
  })

  it('gets an article with its body, or null when absent', async () => {
    await addArticle(db, makeArticle('a'), NOW_MS)
    expect((await getArticle(db, 'a'))?.text).toContain('Body text of a')
    expect(await getArticle(db, 'missing')).toBeNull()
  })

  it('removes the article, extraction, corrections, notes and cards but keeps review logs', async () => {
    await seedArticleWithDependents(db, 'a')
    await seedArticleWithDependents(db, 'b')

    const snapshot = await removeArticle(db, 'a')

    expect(snapshot?.article.id).toBe('a')
    expect(snapshot?.corrections).toHaveLength(2)
    expect(snapshot?.cards).toHaveLength(2)
    expect(await db.articles.get('a')).toBeUndefined()
    expect(await db.extractions.get('a')).toBeUndefined()
    expect(await db.corrections.where('articleId').equals('a').count()).toBe(0)
    expect(await db.notes.where('articleId').equals('a').count()).toBe(0)
    expect(await db.cards.where('articleId').equals('a').count()).toBe(0)
    // History is append-only: the log of a removed card survives.
    expect(await db.reviewLogs.where('cardId').equals('a:quote:q-1:who-said').count()).toBe(1)
    // The other article is untouched.
    expect(await db.articles.get('b')).toBeDefined()
    expect(await db.cards.where('articleId').equals('b').count()).toBe(2)
    expect(await db.corrections.where('articleId').equals('b').count()).toBe(2)
  })

  it('removes in one transaction: a failure part-way deletes nothing', async () => {
    await seedArticleWithDependents(db, 'a')
    db.cards.hook('deleting', () => {
      throw new Error('disk full')
    })

    await expect(removeArticle(db, 'a')).rejects.toThrow()

    expect(await db.articles.get('a')).toBeDefined()
    expect(await db.extractions.get('a')).toBeDefined()
    expect(await db.corrections.where('articleId').equals('a').count()).toBe(2)
    expect(await db.notes.where('articleId').equals('a').count()).toBe(2)
    expect(await db.cards.where('articleId').equals('a').count()).toBe(2)
  })

  it("removes the article's speaker confusions with it, keeps quiz attempts, and undo restores them", async () => {
    await seedArticleWithDependents(db, 'a')
    const confusion = {
      id: 'speaker-one|speaker-two',
      rightName: 'Speaker One',
      pickedName: 'Speaker Two',
      rightSpeakerId: 'speaker-one',
      pickedSpeakerId: 'speaker-two',
      articleId: 'a',
      count: 2,
      lastAt: NOW_MS
    }
    await db.confusions.bulkPut([confusion, { ...confusion, id: 'other|pair', articleId: 'b' }])
    await db.quizAttempts.add({
      quizId: 'quiz-1',
      cardId: 'a:quote:q-1:who-said',
      articleId: 'a',
      format: 'choice',
      correct: false,
      response: 'Speaker Two',
      answeredAt: NOW_MS,
      answerMs: 900,
      scheduled: 1
    })

    const snapshot = await removeArticle(db, 'a')

    expect(await db.confusions.get(confusion.id)).toBeUndefined()
    expect(await db.confusions.get('other|pair')).toBeDefined()
    expect(await db.quizAttempts.count()).toBe(1)
    await restoreArticle(db, snapshot!)
    expect(await db.confusions.get(confusion.id)).toEqual(confusion)
  })

  it('returns null when removing an article that is not there', async () => {
    expect(await removeArticle(db, 'missing')).toBeNull()
  })

  it('restores exactly what was removed, scheduling state included', async () => {
    const card = await seedArticleWithDependents(db, 'a')
    const snapshot = await removeArticle(db, 'a')
    if (!snapshot) throw new Error('expected a snapshot')

    await restoreArticle(db, snapshot)

    expect(await getArticle(db, 'a')).toEqual({ ...makeArticle('a'), addedAt: NOW_MS })
    expect(await db.extractions.get('a')).toEqual(extractionOf('a'))
    expect(await db.corrections.where('articleId').equals('a').count()).toBe(2)
    expect(await db.notes.where('articleId').equals('a').count()).toBe(2)
    expect(await db.cards.get(card.id)).toEqual(card)
  })
})
