import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { CardRecord, QuotedeckDatabase } from '../../../src/renderer/src/db/schema'
import { getQuizFeedsScheduler } from '../../../src/renderer/src/db/quiz-repo'
import { schedulingOf } from '../../../src/renderer/src/db/cards-repo'
import { useQuizStore } from '../../../src/renderer/src/stores/quiz'
import { getByRole, queryAllByRole } from '../library/queries'
import { freshDatabase, NOW_MS } from './fixtures'
import { eventually, mountAt, press, type Mounted } from './mount'
import { seedQuizArticle } from './seed'

let db: QuotedeckDatabase
let mounted: Mounted | null = null

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW_MS)
  db = freshDatabase()
  await db.open()
})
afterEach(async () => {
  mounted?.wrapper.unmount()
  mounted = null
  document.body.innerHTML = ''
  vi.useRealTimers()
  await db.delete()
})

/** The card id of the question on screen. */
function currentCardId(root: HTMLElement): string {
  const element = root.querySelector('[data-card-id]')
  if (!element) throw new Error('no question on screen')
  return element.getAttribute('data-card-id')!
}

type QuizFormatLabel = 'Multiple choice' | 'Typed answer' | 'Match board'

async function startQuiz(root: HTMLElement, format: QuizFormatLabel): Promise<void> {
  await eventually(() => getByRole(root, 'radio', /One article/))
  ;(getByRole(root, 'radio', new RegExp(format)) as HTMLInputElement).click()
  await flushPromises()
  const startButton = getByRole(root, 'button', 'Start quiz') as HTMLButtonElement
  await eventually(() => expect(startButton.disabled).toBe(false))
  startButton.click()
  await eventually(() => {
    const error = root.querySelector('[role="alert"]')
    if (error) throw new Error(error.textContent ?? '')
    expect(
      root.querySelector('[data-card-id], .match-board'),
      root.textContent ?? ''
    ).not.toBeNull()
  })
}

/** Seeds the quiz article, opens the Quiz view and starts a quiz of `format` on it. */
async function seedAndStart(format: QuizFormatLabel): Promise<{
  root: HTMLElement
  byId: Map<string, CardRecord>
  store: ReturnType<typeof useQuizStore>
}> {
  const cards = await seedQuizArticle(db)
  mounted = await mountAt('/quiz')
  const { root } = mounted
  await startQuiz(root, format)
  return { root, byId: new Map(cards.map((card) => [card.id, card])), store: useQuizStore() }
}

describe('QuizView: multiple choice', () => {
  it('runs 10 questions with keys 1–4 and shows 7/10 with the three misses', async () => {
    const { root, byId, store } = await seedAndStart('Multiple choice')
    const missedIds: string[] = []
    for (let question = 0; question < 10; question++) {
      await eventually(() => expect(store.phase).toBe('question'))
      const cardId = currentCardId(root)
      const options = store.current!.options
      for (const option of options) getByRole(root, 'button', option)
      const right = byId.get(cardId)!.answer
      const miss = question % 3 === 1 && missedIds.length < 3
      const position = miss ? options.findIndex((o) => o !== right) : options.indexOf(right)
      if (miss) missedIds.push(cardId)
      press(String(position + 1))
      await eventually(() => getByRole(root, 'heading', miss ? 'Wrong' : 'Right'))
      expect(root.textContent).toContain(`The answer is ${right}`)
      // The source sentence is shown with the quote highlighted.
      expect(root.querySelector('.source-sentence mark')?.textContent).toContain('Statement number')
      getByRole(root, 'button', question === 9 ? 'See results' : 'Next question').click()
      await flushPromises()
    }
    await eventually(() => getByRole(root, 'heading', 'Quiz complete'))
    expect(root.querySelector('[data-testid="quiz-score"]')!.textContent).toBe('7/10')
    const missList = getByRole(root, 'list', 'Missed questions')
    expect(queryAllByRole(missList, 'listitem')).toHaveLength(3)
    const links = queryAllByRole(missList, 'link', 'Open the sentence in the article')
    expect(links).toHaveLength(3)
    expect(links[0].getAttribute('href')).toContain('/article/article-q?at=')

    const attempts = await db.quizAttempts.toArray()
    expect(attempts).toHaveLength(10)
    expect(
      attempts
        .filter((a) => !a.correct)
        .map((a) => a.cardId)
        .sort()
    ).toEqual([...missedIds].sort())
    expect(attempts.every((a) => a.scheduled === 1)).toBe(true)
    const logs = await db.reviewLogs.toArray()
    expect(logs.map((log) => log.source)).toEqual(Array(10).fill('quiz'))
    expect(logs.filter((log) => log.grade === 1)).toHaveLength(3)
    expect(logs.every((log) => log.grade === 1 || log.grade === 3)).toBe(true)
    expect(await db.confusions.count()).toBeGreaterThan(0)
  })

  it('stores only practice when the setting is off and leaves the cards as they were', async () => {
    const cards = await seedQuizArticle(db)
    await db.settings.put({ key: 'quizFeedsScheduler', value: false })
    mounted = await mountAt('/quiz')
    const { root } = mounted
    await startQuiz(root, 'Multiple choice')
    expect(root.textContent).not.toContain('Changed')
    press('1')
    await eventually(() =>
      expect(root.textContent).toContain('Practice: your study schedule is unchanged.')
    )
    const stored = await db.cards.bulkGet(cards.map((card) => card.id))
    expect(stored.map((card) => schedulingOf(card!))).toEqual(cards.map(schedulingOf))
    expect((await db.reviewLogs.toArray()).map((l) => l.source)).toEqual(['practice'])
    expect((await db.quizAttempts.toArray())[0].scheduled).toBe(0)
  })

  it('counts a question whose timer runs out as wrong', async () => {
    vi.useRealTimers()
    await seedQuizArticle(db)
    mounted = await mountAt('/quiz')
    const { root } = mounted
    const store = useQuizStore()
    store.config.timerSeconds = 1
    await startQuiz(root, 'Multiple choice')
    expect(getByRole(root, 'timer')).toBeTruthy()
    await eventually(() => getByRole(root, 'heading', 'Time is up'), 400)
    const [attempt] = await db.quizAttempts.toArray()
    expect(attempt).toMatchObject({ correct: false, response: '' })
  })
})

