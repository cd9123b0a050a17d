import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { CardTemplate } from '../../../core/cards/types'
import {
  createRedrillRound,
  currentRedrillCard,
  isRedrillDone,
  quizGradeToFsrs,
  redrillAnswer,
  seededRandom,
  shuffled,
  type RedrillRound
} from '../../../core/quiz'
import {
  defaultSchedulerSettings,
  previewAnswers,
  studyDayStart,
  localTimeZone,
  Queue,
  type AnswerPreview,
  type Grade,
  type SchedulerSettings
} from '../../../core/scheduling'
import { listArticleSummaries } from '../db/articles-repo'
import { commitAnswer, logPractice } from '../db/cards-repo'
import { listMissedCards, suspendCard, unsuspendCard, type MissedCard } from '../db/missed-repo'
import {
  articleSpeakers,
  createContrastCard,
  speakerIdForName,
  topConfusions,
  type StoredConfusion
} from '../db/quiz-repo'
import { getDatabase, type CardRecord } from '../db/schema'
import { loadSchedulerSettings } from '../db/study-settings-repo'

const DAY_MS = 24 * 60 * 60 * 1000

/** The period filter of the Missed view. */
export type MissedPeriod = 'today' | 'week' | 'all'

/** What the view is doing: listing, re-drilling (practice) or reviewing (FSRS). */
export type MissedMode = 'list' | 'redrill' | 'review'

/** The feedback after a re-drill answer. */
export interface RedrillFeedback {
  /** The card just answered (the round may already have moved past it). */
  card: CardRecord
  correct: boolean
  answer: string
  picked: string | null
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * The Missed view: filters and list, suspend, re-drill (practice only, until each card is right
 * once) and "Review missed now" (normal FSRS answers through `commitAnswer`), and confusions.
 */
export const useMissedStore = defineStore('missed', () => {
  const period = ref<MissedPeriod>('all')
  const articleId = ref<string | null>(null)
  const template = ref<CardTemplate | null>(null)
  const items = shallowRef<MissedCard[]>([])
  const articleTitles = shallowRef<Map<string, string>>(new Map())
  const confusions = shallowRef<StoredConfusion[]>([])
  const settings = shallowRef<SchedulerSettings>({ ...defaultSchedulerSettings })
  const loading = ref(false)
  const error = ref<string | null>(null)
  const notice = ref<string | null>(null)
  const mode = ref<MissedMode>('list')

  // Re-drill
  const round = shallowRef<RedrillRound | null>(null)
  const redrillCards = shallowRef<Map<string, CardRecord>>(new Map())
  const redrillOptions = shallowRef<string[]>([])
  const redrillFeedback = ref<RedrillFeedback | null>(null)
  const revealed = ref(false)
  let shownAt = 0
  let redrillSeed = 1

  // Review now
  const reviewQueue = shallowRef<CardRecord[]>([])
  const reviewDone = ref(0)
  const busy = ref(false)

  const leechThreshold = computed(() => settings.value.leechThreshold)
  const articleOptions = computed(() =>
    [...articleTitles.value.entries()]
      .map(([id, title]) => ({ id, title }))
      .sort((a, b) => a.title.localeCompare(b.title))
  )
  const templateOptions: Array<{ value: CardTemplate; label: string }> = [
    { value: 'who-said', label: 'Who said it' },
    { value: 'contrast', label: 'Contrast' },
    { value: 'cloze-quote', label: 'Quote cloze' },
    { value: 'cloze-figure', label: 'Figure cloze' },
    { value: 'who-is', label: 'Who is' },
    { value: 'role-of', label: 'Role of' }
  ]
  const redrillCard = computed<CardRecord | null>(() => {
    if (redrillFeedback.value) return redrillFeedback.value.card
    const id = round.value ? currentRedrillCard(round.value) : null
    return id ? (redrillCards.value.get(id) ?? null) : null
  })
  const redrillDone = computed(() => round.value !== null && isRedrillDone(round.value))
  const reviewCard = computed<CardRecord | null>(() => reviewQueue.value[0] ?? null)
  const reviewPreviews = computed<Record<Grade, AnswerPreview> | null>(() =>
    reviewCard.value
      ? previewAnswers(reviewCard.value, shownAt, settings.value, reviewCard.value.id)
      : null
  )

  function sinceMs(nowMs: number): number | null {
    if (period.value === 'all') return null
    const todayStart = studyDayStart(nowMs, settings.value, localTimeZone())
    return period.value === 'today' ? todayStart : todayStart - 6 * DAY_MS
  }

  /** Loads the list for the current filters, and the confusions. */
  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const db = getDatabase()
      settings.value = await loadSchedulerSettings(db)
      const nowMs = Date.now()
      const [missed, summaries, top] = await Promise.all([
        listMissedCards(db, {
          sinceMs: sinceMs(nowMs),
          articleId: articleId.value,
          template: template.value,
          leechThreshold: settings.value.leechThreshold
        }),
        listArticleSummaries(db),
        topConfusions(db, 8)
      ])
      items.value = missed
      articleTitles.value = new Map(summaries.map((summary) => [summary.id, summary.title]))
      confusions.value = top
    } catch (failure) {
      error.value = `Could not load your missed cards: ${describeFailure(failure)}`
    } finally {
      loading.value = false
    }
  }

