import { UnrecoverableError, type Processor } from 'bullmq';
import { ConfigError } from '@district-hub/schema/errors/index';
import type { EventBus } from '@district-hub/schema/events/index';
import { handBackIfShuttingDown } from '../shutdown.ts';
import type { SyncJobData, SyncJobResult } from './sync-job-data.ts';
import type { SyncHandler } from './sync-handler.ts';

/**
 * Runs a sync job: progress goes to the job (Bull Board) and to the `syncRunProgress` subscription;
 * a configuration error fails the job at once with its reason (retrying cannot fix a bad token or
 * URL), every other error is retried with the queue's backoff.
 */
export function createSyncProcessor(
  handler: SyncHandler,
  events: EventBus,
): Processor<SyncJobData, SyncJobResult> {
  return async (job, token, signal) => {
    try {
      return await handler({
        ...job.data,
        signal: signal ?? new AbortController().signal,
        onProgress: async (progress) => {
          await job.updateProgress({ ...progress });
          await events.publish('syncRunProgress', { ...progress, at: new Date().toISOString() });
        },
      });
    } catch (error) {
      if (error instanceof ConfigError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw await handBackIfShuttingDown(job, token, signal, error);
    }
  };
}
