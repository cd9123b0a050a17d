import { randomUUID } from 'node:crypto'
import type { Article } from '../../core/article/types'
import {
  packArticleResult,
  type PackedArticle,
  type StagedTextRef
} from '../../shared/article-transport'
import { fail, ok, type Result } from '../../shared/result'

/**
 * Characters of an article's text sent per part (1 MB as UTF-16). A 20 MB article sent as one
 * message held the page's thread for about 0.4 s while it was received and deserialised; a part
 * this size takes a few milliseconds, and the page handles input between two parts.
 */
export const TEXT_PART_CHARS = 1 << 19

/** Texts longer than this are staged and read in parts; shorter ones travel inside the article. */
export const STAGE_TEXT_MIN_CHARS = 2 * TEXT_PART_CHARS

/** Staged texts kept at once: a page that never reads its parts cannot grow the main process. */
export const MAX_STAGED_TEXTS = 4

/** A staged text nobody finished reading is dropped after this long (epoch-ms clock). */
export const STAGED_TEXT_TTL_MS = 10 * 60_000

/** The main process's side of sending long article texts in parts. */
export interface ArticleTextStaging {
  /** The article as the page receives it: a long text is staged and replaced by a reference. */
  forPage(packed: PackedArticle): PackedArticle
  /** One part of a staged text; the entry is dropped once its last part has been read. */
  readPart(handle: unknown, index: unknown): Result<string>
  /** How many texts are staged (tests). */
  size(): number
}

interface StagedText {
  text: string
  /** Where each part starts; part `i` ends where part `i + 1` starts (the last at the end). */
  starts: number[]
  stagedAtMs: number
}

/** Where the part starting at `start` ends (exclusive), never splitting a surrogate pair. */
function partEnd(text: string, start: number): number {
  let end = Math.min(text.length, start + TEXT_PART_CHARS)
  const last = text.charCodeAt(end - 1)
  if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1
  return end
}

/** Start offsets of every part of a text. */
function partStarts(text: string): number[] {
  const starts: number[] = []
  for (let start = 0; start < text.length; start = partEnd(text, start)) starts.push(start)
  return starts
}

/** Creates the staging; `nowMs` is the clock for expiry (tests pass their own). */
export function createArticleTextStaging(nowMs: () => number = Date.now): ArticleTextStaging {
  const staged = new Map<string, StagedText>()

  function dropExpired(): void {
    const now = nowMs()
    for (const [handle, entry] of staged) {
      if (now - entry.stagedAtMs > STAGED_TEXT_TTL_MS) staged.delete(handle)
    }
  }

  return {
    forPage(packed) {
      if (packed.text.length < STAGE_TEXT_MIN_CHARS) return packed
      dropExpired()
      // Oldest first (a Map keeps insertion order).
      while (staged.size >= MAX_STAGED_TEXTS) staged.delete(staged.keys().next().value as string)
      const starts = partStarts(packed.text)
      const handle = randomUUID()
      staged.set(handle, { text: packed.text, starts, stagedAtMs: nowMs() })
      const stagedText: StagedTextRef = {
        handle,
        partCount: starts.length,
        length: packed.text.length
      }
      return { ...packed, text: '', stagedText }
    },

    readPart(handle, index) {
      dropExpired()
      const entry = typeof handle === 'string' ? staged.get(handle) : undefined
      if (entry === undefined) {
        return fail(
          'NOT_FOUND',
          'The article’s text is no longer waiting to be opened (it was opened, or too long ago). Open the file again.'
        )
      }
      if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) {
        return fail('INVALID_ARGUMENT', 'The part number must be a whole number from 0.')
      }
      const partCount = entry.starts.length
      if (index >= partCount) {
        return fail(
          'INVALID_ARGUMENT',
          `The text has ${partCount} parts; there is no part ${index}.`
        )
      }
      const part = entry.text.slice(
        entry.starts[index],
        entry.starts[index + 1] ?? entry.text.length
      )
      if (index === partCount - 1) staged.delete(handle as string)
      return ok(part)
    },

    size() {
      return staged.size
    }
  }
}

/** A loader's result as the page receives it: packed, with a long text staged. */
export function packForPage<E extends Article | null>(
  staging: ArticleTextStaging,
  result: Result<E>
): Result<E extends null ? PackedArticle | null : PackedArticle> {
  const packed = packArticleResult(result)
  if (!packed.ok || packed.value === null) return packed
  return ok(staging.forPage(packed.value)) as Result<
    E extends null ? PackedArticle | null : PackedArticle
  >
}