  async function setFilters(filters: {
    period?: MissedPeriod
    articleId?: string | null
    template?: CardTemplate | null
  }): Promise<void> {
    if (filters.period !== undefined) period.value = filters.period
    if (filters.articleId !== undefined) articleId.value = filters.articleId
    if (filters.template !== undefined) template.value = filters.template
    await load()
  }

  async function suspend(cardId: string): Promise<void> {
    const result = await suspendCard(getDatabase(), cardId, Date.now())
    if (!result.ok) error.value = result.error.message
    else notice.value = 'Card suspended: it will not come up in study until you unsuspend it.'
    await load()
  }

  async function unsuspend(cardId: string): Promise<void> {
    const result = await unsuspendCard(getDatabase(), cardId, Date.now())
    if (!result.ok) error.value = result.error.message
    else notice.value = 'Card back in study.'
    await load()
  }

  async function createContrast(confusionKey: string): Promise<void> {
    const result = await createContrastCard(getDatabase(), confusionKey, Date.now())
    if (!result.ok) {
      error.value = result.error.message
      return
    }
    const { card, created } = result.value
    notice.value = created
      ? `Contrast card created: “${card.context}” It is new in your study queue.`
      : 'That contrast card already exists.'
  }

  function prepareRedrillQuestion(): void {
    redrillFeedback.value = null
    revealed.value = false
    const card = redrillCard.value
    redrillOptions.value =
      card?.options && card.options.length > 1
        ? shuffled(card.options, seededRandom(redrillSeed++))
        : []
    shownAt = Date.now()
  }

  /** Starts a re-drill of the listed cards (suspended ones left out). */
  function startRedrill(seed: number = Date.now() % 2_147_483_647): void {
    const cards = items.value
      .map((item) => item.card)
      .filter((card) => card.queue !== Queue.Suspended)
    if (cards.length === 0) {
      error.value = 'There is nothing to re-drill with these filters.'
      return
    }
    redrillSeed = seed
    redrillCards.value = new Map(cards.map((card) => [card.id, card]))
    round.value = createRedrillRound(cards.map((card) => card.id))
    mode.value = 'redrill'
    error.value = null
    notice.value = null
    prepareRedrillQuestion()
  }

  /** Re-drill: shows the answer of a card without options (self-graded). */
  function revealRedrill(): void {
    revealed.value = true
  }

