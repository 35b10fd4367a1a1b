import { WaitingError, type Job } from 'bullmq';

/** Abort reason a worker gives its jobs when the grace period of a shutdown has run out. */
export const SHUTDOWN_REASON = 'worker shutting down';

/**
 * Hands a job back to its queue if its processor stopped because the worker is shutting down, so
 * another worker (or this one after a restart) runs it again without spending one of its attempts.
 * Returns the error the processor should throw.
 */
export async function handBackIfShuttingDown(
  job: Job,
  token: string | undefined,
  signal: AbortSignal | undefined,
  error: unknown,
): Promise<unknown> {
  if (signal?.aborted && signal.reason === SHUTDOWN_REASON) {
    await job.moveToWait(token);
    return new WaitingError();
  }
  return error;
}
