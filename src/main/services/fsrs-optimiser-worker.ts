/**
 * Entry of the optimiser worker thread: runs one optimisation on the request in `workerData`,
 * posting progress messages while fsrs-rs trains and one `done` (or `failed`) message at the end.
 * Built as its own file (out/main/fsrs-optimiser-worker.js, see electron.vite.config.ts).
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { OptimiseRequest } from '../../shared/fsrs-optimiser'
import { optimiseParameters } from './fsrs-optimiser'
import type { OptimiserWorkerMessage } from './fsrs-optimiser-service'

function post(message: OptimiserWorkerMessage): void {
  parentPort?.postMessage(message)
}

optimiseParameters(workerData as OptimiseRequest, {
  onProgress: (progress) => post({ type: 'progress', progress })
}).then(
  (outcome) => post({ type: 'done', outcome }),
  (error: unknown) =>
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
)
