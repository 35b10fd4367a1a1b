import type { RepeatOptions } from 'bullmq';
import type { ScheduleConfig, SourceConfig } from '@district-hub/connectors/config/hub-config';
import { durationMs } from '@district-hub/connectors/config/load-config';
import type { JobQueues } from '../job-queues.ts';
import { syncJobsOptions } from './sync-job-options.ts';

/** Scheduler ids on a source's own queue: one per queue and mode, so they need no source in them. */
export const SYNC_SCHEDULER_IDS = { incremental: 'scheduled-sync', full: 'scheduled-full-sync' } as const;

/**
 * Makes BullMQ's job schedulers match hub.config.yaml: for each enabled source an incremental run on
 * its `schedule` and a full run on its `fullSchedule`, nothing for what is not configured. Idempotent,
 * so every process may call it at start (and again after a restart of a Redis that keeps nothing on
 * disk) without producing extra runs. Cron patterns are read in the file's time zone.
 */
export async function scheduleSources(
  queues: JobQueues,
  config: {
    timeZone: string;
    sources: Record<string, Pick<SourceConfig, 'enabled' | 'schedule' | 'fullSchedule'>>;
  },
): Promise<void> {
  for (const [sourceId, source] of Object.entries(config.sources)) {
    const queue = queues.sync(sourceId);
    for (const [mode, schedule] of [
      ['incremental', source.schedule],
      ['full', source.fullSchedule],
    ] as const) {
      const id = SYNC_SCHEDULER_IDS[mode];
      if (!schedule || !source.enabled) {
        await queue.removeJobScheduler(id);
        continue;
      }
      await queue.upsertJobScheduler(id, repeatOf(schedule, config.timeZone), {
        name: 'sync',
        data: { sourceId, full: mode === 'full', trigger: 'schedule' },
        opts: syncJobsOptions(queues.syncJobOptions),
      });
    }
  }
}

function repeatOf(schedule: ScheduleConfig, timeZone: string): Omit<RepeatOptions, 'key'> {
  return 'every' in schedule
    ? { every: durationMs(schedule.every) }
    : { pattern: schedule.cron, tz: timeZone };
}
