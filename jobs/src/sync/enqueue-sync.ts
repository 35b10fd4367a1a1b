import type { JobQueues } from '../job-queues.ts';

export interface EnqueueSyncRequest {
  /** Read everything again instead of from the last committed cursor; default false. */
  full?: boolean;
  /** Who asked, kept on the job and the SyncRun row: `api`, `cli`, `scheduler`; default `manual`. */
  trigger?: string;
  /** Only these streams; default all of the source's. */
  streams?: string[];
  /** Let a full run soft-delete more than the source's `maxDeleteShare` (an admin confirmed it). */
  allowMassDelete?: boolean;
}

/**
 * A manual run (the `triggerSync` mutation, `npx hub sync`). It waits behind a run of the same source
 * already in progress rather than running beside it: the queue's global concurrency is 1.
 */
export async function enqueueSync(
  queues: JobQueues,
  sourceId: string,
  request: EnqueueSyncRequest = {},
): Promise<{ jobId: string }> {
  const job = await queues.sync(sourceId).add('sync', {
    sourceId,
    full: request.full ?? false,
    trigger: request.trigger ?? 'manual',
    ...(request.streams ? { streams: request.streams } : {}),
    ...(request.allowMassDelete ? { allowMassDelete: true } : {}),
  });
  return { jobId: job.id! };
}
