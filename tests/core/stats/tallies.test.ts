import { describe, expect, it } from 'vitest'
import { MemoryState, Queue } from '../../../src/core/scheduling'
import {
  DIFFICULTY_EDGES,
  INTERVAL_EDGES_DAYS,
  STABILITY_EDGES_DAYS,
  addCardToTallies,
  articleMastery,
  articleMasteryFromTallies,
  binCountsFromTallies,
  binOf,
  cardTallyKeys,
  DUE_FOLD_SLOT,
  dueCountsInBins,
  dueSlotOf,
  emptyTalliesDelta,
  foldDueRows,
  queueCountFromTallies,
  speakerMastery,
  speakerMasteryFromTallies,
  tallyAll,
  type TalliedCard
} from '../../../src/core/stats'

function card(overrides: Partial<TalliedCard> = {}): TalliedCard {
  return {
    articleId: 'a1',
    template: 'who-said',
    answerSpeakerId: 'a1:wang-yi',
    answer: 'Wang Yi',
    queue: Queue.Review,
    due: Date.UTC(2026, 2, 10, 12),
    memoryState: MemoryState.Review,
    scheduledDays: 30,
    stability: 40,
    difficulty: 5.5,
    lapses: 1,
    ...overrides
  }
}

/** What the index counts of earlier versions gave: bin i holds [edges[i], edges[i+1]). */
function indexBin(edges: readonly number[], value: number, excludeFirst = false): number | null {
  for (let i = edges.length - 1; i >= 0; i--) {
    const lower = edges[i]
    const upper = i + 1 < edges.length ? edges[i + 1] : Infinity
    const aboveLower = excludeFirst && i === 0 ? value > lower : value >= lower
    if (aboveLower && value < upper) return i
  }
  return null
}

describe('binOf', () => {
  it('puts every value in the bin the old index ranges counted it in', () => {
    const values = [-1, 0, 0.5, 1, 1.999, 2, 7, 9.99, 10, 29.5, 365, 3649, 3650, 1e6]
    for (const value of values) {
      expect(binOf(INTERVAL_EDGES_DAYS, value)).toBe(indexBin(INTERVAL_EDGES_DAYS, value))
      expect(binOf(STABILITY_EDGES_DAYS, value, true)).toBe(
        indexBin(STABILITY_EDGES_DAYS, value, true)
      )
      expect(binOf(DIFFICULTY_EDGES, value)).toBe(indexBin(DIFFICULTY_EDGES, value))
    }
  })

  it('leaves out values an index would not hold', () => {
    expect(binOf(INTERVAL_EDGES_DAYS, Number.NaN)).toBeNull()
    expect(binOf(INTERVAL_EDGES_DAYS, Infinity)).toBeNull()
    expect(binOf(INTERVAL_EDGES_DAYS, undefined)).toBeNull()
    expect(binOf(STABILITY_EDGES_DAYS, 0, true)).toBeNull()
  })
})

