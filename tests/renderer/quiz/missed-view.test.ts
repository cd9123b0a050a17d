import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { Queue } from '../../../src/core/scheduling'
import { schedulingOf } from '../../../src/renderer/src/db/cards-repo'
import { recordConfusion, recordQuizAnswer } from '../../../src/renderer/src/db/quiz-repo'
import type { CardRecord, QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { useMissedStore } from '../../../src/renderer/src/stores/missed'
import { getByRole, queryAllByRole } from '../library/queries'
import { DAY_MS, freshDatabase, NOW_MS } from './fixtures'
import { eventually, mountAt, press, type Mounted } from './mount'
import { seedQuizArticle } from './seed'

let db: QuotedeckDatabase
let mounted: Mounted | null = null
let cards: CardRecord[]

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW_MS)
  db = freshDatabase()
  await db.open()
  cards = await seedQuizArticle(db)
})
afterEach(async () => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.innerHTML = ''
  vi.useRealTimers()
  await db.delete()
})

/** Answers three cards wrong in a quiz (scheduled: they are new) and one right. */
async function missThree(): Promise<CardRecord[]> {
  const missed = [cards[0], cards[5], cards[10]]
  for (const [offset, card] of missed.entries()) {
    const result = await recordQuizAnswer(db, {
      quizId: 'quiz-1',
      cardId: card.id,
      format: 'choice',
      correct: false,
      response: 'Xi Jinping',
      nowMs: NOW_MS - 60_000 + offset,
      answerMs: 1000,
      isRedrill: false
    })
    expect(result.ok).toBe(true)
  }
  await recordQuizAnswer(db, {
    quizId: 'quiz-1',
    cardId: cards[1].id,
    format: 'choice',
    correct: true,
    response: cards[1].answer,
    nowMs: NOW_MS - 30_000,
    answerMs: 1000,
    isRedrill: false
  })
  return missed
}

function listedIds(root: HTMLElement): string[] {
  const list = getByRole(root, 'list', 'Missed cards')
  return queryAllByRole(list, 'listitem').map((item) => item.getAttribute('data-card-id')!)
}

