import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defaultSchedulerSettings, Queue, type Grade } from '../../../src/core/scheduling'
import { commitAnswer, logPractice } from '../../../src/renderer/src/db/cards-repo'
import { recordConfusion } from '../../../src/renderer/src/db/quiz-repo'
import type { QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import StatsView from '../../../src/renderer/src/views/StatsView.vue'
import { DAY_MS, makeArticle, makeCard, NOW_MS, reviewState } from '../db/fixtures'
import { getByRole, queryAllByRole, useViewTestSetup } from './helpers'

let db: QuotedeckDatabase
let wrapper: VueWrapper | null = null

useViewTestSetup(
  (fresh) => (db = fresh),
  () => wrapper?.unmount()
)

beforeEach(() => {
  // Only the clock is fixed (IndexedDB needs real timers): the view reads Date.now().
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW_MS)
})
afterEach(() => {
  vi.useRealTimers()
})

async function mountStats(): Promise<HTMLElement> {
  const host = document.createElement('div')
  document.body.appendChild(host)
  wrapper = mount(StatsView, { attachTo: host })
  const startedAt = performance.now()
  while (
    !document.body.querySelector('[data-ready="true"], [role="alert"]') &&
    performance.now() - startedAt < 3000
  ) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  await flushPromises()
  return document.body
}

/** Clicks a region's "Show as table" toggle and returns its table (captioned). */
async function showTable(region: HTMLElement): Promise<HTMLTableElement> {
  const toggle = getByRole(region, 'button', 'Show as table')
  if (toggle.getAttribute('aria-pressed') !== 'true') {
    toggle.click()
    await flushPromises()
  }
  expect(toggle.getAttribute('aria-pressed')).toBe('true')
  return getByRole(region, 'table') as HTMLTableElement
}

function bodyRows(table: HTMLTableElement): string[][] {
  return [...table.querySelectorAll('tbody tr')].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())
  )
}

async function answer(cardId: string, grade: Grade, atMs: number): Promise<void> {
  const card = (await db.cards.get(cardId))!
  const result = await commitAnswer(db, {
    cardId,
    grade,
    nowMs: atMs,
    source: 'study',
    answerMs: 4000,
    expectedUpdatedAt: card.updatedAt,
    settings: defaultSchedulerSettings,
    tzOffsetMinutes: 'UTC'
  })
  expect(result.ok).toBe(true)
}

