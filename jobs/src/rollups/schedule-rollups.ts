import type { JobQueues } from '../job-queues.ts';
import type { SchedulerSpec } from '../job-schedulers.ts';

/** Every 15 minutes by default, so today's row follows the meters closely; the work is one grouped query. */
export const DEFAULT_ROLLUP_PATTERN = '0 */15 * * * *';

/** The scheduler of the energy rollup (and the retention behind it). */
export function rollupScheduler(
  queues: JobQueues,
  pattern = DEFAULT_ROLLUP_PATTERN,
  timeZone = 'Asia/Shanghai',
): SchedulerSpec {
  return {
    queue: queues.rollups,
    id: 'energy-rollup',
    repeat: { pattern, tz: timeZone },
    template: {
      name: 'rollup',
      data: {},
      opts: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 10_000 },
        removeOnComplete: { count: 100 },
      },
    },
  };
}
