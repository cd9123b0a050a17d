/**
 * Entry of the article loader's worker thread: decodes and cleans one input (a file's bytes or a
 * pasted text) from `workerData`, posting a `stage` message as each step starts and one `done`
 * message with the typed result. Built as its own file (out/main/article-load-worker.js, see
 * electron.vite.config.ts).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { articleFromText, loadArticleFromBytes } from './article-loader'
import type { ArticleLoadJob, ArticleLoadWorkerMessage } from './article-load-service'
import { fail } from '../../shared/result'

function post(message: ArticleLoadWorkerMessage): void {
  parentPort?.postMessage(message)
}

const job = workerData as ArticleLoadJob
try {
  const result =
    job.kind === 'bytes'
      ? loadArticleFromBytes(job.fileName, job.bytes, job.source, (stage) =>
          post({ type: 'stage', stage })
        )
      : (post({ type: 'stage', stage: 'cleaning' }), articleFromText(job.text, job.title))
  post({ type: 'stage', stage: 'sending' })
  post({ type: 'done', result })
} catch (error) {
  // The loader never throws on bad input; this is a bug, reported as a typed failure all the same.
  const why = error instanceof Error ? error.message : String(error)
  post({ type: 'done', result: fail('INTERNAL', `The article could not be read: ${why}`) })
}
