import { defineStore } from 'pinia'
import { computed, reactive, ref, shallowRef } from 'vue'
import { splitAtAnchor, type SentenceParts } from '../../../core/cards/text'
import type { SourceAnchor } from '../../../core/cards/types'
import type { Speaker } from '../../../core/extract/types'
import {
  buildQuiz,
  checkMatch,
  createMatchBoard,
  gradeTypedName,
  isBoardComplete,
  summarizeQuiz,
  type MatchBoard,
  type QuizFormat,
  type QuizLength,
  type QuizQuestion,
  type QuizScope,
  type QuizSummary
} from '../../../core/quiz'
import { listArticleSummaries, type ArticleSummary } from '../db/articles-repo'
import {
  articleSpeakers,
  confusedSpeakerIds,
  getQuizFeedsScheduler,
  recordQuizAnswer,
  setQuizFeedsScheduler,
  speakerIdForName
} from '../db/quiz-repo'
import { getDatabase } from '../db/schema'

/** The scope choices of the setup screen. */
export type QuizScopeKind = 'article' | 'library' | 'confusions'

/** What the setup screen collects. */
export interface QuizConfig {
  scopeKind: QuizScopeKind
  articleId: string | null
  length: QuizLength
  format: QuizFormat
  /** Seconds per question; 0 for no timer. */
  timerSeconds: number
}

/** The source sentence of a question, split around the quote so it can be highlighted. */
export interface SourceSentence extends SentenceParts {
  articleTitle: string
}

/** One answered question. */
export interface QuizAnswer {
  question: QuizQuestion
  correct: boolean
  /** What the user answered ('' when the time ran out). */
  response: string
  answerMs: number
  /** Whether the answer moved the card's schedule (false = practice). */
  scheduled: boolean
}

/** The feedback shown right after an answer. */
export interface QuizFeedback {
  correct: boolean
  answer: string
  response: string
  /** The typed-answer grader's sentence, or "Time is up." */
  message: string | null
  timedOut: boolean
  sentence: SourceSentence | null
  scheduled: boolean
}

export type QuizPhase = 'setup' | 'question' | 'feedback' | 'summary'

interface ArticleContext {
  title: string
  text: string
  speakers: Speaker[]
}

