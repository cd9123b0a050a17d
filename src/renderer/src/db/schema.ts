import Dexie, { type EntityTable, type Table } from 'dexie'
import type { Article } from '../../../core/article/types'
import type { Extraction } from '../../../core/extract/types'
import type { CardContent, Note } from '../../../core/cards/types'
import type { ReviewLogEntry, SchedulingState } from '../../../core/scheduling/types'
import type { ReviewSlot } from '../../../core/stats/slots'
import type {
  ArticleTallyRow,
  CardTallyRow,
  DueTallyRow,
  SpeakerTallyRow
} from '../../../core/stats/tallies'
import { sumLogsIntoSlots } from './review-slots-repo'
import { keepAnswerTimesInUpgrade } from './card-reset'
import type { DueCountRow } from '../../../core/library/article-counts'
import {
  articleCountsMiddleware,
  computeCountsInUpgrade,
  packCountsInUpgrade
} from './counts-middleware'
import type { CountShardRecord } from './count-shards'
import { computeTalliesInUpgrade } from './tallies-repo'
import {
  articleSummariesMiddleware,
  fillSummariesInUpgrade,
  type ArticleSummaryRecord
} from './article-summaries'

/** An article in the library. Its body (`text`) is stored but never indexed. */
export interface ArticleRecord extends Article {
  /** Epoch ms. */
  addedAt: number
}

/** The latest extraction of an article (before user corrections are applied). */
export interface ExtractionRecord extends Extraction {
  /** Epoch ms. */
  extractedAt: number
}

/** A user correction to the extraction, keyed by the quote's span so it survives re-extraction. */
export interface CorrectionRecord {
  /** `${articleId}:${start}-${end}` */
  id: string
  articleId: string
  start: number
  end: number
  /** `speaker`: reassign to `speakerId`; `not-quote`: the span is not a quote. */
  kind: 'speaker' | 'not-quote'
  speakerId: string | null
  /** Epoch ms. */
  correctedAt: number
}

/** A stored card: content plus FSRS state. */
export interface CardRecord extends CardContent, SchedulingState {
  /** Epoch ms. */
  createdAt: number
  /** Epoch ms of the last change; checked before an answer is committed. */
  updatedAt: number
  /**
   * Epoch ms at which a sync suspended the card because its note vanished; null or absent
   * otherwise. Tells a sync's suspension (undone when the note returns) from the user's own.
   */
  orphanedAt?: number | null
  /**
   * Epoch ms of the last answer that moved the schedule before the FSRS state was last reset to
   * new (a reset clears `lastReviewedAt`; the history, which `rated:` searches, keeps it). Absent
   * or null when the card was never reset after an answer. See card-reset.ts.
   */
  answeredBeforeResetAt?: number | null
}

export type NoteRecord = Note

/** One quiz question answered. */
export interface QuizAttemptRecord {
  id?: number
  quizId: string
  cardId: string
  articleId: string
  format: 'choice' | 'typed' | 'match'
  correct: boolean
  /** What the user answered (speaker name or typed text). */
  response: string
  /** Epoch ms. */
  answeredAt: number
  answerMs: number
  /** Whether this answer was fed to the scheduler (false = practice). */
  scheduled: 0 | 1
}

/** How often the user picked `pickedSpeakerId` when `rightSpeakerId` was right. */
export interface ConfusionRecord {
  /** `${rightSpeakerId}|${pickedSpeakerId}` (ids are article-qualified names). */
  id: string
  rightName: string
  pickedName: string
  rightSpeakerId: string
  pickedSpeakerId: string
  articleId: string
  count: number
  /** Epoch ms. */
  lastAt: number
}

/** A key/value setting. */
export interface SettingRecord {
  key: string
  value: unknown
}

/**
 * Tables an earlier schema version had and a later one dropped. A backup of an earlier version
 * holds them; its restore upgrades them away (see backup-repo.ts).
 */
export const DROPPED_TABLES: ReadonlySet<string> = new Set(['articleCounts'])

/** Name of the app database. */
export const DATABASE_NAME = 'quotedeck'

/**
 * Quotedeck's IndexedDB. Versions are append-only: never edit a published version's stores;
 * add a new `this.version(n)` with an upgrade function instead. Booleans and article bodies are
 * never indexed.
 */
export class QuotedeckDatabase extends Dexie {
  articles!: EntityTable<ArticleRecord, 'id'>
  extractions!: EntityTable<ExtractionRecord, 'articleId'>
  corrections!: EntityTable<CorrectionRecord, 'id'>
  notes!: EntityTable<NoteRecord, 'id'>
  cards!: EntityTable<CardRecord, 'id'>
  reviewLogs!: EntityTable<ReviewLogEntry, 'id'>
  quizAttempts!: EntityTable<QuizAttemptRecord, 'id'>
  confusions!: EntityTable<ConfusionRecord, 'id'>
  settings!: EntityTable<SettingRecord, 'key'>
  /** Maintained aggregate of the review logs per quarter hour (version 4; see core/stats). */
  reviewSlots!: EntityTable<ReviewSlot, 'slotStartMs'>
  /**
   * Per-article new / total / overdue counts packed into shards (count-shards.ts), kept by
   * `articleCountsMiddleware` (version 8; version 3 kept one row per article).
   */
  articleCountShards!: EntityTable<CountShardRecord, 'shard'>
  /** Per-article histogram of learning and review cards by due hour (version 3). */
  dueCounts!: Table<DueCountRow, [string, number]>
  /** Cards per queue and per distribution bin, kept by the counts middleware (version 5). */
  cardTallies!: EntityTable<CardTallyRow, 'key'>
  /** Learning and review cards per due quarter hour, past ones folded (version 5). */
  dueTallies!: EntityTable<DueTallyRow, 'slot'>
  /** Per speaker: who-said cards, mature ones and lapses (version 5). */
  speakerTallies!: EntityTable<SpeakerTallyRow, 'speakerId'>
  /** Per article: cards, studied, mature and lapses (version 5). */
  articleTallies!: EntityTable<ArticleTallyRow, 'articleId'>
  /** Each article's list fields without its body, kept by `articleSummariesMiddleware` (v6). */
  articleSummaries!: EntityTable<ArticleSummaryRecord, 'id'>

