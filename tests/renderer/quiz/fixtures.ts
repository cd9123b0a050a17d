import type { Speaker } from '../../../src/core/extract/types'
import { newSchedulingState, type SchedulingState } from '../../../src/core/scheduling'
import {
  QuotedeckDatabase,
  setDatabase,
  type CardRecord
} from '../../../src/renderer/src/db/schema'

/** 2026-03-10 12:00 UTC: a fixed "now" for the quiz tests. */
export const NOW_MS = Date.UTC(2026, 2, 10, 12, 0, 0)
export const HOUR_MS = 3_600_000
export const DAY_MS = 24 * HOUR_MS

/** A fresh database with its own name, installed as the app's shared connection. */
export function freshDatabase(): QuotedeckDatabase {
  const db = new QuotedeckDatabase(`t-${crypto.randomUUID()}`)
  setDatabase(db)
  return db
}

export const SPEAKERS: Speaker[] = [
  speaker('antony-blinken', 'Antony Blinken', ['Blinken']),
  speaker('wang-yi', 'Wang Yi', ['Wang']),
  speaker('xi-jinping', 'Xi Jinping', ['Xi']),
  speaker('wang-xiaohong', 'Wang Xiaohong', [])
]

function speaker(id: string, name: string, aliases: string[]): Speaker {
  return { id, name, aliases, role: null, kind: 'person', mentions: [], quoteCount: 1 }
}

/** A who-said card for speaker `answerIndex` of SPEAKERS; `overrides` may set any field. */
export function whoSaidCard(
  id: string,
  answerIndex: number,
  overrides: Partial<CardRecord> & { state?: Partial<SchedulingState> } = {}
): CardRecord {
  const { state, ...rest } = overrides
  const articleId = rest.articleId ?? 'article-a'
  const answer = SPEAKERS[answerIndex]
  return {
    id,
    noteId: `${articleId}:quote:${id}`,
    articleId,
    template: 'who-said',
    prompt: `“Quote ${id} about talks,” [...] said.`,
    answer: answer.name,
    hint: null,
    context: null,
    options: SPEAKERS.slice(0, 3).map((s) => s.name),
    answerSpeakerId: answer.id,
    anchor: {
      articleId,
      sentence: { start: 0, end: 40 },
      span: { start: 1, end: 20 },
      paragraphIndex: 0
    },
    tags: ['who-said'],
    ...newSchedulingState(NOW_MS - DAY_MS),
    ...state,
    createdAt: NOW_MS - DAY_MS,
    updatedAt: NOW_MS - DAY_MS,
    ...rest
  }
}

/** A review card due at `dueMs`. */
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
