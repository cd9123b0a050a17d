import Dexie from 'dexie'
import { afterEach, beforeEach } from 'vitest'
import type { Article } from '../../../src/core/article/types'
import type { CardTemplate } from '../../../src/core/cards/types'
import type { Extraction, Quote, Speaker } from '../../../src/core/extract/types'
import { newSchedulingState, type SchedulingState } from '../../../src/core/scheduling'
import type { ArticleCountsRow } from '../../../src/core/library/article-counts'
import { rewriteShards, rowsByArticle, shardsOf } from '../../../src/renderer/src/db/count-shards'
import { QuotedeckDatabase, type CardRecord } from '../../../src/renderer/src/db/schema'

/** 2026-03-10 12:00 UTC, a fixed "now" for every repository test. */
export const NOW_MS = Date.UTC(2026, 2, 10, 12, 0, 0)
export const MINUTE_MS = 60_000
export const DAY_MS = 24 * 60 * MINUTE_MS

/** The stores of every published schema version, exactly as they shipped (append-only). */
export const SHIPPED_STORES: Record<number, Record<string, string | null>> = {
  1: { articles: 'id, addedAt', extractions: 'articleId', corrections: 'id, articleId' },
  2: {
    notes: 'id, articleId',
    cards: 'id, articleId, noteId, template, [queue+due], lapses',
    reviewLogs: '++id, cardId, reviewedAt, [cardId+reviewedAt], [grade+reviewedAt]',
    quizAttempts: '++id, quizId, cardId, answeredAt',
    confusions: 'id, count',
    settings: 'key'
  },
  3: { articleCounts: 'articleId', dueCounts: '[articleId+hour], hour' },
  4: {
    cards:
      'id, articleId, noteId, template, [queue+due], lapses, stability, difficulty, scheduledDays, answerSpeakerId',
    reviewSlots: 'slotStartMs'
  },
  5: {
    cardTallies: 'key',
    dueTallies: 'slot',
    speakerTallies: 'speakerId, lapses',
    articleTallies: 'articleId'
  },
  6: { articleSummaries: 'id, addedAt' },
  // Version 7 changed no store, only rows (see card-reset.ts).
  7: {},
  8: {
    articleCounts: null,
    articleCountShards: 'shard',
    cards: 'id, articleId, noteId, template, [queue+due], lapses, stability'
  }
}

/**
 * Writes one article's counts row straight into its shard, behind the cards' back (as a bug or a
 * damaged file would), for tests of checks and repairs.
 */
export async function putCountsRow(db: QuotedeckDatabase, row: ArticleCountsRow): Promise<void> {
  await db.transaction('rw', db.articleCountShards, async () => {
    const rowsOf = rowsByArticle(await db.articleCountShards.bulkGet(shardsOf([row.articleId])))
    const { put } = rewriteShards(rowsOf, new Map([[row.articleId, row]]))
    await db.articleCountShards.bulkPut(put)
  })
}

/** A Dexie named `name` with the shipped schema up to `version` (an old app's collection). */
export function shippedDatabase(name: string, version: number): Dexie {
  const db = new Dexie(name)
  for (let v = 1; v <= version; v += 1) db.version(v).stores(SHIPPED_STORES[v])
  return db
}

/** A fresh database with its own name, so tests never share state. */
export function freshDatabase(): QuotedeckDatabase {
  return new QuotedeckDatabase(`test-${crypto.randomUUID()}`)
}

/**
 * Registers hooks on the calling test file: before each test a fresh database from `create` is
 * opened and handed to `use`; after the test it is deleted.
 */
export function useFreshDatabase(
  use: (db: QuotedeckDatabase) => void,
  create: () => QuotedeckDatabase = freshDatabase
): void {
  let current: QuotedeckDatabase | null = null
  beforeEach(async () => {
    current = create()
    await current.open()
    use(current)
  })
  afterEach(async () => {
    await current?.delete()
    current = null
  })
}