  /**
   * Re-drill answer, stored as practice (FSRS untouched). A wrong card goes to the back of the
   * line; `picked` is the option chosen for cards with options.
   */
  async function answerRedrill(correct: boolean, picked: string | null = null): Promise<void> {
    const card = redrillCard.value
    if (!card || !round.value || redrillFeedback.value || busy.value) return
    busy.value = true
    try {
      const db = getDatabase()
      const nowMs = Date.now()
      // A wrong speaker named: counted with the practice log, in its transaction.
      const confusion =
        !correct && picked && card.answerSpeakerId
          ? {
              right: { id: card.answerSpeakerId, name: card.answer },
              picked: {
                id: speakerIdForName(picked, await articleSpeakers(db, card.articleId)),
                name: picked
              }
            }
          : undefined
      const logged = await logPractice(db, {
        cardId: card.id,
        grade: quizGradeToFsrs(correct),
        nowMs,
        answerMs: nowMs - shownAt,
        confusion
      })
      if (!logged.ok) {
        error.value = logged.error.message
        return
      }
      redrillFeedback.value = { card, correct, answer: card.answer, picked }
      round.value = redrillAnswer(round.value, card.id, correct)
    } finally {
      busy.value = false
    }
  }

  /** Re-drill: picks an option (keys 1–4). */
  async function pickRedrillOption(option: string): Promise<void> {
    const card = redrillCard.value
    if (!card) return
    await answerRedrill(option === card.answer, option)
  }

  /** Re-drill: after the feedback, the next card (or the end of the round). */
  function continueRedrill(): void {
    if (!redrillFeedback.value) return
    if (round.value && isRedrillDone(round.value)) {
      redrillFeedback.value = null
      return
    }
    prepareRedrillQuestion()
  }

  /** Starts "Review missed now": the listed cards as normal FSRS reviews. */
  async function startReview(): Promise<void> {
    settings.value = await loadSchedulerSettings(getDatabase())
    const cards = items.value
      .map((item) => item.card)
      .filter((card) => card.queue !== Queue.Suspended)
    if (cards.length === 0) {
      error.value = 'There is nothing to review with these filters.'
      return
    }
    reviewQueue.value = cards
    reviewDone.value = 0
    revealed.value = false
    mode.value = 'review'
    error.value = null
    notice.value = null
    shownAt = Date.now()
  }

  function revealReview(): void {
    if (reviewCard.value) revealed.value = true
  }

  /** Rates the card under review (Again/Hard/Good/Easy) as a study answer. */
  async function rateReview(grade: Grade): Promise<void> {
    const card = reviewCard.value
    if (!card || !revealed.value || busy.value) return
    busy.value = true
    try {
      const nowMs = Date.now()
      const result = await commitAnswer(getDatabase(), {
        cardId: card.id,
        grade,
        nowMs,
        source: 'study',
        answerMs: nowMs - shownAt,
        expectedUpdatedAt: card.updatedAt,
        settings: settings.value
      })
      if (!result.ok) {
        error.value = result.error.message
        // Reload the card so the user can answer its current state.
        const fresh = await getDatabase().cards.get(card.id)
        reviewQueue.value = fresh
          ? [fresh, ...reviewQueue.value.slice(1)]
          : reviewQueue.value.slice(1)
        return
      }
      const buried = new Set(result.value.buriedSiblingIds)
      reviewQueue.value = reviewQueue.value.slice(1).filter((other) => !buried.has(other.id))
      reviewDone.value++
      revealed.value = false
      shownAt = Date.now()
    } finally {
      busy.value = false
    }
  }

  /** Back to the list (reloaded, as answers change it). */
  async function backToList(): Promise<void> {
    mode.value = 'list'
    round.value = null
    redrillFeedback.value = null
    reviewQueue.value = []
    revealed.value = false
    await load()
  }

  return {
    period,
    articleId,
    template,
    items,
    articleTitles,
    articleOptions,
    templateOptions,
    confusions,
    settings,
    leechThreshold,
    loading,
    error,
    notice,
    mode,
    round,
    redrillCard,
    redrillOptions,
    redrillFeedback,
    redrillDone,
    revealed,
    reviewQueue,
    reviewCard,
    reviewDone,
    reviewPreviews,
    busy,
    load,
    setFilters,
    suspend,
    unsuspend,
    createContrast,
    startRedrill,
    revealRedrill,
    answerRedrill,
    pickRedrillOption,
    continueRedrill,
    startReview,
    revealReview,
    rateReview,
    backToList
  }
})
