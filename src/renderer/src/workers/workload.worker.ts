import {
  answerWorkloadRequest,
  type WorkloadRequest,
  type WorkloadResponse
} from './workload-protocol'

/** The parts of the worker's global scope used here (the web project's types are the DOM's). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkloadRequest>) => void): void
  postMessage(message: WorkloadResponse): void
}

// A year of simulated reviews takes tens of milliseconds at 100,000 cards: here it never holds up
// the page (the retention slider, or the view the user went to next).
const scope = self as unknown as WorkerScope

scope.addEventListener('message', (event) => {
  scope.postMessage(answerWorkloadRequest(event.data))
})
