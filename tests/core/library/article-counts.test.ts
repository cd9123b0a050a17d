import { describe, expect, it } from 'vitest'
import {
  addCard,
  articleCountsAt,
  countAll,
  DUE_BUCKET_MS,
  dueHour,
  emptyDelta,
  normalizeCounts,
  type CountedCard
} from '../../../src/core/library/article-counts'
import { Queue } from '../../../src/core/scheduling'

const HOUR = DUE_BUCKET_MS
/** 2026-03-10 12:00 UTC. */
const NOW_MS = Date.UTC(2026, 2, 10, 12)

function card(
  due: number,
  queue: CountedCard['queue'] = Queue.Review,
  articleId = 'a'
): CountedCard {
  return { articleId, queue, due }
}

describe('article counts (pure)', () => {
  it('counts due cards up to a day end inside an hour from the edge cards', () => {
    const cards = [card(NOW_MS + 10 * 60_000), card(NOW_MS + 40 * 60_000), card(NOW_MS + 2 * HOUR)]
    const counts = countAll(cards, dueHour(NOW_MS))
    const dayEndMs = NOW_MS + 30 * 60_000
    const edgeCards = cards.filter((c) => c.due >= NOW_MS && c.due < dayEndMs)
    expect(
      articleCountsAt({ rows: counts.articles, hours: counts.hours, dayEndMs, edgeCards }).get('a')
    ).toEqual({
      total: 3,
      new: 0,
      due: 1
    })
  })

  it('new, suspended and buried cards are never due; a damaged due counts as overdue', () => {
    const cards = [
      card(NOW_MS, Queue.New),
      card(NOW_MS - HOUR, Queue.Suspended),
      card(NOW_MS - HOUR, Queue.Buried),
      card(Number.NaN, Queue.Learning)
    ]
    const counts = countAll(cards, 0)
    expect(counts.hours).toEqual([])
    expect(
      articleCountsAt({
        rows: counts.articles,
        hours: counts.hours,
        dayEndMs: NOW_MS,
        edgeCards: []
      }).get('a')
    ).toEqual({
      total: 4,
      new: 1,
      due: 1
    })
  })

  it('adding then removing a card leaves a zero delta, whatever the fold mark', () => {
    const delta = emptyDelta()
    addCard(delta, card(NOW_MS), 1, () => 0)
    addCard(delta, card(NOW_MS), -1, () => 0)
    expect([...delta.hours.values()].map((entry) => entry.count)).toEqual([0])
    expect(delta.articles.get('a')).toEqual({ total: 0, new: 0, overdue: 0 })
  })

  it('normalising counts folded at different times gives the recount at one mark', () => {
    const cards = [card(NOW_MS - 5 * HOUR), card(NOW_MS - HOUR), card(NOW_MS + 3 * HOUR)]
    const early = countAll(cards, dueHour(NOW_MS - 3 * HOUR))
    expect(normalizeCounts(early, dueHour(NOW_MS))).toEqual(countAll(cards, dueHour(NOW_MS)))
  })

  it('takes out folded cards that are not due yet when the clock moved back', () => {
    const cards = [card(NOW_MS + 2 * HOUR)]
    const counts = countAll(cards, dueHour(NOW_MS + 5 * HOUR))
    const result = articleCountsAt({
      rows: counts.articles,
      hours: counts.hours,
      dayEndMs: NOW_MS + HOUR,
      edgeCards: [],
      notYetDueFolded: new Map([['a', 1]])
    })
    expect(result.get('a')?.due).toBe(0)
  })
})
