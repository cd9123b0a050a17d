import type { Article } from '../core/article/types'
import { packParagraphs, unpackParagraphs } from '../core/article/paragraph-packing'
import { fail, ok, type Result } from './result'

/**
 * An article as it crosses from the main process to the page: its paragraphs packed in one
 * `Int32Array` (`packParagraphs`). A 20 MB article has about 125,000 paragraphs; as objects, their
 * structured clone held the page's thread for a quarter of a second on arrival (and the preload's
 * context bridge copies a result once more), while a typed array is copied whole.
 */
export interface PackedArticle {
  meta: Omit<Article, 'text' | 'paragraphs'>
  /** The text, or '' when it is staged in the main process (`stagedText`). */
  text: string
  /** `[start, end, kind]` per paragraph; kind 1 is a heading, 0 body. */
  paragraphData: Int32Array
  /**
   * A long text waiting in the main process, read with `AppApi.readArticleTextPart` part by part:
   * one message of a 20 MB text held the page's thread for about 0.4 s on arrival.
   */
  stagedText?: StagedTextRef
}

/** A staged article text (see `PackedArticle.stagedText`). */
export interface StagedTextRef {
  handle: string
  partCount: number
  /** The whole text's length in UTF-16 code units, checked once the parts are joined. */
  length: number
}

/** Reads one part of a staged text (`AppApi.readArticleTextPart`). */
export type ReadTextPart = (handle: string, index: number) => Promise<Result<string>>

/** Packs an article for the page (see `PackedArticle`). */
export function packArticle(article: Article): PackedArticle {
  const { text, paragraphs, ...meta } = article
  return { meta, text, paragraphData: packParagraphs(paragraphs) }
}

/** The article a `PackedArticle` carries (its text must not be staged: see `receiveArticle`). */
export function unpackArticle(packed: PackedArticle): Article {
  if (packed.stagedText !== undefined) {
    throw new Error('unpackArticle: the text is staged; use receiveArticle to read its parts')
  }
  return { ...packed.meta, text: packed.text, paragraphs: unpackParagraphs(packed.paragraphData) }
}

/**
 * The article a `PackedArticle` carries, reading a staged text part by part first (each read is
 * its own message, so the page handles input in between). A part that cannot be read, or parts
 * that do not add up to the announced length, give a failure in words and no article.
 */
export async function receiveArticle(
  packed: PackedArticle,
  readTextPart: ReadTextPart
): Promise<Result<Article>> {
  const staged = packed.stagedText
  if (staged === undefined) return ok(unpackArticle(packed))
  const parts: string[] = []
  for (let index = 0; index < staged.partCount; index += 1) {
    const part = await readTextPart(staged.handle, index)
    if (!part.ok) return part
    parts.push(part.value)
  }
  const text = parts.join('')
  if (text.length !== staged.length) {
    return fail(
      'INTERNAL',
      `The article’s text arrived incomplete (${text.length} of ${staged.length} characters). Open the file again.`
    )
  }
  const { stagedText: _staged, ...rest } = packed
  void _staged
  return ok(unpackArticle({ ...rest, text }))
}

/** `receiveArticle` for a loader's result; failures and a cancelled dialog (null) pass through. */
export async function receiveArticleResult<P extends PackedArticle | null>(
  result: Result<P>,
  readTextPart: ReadTextPart
): Promise<Result<P extends null ? Article | null : Article>> {
  type Received = Result<P extends null ? Article | null : Article>
  if (!result.ok) return result
  if (result.value === null) return ok(null) as Received
  return (await receiveArticle(result.value, readTextPart)) as Received
}

/** A loader's result with its article packed for the page; failures pass through unchanged. */
export function packArticleResult<E extends Article | null>(
  result: Result<E>
): Result<E extends null ? PackedArticle | null : PackedArticle> {
  type Packed = E extends null ? PackedArticle | null : PackedArticle
  if (!result.ok) return result
  return ok((result.value === null ? null : packArticle(result.value)) as Packed)
}
