import { UnrecoverableError, type Processor } from 'bullmq';
import { HubError, hubErrorToText, type ErrorCode } from '@district-hub/schema';
import { handBackIfShuttingDown } from '../shutdown.ts';
import type { SyncJobData } from './sync-job-data.ts';
import type { SyncHandler, SyncJobResult } from './sync-handler.ts';

/** Failures a retry cannot fix: the configuration or the credentials in it must change first. */
const FINAL_CODES: ReadonlySet<ErrorCode> = new Set(['config/invalid', 'connector/auth_failed']);

/**
 * Runs a sync job: progress goes on the job (Bull Board) after each committed batch; a configuration
 * error fails the job at once with its reason, every other error is retried with the queue's backoff;
 * a shutdown hands the job back to the queue. The run's `HubError` is thrown as it is (the worker's log
 * keeps its code and stack); a final one goes in BullMQ's `UnrecoverableError` as `code: message`
 * (`hubErrorToText`), which whoever waits for the job revives (`reviveHubError`, `cli/queued-sync.ts`).
 */
export function createSyncProcessor(handler: SyncHandler): Processor<SyncJobData, SyncJobResult> {
  return async (job, token, signal) => {
    try {
      return await handler({
        ...job.data,
        signal: signal ?? new AbortController().signal,
        onProgress: (progress) => {
          // Progress is informative; a failed write of it must not fail the run.
          job.updateProgress({ ...progress }).catch(() => undefined);
        },
      });
    } catch (error) {
      if (error instanceof HubError && FINAL_CODES.has(error.code)) {
        throw new UnrecoverableError(hubErrorToText(error));
      }
      throw await handBackIfShuttingDown(job, token, signal, error);
    }
  };
}
