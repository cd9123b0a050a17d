import type { Article } from '../../../core/article/types'
import type { Extraction } from '../../../core/extract/types'
import { runExtractRequest, type ExtractRequest, type ExtractResponse } from './extract-protocol'

// TEMPORARY until src/core/extract/index.ts lands: an eager glob is empty instead of failing the
// build when the file is missing. Replace with `import { extractArticle } from '../../../core/extract'`.
const extractModules = import.meta.glob<{ extractArticle: (article: Article) => Extraction }>(
  '../../../core/extract/index.ts',
  { eager: true }
)

function extractArticle(article: Article): Extraction {
  const module = Object.values(extractModules)[0]
  if (!module) throw new Error('The extractor is not available in this build.')
  return module.extractArticle(article)
}

/** The parts of the worker's global scope used here (the web project's types are the DOM's). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<ExtractRequest>) => void): void
  postMessage(message: ExtractResponse): void
}

// Extraction runs here so a long article never freezes the window.
const scope = self as unknown as WorkerScope

scope.addEventListener('message', (event) => {
  scope.postMessage(runExtractRequest(event.data, extractArticle, () => performance.now()))
})