  /**
   * @param options.maintainCounts false for a scratch copy whose rows must stay exactly as
   *   imported (a restore's check database); the live collection always keeps its counts.
   */
  constructor(name: string = DATABASE_NAME, options: { maintainCounts?: boolean } = {}) {
    super(name)
    if (options.maintainCounts ?? true) {
      this.use(articleCountsMiddleware)
      this.use(articleSummariesMiddleware)
    }
    this.version(1).stores({
      articles: 'id, addedAt',
      extractions: 'articleId',
      corrections: 'id, articleId'
    })
    this.version(2).stores({
      notes: 'id, articleId',
      cards: 'id, articleId, noteId, template, [queue+due], lapses',
      reviewLogs: '++id, cardId, reviewedAt, [cardId+reviewedAt], [grade+reviewedAt]',
      quizAttempts: '++id, quizId, cardId, answeredAt',
      confusions: 'id, count',
      settings: 'key'
    })
    // Library counts maintained with every card write (see counts-middleware.ts); the upgrade
    // counts the cards of an existing collection once.
    this.version(3)
      .stores({
        articleCounts: 'articleId',
        dueCounts: '[articleId+hour], hour'
      })
      .upgrade((tx) => computeCountsInUpgrade(tx, Date.now()))
    // Version 4: the review aggregate the Stats view reads instead of the logs, and the card
    // indexes its distributions count on.
    this.version(4)
      .stores({
        cards:
          'id, articleId, noteId, template, [queue+due], lapses, stability, difficulty, scheduledDays, answerSpeakerId',
        reviewSlots: 'slotStartMs'
      })
      .upgrade(async (tx) => {
        // Summed chunk by chunk, so the upgrade never holds every log in memory at once.
        const slots = await sumLogsIntoSlots(tx.table<ReviewLogEntry, number>('reviewLogs'))
        await tx.table<ReviewSlot>('reviewSlots').bulkPut(slots)
      })
    // Version 5: card tallies the Stats view reads instead of counting whole indexes (Chromium's
    // index counts walk every entry), kept by the counts middleware like the Library counts.
    this.version(5)
      .stores({
        cardTallies: 'key',
        dueTallies: 'slot',
        speakerTallies: 'speakerId, lapses',
        articleTallies: 'articleId'
      })
      .upgrade((tx) => computeTalliesInUpgrade(tx))
    // Version 6: the articles' list fields apart from their bodies, so listing the Library never
    // reads an article whole (a 20 MB one took 0.3–0.6 s of the page's thread per listing).
    this.version(6)
      .stores({ articleSummaries: 'id, addedAt' })
      .upgrade((tx) => fillSummariesInUpgrade(tx))
    // Version 7: cards reset to new keep the time of their last answer (the browser's `rated:`
    // reads it from the card instead of reading review logs on every search).
    this.version(7)
      .stores({})
      .upgrade(async (tx) => {
        await keepAnswerTimesInUpgrade(
          tx.table<ReviewLogEntry, number>('reviewLogs'),
          tx.table<CardRecord, string>('cards')
        )
      })
    // Version 8: the Library's counts rows packed into 32 shards (reading 1,000 rows one by one
    // cost the Library 12–25 ms each time it showed its counts), and three card indexes nothing
    // reads any more (the Stats view counts from tallies since version 5), which every card
    // write paid for.
    this.version(8)
      .stores({
        articleCounts: null,
        articleCountShards: 'shard',
        cards: 'id, articleId, noteId, template, [queue+due], lapses, stability'
      })
      .upgrade((tx) => packCountsInUpgrade(tx))
  }
}

let instance: QuotedeckDatabase | null = null

/** The app's shared database connection (opened lazily). */
export function getDatabase(): QuotedeckDatabase {
  if (instance === null) {
    instance = new QuotedeckDatabase()
    // When the app's database finished opening (the Library benchmark measures from here).
    instance.on('ready', () => {
      if (typeof performance !== 'undefined' && typeof performance.mark === 'function') {
        performance.mark(DATABASE_OPEN_MARK)
      }
    })
  }
  return instance
}

/** Name of the performance mark set when the app's database has opened. */
export const DATABASE_OPEN_MARK = 'quotedeck:database-open'

/** Replaces the shared connection (tests use a fresh name per test). */
export function setDatabase(db: QuotedeckDatabase): void {
  instance = db
}