function newQuizId(): string {
  return `quiz-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * A quiz from setup to summary. The store orchestrates: questions come from `buildQuiz`, typed
 * answers are graded by `gradeTypedName`, and every answer is stored through `recordQuizAnswer`,
 * which decides between an FSRS answer and practice.
 */
export const useQuizStore = defineStore('quiz', () => {
  const config = reactive<QuizConfig>({
    scopeKind: 'article',
    articleId: null,
    length: 10,
    format: 'choice',
    timerSeconds: 0
  })
  const phase = ref<QuizPhase>('setup')
  const articles = ref<ArticleSummary[]>([])
  const confusedIds = ref<string[]>([])
  const quizFeedsScheduler = ref(true)
  const questions = shallowRef<QuizQuestion[]>([])
  const index = ref(0)
  const answers = ref<QuizAnswer[]>([])
  const feedback = ref<QuizFeedback | null>(null)
  /** A typed answer the grader could not accept yet (an ambiguous surname): try again. */
  const retryMessage = ref<string | null>(null)
  const error = ref<string | null>(null)
  const busy = ref(false)
  const summary = ref<QuizSummary | null>(null)
  const board = shallowRef<MatchBoard | null>(null)
  const selectedQuoteId = ref<string | null>(null)
  const matchMessage = ref<string | null>(null)
  let quizId = ''
  let startedAt = 0
  let questionShownAt = 0
  const contexts = new Map<string, ArticleContext>()

  const current = computed<QuizQuestion | null>(() => questions.value[index.value] ?? null)
  const progressLabel = computed(() =>
    config.format === 'match'
      ? `${Object.keys(board.value?.matched ?? {}).length} of ${questions.value.length} matched`
      : `Question ${Math.min(index.value + 1, questions.value.length)} of ${questions.value.length}`
  )
  const correctSoFar = computed(() => answers.value.filter((answer) => answer.correct).length)
  const misses = computed(() => answers.value.filter((answer) => !answer.correct))

  /** Loads what the setup screen offers: the library's articles and the setting. */
  async function loadSetup(): Promise<void> {
    const db = getDatabase()
    try {
      const [list, confused, feeds] = await Promise.all([
        listArticleSummaries(db),
        confusedSpeakerIds(db),
        getQuizFeedsScheduler(db)
      ])
      articles.value = list
      confusedIds.value = confused
      quizFeedsScheduler.value = feeds
      if (!config.articleId || !list.some((article) => article.id === config.articleId)) {
        config.articleId = list[0]?.id ?? null
      }
    } catch (failure) {
      error.value = `Could not load the library: ${describeFailure(failure)}`
    }
  }

  async function setFeedsScheduler(value: boolean): Promise<void> {
    quizFeedsScheduler.value = value
    await setQuizFeedsScheduler(getDatabase(), value)
  }

  function scope(): QuizScope | null {
    if (config.scopeKind === 'library') return { kind: 'library' }
    if (config.scopeKind === 'confusions') {
      return { kind: 'confusions', speakerIds: confusedIds.value }
    }
    return config.articleId ? { kind: 'article', articleId: config.articleId } : null
  }

  async function loadContexts(articleIds: string[]): Promise<void> {
    const db = getDatabase()
    const wanted = articleIds.filter((id) => !contexts.has(id))
    const records = await db.articles.bulkGet(wanted)
    await Promise.all(
      wanted.map(async (id, position) => {
        const record = records[position]
        contexts.set(id, {
          title: record?.title ?? 'Unknown article',
          text: record?.text ?? '',
          speakers: await articleSpeakers(db, id)
        })
      })
    )
  }

  /** Builds the quiz from the setup and shows the first question. */
  async function start(seed: number = Date.now() % 2_147_483_647): Promise<void> {
    error.value = null
    const chosen = scope()
    if (!chosen) {
      error.value = 'Choose an article to quiz on (add one in the Library first).'
      return
    }
    if (config.format === 'match' && chosen.kind !== 'article') {
      error.value = 'The match board works on one article: choose an article.'
      return
    }
    if (chosen.kind === 'confusions' && chosen.speakerIds.length === 0) {
      error.value =
        'You have not mixed up any speakers yet. A wrong pick in a quiz or study session is remembered here.'
      return
    }
    busy.value = true
    try {
      const db = getDatabase()
      const cards =
        chosen.kind === 'article'
          ? await db.cards.where('articleId').equals(chosen.articleId).toArray()
          : await db.cards.where('template').anyOf('who-said', 'contrast').toArray()
      const built = buildQuiz({
        cards,
        scope: chosen,
        length: config.length,
        format: config.format,
        seed
      })
      if (built.length === 0) {
        error.value =
          'There are no who-said cards to quiz on here yet. Open the article so its quotes are extracted, then try again.'
        return
      }
      await loadContexts([...new Set(built.map((question) => question.articleId))])
      quizId = newQuizId()
      questions.value = built
      index.value = 0
      answers.value = []
      feedback.value = null
      retryMessage.value = null
      summary.value = null
      matchMessage.value = null
      selectedQuoteId.value = null
      board.value =
        config.format === 'match'
          ? createMatchBoard(
              built.map((question) => ({
                id: question.cardId,
                text: question.prompt,
                speakerId: question.answerSpeakerId ?? question.answer
              })),
              [
                ...new Map(
                  built.map((question) => [
                    question.answerSpeakerId ?? question.answer,
                    { id: question.answerSpeakerId ?? question.answer, name: question.answer }
                  ])
                ).values()
              ],
              seed
            )
          : null
      startedAt = Date.now()
      questionShownAt = startedAt
      phase.value = 'question'
    } catch (failure) {
      error.value = `Could not start the quiz: ${describeFailure(failure)}`
    } finally {
      busy.value = false
    }
  }

  function sourceSentence(anchor: SourceAnchor): SourceSentence | null {
    const context = contexts.get(anchor.articleId)
    if (!context || context.text.length === 0) return null
    return { ...splitAtAnchor(context.text, anchor), articleTitle: context.title }
  }

  function speakerNamed(question: QuizQuestion): Speaker | undefined {
    const speakers = contexts.get(question.articleId)?.speakers ?? []
    return speakers.find((speaker) => speaker.id === question.answerSpeakerId)
  }

  /** Stores an answer (and the confusion, when a wrong speaker was named). */
  async function submit(
    question: QuizQuestion,
    correct: boolean,
    response: string,
    pickedSpeakerId: string | null
  ): Promise<boolean> {
    const db = getDatabase()
    const nowMs = Date.now()
    const answerMs = nowMs - questionShownAt
    const rightSpeakerId = question.answerSpeakerId
    // A wrong speaker named: the confusion is stored with the answer, in its transaction.
    const confusion =
      !correct && pickedSpeakerId && rightSpeakerId
        ? {
            right: { id: rightSpeakerId, name: question.answer },
            picked: { id: pickedSpeakerId, name: response }
          }
        : undefined
    const stored = await recordQuizAnswer(db, {
      quizId,
      cardId: question.cardId,
      format: config.format,
      correct,
      response,
      nowMs,
      answerMs,
      isRedrill: false,
      confusion
    })
    if (!stored.ok) {
      error.value = stored.error.message
      return false
    }
    answers.value = [
      ...answers.value,
      { question, correct, response, answerMs, scheduled: stored.value.scheduled }
    ]
    return stored.value.scheduled
  }

  async function finishAnswer(
    correct: boolean,
    response: string,
    message: string | null,
    pickedSpeakerId: string | null,
    timedOut = false
  ): Promise<void> {
    const question = current.value
    if (!question || phase.value !== 'question' || busy.value) return
    busy.value = true
    error.value = null
    try {
      const scheduled = await submit(question, correct, response, pickedSpeakerId)
      if (error.value) return
      retryMessage.value = null
      feedback.value = {
        correct,
        answer: question.answer,
        response,
        message,
        timedOut,
        sentence: sourceSentence(question.anchor),
        scheduled
      }
      phase.value = 'feedback'
    } finally {
      busy.value = false
    }
  }

  /** Answers a multiple-choice question with the option picked. */
  async function answerChoice(option: string): Promise<void> {
    const question = current.value
    if (!question) return
    const correct = option === question.answer
    const speakers = contexts.get(question.articleId)?.speakers ?? []
    await finishAnswer(correct, option, null, correct ? null : speakerIdForName(option, speakers))
  }

  /**
   * Grades a typed answer. An ambiguous surname is not counted: the reason is shown and the user
   * types again.
   */
  async function answerTyped(text: string): Promise<void> {
    const question = current.value
    if (!question || phase.value !== 'question') return
    const speakers = contexts.get(question.articleId)?.speakers ?? []
    const target = speakerNamed(question) ?? { name: question.answer, aliases: [] }
    const grade = gradeTypedName(text, target, speakers)
    if (grade.reason === 'ambiguous-surname' || grade.reason === 'empty') {
      retryMessage.value = grade.message
      return
    }
    await finishAnswer(grade.correct, text.trim(), grade.message, grade.namedSpeakerId ?? null)
  }

  /** The question's time ran out: counted as wrong. */
  async function timeout(): Promise<void> {
    await finishAnswer(false, '', 'Time is up.', null, true)
  }

  function finish(): void {
    summary.value = summarizeQuiz(
      answers.value.map((answer) => ({
        cardId: answer.question.cardId,
        correct: answer.correct,
        answerMs: answer.answerMs
      })),
      Date.now() - startedAt
    )
    phase.value = 'summary'
  }

  /** Moves on from the feedback to the next question, or to the summary after the last. */
  function next(): void {
    if (phase.value !== 'feedback') return
    feedback.value = null
    if (index.value + 1 >= questions.value.length) {
      finish()
      return
    }
    index.value++
    questionShownAt = Date.now()
    phase.value = 'question'
  }

  /** Match board: selects the quote to pair next. */
  function selectQuote(quoteId: string): void {
    if (!board.value || board.value.matched[quoteId] !== undefined) return
    selectedQuoteId.value = selectedQuoteId.value === quoteId ? null : quoteId
    matchMessage.value = null
  }

  /**
   * Match board: pairs the selected quote with a speaker. The first try on each quote is its
   * answer (stored like any quiz answer); a wrong pair stays open until matched.
   */
  async function pickSpeaker(speakerId: string): Promise<void> {
    const current = board.value
    const quoteId = selectedQuoteId.value
    if (!current || !quoteId || busy.value) return
    const question = questions.value.find((candidate) => candidate.cardId === quoteId)
    const speaker = current.speakers.find((candidate) => candidate.id === speakerId)
    if (!question || !speaker) return
    const firstTry = !answers.value.some((answer) => answer.question.cardId === quoteId)
    const result = checkMatch(current, quoteId, speakerId)
    busy.value = true
    try {
      if (firstTry) {
        questionShownAt = Math.min(questionShownAt, Date.now())
        await submit(question, result.correct, speaker.name, result.correct ? null : speakerId)
        questionShownAt = Date.now()
      }
    } finally {
      busy.value = false
    }
    board.value = result.board
    matchMessage.value = result.correct
      ? `Right: ${speaker.name} said it.`
      : `Not ${speaker.name}. Try another speaker for this quote.`
    if (result.correct) selectedQuoteId.value = null
    if (isBoardComplete(result.board)) finish()
  }

  /** Back to the setup screen. */
  function reset(): void {
    phase.value = 'setup'
    questions.value = []
    answers.value = []
    feedback.value = null
    summary.value = null
    board.value = null
    retryMessage.value = null
    error.value = null
    void loadSetup()
  }

  /** The source sentence of any question (for the summary). */
  function sentenceOf(question: QuizQuestion): SourceSentence | null {
    return sourceSentence(question.anchor)
  }

  return {
    config,
    phase,
    articles,
    confusedIds,
    quizFeedsScheduler,
    questions,
    index,
    current,
    answers,
    feedback,
    retryMessage,
    error,
    busy,
    summary,
    board,
    selectedQuoteId,
    matchMessage,
    progressLabel,
    correctSoFar,
    misses,
    loadSetup,
    setFeedsScheduler,
    start,
    answerChoice,
    answerTyped,
    timeout,
    next,
    selectQuote,
    pickSpeaker,
    reset,
    sentenceOf
  }
})
