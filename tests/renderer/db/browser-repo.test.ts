import { describe, expect, it } from 'vitest'
import { parseSearchQuery, type SearchNode } from '../../../src/core/browser/search-query'
import { Queue } from '../../../src/core/scheduling'
import {
  applyBulkAction,
  searchCards,
  undoBulkAction
} from '../../../src/renderer/src/db/browser-repo'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { DAY_MS, makeCard, NOW_MS, reviewState, useFreshDatabase } from './fixtures'

let db: QuotedeckDatabase
useFreshDatabase((fresh) => (db = fresh))

function node(query: string): SearchNode | null {
  const parsed = parseSearchQuery(query)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.node
}

async function search(query: string): Promise<string[]> {
  const rows = await searchCards(db, {
    node: node(query),
    nowMs: NOW_MS,
    dayEndMs: NOW_MS + 12 * 60 * 60 * 1000,
    leechThreshold: 8
  })
  return rows.map((row) => row.id).sort()
}

async function seed(): Promise<void> {
  await db.articles.bulkPut([
    { id: 'article-a', title: 'Trade talks in Geneva' } as never,
    { id: 'article-b', title: 'Budget vote' } as never
  ])
  await db.extractions.put({
    articleId: 'article-a',
    speakers: [{ id: 'wang-yi', name: 'Wang Yi' }],
    quotes: [],
    figures: [],
    extractedAt: NOW_MS
  } as never)
  await db.cards.bulkPut([
    makeCard('new-1'),
    makeCard('who-1', {
      template: 'who-said',
      answerSpeakerId: 'wang-yi',
      // Last answered two days ago, as its log says.
      state: { ...reviewState(NOW_MS - DAY_MS), lastReviewedAt: NOW_MS - 2 * DAY_MS }
    }),
    makeCard('leech-1', {
      state: { ...reviewState(NOW_MS + 5 * DAY_MS, 9), lastReviewedAt: NOW_MS - 30 * DAY_MS }
    }),
    makeCard('susp-1', { articleId: 'article-b', state: { queue: Queue.Suspended } }),
    makeCard('fig-1', { articleId: 'article-b', template: 'cloze-figure' })
  ])
  await db.reviewLogs.add({
    cardId: 'who-1',
    articleId: 'article-a',
    grade: 3,
    source: 'study',
    reviewedAt: NOW_MS - 2 * DAY_MS,
    answerMs: 3000,
    before: makeCard('who-1'),
    after: null
  })
}

describe('searchCards', () => {
  it('finds cards by every kind of term, through indexes and without', async () => {
    await seed()
    expect(await search('')).toHaveLength(5)
    expect(await search('speaker:"wang yi"')).toEqual(['who-1'])
    expect(await search('article:budget')).toEqual(['fig-1', 'susp-1'])
    expect(await search('type:cloze')).toEqual(['fig-1', 'leech-1', 'new-1', 'susp-1'])
    expect(await search('is:due')).toEqual(['who-1'])
    expect(await search('is:new')).toEqual(['fig-1', 'new-1'])
    expect(await search('is:suspended')).toEqual(['susp-1'])
    expect(await search('is:leech')).toEqual(['leech-1'])
    expect(await search('prop:lapses>3')).toEqual(['leech-1'])
    expect(await search('rated:3')).toEqual(['who-1'])
    expect(await search('rated:1')).toEqual([])
    expect(await search('is:new -article:budget')).toEqual(['new-1'])
    expect(await search('is:suspended or speaker:wang')).toEqual(['susp-1', 'who-1'])
    expect(await search('"answer fig-1"')).toEqual(['fig-1'])
  })

  it('shows speaker names and article titles on the rows', async () => {
    await seed()
    const [row] = await searchCards(db, {
      node: node('type:who-said'),
      nowMs: NOW_MS,
      dayEndMs: NOW_MS,
      leechThreshold: 8
    })
    expect(row.speakerName).toBe('Wang Yi')
    expect(row.articleTitle).toBe('Trade talks in Geneva')
  })
})

