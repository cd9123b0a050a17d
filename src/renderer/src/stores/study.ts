import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  defaultSchedulerSettings,
  previewAnswers,
  localTimeZone,
  tzOffsetMinutesAt,
  Queue,
  type AnswerPreview,
  type Grade,
  type SchedulerSettings
} from '../../../core/scheduling'
import { getArticle } from '../db/articles-repo'
import {
  commitAnswer,
  forecast,
  loadStudyQueue,
  todayCounts,
  undoLastAnswer,
  type CommitAnswerInput,
  type DayCount,
  type StudyScope,
  type TodayCounts
} from '../db/cards-repo'
import { articleSpeakers, speakerIdForName } from '../db/quiz-repo'
import { getDatabase, type ArticleRecord, type CardRecord } from '../db/schema'
import { loadSchedulerSettings } from '../db/study-settings-repo'

/** Where the session stands. `finishing`: the queue is empty but the last answer is still saving. */
export type StudyPhase = 'setup' | 'loading' | 'studying' | 'finishing' | 'finished'

/** The result of a who-said pick: the option chosen and the grade it earned. */
export interface WhoSaidPick {
  option: string
  correct: boolean
  grade: Grade
}

/** End-of-session summary. */
export interface StudySummary {
  today: TodayCounts
  /** Learning and review cards due on the next study day. */
  tomorrowDue: number
  forecast: DayCount[]
}

/** What one answer changed in the session, so undo (or a failed write) can put it back. */
interface AnsweredEntry {
  card: CardRecord
  grade: Grade
  /** Siblings taken out of the session because the answer buries them. */
  removedSiblings: CardRecord[]
}

/** The article text needed to show a card's source paragraph. */
export type CardSource = Pick<ArticleRecord, 'id' | 'title' | 'text' | 'paragraphs'>

/** Learning cards come back when due; a card answered Again returns within the session. */
function insertByDue(cards: CardRecord[], card: CardRecord): CardRecord[] {
  const index = cards.findIndex((other) => other.due > card.due)
  return index < 0 ? [...cards, card] : [...cards.slice(0, index), card, ...cards.slice(index)]
}

function isBuriedBy(answered: CardRecord, other: CardRecord): boolean {
  return (
    other.noteId === answered.noteId &&
    other.id !== answered.id &&
    (other.queue === Queue.New || other.queue === Queue.Review)
  )
}

/**
 * The study session. It orchestrates: storage does the queries and transactions, the scheduling
 * adapter does the maths. Answers are optimistic: the next card is shown in the same tick as the
 * key press and the write runs in the background; it is awaited before the next answer or undo,
 * and a failed write puts the card back with the error in words.
 */
