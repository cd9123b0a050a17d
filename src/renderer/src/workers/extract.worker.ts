import { extractArticle } from '../../../core/extract'
import { runExtractRequest, type ExtractRequest, type ExtractResponse } from './extract-protocol'

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