describe('applyBulkAction', () => {
  it('suspends and unsuspends back to the queue each card came from', async () => {
    await seed()
    const { changed } = await applyBulkAction(
      db,
      ['new-1', 'who-1', 'susp-1'],
      { kind: 'suspend' },
      NOW_MS
    )
    expect(changed).toBe(2)
    expect((await db.cards.get('who-1'))?.queue).toBe(Queue.Suspended)
    await applyBulkAction(db, ['new-1', 'who-1'], { kind: 'unsuspend' }, NOW_MS + 1)
    expect((await db.cards.get('who-1'))?.queue).toBe(Queue.Review)
    expect((await db.cards.get('new-1'))?.queue).toBe(Queue.New)
  })

  it.each([
    { kind: 'suspend' as const },
    { kind: 'bury' as const, untilMs: NOW_MS + DAY_MS },
    { kind: 'reset' as const },
    { kind: 'reschedule' as const, dueMs: NOW_MS + 10 * DAY_MS },
    { kind: 'delete' as const }
  ])('undoes $kind exactly', async (action) => {
    await seed()
    const before = await db.cards.toArray()
    const logsBefore = await db.reviewLogs.toArray()
    const ids = before.map((card) => card.id)
    const { undo } = await applyBulkAction(db, ids, action, NOW_MS)
    expect(await db.cards.toArray()).not.toEqual(before)
    await undoBulkAction(db, undo)
    expect(await db.cards.toArray()).toEqual(before)
    expect(await db.reviewLogs.toArray()).toEqual(logsBefore)
  })

  it('resets to new but keeps the review history', async () => {
    await seed()
    await applyBulkAction(db, ['who-1'], { kind: 'reset' }, NOW_MS)
    const card = await db.cards.get('who-1')
    expect(card?.queue).toBe(Queue.New)
    expect(card?.reps).toBe(0)
    expect(card?.stability).toBe(0)
    expect(await db.reviewLogs.where('cardId').equals('who-1').count()).toBe(1)
  })

  it('deletes cards with their review logs', async () => {
    await seed()
    await applyBulkAction(db, ['who-1'], { kind: 'delete' }, NOW_MS)
    expect(await db.cards.get('who-1')).toBeUndefined()
    expect(await db.reviewLogs.count()).toBe(0)
  })

  it('reschedules to the given date', async () => {
    await seed()
    await applyBulkAction(
      db,
      ['leech-1'],
      { kind: 'reschedule', dueMs: NOW_MS + 3 * DAY_MS },
      NOW_MS
    )
    const card = await db.cards.get('leech-1')
    expect(card?.due).toBe(NOW_MS + 3 * DAY_MS)
    expect(card?.scheduledDays).toBe(3)
  })
})

describe('rated: after a reset to new', () => {
  it('still finds a card answered before it was reset (history kept), and undo puts it back exactly', async () => {
    await seed()
    const before = await db.cards.get('who-1')
    const { undo } = await applyBulkAction(db, ['who-1'], { kind: 'reset' }, NOW_MS)
    const reset = await db.cards.get('who-1')
    expect(reset?.lastReviewedAt).toBeNull()
    expect(reset?.reps).toBe(0)
    expect(reset?.answeredBeforeResetAt).toBe(NOW_MS - 2 * DAY_MS)
    expect(await search('rated:3')).toEqual(['who-1'])
    expect(await search('rated:1')).toEqual([])

    // A second reset keeps the same time (nothing was answered in between).
    await applyBulkAction(db, ['who-1'], { kind: 'reset' }, NOW_MS + 1)
    expect((await db.cards.get('who-1'))?.answeredBeforeResetAt).toBe(NOW_MS - 2 * DAY_MS)

    await undoBulkAction(db, undo)
    expect(await db.cards.get('who-1')).toEqual(before)
  })

  it('never rates a card that was never answered, reset or not', async () => {
    await seed()
    await applyBulkAction(db, ['new-1'], { kind: 'reset' }, NOW_MS)
    expect((await db.cards.get('new-1'))?.answeredBeforeResetAt).toBeNull()
    expect(await search('rated:365')).toEqual(['leech-1', 'who-1'])
  })
})
