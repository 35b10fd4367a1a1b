import type { JobsOptions } from 'bullmq';
import { z } from 'zod';
import { resolveOptions } from '../defined-options.ts';

export interface SyncJobOptions {
  /** Tries per run, the first included; default 5. A `ConfigError` fails at once whatever this says. */
  attempts: number;
  /** First retry delay in ms, doubled each time (exponential backoff); default 5000. */
  backoffMs: number;
  /** Completed runs kept in the queue for the dashboard; default 200 (the SyncRun rows keep all). */
  keepCompleted: number;
  /** Failed runs kept for inspection, in days; default 30. */
  keepFailedDays: number;
}

export const SYNC_JOB_DEFAULTS: SyncJobOptions = {
  attempts: 5,
  backoffMs: 5000,
  keepCompleted: 200,
  keepFailedDays: 30,
};

const schema = z.object({
  attempts: z.int().min(1).max(100),
  backoffMs: z.int().min(0),
  keepCompleted: z.int().min(0),
  keepFailedDays: z.number().positive(),
});

export function resolveSyncJobOptions(input: Partial<SyncJobOptions> = {}): SyncJobOptions {
  return resolveOptions('sync job options', schema, SYNC_JOB_DEFAULTS, input);
}

/** BullMQ options of every sync job, manual or scheduled alike. */
export function syncJobsOptions(options: SyncJobOptions): JobsOptions {
  return {
    attempts: options.attempts,
    backoff: { type: 'exponential', delay: options.backoffMs },
    removeOnComplete: { count: options.keepCompleted },
    removeOnFail: { age: Math.round(options.keepFailedDays * 86_400) },
  };
}
