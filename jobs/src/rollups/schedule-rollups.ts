import type { JobQueues } from '../job-queues.ts';

/** Every 15 minutes by default, so today's row follows the meters closely; the work is one grouped query. */
export const DEFAULT_ROLLUP_PATTERN = '0 */15 * * * *';

/** The job scheduler of the energy rollup (and the retention behind it); idempotent. */
export async function scheduleRollups(queues: JobQueues, pattern = DEFAULT_ROLLUP_PATTERN): Promise<void> {
  await queues.rollups.upsertJobScheduler(
    'energy-rollup',
    { pattern },
    {
      name: 'rollup',
      data: {},
      opts: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 10_000 },
        removeOnComplete: { count: 100 },
      },
    },
  );
}
