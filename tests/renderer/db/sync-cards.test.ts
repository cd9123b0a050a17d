import { describe, expect, it } from 'vitest'
import { applyCorrections } from '../../../src/core/cards'
import { defaultSchedulerSettings, Queue } from '../../../src/core/scheduling'
import type { Extraction } from '../../../src/core/extract/types'
import { commitAnswer, syncArticleCards } from '../../../src/renderer/src/db/cards-repo'
import { suspendCard } from '../../../src/renderer/src/db/missed-repo'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { DAY_MS, makeArticle, NOW_MS, useFreshDatabase } from './fixtures'

let db: QuotedeckDatabase

useFreshDatabase((fresh) => (db = fresh))

async function answer(cardId: string): Promise<void> {
  const card = await db.cards.get(cardId)
  const result = await commitAnswer(db, {
    cardId,
    grade: 3,
    nowMs: NOW_MS,
    source: 'study',
    answerMs: 1000,
    expectedUpdatedAt: card!.updatedAt,
    settings: defaultSchedulerSettings,
    tzOffsetMinutes: 0
  })
  if (!result.ok) throw new Error(result.error.message)
}

function withoutQuote(extraction: Extraction, speakerId: string): Extraction {
  const quote = extraction.quotes.find((q) => q.speaker === speakerId)!
  return applyCorrections(extraction, [
    { start: quote.start, end: quote.end, kind: 'not-quote', speakerId: null }
  ])
}