describe('StatsView', () => {
  it('says what to do when nothing has been studied', async () => {
    await db.cards.bulkAdd([makeCard('n0'), makeCard('n1')])
    const root = await mountStats()
    expect(getByRole(root, 'region', 'Future due').textContent).toContain(
      'Study a few cards to see your forecast.'
    )
    expect(getByRole(root, 'region', 'Review calendar').textContent).toContain(
      'Study a few cards to see your calendar and streaks.'
    )
    expect(getByRole(root, 'region', 'True retention').textContent).toContain(
      'Review a few cards that are due'
    )
    expect(
      queryAllByRole(getByRole(root, 'region', 'Future due'), 'button', 'Show as table')
    ).toHaveLength(0)
    const cards = getByRole(root, 'region', 'Today')
    expect([...cards.querySelectorAll('td')].map((td) => td.textContent?.trim())).toEqual([
      '2',
      '0',
      '0',
      '0',
      '0',
      '2'
    ])
  })

  it('draws every chart from real answers, each with a table behind its toggle', async () => {
    const { article } = makeArticle()
    await db.articles.add({ ...article, id: 'article-a', title: 'Budget talks', addedAt: NOW_MS })
    await db.cards.bulkAdd([
      makeCard('n0'),
      makeCard('young', { state: reviewState(NOW_MS - DAY_MS) }),
      makeCard('mature', {
        state: { ...reviewState(NOW_MS - DAY_MS), scheduledDays: 40, stability: 45 }
      }),
      makeCard('who', {
        template: 'who-said',
        answer: 'Ana Pérez',
        answerSpeakerId: 'article-a:ana-perez',
        state: { ...reviewState(NOW_MS + 3 * DAY_MS, 2), scheduledDays: 30 }
      }),
      makeCard('s0', { state: { queue: Queue.Suspended } })
    ])
    await answer('n0', 3, NOW_MS - 2 * 3_600_000)
    await answer('young', 3, NOW_MS - 3_600_000)
    await answer('mature', 1, NOW_MS - 1_800_000)
    const practice = await logPractice(db, {
      cardId: 'young',
      grade: 3,
      nowMs: NOW_MS - 60_000,
      answerMs: 2000
    })
    expect(practice.ok).toBe(true)
    await recordConfusion(db, {
      right: { id: 'article-a:ana-perez', name: 'Ana Pérez' },
      picked: { id: 'article-a:bo-li', name: 'Bo Li' },
      articleId: 'article-a',
      cardId: 'who',
      nowMs: NOW_MS - 60_000
    })

    const root = await mountStats()
    expect(queryAllByRole(root, 'alert')).toHaveLength(0)

    const today = getByRole(root, 'region', 'Today')
    expect(today.textContent).toMatch(/3\s+answers: 1 new, 2 reviews/)
    expect(today.textContent).toContain('Plus 1 practice (not counted as reviews).')

    const forecast = getByRole(root, 'region', 'Future due')
    const forecastTable = await showTable(forecast)
    expect(forecastTable.querySelector('caption')?.textContent).toMatch(
      /Learning and review cards due/
    )
    const forecastRows = bodyRows(forecastTable)
    expect(forecastRows).toHaveLength(31)
    expect(forecastRows[0][0]).toBe('Today')
    expect(forecastRows[1][0]).toBe('Tomorrow')
    expect(forecast.textContent).toMatch(/daily load ≈/)

    const perDay = getByRole(root, 'region', 'Reviews per day')
    const perDayRows = bodyRows(await showTable(perDay))
    expect(perDayRows).toHaveLength(30)
    // Today: one learning answer, two reviews, 12 s, one practice answer counted apart.
    expect(perDayRows[29]).toEqual(['Today', '1', '2', '0', '< 1 min', '1'])
    // The range selector: a year is shown in weeks.
    const yearly = [...perDay.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find(
      (input) => input.parentElement?.textContent?.trim() === '1 year'
    )!
    yearly.click()
    await flushPromises()
    expect(bodyRows(getByRole(perDay, 'table') as HTMLTableElement)).toHaveLength(53)

    const retention = getByRole(root, 'region', 'True retention')
    const retentionTable = await showTable(retention)
    expect(retentionTable.querySelector('caption')?.textContent).toContain('desired retention 90%')
    expect(bodyRows(retentionTable)[0]).toEqual(['Today', '100%', '0%', '50%', '2'])

    const calendarRows = bodyRows(await showTable(getByRole(root, 'region', 'Review calendar')))
    expect(calendarRows).toHaveLength(1)
    expect(calendarRows[0][2]).toBe('3')

    const intervals = bodyRows(await showTable(getByRole(root, 'region', 'Card intervals')))
    // In learning or relearning a card has no interval: the young card and the who-said card do.
    expect(intervals.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(2)
    const difficulty = bodyRows(await showTable(getByRole(root, 'region', 'Card difficulty')))
    expect(difficulty.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(4)
    const retrievability = bodyRows(
      await showTable(getByRole(root, 'region', 'Card retrievability'))
    )
    expect(retrievability.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(4)
    const stability = bodyRows(await showTable(getByRole(root, 'region', 'Card stability')))
    expect(stability.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(4)

    const buttons = bodyRows(await showTable(getByRole(root, 'region', 'Answer buttons')))
    expect(buttons).toEqual([
      ['Learning', '0', '0', '1', '0', '100%'],
      ['Young', '0', '0', '1', '0', '100%'],
      ['Mature', '1', '0', '0', '0', '0%'],
      ['Relearning', '0', '0', '0', '0', '—']
    ])
    const hours = bodyRows(await showTable(getByRole(root, 'region', 'Hourly breakdown')))
    expect(hours).toHaveLength(24)
    expect(hours.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(3)

    const speakers = getByRole(root, 'region', 'Mastery by speaker')
    const speakerRows = bodyRows(getByRole(speakers, 'table') as HTMLTableElement)
    expect(speakerRows[0]).toEqual(['Ana Pérez', 'Budget talks', '1', '100%', '2', 'Study'])
    expect(getByRole(speakers, 'link', 'Study Ana Pérez’s article').getAttribute('href')).toBe(
      '#/study?article=article-a'
    )
    const confused = getByRole(root, 'region', 'Speakers most often confused')
    expect(bodyRows(getByRole(confused, 'table') as HTMLTableElement)[0]).toEqual([
      'Ana Pérez → Bo Li',
      'Ana Pérez',
      'Bo Li',
      '1',
      'Study'
    ])
    const articles = getByRole(root, 'region', 'Mastery by article')
    expect(bodyRows(getByRole(articles, 'table') as HTMLTableElement)[0]).toEqual([
      'Budget talks',
      '5',
      '4',
      // Only the who-said card is still mature; the mature card's Again is a lapse (2 + 1).
      '20%',
      '3',
      'Study'
    ])
    expect(getByRole(articles, 'link', 'Study Budget talks').getAttribute('href')).toBe(
      '#/study?article=article-a'
    )

    // Toggling back shows the chart again (a canvas with an accessible name).
    getByRole(perDay, 'button', 'Show as table').click()
    await flushPromises()
    expect(queryAllByRole(perDay, 'table')).toHaveLength(0)
    expect(getByRole(perDay, 'button', 'Show as table').getAttribute('aria-pressed')).toBe('false')
    expect(perDay.querySelector('canvas[role="img"]')?.getAttribute('aria-label')).toBe(
      'Reviews per day (chart; the table has the figures)'
    )
  })

  it('a second visit shows "Loading…" first, not the last visit\'s charts drawn again', async () => {
    await db.cards.add(makeCard('c1', { state: reviewState(NOW_MS - DAY_MS, 3) }))
    const root = await mountStats()
    expect(root.querySelector('[data-ready="true"]')).not.toBeNull()
    wrapper?.unmount()
    document.body.innerHTML = ''
    const host = document.createElement('div')
    document.body.appendChild(host)
    wrapper = mount(StatsView, { attachTo: host })
    // The first render, before any read has answered.
    expect(host.querySelector('[data-ready="false"]')).not.toBeNull()
    expect(getByRole(host, 'status', 'Loading…')).toBeTruthy()
    expect(host.querySelectorAll('canvas')).toHaveLength(0)
  })
})
