import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { Queue } from '../../../src/core/scheduling'
import type { Speaker } from '../../../src/core/extract/types'
import {
  setDatabase,
  type CardRecord,
  type QuotedeckDatabase
} from '../../../src/renderer/src/db/schema'
import { useStudyStore } from '../../../src/renderer/src/stores/study'
import { freshDatabase, makeArticle, makeCard, NOW_MS } from '../db/fixtures'
import { getByRole, mountStudyView, press, pressInTurn, queryByRole } from './helpers'

const options = ['Maria Alvarez', 'Tomas Berg', 'Ana Costa', 'Li Wei']
let db: QuotedeckDatabase
let wrapper: VueWrapper | null = null

function cards(): CardRecord[] {
  const base = NOW_MS - 10_000
  return [
    makeCard('c0', {
      template: 'cloze-quote',
      prompt: '“We made real progress on the [...]”',
      answer: 'border question',
      context: 'Maria Alvarez said:',
      state: { due: base }
    }),
    makeCard('c1', {
      template: 'who-said',
      prompt: '“Nothing has been agreed until everything has been agreed”',
      answer: 'Tomas Berg',
      context: 'Who said this?',
      options,
      state: { due: base + 1 }
    }),
    makeCard('c2', {
      template: 'who-said',
      prompt: '“We made real progress on the border question”',
      answer: 'Maria Alvarez',
      context: 'Who said this?',
      options,
      state: { due: base + 2 }
    }),
    makeCard('c3', {
      template: 'cloze-figure',
      prompt: 'Talks in Geneva lasted [...] on Tuesday, officials said.',
      answer: 'five-and-a-half hours',
      hint: 'duration',
      state: { due: base + 3 }
    })
  ]
}

function body(): HTMLElement {
  return document.body
}

function promptText(): string {
  return body().querySelector('[data-testid="prompt"]')?.textContent ?? ''
}

async function start(): Promise<void> {
  const mounted = await mountStudyView()
  wrapper = mounted.wrapper
  getByRole(body(), 'button', 'Start studying').click()
  await flushPromises()
  await waitFor(() => promptText().length > 0)
}

