import {
  answerArticleStoreRequest,
  type ArticleStoreRequest,
  type ArticleStoreResponse
} from '../db/article-store'

/** The parts of the worker's global scope used here (the web project's types are the DOM's). */
interface WorkerScope {
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<ArticleStoreRequest>) => void
  ): void
  postMessage(message: ArticleStoreResponse): void
}

// Writing a 20 MB article to IndexedDB serialises it on the calling thread (half a second on a
// slow machine): here, that thread is this worker's, not the page's.
const scope = self as unknown as WorkerScope

scope.addEventListener('message', (event) => {
  void answerArticleStoreRequest(event.data).then((response) => scope.postMessage(response))
})