export const useStudyStore = defineStore('study', () => {
  const scope = ref<StudyScope>({ kind: 'all' })
  const phase = ref<StudyPhase>('setup')
  const settings = shallowRef<SchedulerSettings>({ ...defaultSchedulerSettings })
  /** Cards of today's queue not yet shown, in order. */
  const mainQueue = shallowRef<CardRecord[]>([])
  /** Cards answered in this session that come back later today (learning steps), by due. */
  const learningQueue = shallowRef<CardRecord[]>([])
  const current = shallowRef<CardRecord | null>(null)
  /** Epoch ms at which the current card was shown (answer time, button previews). */
  const shownAtMs = ref(0)
  const revealed = ref(false)
  const pick = ref<WhoSaidPick | null>(null)
  const doneCount = ref(0)
  const sessionGrades = ref<Record<Grade, number>>({ 1: 0, 2: 0, 3: 0, 4: 0 })
  const error = ref<string | null>(null)
  /** A short message for the toast region, e.g. "Answer undone". */
  const notice = ref<string | null>(null)
  const saving = ref(false)
  const summary = shallowRef<StudySummary | null>(null)
  const sources = shallowRef<Map<string, CardSource | null>>(new Map())
  const answered = shallowRef<AnsweredEntry[]>([])
  let dayEndMs = 0
  let pendingWrite: Promise<void> | null = null
  let noticeTimer: ReturnType<typeof setTimeout> | null = null

  const remainingCount = computed(
    () => mainQueue.value.length + learningQueue.value.length + (current.value ? 1 : 0)
  )
  const totalCount = computed(() => doneCount.value + remainingCount.value)
  const previews = computed<Record<Grade, AnswerPreview> | null>(() =>
    current.value
      ? previewAnswers(current.value, shownAtMs.value, settings.value, current.value.id)
      : null
  )
  const isWhoSaid = computed(
    () =>
      current.value !== null && current.value.options !== null && current.value.options.length > 1
  )
  const currentSource = computed<CardSource | null>(() =>
    current.value ? (sources.value.get(current.value.articleId) ?? null) : null
  )
  /** Undo reads the stored history, so it is offered whenever a session is open (even after a reload). */
  const canUndo = computed(() => phase.value !== 'setup' && phase.value !== 'loading')

  function showNotice(message: string): void {
    notice.value = message
    if (noticeTimer) clearTimeout(noticeTimer)
    noticeTimer = setTimeout(() => {
      notice.value = null
    }, 4000)
  }

  /** Loads the article text of the cards about to be shown, without blocking anything. */
  function prefetchSources(cards: Array<CardRecord | null | undefined>): void {
    for (const card of cards) {
      if (!card || sources.value.has(card.articleId)) continue
      const articleId = card.articleId
      sources.value = new Map(sources.value).set(articleId, null)
      getArticle(getDatabase(), articleId)
        .then((article) => {
          if (!article) return
          const { id, title, text, paragraphs } = article
          sources.value = new Map(sources.value).set(articleId, { id, title, text, paragraphs })
        })
        .catch(() => {
          // The source paragraph is a nicety; the card is still studied without it.
        })
    }
  }

  function show(card: CardRecord | null, nowMs: number): void {
    current.value = card
    revealed.value = false
    pick.value = null
    shownAtMs.value = nowMs
    prefetchSources([card, mainQueue.value[0], learningQueue.value[0]])
  }

  /** Moves to the next card: a learning card that is due, else the queue, else learn ahead. */
  function advance(nowMs: number): void {
    const learningHead = learningQueue.value[0]
    if (learningHead && (learningHead.due <= nowMs || mainQueue.value.length === 0)) {
      learningQueue.value = learningQueue.value.slice(1)
      show(learningHead, nowMs)
    } else if (mainQueue.value.length > 0) {
      const [next, ...rest] = mainQueue.value
      mainQueue.value = rest
      show(next, nowMs)
    } else {
      show(null, nowMs)
    }
    if (current.value) phase.value = 'studying'
    else if (pendingWrite) phase.value = 'finishing'
    else void finish()
  }

  async function finish(): Promise<void> {
    phase.value = 'finished'
    try {
      const db = getDatabase()
      const nowMs = Date.now()
      const tz = tzOffsetMinutesAt(nowMs)
      const [today, days] = await Promise.all([
        todayCounts(db, nowMs, settings.value, localTimeZone()),
        forecast(db, nowMs, 7, settings.value, tz)
      ])
      summary.value = { today, tomorrowDue: days[1]?.count ?? 0, forecast: days }
    } catch (cause) {
      error.value = `Could not load today's summary: ${String(cause)}`
    }
  }

  /** Loads today's queue for the scope and shows the first card. */
  async function start(nextScope: StudyScope = scope.value): Promise<void> {
    if (pendingWrite) await pendingWrite
    scope.value = nextScope
    phase.value = 'loading'
    error.value = null
    summary.value = null
    doneCount.value = 0
    sessionGrades.value = { 1: 0, 2: 0, 3: 0, 4: 0 }
    answered.value = []
    learningQueue.value = []
    try {
      const db = getDatabase()
      settings.value = await loadSchedulerSettings(db)
      const nowMs = Date.now()
      const queue = await loadStudyQueue(db, {
        scope: nextScope,
        nowMs,
        settings: settings.value,
        tzOffsetMinutes: localTimeZone()
      })
      dayEndMs = queue.dayEndMs
      mainQueue.value = queue.cards
      advance(Date.now())
    } catch (cause) {
      phase.value = 'setup'
      error.value = `Could not load your cards: ${cause instanceof Error ? cause.message : String(cause)}`
    }
  }

  /** Shows the answer side (Space). */
  function reveal(): void {
    if (phase.value === 'studying' && current.value) revealed.value = true
  }

  /** Who-said: picks option `index` (0-based); the pick grades itself and reveals the answer. */
  function pickOption(index: number): void {
    const card = current.value
    if (phase.value !== 'studying' || !card || !card.options || revealed.value) return
    const option = card.options[index]
    if (option === undefined) return
    const correct = option === card.answer
    pick.value = { option, correct, grade: correct ? 3 : 1 }
    revealed.value = true
  }

  /**
   * Rates the current card. The next card is on screen before this returns (no await on the
   * common path); the write is awaited only if the previous one has not finished yet.
   */
  function answer(grade: Grade, wrongPick?: string): Promise<void> {
    const card = current.value
    if (phase.value !== 'studying' || !card || !revealed.value) return Promise.resolve()
    if (pendingWrite) {
      // Rare: a key pressed again before the last answer was saved. Wait, then answer only if the
      // same card is still showing (a failed write may have put another card back).
      return pendingWrite.then(() =>
        current.value?.id === card.id ? answer(grade, wrongPick) : undefined
      )
    }
    const nowMs = Date.now()
    const removedSiblings = mainQueue.value.filter((other) => isBuriedBy(card, other))
    if (removedSiblings.length > 0) {
      mainQueue.value = mainQueue.value.filter((other) => !isBuriedBy(card, other))
    }
    const entry: AnsweredEntry = { card, grade, removedSiblings }
    answered.value = [...answered.value, entry]
    doneCount.value++
    sessionGrades.value = { ...sessionGrades.value, [grade]: sessionGrades.value[grade] + 1 }
    error.value = null
    saving.value = true

    const input: CommitAnswerInput = {
      cardId: card.id,
      grade,
      nowMs,
      source: 'study',
      answerMs: nowMs - shownAtMs.value,
      expectedUpdatedAt: card.updatedAt,
      settings: settings.value,
      tzOffsetMinutes: localTimeZone()
    }
    const rightSpeakerId = card.answerSpeakerId
    // A wrong who-said pick is counted in the confusions with the answer (Stats, quiz scope).
    const committing =
      wrongPick === undefined || rightSpeakerId === null
        ? commitAnswer(getDatabase(), input)
        : articleSpeakers(getDatabase(), card.articleId).then((speakers) =>
            commitAnswer(getDatabase(), {
              ...input,
              confusion: {
                right: { id: rightSpeakerId, name: card.answer },
                picked: { id: speakerIdForName(wrongPick, speakers), name: wrongPick }
              }
            })
          )
    const write = committing
      .then(async (result) => {
        if (result.ok) {
          const stored = result.value.card
          if (stored.queue === Queue.Learning && stored.due < dayEndMs) {
            learningQueue.value = insertByDue(learningQueue.value, stored)
          }
          return
        }
        // Put the session back as it was before this answer, and say what went wrong.
        answered.value = answered.value.filter((other) => other !== entry)
        doneCount.value = Math.max(0, doneCount.value - 1)
        sessionGrades.value = {
          ...sessionGrades.value,
          [grade]: Math.max(0, sessionGrades.value[grade] - 1)
        }
        let restored: CardRecord | null = card
        if (result.error.code === 'CONFLICT' || result.error.code === 'NOT_FOUND') {
          restored = (await getDatabase().cards.get(card.id)) ?? null
        }
        const back = [...(current.value ? [current.value] : []), ...removedSiblings]
        mainQueue.value = [...back, ...mainQueue.value]
        show(restored, Date.now())
        if (!restored) advance(Date.now())
        else phase.value = 'studying'
        error.value = `Your answer was not saved: ${result.error.message}`
      })
      .catch((cause: unknown) => {
        error.value = `Your answer may not have been saved: ${cause instanceof Error ? cause.message : String(cause)}`
      })
    const settledWrite = write.finally(() => {
      pendingWrite = null
      saving.value = false
      if (phase.value === 'finishing') advance(Date.now())
    })
    pendingWrite = settledWrite
    // Same tick as the key press: the next card renders in the coming frame, not after the write.
    advance(nowMs)
    return settledWrite
  }

  /** Confirms a who-said pick with its own grade (Space/Enter), or raised to Easy when right. */
  function confirmPick(raiseToEasy = false): Promise<void> {
    if (!pick.value) return Promise.resolve()
    if (raiseToEasy && !pick.value.correct) return Promise.resolve()
    const { correct, option } = pick.value
    return answer(raiseToEasy ? 4 : pick.value.grade, correct ? undefined : option)
  }

  /**
   * Undoes the last answer (Ctrl/Cmd+Z): storage restores the exact previous card and its
   * siblings; the session shows that card again. Works after a reload too (the history is stored).
   */
  async function undo(): Promise<void> {
    if (pendingWrite) await pendingWrite
    const result = await undoLastAnswer(getDatabase())
    if (!result.ok) {
      error.value =
        result.error.code === 'NOT_FOUND'
          ? result.error.message
          : `Could not undo: ${result.error.message}`
      return
    }
    const restored = result.value.card
    const last = answered.value[answered.value.length - 1]
    const entry = last && last.card.id === restored.id ? last : null
    if (entry) answered.value = answered.value.slice(0, -1)
    const notRestored = (card: CardRecord): boolean => card.id !== restored.id
    const back: CardRecord[] = []
    if (current.value && current.value.id !== restored.id) back.push(current.value)
    const siblings = entry?.removedSiblings ?? []
    mainQueue.value = [
      ...back,
      ...siblings,
      ...mainQueue.value.filter(
        (card) => notRestored(card) && !siblings.some((s) => s.id === card.id)
      )
    ]
    learningQueue.value = learningQueue.value.filter(notRestored)
    if (doneCount.value > 0) doneCount.value--
    const grade = result.value.grade
    if (entry && sessionGrades.value[grade] > 0) {
      sessionGrades.value = { ...sessionGrades.value, [grade]: sessionGrades.value[grade] - 1 }
    }
    summary.value = null
    error.value = null
    show(restored, Date.now())
    phase.value = 'studying'
    showNotice('Answer undone')
  }

  /** Back to the scope choice. */
  function reset(): void {
    phase.value = 'setup'
    current.value = null
    mainQueue.value = []
    learningQueue.value = []
    summary.value = null
    error.value = null
  }

  /** Resolves once the last answer is stored (tests, leaving the view). */
  async function settled(): Promise<void> {
    while (pendingWrite) await pendingWrite
  }

  return {
    scope,
    phase,
    settings,
    mainQueue,
    learningQueue,
    current,
    shownAtMs,
    revealed,
    pick,
    doneCount,
    sessionGrades,
    error,
    notice,
    saving,
    summary,
    sources,
    answered,
    remainingCount,
    totalCount,
    previews,
    isWhoSaid,
    currentSource,
    canUndo,
    start,
    reveal,
    pickOption,
    answer,
    confirmPick,
    undo,
    reset,
    settled
  }
})
