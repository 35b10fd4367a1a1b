import { ConfigError } from '@district-hub/schema/errors/index';
import type { JobQueues } from '../job-queues.ts';
import { syncJobsOptions } from './sync-job-options.ts';

/** The part of a configured source that scheduling reads. */
export interface ScheduledSource {
  id: string;
  /** Cron pattern (5 fields, or 6 with seconds first); none means manual runs only. */
  schedule?: string | null;
  enabled?: boolean;
}

export interface ScheduleOptions {
  /** IANA time zone the cron patterns are read in; default `Asia/Shanghai`, where the district is. */
  timeZone?: string;
}

/** Scheduler id on a source's own queue; one per queue, so it needs no source in it. */
export const SYNC_SCHEDULER_ID = 'scheduled-sync';

/**
 * Makes BullMQ's job schedulers match the configuration: one per enabled source with a `schedule`,
 * none for the others. Idempotent, so every process may call it at start (and again after a Redis
 * restart has emptied Redis) without producing extra runs.
 */
export async function scheduleSources(
  queues: JobQueues,
  sources: readonly ScheduledSource[],
  options: ScheduleOptions = {},
): Promise<void> {
  const tz = options.timeZone ?? 'Asia/Shanghai';
  for (const source of sources) {
    const queue = queues.sync(source.id);
    if (!source.schedule || source.enabled === false) {
      await queue.removeJobScheduler(SYNC_SCHEDULER_ID);
      continue;
    }
    try {
      await queue.upsertJobScheduler(
        SYNC_SCHEDULER_ID,
        { pattern: source.schedule, tz },
        {
          name: 'sync',
          data: { sourceId: source.id, full: false, trigger: 'scheduler' },
          opts: syncJobsOptions(queues.syncJobOptions),
        },
      );
    } catch (error) {
      throw new ConfigError(
        `source "${source.id}": schedule "${source.schedule}" is not a valid cron pattern`,
        {
          sourceId: source.id,
          schedule: source.schedule,
          cause: error instanceof Error ? error.message : String(error),
        },
      );
    }
  }
}
