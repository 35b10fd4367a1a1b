import type { JobsOptions, Queue, RepeatOptions } from 'bullmq';

/** One job scheduler the configuration asks for, or (with `repeat: null`) one it asks to be gone. */
export interface SchedulerSpec {
  queue: Queue;
  id: string;
  repeat: Omit<RepeatOptions, 'key'> | null;
  template: { name: string; data: unknown; opts?: JobsOptions };
}

/**
 * Makes BullMQ's schedulers match `specs`. With `onlyMissing`, schedulers that exist are left as they
 * are (their next run stays put), so it can run periodically: a Redis that restarted with nothing on
 * disk gets its schedulers back within one period. Without it (at start), every scheduler is upserted
 * so that an edited schedule applies.
 */
export async function applySchedulers(
  specs: readonly SchedulerSpec[],
  options: { onlyMissing?: boolean } = {},
): Promise<void> {
  for (const spec of specs) {
    if (spec.repeat === null) {
      await spec.queue.removeJobScheduler(spec.id);
      continue;
    }
    if (options.onlyMissing && (await spec.queue.getJobScheduler(spec.id))) continue;
    await spec.queue.upsertJobScheduler(spec.id, spec.repeat, spec.template);
  }
}
