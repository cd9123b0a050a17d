import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defaultSchedulerSettings, Queue } from '../../../src/core/scheduling'
import { commitAnswer } from '../../../src/renderer/src/db/cards-repo'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import StatsView from '../../../src/renderer/src/views/StatsView.vue'
import { DAY_MS, makeCard, reviewState } from '../db/fixtures'
import { getByRole, queryAllByRole, useViewTestSetup } from './helpers'

let db: QuotedeckDatabase
let wrapper: VueWrapper | null = null

useViewTestSetup(
  (fresh) => (db = fresh),
  () => wrapper?.unmount()
)

async function mountStats(): Promise<HTMLElement> {
  const host = document.createElement('div')
  document.body.appendChild(host)
  wrapper = mount(StatsView, { attachTo: host })
  const startedAt = Date.now()
  while (!document.body.querySelector('table') && Date.now() - startedAt < 2000) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  return document.body
}

describe('StatsView', () => {
  it('shows today’s answers by grade, history, forecast and cards by state', async () => {
    const nowMs = Date.now()
    await db.cards.bulkAdd([
      makeCard('n0'),
      makeCard('n1'),
      makeCard('r0', { state: reviewState(nowMs + 3 * DAY_MS) }),
      makeCard('s0', { state: { queue: Queue.Suspended } })
    ])
    const card = (await db.cards.get('n0'))!
    const answered = await commitAnswer(db, {
      cardId: 'n0',
      grade: 1,
      nowMs,
      source: 'study',
      answerMs: 3000,
      expectedUpdatedAt: card.updatedAt,
      settings: defaultSchedulerSettings
    })
    expect(answered.ok).toBe(true)

    const root = await mountStats()

    const today = getByRole(root, 'region', 'Today')
    expect(today.textContent).toMatch(/1\s+answer: 1 new, 0 reviews/)
    const gradeTable = getByRole(today, 'table')
    expect([...gradeTable.querySelectorAll('td')].map((td) => td.textContent?.trim())).toEqual([
      '1',
      '0',
      '0',
      '0'
    ])

    const history = getByRole(root, 'region', /Answers per day/)
    const historyRows = history.querySelectorAll('tbody tr')
    expect(historyRows).toHaveLength(14)
    expect(historyRows[13].textContent).toMatch(/Today\s*1/)

    const upcoming = getByRole(root, 'region', /Due in the next 14 days/)
    const upcomingRows = upcoming.querySelectorAll('tbody tr')
    expect(upcomingRows).toHaveLength(14)
    // The Again card is in learning, due today; the review card falls due in three days.
    expect(upcomingRows[0].textContent).toMatch(/Today\s*1/)
    const total = [...upcomingRows].reduce(
      (sum, row) => sum + Number(row.querySelector('.count')?.textContent),
      0
    )
    expect(total).toBe(2)

    const cards = getByRole(root, 'region', 'Cards')
    expect([...cards.querySelectorAll('td')].map((td) => td.textContent?.trim())).toEqual([
      '1',
      '1',
      '1',
      '0',
      '1',
      '4'
    ])
    expect(queryAllByRole(root, 'alert')).toHaveLength(0)
  })
})
