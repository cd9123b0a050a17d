import type { Speaker } from '../../../src/core/extract/types'
import { newSchedulingState, type SchedulingState } from '../../../src/core/scheduling'
import {
  setDatabase,
  type CardRecord,
  type QuotedeckDatabase
} from '../../../src/renderer/src/db/schema'
import { DAY_MS, freshDatabase as unsharedDatabase, NOW_MS } from '../db/fixtures'

// The quiz tests share the fixed "now" (2026-03-10 12:00 UTC) and the review state of the others.
export { DAY_MS, NOW_MS, reviewState } from '../db/fixtures'
export const HOUR_MS = 3_600_000

/** A fresh database with its own name, installed as the app's shared connection. */
export function freshDatabase(): QuotedeckDatabase {
  const db = unsharedDatabase()
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
