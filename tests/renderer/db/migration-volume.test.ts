import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import type { ReviewLogEntry } from '../../../src/core/scheduling'
import { schedulingOf } from '../../../src/renderer/src/db/cards-repo'
import { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { DAY_MS, makeArticle, makeCard, NOW_MS, shippedDatabase } from './fixtures'

const CARDS = 10_000
const LOGS = 100_000
const CHUNK = 5_000

let name = ''
afterEach(async () => {
  await Dexie.delete(name)
})

function logFor(index: number): ReviewLogEntry {
  const card = makeCard(`card-${index % CARDS}`)
  return {
    cardId: card.id,
    articleId: card.articleId,
    grade: ((index % 4) + 1) as ReviewLogEntry['grade'],
    source: index % 10 === 0 ? 'quiz' : 'study',
    reviewedAt: NOW_MS - DAY_MS + index * 1000,
    answerMs: 1000 + (index % 5000),
    before: schedulingOf(card),
    after: null
  }
}

describe('v1 → current with a big collection', () => {
  it(
    `keeps every row: ${CARDS.toLocaleString('en')} cards and ${LOGS.toLocaleString('en')} review logs`,
    { timeout: 240_000 },
    async () => {
      name = `migration-volume-${crypto.randomUUID()}`
      const { article, extraction } = makeArticle()
      const v1 = shippedDatabase(name, 1)
      await v1.open()
      await v1.table('articles').add({ ...article, addedAt: NOW_MS })
      await v1.table('extractions').add({ ...extraction, extractedAt: NOW_MS })
      v1.close()

      const v2 = shippedDatabase(name, 2)
      await v2.open()
      const cards = Array.from({ length: CARDS }, (_, index) =>
        makeCard(`card-${index}`, { articleId: article.id, lapses: index % 7 })
      )
      for (let start = 0; start < CARDS; start += CHUNK) {
        await v2.table('cards').bulkAdd(cards.slice(start, start + CHUNK))
      }
      for (let start = 0; start < LOGS; start += CHUNK) {
        const logs = Array.from({ length: Math.min(CHUNK, LOGS - start) }, (_, offset) =>
          logFor(start + offset)
        )
        await v2.table('reviewLogs').bulkAdd(logs)
      }
      v2.close()

      const current = new QuotedeckDatabase(name)
      await current.open()
      expect(current.verno).toBeGreaterThanOrEqual(2)
      expect(await current.articles.count()).toBe(1)
      expect(await current.extractions.count()).toBe(1)
      expect(await current.cards.count()).toBe(CARDS)
      expect(await current.reviewLogs.count()).toBe(LOGS)
      // Every row as written: cards compared whole, logs by id order and content. The cards are
      // new with answers in their logs (reset to new, to the upgrade), so version 7 gives each
      // the time of its latest answer: the log with the highest index for that card.
      const storedCards = await current.cards.orderBy('id').toArray()
      const expectedCards = [...cards]
        .map((card, cardIndex) => ({
          ...card,
          answeredBeforeResetAt: logFor(cardIndex + (LOGS / CARDS - 1) * CARDS).reviewedAt
        }))
        .sort((a, b) => (a.id < b.id ? -1 : 1))
      expect(storedCards).toEqual(expectedCards)
      let index = 0
      await current.reviewLogs.orderBy(':id').each((log) => {
        const { id, ...rest } = log
        expect(id).toBe(index + 1)
        expect(rest).toEqual(logFor(index))
        index += 1
      })
      expect(index).toBe(LOGS)
      // The indexes work over the migrated rows.
      expect(await current.reviewLogs.where('cardId').equals('card-0').count()).toBe(LOGS / CARDS)
      expect(await current.cards.where('lapses').equals(0).count()).toBe(Math.ceil(CARDS / 7))
      current.close()
    }
  )
})
