import type { RepeatOptions } from 'bullmq';
import type { ScheduleConfig, SourceConfig } from '@district-hub/connectors';
import { durationMs } from '@district-hub/connectors';
import type { JobQueues } from '../job-queues.ts';
import { applySchedulers, type SchedulerSpec } from '../job-schedulers.ts';
import { syncJobsOptions } from './sync-job-options.ts';

/** Scheduler ids on a source's own queue: one per queue and mode, so they need no source in them. */
export const SYNC_SCHEDULER_IDS = { incremental: 'scheduled-sync', full: 'scheduled-full-sync' } as const;

/** The part of hub.config.yaml that scheduling reads. */
export interface ScheduleConfigSource {
  timeZone: string;
  sources: Record<string, Pick<SourceConfig, 'enabled' | 'schedule' | 'fullSchedule'>>;
}

/**
 * The schedulers hub.config.yaml asks for: for each enabled source an incremental run on its `schedule`
 * and a full run on its `fullSchedule`; removal of what is not configured. Cron patterns are read in
 * the file's time zone.
 */
export function syncSchedulers(queues: JobQueues, config: ScheduleConfigSource): SchedulerSpec[] {
  return Object.entries(config.sources).flatMap(([sourceId, source]) =>
    (['incremental', 'full'] as const).map((mode) => {
      const schedule = mode === 'full' ? source.fullSchedule : source.schedule;
      return {
        queue: queues.sync(sourceId),
        id: SYNC_SCHEDULER_IDS[mode],
        repeat: schedule && source.enabled ? repeatOf(schedule, config.timeZone) : null,
        template: {
          name: 'sync',
          data: { sourceId, full: mode === 'full', trigger: 'schedule' },
          opts: syncJobsOptions(queues.syncJobOptions),
        },
      };
    }),
  );
}

/** Makes the sync schedulers match hub.config.yaml; idempotent. */
export function scheduleSources(queues: JobQueues, config: ScheduleConfigSource): Promise<void> {
  return applySchedulers(syncSchedulers(queues, config));
}

function repeatOf(schedule: ScheduleConfig, timeZone: string): Omit<RepeatOptions, 'key'> {
  return 'every' in schedule
    ? { every: durationMs(schedule.every) }
    : { pattern: schedule.cron, tz: timeZone };
}
