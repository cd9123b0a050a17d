import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS_DIR, SCREENSHOTS_DIR, launchApp, type E2EApp } from './support/harness'
import { readStore, waitFor, type StoredLog } from './support/idb'

interface StoredCard {
  id: string
  template: string
  answer: string
  options: string[] | null
  queue: number
  due: number
  reps: number
  lapses: number
  stability: number
  memoryState: number
  lastReviewedAt: number | null
}

interface StoredAttempt {
  id: number
  cardId: string
  correct: boolean
  scheduled: number
}

let app: E2EApp

beforeAll(async () => {
  app = await launchApp()
  await mkdir(SCREENSHOTS_DIR, { recursive: true })
  await mkdir(ARTIFACTS_DIR, { recursive: true })
})

afterAll(async () => {
  await app?.close()
})

/** The scheduling fields of a card, to compare before and after. */
function scheduleOf(card: StoredCard): unknown {
  const { queue, due, reps, lapses, stability, memoryState, lastReviewedAt } = card
  return { queue, due, reps, lapses, stability, memoryState, lastReviewedAt }
}

/** The id of the card on the question screen. */
async function questionCardId(page: Page): Promise<string> {
  const id = await page.locator('section.quiz-question').getAttribute('data-card-id')
  if (!id) throw new Error('No question on screen')
  return id
}

/** Presses the number key of the option named `name` (keys 1–4). */
async function pressOption(page: Page, name: string): Promise<void> {
  const options = page.getByRole('list', { name: 'Options' })
  const key = await options
    .getByRole('button', { name, exact: true })
    .getAttribute('aria-keyshortcuts')
  if (!key) throw new Error(`No key for option ${name}`)
  await page.keyboard.press(key)
}

/**
 * Answers the question on screen with the keyboard: right, or (when `miss`) with another option.
 * The right answer is read from the card in IndexedDB. Returns the card id.
 */
async function answerQuestion(page: Page, miss: boolean): Promise<string> {
  await page.locator('section.quiz-question').waitFor()
  const id = await questionCardId(page)
  const card = (await readStore<StoredCard>(page, 'cards')).find((c) => c.id === id)!
  const shown = await page
    .getByRole('list', { name: 'Options' })
    .getByRole('button')
    .evaluateAll((buttons) =>
      buttons.map((button) => (button.textContent ?? '').replace(/^\s*\d\s*/, '').trim())
    )
  expect(shown).toContain(card.answer)
  const pick = miss ? shown.find((option) => option !== card.answer)! : card.answer
  await pressOption(page, pick)
  await page.getByRole('heading', { name: miss ? 'Wrong' : 'Right', exact: true }).waitFor()
  await page.getByText(`The answer is ${card.answer}`).waitFor()
  await page.locator('.quiz-feedback .source-sentence mark').waitFor()
  // The Next button has the focus: Enter moves on.
  await page.keyboard.press('Enter')
  return id
}