describe('card tallies', () => {
  it('a new card counts in its queue only (no interval, stability or difficulty yet)', () => {
    expect(
      cardTallyKeys(
        card({
          queue: Queue.New,
          memoryState: MemoryState.New,
          scheduledDays: 0,
          stability: 0,
          difficulty: 0
        })
      )
    ).toEqual([`queue:${Queue.New}`])
  })

  it('adding then removing the same card leaves every tally at zero', () => {
    const delta = emptyTalliesDelta()
    addCardToTallies(delta, card(), 1)
    addCardToTallies(delta, card(), -1)
    expect([...delta.cards.values()].every((count) => count === 0)).toBe(true)
    expect(delta.speakers.get('a1:wang-yi')).toMatchObject({
      whoSaidCards: 0,
      mature: 0,
      lapses: 0
    })
    expect(delta.articles.get('a1')).toEqual({ cards: 0, studied: 0, mature: 0, lapses: 0 })
  })

  it('reads distributions and queues back from the rows', () => {
    const tallies = tallyAll([
      card(),
      card({ scheduledDays: 1, stability: 0.5, difficulty: 10 }),
      card({ queue: Queue.Suspended })
    ])
    expect(queueCountFromTallies(tallies.cards, Queue.Review)).toBe(2)
    expect(queueCountFromTallies(tallies.cards, Queue.Suspended)).toBe(1)
    expect(queueCountFromTallies(tallies.cards, Queue.New)).toBe(0)
    const intervals = binCountsFromTallies(tallies.cards, 'interval')
    expect(intervals).toHaveLength(INTERVAL_EDGES_DAYS.length)
    expect(intervals[0]).toBe(1)
    expect(intervals[INTERVAL_EDGES_DAYS.indexOf(30)]).toBe(2)
    expect(binCountsFromTallies(tallies.cards, 'stability')[0]).toBe(1)
    expect(binCountsFromTallies(tallies.cards, 'difficulty')[DIFFICULTY_EDGES.length - 1]).toBe(1)
  })

  it('gives the same speaker and article mastery as counting the cards themselves', () => {
    const cards: TalliedCard[] = []
    for (let i = 0; i < 60; i++) {
      const speaker = `a${i % 3}:speaker-${i % 4}`
      cards.push(
        card({
          articleId: `a${i % 3}`,
          template: i % 5 === 0 ? 'cloze-quote' : 'who-said',
          answerSpeakerId: i % 5 === 0 ? null : speaker,
          answer: `Speaker ${i % 4}`,
          memoryState: i % 7 === 0 ? MemoryState.New : MemoryState.Review,
          scheduledDays: (i * 7) % 45,
          lapses: i % 4
        })
      )
    }
    const tallies = tallyAll(cards)
    expect(speakerMasteryFromTallies(tallies.speakers)).toEqual(speakerMastery(cards))
    const articleIds = ['a2', 'a0', 'gone']
    expect(articleMasteryFromTallies(articleIds, tallies.articles)).toEqual(
      articleMastery(articleIds, cards)
    )
  })
})

describe('dueCountsInBins', () => {
  const SLOT = 15 * 60_000
  const day = (n: number): { startMs: number; endMs: number } => ({
    startMs: n * 96 * SLOT,
    endMs: (n + 1) * 96 * SLOT
  })

  it('puts the fold and everything before the first bin’s end in the first bin', () => {
    const bins = [day(10), day(11), day(12)]
    const rows = [
      { slot: DUE_FOLD_SLOT, count: 0, foldedBelowSlot: 0 },
      { slot: 5, count: 2 },
      { slot: 10 * 96 + 3, count: 1 },
      { slot: 11 * 96, count: 4 },
      { slot: 12 * 96 + 95, count: 5 },
      { slot: 13 * 96, count: 100 }
    ]
    expect(dueCountsInBins(bins, 7, rows)).toEqual([10, 4, 5])
  })

  it('skips gaps between bins and handles no bins', () => {
    expect(dueCountsInBins([day(1), day(3)], 0, [{ slot: 2 * 96 + 1, count: 3 }])).toEqual([0, 0])
    expect(dueCountsInBins([], 5, [])).toEqual([])
  })

  it('counts only learning and review cards, in the slot of their due time', () => {
    expect(dueSlotOf({ queue: Queue.Review, due: 3 * SLOT + 1 })).toBe(3)
    expect(dueSlotOf({ queue: Queue.Learning, due: 3 * SLOT })).toBe(3)
    expect(dueSlotOf({ queue: Queue.New, due: 3 * SLOT })).toBeNull()
    expect(dueSlotOf({ queue: Queue.Buried, due: 3 * SLOT })).toBeNull()
    expect(dueSlotOf({ queue: Queue.Suspended, due: 3 * SLOT })).toBeNull()
  })

  it('foldDueRows folds the slots below the mark into one row', () => {
    expect(
      foldDueRows(
        [
          { slot: 9, count: 1 },
          { slot: 2, count: 2 },
          { slot: DUE_FOLD_SLOT, count: 3 }
        ],
        5
      )
    ).toEqual([
      { slot: DUE_FOLD_SLOT, count: 5 },
      { slot: 9, count: 1 }
    ])
  })
})