/** A stored card with made-up content; `overrides` may set any field. */
export function makeCard(
  id: string,
  overrides: Partial<CardRecord> & { state?: Partial<SchedulingState> } = {}
): CardRecord {
  const { state, ...rest } = overrides
  const articleId = rest.articleId ?? 'article-a'
  const noteId = rest.noteId ?? `${articleId}:quote:${id}`
  const template: CardTemplate = rest.template ?? 'cloze-quote'
  return {
    id,
    noteId,
    articleId,
    template,
    prompt: `Prompt of ${id} with a [...]`,
    answer: `answer ${id}`,
    hint: null,
    context: null,
    options: null,
    answerSpeakerId: null,
    anchor: {
      articleId,
      sentence: { start: 0, end: 10 },
      span: { start: 2, end: 8 },
      paragraphIndex: 0
    },
    tags: [],
    ...newSchedulingState(NOW_MS - DAY_MS),
    ...state,
    createdAt: NOW_MS - DAY_MS,
    updatedAt: NOW_MS - DAY_MS,
    ...rest
  }
}

/** A review-queue card due at `dueMs`, reviewed before (and forgotten `lapses` times). */
export function reviewState(dueMs: number, lapses = 0): Partial<SchedulingState> {
  return {
    queue: 2,
    memoryState: 2,
    due: dueMs,
    stability: 5,
    difficulty: 5,
    reps: 3,
    lapses,
    scheduledDays: 5,
    lastReviewedAt: dueMs - 5 * DAY_MS
  }
}

function speaker(id: string, name: string, role: string | null): Speaker {
  return {
    id,
    name,
    aliases: [name.split(' ').pop() ?? name],
    role,
    kind: 'person',
    mentions: [],
    quoteCount: 1
  }
}

/**
 * A small article built from paragraphs, with an extraction whose quote and figure offsets are
 * computed from the text (so they are always right).
 */
export function makeArticle(): { article: Article; extraction: Extraction } {
  const paragraphs = [
    'Talks in Geneva lasted five-and-a-half hours on Tuesday, officials said.',
    '"We made real progress on the border question," said Maria Alvarez, the foreign minister of Freedonia.',
    '"Nothing has been agreed until everything has been agreed," said Tomas Berg, a senior negotiator for Sylvania.',
    'The two delegations will meet again in April, and about 300 observers are expected.'
  ]
  const text = paragraphs.join('\n\n')
  let offset = 0
  const paragraphSpans = paragraphs.map((p) => {
    const span = { kind: 'body' as const, start: offset, end: offset + p.length }
    offset += p.length + 2
    return span
  })
  const quoteOf = (paragraphIndex: number, speakerId: string, cue: string): Quote => {
    const para = paragraphSpans[paragraphIndex]
    const paraText = paragraphs[paragraphIndex]
    const open = paraText.indexOf('"') + 1
    const close = paraText.indexOf('"', open)
    return {
      id: `q-${para.start + open}`,
      text: paraText.slice(open, close),
      start: para.start + open,
      end: para.start + close,
      kind: 'full',
      speaker: speakerId,
      cue,
      confidence: 0.95,
      rule: 'cue-after-same-sentence',
      sentence: { start: para.start, end: para.end }
    }
  }
  const figureStart = text.indexOf('five-and-a-half hours')
  const countStart = text.indexOf('300 observers')
  const extraction: Extraction = {
    articleId: 'article-a',
    speakers: [
      speaker('maria-alvarez', 'Maria Alvarez', 'the foreign minister of Freedonia'),
      speaker('tomas-berg', 'Tomas Berg', 'a senior negotiator for Sylvania')
    ],
    quotes: [
      quoteOf(1, 'maria-alvarez', 'said Maria Alvarez'),
      quoteOf(2, 'tomas-berg', 'said Tomas Berg')
    ],
    figures: [
      {
        id: `f-${figureStart}`,
        text: 'five-and-a-half hours',
        start: figureStart,
        end: figureStart + 'five-and-a-half hours'.length,
        kind: 'duration',
        value: 5.5,
        unit: 'hours',
        iso: null,
        vague: false,
        sentence: { start: paragraphSpans[0].start, end: paragraphSpans[0].end }
      },
      {
        id: `f-${countStart}`,
        text: '300 observers',
        start: countStart,
        end: countStart + '300 observers'.length,
        kind: 'count',
        value: 300,
        unit: 'people',
        iso: null,
        vague: true,
        sentence: { start: paragraphSpans[3].start, end: paragraphSpans[3].end }
      }
    ]
  }
  const article: Article = {
    id: 'article-a',
    title: 'Border talks',
    byline: null,
    source: { kind: 'builtin', name: 'test' },
    text,
    paragraphs: paragraphSpans,
    removed: [],
    encoding: 'utf-8',
    wordCount: text.split(/\s+/).length
  }
  return { article, extraction }
}
