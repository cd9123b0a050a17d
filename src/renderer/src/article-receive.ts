import type { Article } from '../../core/article/types'
import { receiveArticleResult, type PackedArticle } from '../../shared/article-transport'
import type { Result } from '../../shared/result'

/**
 * An article result from the main process, unpacked; a long text is read part by part first, each
 * part its own call, so the page keeps answering input while a 20 MB article arrives.
 */
export function receiveFromMain<P extends PackedArticle | null>(
  result: Result<P>
): Promise<Result<P extends null ? Article | null : Article>> {
  return receiveArticleResult(result, (handle, index) =>
    window.api.readArticleTextPart(handle, index)
  )
}