async function waitFor(check: () => boolean, timeoutMs = 15000): Promise<void> {
  const startedAt = Date.now()
  while (!check()) {
    if (Date.now() - startedAt > timeoutMs) throw new Error('Timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

async function settle(): Promise<void> {
  await useStudyStore().settled()
  await flushPromises()
}

beforeEach(async () => {
  db = freshDatabase()
  setDatabase(db)
  const { article } = makeArticle()
  await db.articles.add({ ...article, addedAt: NOW_MS })
  await db.cards.bulkAdd(cards())
})

afterEach(async () => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
  await db.delete()
})

describe('StudyView', () => {
  it('offers the scope choice: everything due, or one article', async () => {
    const mounted = await mountStudyView()
    wrapper = mounted.wrapper
    const select = getByRole(body(), 'combobox') as HTMLSelectElement
    await waitFor(() => select.options.length === 2)
    expect([...select.options].map((option) => option.text.trim())).toEqual([
      'Everything due',
      'Border talks'
    ])
  })

  it('shows the prompt and progress; Space reveals the answer, its source and the ratings', async () => {
    await start()
    expect(promptText()).toContain('We made real progress on the')
    const progress = getByRole(body(), 'progressbar', 'Study progress') as HTMLProgressElement
    expect(progress.value).toBe(0)
    expect(progress.max).toBe(4)
    expect(queryByRole(body(), 'button', /^Good/)).toBeNull()

    press(' ')
    await nextTick()

    expect(queryByRole(body(), 'button', /^Show answer/)).toBeNull()
    expect(promptText()).toContain('border question')
    for (const label of ['Again', 'Hard', 'Good', 'Easy']) {
      expect(getByRole(body(), 'button', new RegExp(`^${label}, next in \\S+`))).toBeTruthy()
    }
    const link = getByRole(body(), 'link', 'Open in article')
    expect(link.getAttribute('href')).toContain('/article/article-a')
    await waitFor(() => body().querySelector('mark.sentence') !== null)
    const text = makeArticle().article.text
    const highlighted = [...body().querySelectorAll('mark.sentence')].map((m) => m.textContent)
    expect(highlighted.join('')).toBe(text.slice(0, 10))
    expect(body().querySelector('mark .fact')!.textContent).toBe(text.slice(2, 8))
    expect(body().querySelector('blockquote')!.textContent).toBe(text.slice(0, text.indexOf('\n')))
  })

  it('key 3 rates Good: the next card shows in the same tick, then card and log are stored', async () => {
    await start()
    press(' ')
    await nextTick()

    press('3')
    await nextTick()

    // No storage round trip between the key and the next card.
    expect(promptText()).toContain('Nothing has been agreed')
    await settle()
    const logs = await db.reviewLogs.toArray()
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatchObject({ cardId: 'c0', grade: 3, source: 'study' })
    expect((await db.cards.get('c0'))!.queue).toBe(Queue.Learning)
    const progress = getByRole(body(), 'progressbar', 'Study progress') as HTMLProgressElement
    expect(progress.value).toBe(1)
  })

  it('who-said: a wrong pick with a number key grades Again; Enter continues', async () => {
    await start()
    await pressInTurn(' ', '3')
    expect(getByRole(body(), 'button', /^1\. Maria Alvarez$/)).toBeTruthy()

    press('1')
    await nextTick()

    expect(getByRole(body(), 'status', /Not quite: it was Tomas Berg/)).toBeTruthy()
    expect(queryByRole(body(), 'button', /grade Easy/)).toBeNull()
    expect(getByRole(body(), 'button', /1\. Maria Alvarez \(your pick, wrong\)/)).toBeTruthy()
    expect(getByRole(body(), 'button', /2\. Tomas Berg \(right answer\)/)).toBeTruthy()
    press('4')
    await nextTick()
    expect(promptText()).toContain('Nothing has been agreed')

    press('Enter')
    await nextTick()
    await settle()

    const log = await db.reviewLogs.where('cardId').equals('c1').first()
    expect(log).toMatchObject({ grade: 1 })
    expect(promptText()).toContain('We made real progress on the border question')
  })

  it('who-said: a wrong pick counts the two speakers as confused; undo takes it back', async () => {
    await db.cards.update('c1', { answerSpeakerId: 'tomas-berg' })
    const speaker = (id: string, name: string): Speaker => ({
      id,
      name,
      aliases: [],
      role: null,
      kind: 'person',
      mentions: [],
      quoteCount: 1
    })
    await db.extractions.put({
      articleId: 'article-a',
      speakers: [speaker('tomas-berg', 'Tomas Berg'), speaker('maria-alvarez', 'Maria Alvarez')],
      quotes: [],
      figures: []
    } as never)
    await start()
    await pressInTurn(' ', '3')
    press('1')
    await nextTick()
    press('Enter')
    await nextTick()
    await settle()

    expect(await db.confusions.toArray()).toMatchObject([
      {
        id: 'tomas-berg|maria-alvarez',
        rightName: 'Tomas Berg',
        pickedName: 'Maria Alvarez',
        articleId: 'article-a',
        count: 1,
        lastCardId: 'c1'
      }
    ])
    press('z', { ctrlKey: true })
    await settle()
    await waitFor(() => promptText().includes('Nothing has been agreed'))
    expect(await db.confusions.count()).toBe(0)
  })

  it('who-said: a right pick grades Good, and key 4 raises it to Easy', async () => {
    await start()
    await pressInTurn(' ', '3')
    press('2') // Tomas Berg: right
    await nextTick()
    expect(getByRole(body(), 'status', /Right — Tomas Berg\. Graded Good/)).toBeTruthy()

    press('4')
    await nextTick()
    await settle()

    expect(await db.reviewLogs.where('cardId').equals('c1').first()).toMatchObject({ grade: 4 })
  })

  it('who-said: clicking an option and then Continue commits the pick’s grade', async () => {
    await start()
    await pressInTurn(' ', '3')
    getByRole(body(), 'button', /^2\. Tomas Berg$/).click()
    await nextTick()
    getByRole(body(), 'button', /^Continue/).click()
    await settle()

    expect(await db.reviewLogs.where('cardId').equals('c1').first()).toMatchObject({ grade: 3 })
  })

  it('Ctrl+Z undoes the last answer: toast, the card is back exactly as it was', async () => {
    const original = (await db.cards.get('c0'))!
    await start()
    await pressInTurn(' ', '1')
    await settle()
    expect(await db.reviewLogs.count()).toBe(1)

    press('z', { ctrlKey: true })
    await waitFor(() => promptText().includes('We made real progress on the'))
    await flushPromises()

    expect(getByRole(body(), 'status', 'Answer undone')).toBeTruthy()
    expect(await db.reviewLogs.count()).toBe(0)
    expect(await db.cards.get('c0')).toEqual(original)
    const progress = getByRole(body(), 'progressbar', 'Study progress') as HTMLProgressElement
    expect(progress.value).toBe(0)
    expect(progress.max).toBe(4)
    // The undone card can be answered again (its shown version matches storage).
    await pressInTurn(' ', '3')
    await settle()
    expect(await db.reviewLogs.where('cardId').equals('c0').first()).toMatchObject({ grade: 3 })
  })

  it('the Undo button does the same as Ctrl+Z', async () => {
    await start()
    await pressInTurn(' ', '4')
    await settle()

    getByRole(body(), 'button', /^Undo last answer/).click()
    await waitFor(() => promptText().includes('We made real progress on the'))

    expect(await db.reviewLogs.count()).toBe(0)
  })

  it('keys do nothing while typing in a field', async () => {
    await start()
    const field = document.createElement('input')
    document.body.appendChild(field)
    field.focus()

    press(' ', {}, field)
    press('3', {}, field)
    press('z', { ctrlKey: true }, field)
    await nextTick()

    expect(queryByRole(body(), 'button', /^Show answer/)).not.toBeNull()
    expect(promptText()).toContain('We made real progress on the')
  })

  it('a failed write shows the error in words and puts the card back', async () => {
    await start()
    db.reviewLogs.hook('creating', () => {
      throw new Error('disk full')
    })
    await pressInTurn(' ', '3')
    await settle()

    expect(getByRole(body(), 'alert', /Your answer was not saved: .*disk full/)).toBeTruthy()
    expect(promptText()).toContain('We made real progress on the')
    expect(await db.reviewLogs.count()).toBe(0)
    const progress = getByRole(body(), 'progressbar', 'Study progress') as HTMLProgressElement
    expect(progress.value).toBe(0)
  })

  it('ends with today’s counts per grade and tomorrow’s forecast', async () => {
    await start()
    for (let i = 0; i < 4; i++) {
      press(' ')
      await nextTick()
      if (useStudyStore().pick !== null) press('Enter')
      else press('4')
      await nextTick()
      await settle()
    }
    // Easy graduates new cards; any card still in learning comes back within the session.
    while (useStudyStore().phase === 'studying') {
      press(' ')
      await nextTick()
      if (useStudyStore().pick !== null) press('Enter')
      else press('4')
      await nextTick()
      await settle()
    }

    await waitFor(() => queryByRole(body(), 'table') !== null)
    expect(getByRole(body(), 'heading', 'All done for now')).toBeTruthy()
    const table = getByRole(body(), 'table')
    expect(table.textContent).toMatch(/Today’s answers \(\d+\)/)
    expect(body().textContent).toMatch(/Tomorrow: \d+ cards? (is|are) due/)
  })
})