describe('MissedView', () => {
  it('lists the cards missed in a quiz, most lapses first, with leeches flagged', async () => {
    const missed = await missThree()
    await db.cards.update(missed[2].id, { lapses: 9 })
    mounted = await mountAt('/missed')
    const { root } = mounted
    await eventually(() => expect(listedIds(root)).toHaveLength(3))
    expect(listedIds(root)[0]).toBe(missed[2].id)
    expect(listedIds(root).sort()).toEqual(missed.map((card) => card.id).sort())
    const list = getByRole(root, 'list', 'Missed cards')
    expect(list.querySelectorAll('.badge.leech')).toHaveLength(1)
    expect(root.textContent).toContain('3 missed cards, most lapses first')
  })

  it('filters by period and card type', async () => {
    await missThree()
    const old = cards[3]
    await recordQuizAnswer(db, {
      quizId: 'old',
      cardId: old.id,
      format: 'typed',
      correct: false,
      response: 'x',
      nowMs: NOW_MS - 20 * DAY_MS,
      answerMs: 1,
      isRedrill: false
    })
    mounted = await mountAt('/missed')
    const { root } = mounted
    await eventually(() => expect(listedIds(root)).toHaveLength(4))
    ;(getByRole(root, 'radio', /Last 7 days/) as HTMLInputElement).click()
    await eventually(() => expect(listedIds(root)).toHaveLength(3))
    ;(getByRole(root, 'radio', /Today/) as HTMLInputElement).click()
    await eventually(() => expect(listedIds(root)).toHaveLength(3))
    const store = useMissedStore()
    await store.setFilters({ template: 'cloze-quote' })
    await eventually(() => expect(root.textContent).toContain('No missed cards for these filters'))
  })

  it('suspends a card from the list, keeping its queue to come back to', async () => {
    const [first] = await missThree()
    mounted = await mountAt('/missed')
    const { root } = mounted
    await eventually(() => expect(listedIds(root)).toHaveLength(3))
    const before = (await db.cards.get(first.id))!
    getByRole(root, 'button', `Suspend: ${first.prompt}`).click()
    await eventually(async () =>
      expect((await db.cards.get(first.id))!.queue).toBe(Queue.Suspended)
    )
    expect((await db.cards.get(first.id))!.queueBeforeBury).toBe(before.queue)
    await eventually(() => getByRole(root, 'button', `Unsuspend: ${first.prompt}`))
  })

  it('re-drills until every missed card is right once, as practice only', async () => {
    const missed = await missThree()
    const byId = new Map(cards.map((card) => [card.id, card]))
    mounted = await mountAt('/missed')
    const { root } = mounted
    await eventually(() => expect(listedIds(root)).toHaveLength(3))
    const statesBefore = await db.cards.bulkGet(missed.map((card) => card.id))
    const logsBefore = await db.reviewLogs.count()
    getByRole(root, 'button', 'Re-drill missed').click()
    await eventually(() => getByRole(root, 'heading', 'Re-drill missed'))
    const store = useMissedStore()
    const asked: string[] = []
    let wrongOnce = true
    while (!store.redrillDone || store.redrillFeedback) {
      if (store.redrillFeedback) {
        getByRole(root, 'button', 'Continue').click()
        await flushPromises()
        continue
      }
      const cardId = root.querySelector('.redrill [data-card-id]')!.getAttribute('data-card-id')!
      asked.push(cardId)
      const right = byId.get(cardId)!.answer
      const position = wrongOnce
        ? store.redrillOptions.findIndex((option) => option !== right)
        : store.redrillOptions.indexOf(right)
      wrongOnce = false
      press(String(position + 1))
      await eventually(() => expect(store.redrillFeedback).not.toBeNull())
      expect(asked.length).toBeLessThan(10)
    }
    // The first card was missed once, so it came back at the end of the round.
    expect(asked).toHaveLength(4)
    expect(asked[3]).toBe(asked[0])
    await eventually(() => expect(root.textContent).toContain('Round complete'))
    const newLogs = (await db.reviewLogs.toArray()).slice(logsBefore)
    expect(newLogs.map((log) => log.source)).toEqual(Array(4).fill('practice'))
    const statesAfter = await db.cards.bulkGet(missed.map((card) => card.id))
    expect(statesAfter.map((card) => schedulingOf(card!))).toEqual(
      statesBefore.map((card) => schedulingOf(card!))
    )
    getByRole(root, 'button', 'Back to Missed').click()
    await eventually(() => expect(root.querySelectorAll('.badge.cleared')).toHaveLength(3))
  })

  it('reviews missed cards now as normal FSRS answers', async () => {
    const missed = await missThree()
    mounted = await mountAt('/missed')
    const { root } = mounted
    await eventually(() => expect(listedIds(root)).toHaveLength(3))
    vi.setSystemTime(NOW_MS + DAY_MS)
    getByRole(root, 'button', 'Review missed now').click()
    await eventually(() => getByRole(root, 'heading', 'Review missed now'))
    for (let index = 0; index < 3; index++) {
      press(' ')
      await eventually(() => getByRole(root, 'group', 'Rate your answer'))
      press('3')
      await flushPromises()
      await eventually(() => expect(root.textContent).toContain(`${index + 1} reviewed`))
    }
    await eventually(() => expect(root.textContent).toContain('All missed cards reviewed.'))
    const logs = await db.reviewLogs
      .where('reviewedAt')
      .aboveOrEqual(NOW_MS + DAY_MS)
      .toArray()
    expect(logs.map((log) => [log.source, log.grade])).toEqual(Array(3).fill(['study', 3]))
    expect(new Set(logs.map((log) => log.cardId))).toEqual(new Set(missed.map((card) => card.id)))
  })

  it('shows the most confused pairs and creates a contrast card in one click', async () => {
    await recordConfusion(db, {
      right: { id: 'antony-blinken', name: 'Antony Blinken' },
      picked: { id: 'wang-yi', name: 'Wang Yi' },
      articleId: 'article-q',
      cardId: cards[0].id,
      nowMs: NOW_MS
    })
    mounted = await mountAt('/missed')
    const { root } = mounted
    const pairs = await (async () => {
      let found: HTMLElement | null = null
      await eventually(() => {
        found = getByRole(root, 'list', 'Most confused pairs')
      })
      return found!
    })()
    expect(pairs.textContent!.replace(/\s+/g, ' ')).toContain(
      'Said by Antony Blinken, you picked Wang Yi'
    )
    getByRole(root, 'button', 'Create contrast card: Antony Blinken or Wang Yi').click()
    await eventually(async () => {
      const contrast = await db.cards.where('template').equals('contrast').toArray()
      expect(contrast).toHaveLength(1)
      expect(contrast[0].options).toEqual(['Antony Blinken', 'Wang Yi'])
    })
    await eventually(() =>
      expect(root.textContent).toContain('Who said this — Antony Blinken or Wang Yi?')
    )
  })
})