describe('quiz e2e', () => {
  it('quizzes the seed article, lists and re-drills the misses, and respects the setting', async () => {
    const page = await app.newPage()
    const allCards = await waitFor(
      () => readStore<StoredCard>(page, 'cards'),
      (cards) => cards.filter((card) => card.template === 'who-said').length >= 10,
      'the seed article’s who-said cards'
    )
    const whoSaid = allCards.filter((card) => card.template === 'who-said')
    expect(whoSaid.every((card) => card.queue === 0)).toBe(true)

    // A 10-question multiple-choice quiz on the seed article, three deliberate misses.
    await page.getByRole('link', { name: 'Quiz', exact: true }).click()
    await page.getByRole('radio', { name: /One article/ }).check()
    await page.getByRole('radio', { name: /10 questions/ }).check()
    await page.getByRole('radio', { name: /Multiple choice/ }).check()
    await page.getByRole('button', { name: 'Start quiz' }).click()
    await page.locator('section.quiz-question').waitFor()
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'quiz-question.png') })
    const missed: string[] = []
    const asked: string[] = []
    for (let question = 0; question < 10; question++) {
      const miss = question === 1 || question === 4 || question === 8
      const id = await answerQuestion(page, miss)
      asked.push(id)
      if (miss) missed.push(id)
    }
    expect(new Set(asked).size).toBe(10)
    await page.getByRole('heading', { name: 'Quiz complete' }).waitFor()
    await expect(page.getByTestId('quiz-score').textContent()).resolves.toBe('7/10')
    const missList = page.getByRole('list', { name: 'Missed questions' })
    await expect(missList.getByRole('listitem').count()).resolves.toBe(3)
    await expect(
      missList.getByRole('link', { name: 'Open the sentence in the article' }).count()
    ).resolves.toBe(3)
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'quiz.png'), fullPage: true })

    // The setting is on by default and every card was new: ten FSRS answers from the quiz.
    const quizLogs = await waitFor(
      () => readStore<StoredLog>(page, 'reviewLogs'),
      (logs) => logs.length === 10,
      'ten review logs'
    )
    expect(quizLogs.every((log) => log.source === 'quiz')).toBe(true)
    expect(
      quizLogs
        .filter((log) => log.grade === 1)
        .map((log) => log.cardId)
        .sort()
    ).toEqual([...missed].sort())
    expect(quizLogs.every((log) => log.grade === 1 || log.grade === 3)).toBe(true)
    const attempts = await readStore<StoredAttempt>(page, 'quizAttempts')
    expect(attempts).toHaveLength(10)
    expect(attempts.every((attempt) => attempt.scheduled === 1)).toBe(true)

    // The Missed view lists exactly those three.
    await page.getByRole('link', { name: 'Missed', exact: true }).click()
    const list = page.getByRole('list', { name: 'Missed cards' })
    await list.getByRole('listitem').first().waitFor()
    const listed = await list
      .getByRole('listitem')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-card-id')))
    expect(listed.sort()).toEqual([...missed].sort())
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'quiz-missed.png') })

    // Re-drill: the first card answered wrong once comes back; each is then answered right.
    const beforeRedrill = await readStore<StoredCard>(page, 'cards')
    await page.getByRole('button', { name: 'Re-drill missed' }).click()
    const redrilled: string[] = []
    let wrongOnce = true
    for (let step = 0; step < 10; step++) {
      const cardLocator = page.locator('.redrill .card')
      const done = page.getByText('Round complete')
      await Promise.race([cardLocator.waitFor(), done.waitFor()])
      if (await done.isVisible()) break
      const id = (await cardLocator.getAttribute('data-card-id'))!
      const card = beforeRedrill.find((c) => c.id === id)!
      const shown = await page
        .getByRole('list', { name: 'Options' })
        .getByRole('button')
        .evaluateAll((buttons) =>
          buttons.map((button) => (button.textContent ?? '').replace(/^\s*\d\s*/, '').trim())
        )
      await pressOption(page, wrongOnce ? shown.find((o) => o !== card.answer)! : card.answer)
      wrongOnce = false
      redrilled.push(id)
      await page.getByRole('button', { name: 'Continue' }).click()
    }
    await page.getByText('Round complete').waitFor()
    expect(redrilled).toHaveLength(4)
    expect(redrilled[3]).toBe(redrilled[0])
    expect([...new Set(redrilled)].sort()).toEqual([...missed].sort())
    const afterRedrillLogs = await readStore<StoredLog>(page, 'reviewLogs')
    expect(afterRedrillLogs.slice(10).map((log) => log.source)).toEqual(Array(4).fill('practice'))
    const afterRedrill = await readStore<StoredCard>(page, 'cards')
    for (const id of missed) {
      expect(scheduleOf(afterRedrill.find((c) => c.id === id)!)).toEqual(
        scheduleOf(beforeRedrill.find((c) => c.id === id)!)
      )
    }
    await page.getByRole('button', { name: 'Back to Missed' }).click()
    // The list reloads: each re-drilled card is marked as answered right since its miss.
    await page.locator('.badge.cleared').nth(2).waitFor()
    await expect(page.locator('.badge.cleared').count()).resolves.toBe(3)

    // One click turns the most confused pair into a new contrast card.
    const pairs = page.getByRole('list', { name: 'Most confused pairs' })
    await pairs.getByRole('button').first().click()
    await page.getByText(/Contrast card created/).waitFor()
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'quiz-missed-contrast.png'), fullPage: true })
    const contrast = (await readStore<StoredCard>(page, 'cards')).filter(
      (card) => card.template === 'contrast'
    )
    expect(contrast).toHaveLength(1)
    expect(contrast[0].queue).toBe(0)
    expect(contrast[0].options).toHaveLength(2)

    // Turn the setting off: a whole quiz (the new contrast card included) is practice only.
    await page.getByRole('link', { name: 'Settings', exact: true }).click()
    const toggle = page.getByRole('checkbox', { name: 'Quiz answers update your study schedule' })
    await expect(toggle.isChecked()).resolves.toBe(true)
    await toggle.uncheck()
    await page.getByRole('link', { name: 'Quiz', exact: true }).click()
    await page.getByRole('button', { name: 'New quiz' }).click()
    await page.getByRole('radio', { name: /^All/ }).check()
    await page.getByRole('button', { name: 'Start quiz' }).click()
    const cardsBefore = await readStore<StoredCard>(page, 'cards')
    const logsBefore = (await readStore<StoredLog>(page, 'reviewLogs')).length
    const attemptsBefore = (await readStore<StoredAttempt>(page, 'quizAttempts')).length
    const second: string[] = []
    for (let question = 0; question < 11; question++) second.push(await answerQuestion(page, false))
    await page.getByRole('heading', { name: 'Quiz complete' }).waitFor()
    await expect(page.getByTestId('quiz-score').textContent()).resolves.toBe('11/11')
    expect(second).toContain(contrast[0].id)
    const logsAfter = await waitFor(
      () => readStore<StoredLog>(page, 'reviewLogs'),
      (logs) => logs.length === logsBefore + 11,
      'eleven practice logs'
    )
    expect(logsAfter.slice(logsBefore).every((log) => log.source === 'practice')).toBe(true)
    const attemptsAfter = await readStore<StoredAttempt>(page, 'quizAttempts')
    expect(attemptsAfter.slice(attemptsBefore).every((a) => a.scheduled === 0)).toBe(true)
    const cardsAfter = await readStore<StoredCard>(page, 'cards')
    for (const id of second) {
      expect(scheduleOf(cardsAfter.find((c) => c.id === id)!)).toEqual(
        scheduleOf(cardsBefore.find((c) => c.id === id)!)
      )
    }
    expect(app.consoleErrorsOf(page)).toEqual([])
  })
})