describe('QuizView: typed answers', () => {
  it('asks again on an ambiguous surname, then accepts the full name', async () => {
    const { root, byId, store } = await seedAndStart('Typed answer')
    // Move to a question whose answer is a Wang.
    let guard = 0
    while (!byId.get(currentCardId(root))!.answer.startsWith('Wang') && guard++ < 12) {
      const input = getByRole(root, 'textbox', "Speaker's name") as HTMLInputElement
      input.value = byId.get(currentCardId(root))!.answer
      input.dispatchEvent(new Event('input'))
      input.form!.dispatchEvent(new Event('submit', { cancelable: true }))
      await eventually(() => getByRole(root, 'button', /Next question|See results/))
      store.next()
      await flushPromises()
    }
    const answer = byId.get(currentCardId(root))!.answer
    const input = getByRole(root, 'textbox', "Speaker's name") as HTMLInputElement
    input.value = 'wang'
    input.dispatchEvent(new Event('input'))
    input.form!.dispatchEvent(new Event('submit', { cancelable: true }))
    await eventually(() =>
      expect(root.querySelector('#quiz-typed-retry')!.textContent).toContain(
        'Two people in this article are called Wang: Wang Yi and Wang Xiaohong. Type the full name.'
      )
    )
    const attemptsBefore = await db.quizAttempts.count()
    expect(store.phase).toBe('question')
    const retry = getByRole(root, 'textbox', "Speaker's name") as HTMLInputElement
    retry.value = answer.toUpperCase()
    retry.dispatchEvent(new Event('input'))
    retry.form!.dispatchEvent(new Event('submit', { cancelable: true }))
    await eventually(() => getByRole(root, 'heading', 'Right'))
    expect(await db.quizAttempts.count()).toBe(attemptsBefore + 1)
  })

  it('accepts a misspelt surname and says so', async () => {
    const { root, byId, store } = await seedAndStart('Typed answer')
    while (byId.get(currentCardId(root))!.answer !== 'Antony Blinken') {
      await store.answerTyped('nobody at all')
      store.next()
      await flushPromises()
    }
    await store.answerTyped('Blinkn')
    await eventually(() => getByRole(root, 'heading', 'Right'))
    expect(root.textContent).toContain('Correct, allowing for spelling: Antony Blinken.')
  })
})

describe('QuizView: match board', () => {
  it('pairs quotes with speakers by keyboard-reachable buttons and scores first tries', async () => {
    const cards = await seedQuizArticle(db)
    const byId = new Map(cards.map((card) => [card.id, card]))
    mounted = await mountAt('/quiz')
    const { root } = mounted
    const store = useQuizStore()
    store.config.length = 'all'
    await startQuiz(root, 'Match board')
    const quotes = getByRole(root, 'list', 'Quotes')
    const quoteButtons = queryAllByRole(quotes, 'button')
    expect(quoteButtons).toHaveLength(12)
    const board = store.board!
    // First quote: a wrong speaker first, then the right one.
    const first = board.quotes[0]
    const rightName = byId.get(first.id)!.answer
    const wrongName = board.speakers.find((s) => s.name !== rightName)!.name
    getByRole(quotes, 'button', new RegExp(first.text.slice(1, 20))).click()
    await flushPromises()
    getByRole(root, 'button', wrongName).click()
    await eventually(() => expect(root.textContent).toContain(`Not ${wrongName}`))
    getByRole(root, 'button', rightName).click()
    await eventually(() => expect(root.textContent).toContain(`Right: ${rightName} said it.`))
    for (const quote of board.quotes.slice(1)) {
      store.selectQuote(quote.id)
      await store.pickSpeaker(quote.speakerId)
    }
    await eventually(() => getByRole(root, 'heading', 'Quiz complete'))
    expect(root.querySelector('[data-testid="quiz-score"]')!.textContent).toBe('11/12')
    expect(await db.quizAttempts.count()).toBe(12)
  })
})

describe('QuizSettings', () => {
  it('explains the mapping and stores the switch', async () => {
    mounted = await mountAt('/settings')
    const { root } = mounted
    const toggle = await (async () => {
      let found: HTMLInputElement | null = null
      await eventually(() => {
        found = getByRole(
          root,
          'checkbox',
          /Quiz answers update your study schedule/
        ) as HTMLInputElement
        expect(found.checked).toBe(true)
      })
      return found!
    })()
    expect(root.textContent).toContain('wrong → Again, right → Good')
    toggle.click()
    await eventually(async () => expect(await getQuizFeedsScheduler(db)).toBe(false))
  })
})