describe('syncArticleCards', () => {
  it('stores every generated note and card as new cards, in article order', async () => {
    const { article, extraction } = makeArticle()

    const counts = await syncArticleCards(db, { article, extraction }, NOW_MS)

    const cards = await db.cards.orderBy('[queue+due]').toArray()
    expect(cards.length).toBeGreaterThan(0)
    expect(counts).toEqual({ added: cards.length, updated: 0, removed: 0, suspended: 0 })
    expect(cards.every((card) => card.queue === Queue.New && card.reps === 0)).toBe(true)
    expect(cards.map((card) => card.createdAt)).toEqual(cards.map(() => NOW_MS))
    expect(new Set(cards.map((card) => card.template))).toContain('who-said')
    const noteIds = new Set((await db.notes.toArray()).map((note) => note.id))
    expect(cards.every((card) => noteIds.has(card.noteId))).toBe(true)
  })

  it('re-syncing keeps scheduling state and history and does not duplicate anything', async () => {
    const { article, extraction } = makeArticle()
    await syncArticleCards(db, { article, extraction }, NOW_MS)
    const [first] = await db.cards.toArray()
    await answer(first.id)
    const answered = await db.cards.get(first.id)
    const before = await db.cards.count()
    const notesBefore = await db.notes.count()

    const counts = await syncArticleCards(db, { article, extraction }, NOW_MS + DAY_MS)

    expect(counts).toEqual({ added: 0, updated: 0, removed: 0, suspended: 0 })
    expect(await db.cards.count()).toBe(before)
    expect(await db.notes.count()).toBe(notesBefore)
    expect(await db.cards.get(first.id)).toEqual(answered)
    expect(await db.reviewLogs.where('cardId').equals(first.id).count()).toBe(1)
  })

  it('updates the content of a changed card and keeps its schedule', async () => {
    const { article, extraction } = makeArticle()
    await syncArticleCards(db, { article, extraction }, NOW_MS)
    const whoSaid = (await db.cards.toArray()).find(
      (card) => card.template === 'who-said' && card.answer === 'Maria Alvarez'
    )!
    await answer(whoSaid.id)
    const answered = (await db.cards.get(whoSaid.id))!
    // The speaker is renamed (as a correction or a better extraction would do).
    const renamed: Extraction = {
      ...extraction,
      speakers: extraction.speakers.map((s) =>
        s.id === 'maria-alvarez' ? { ...s, name: 'María Álvarez Ruiz' } : s
      )
    }

    const counts = await syncArticleCards(db, { article, extraction: renamed }, NOW_MS + DAY_MS)

    expect(counts.updated).toBeGreaterThan(0)
    expect(counts.added).toBe(0)
    const updated = (await db.cards.get(whoSaid.id))!
    expect(updated.answer).toBe('María Álvarez Ruiz')
    expect(updated.due).toBe(answered.due)
    expect(updated.reps).toBe(answered.reps)
    expect(updated.updatedAt).toBeGreaterThan(answered.updatedAt)
  })

  it('deletes unanswered cards of a vanished note and suspends answered ones, then restores them', async () => {
    const { article, extraction } = makeArticle()
    await syncArticleCards(db, { article, extraction }, NOW_MS)
    const all = await db.cards.toArray()
    const tomasNoteId = all.find(
      (c) => c.template === 'who-said' && c.answer === 'Tomas Berg'
    )!.noteId
    const tomasCards = all.filter((card) => card.noteId === tomasNoteId)
    expect(tomasCards.length).toBeGreaterThanOrEqual(2)
    const [kept, ...dropped] = tomasCards
    await answer(kept.id)
    const answered = (await db.cards.get(kept.id))!

    const corrected = withoutQuote(extraction, 'tomas-berg')
    const counts = await syncArticleCards(db, { article, extraction: corrected }, NOW_MS + 1000)

    expect(counts).toMatchObject({ added: 0, removed: dropped.length, suspended: 1 })
    for (const card of dropped) expect(await db.cards.get(card.id)).toBeUndefined()
    expect(await db.cards.get(kept.id)).toMatchObject({
      queue: Queue.Suspended,
      queueBeforeBury: answered.queue,
      due: answered.due
    })
    expect(await db.reviewLogs.where('cardId').equals(kept.id).count()).toBe(1)

    // Undoing the correction brings the note back: the answered card returns to its queue.
    const restored = await syncArticleCards(db, { article, extraction }, NOW_MS + 2000)
    expect(restored).toMatchObject({ added: dropped.length, updated: 1, suspended: 0 })
    expect(await db.cards.get(kept.id)).toMatchObject({
      queue: answered.queue,
      queueBeforeBury: null,
      due: answered.due,
      reps: answered.reps
    })
  })

  it('a card the user suspended stays suspended when a re-sync updates its content', async () => {
    const { article, extraction } = makeArticle()
    await syncArticleCards(db, { article, extraction }, NOW_MS)
    const whoSaid = (await db.cards.toArray()).find(
      (card) => card.template === 'who-said' && card.answer === 'Maria Alvarez'
    )!
    await answer(whoSaid.id)
    const suspended = await suspendCard(db, whoSaid.id, NOW_MS + 1000)
    expect(suspended.ok).toBe(true)
    const renamed: Extraction = {
      ...extraction,
      speakers: extraction.speakers.map((s) =>
        s.id === 'maria-alvarez' ? { ...s, name: 'María Álvarez Ruiz' } : s
      )
    }

    await syncArticleCards(db, { article, extraction: renamed }, NOW_MS + 2000)

    expect(await db.cards.get(whoSaid.id)).toMatchObject({
      answer: 'María Álvarez Ruiz',
      queue: Queue.Suspended
    })
  })

  it('a contrast card survives a re-sync and lives and dies with its quote', async () => {
    const { article, extraction } = makeArticle()
    await syncArticleCards(db, { article, extraction }, NOW_MS)
    const whoSaid = (await db.cards.toArray()).find(
      (card) => card.template === 'who-said' && card.answer === 'Tomas Berg'
    )!
    const contrastId = `${whoSaid.noteId}:contrast:tomas-berg|maria-alvarez`
    await db.cards.add({ ...whoSaid, id: contrastId, template: 'contrast' })

    const again = await syncArticleCards(db, { article, extraction }, NOW_MS + 1000)
    expect(again.removed).toBe(0)
    expect(await db.cards.get(contrastId)).toMatchObject({ template: 'contrast' })

    await answer(contrastId)
    const corrected = withoutQuote(extraction, 'tomas-berg')
    await syncArticleCards(db, { article, extraction: corrected }, NOW_MS + 2000)
    expect(await db.cards.get(contrastId)).toMatchObject({ queue: Queue.Suspended })

    await syncArticleCards(db, { article, extraction }, NOW_MS + 3000)
    expect((await db.cards.get(contrastId))?.queue).not.toBe(Queue.Suspended)
  })

  it('touches only the synced article', async () => {
    const { article, extraction } = makeArticle()
    await syncArticleCards(db, { article, extraction }, NOW_MS)
    const other = { ...article, id: 'article-b' }
    await syncArticleCards(
      db,
      { article: other, extraction: { ...extraction, articleId: 'article-b' } },
      NOW_MS
    )
    const countA = await db.cards.where('articleId').equals('article-a').count()

    await syncArticleCards(
      db,
      {
        article: other,
        extraction: withoutQuote({ ...extraction, articleId: 'article-b' }, 'tomas-berg')
      },
      NOW_MS
    )

    expect(await db.cards.where('articleId').equals('article-a').count()).toBe(countA)
  })
})
