import {
  estimateWorkload,
  type WorkloadEstimate,
  type WorkloadInput
} from '../../../core/scheduling/simulation'

/** What the page asks the workload worker: one estimate. */
export interface WorkloadRequest {
  requestId: number
  input: WorkloadInput
}

/** What the workload worker answers. */
export type WorkloadResponse =
  | { requestId: number; ok: true; estimate: WorkloadEstimate }
  | { requestId: number; ok: false; message: string }

/** The worker's side: runs the simulation, turning a thrown error into a failed response. */
export function answerWorkloadRequest(
  request: WorkloadRequest,
  estimate: (input: WorkloadInput) => WorkloadEstimate = estimateWorkload
): WorkloadResponse {
  try {
    return { requestId: request.requestId, ok: true, estimate: estimate(request.input) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { requestId: request.requestId, ok: false, message }
  }
}
