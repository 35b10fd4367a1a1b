import type { EventBus, Logger, Unsubscribe } from '@district-hub/schema';
import type { JobQueues } from '../job-queues.ts';
import type { SchedulerSpec } from '../job-schedulers.ts';

/** Sweep interval for silent devices unless the caller says otherwise: heartbeats are minutes long. */
export const DEFAULT_HEARTBEAT_SWEEP_MS = 30_000;

/** How long readings are gathered before their devices are evaluated, unless the caller says otherwise. */
export const DEFAULT_EVALUATION_WINDOW_MS = 100;

/** Devices in one evaluation job at most: a job stays short, and a burst spreads over the workers. */
const MAX_DEVICES_PER_JOB = 500;

/** Asks for the rules of these devices to run, in one job. */
export async function enqueueDeviceEvaluation(
  queues: JobQueues,
  deviceIds: readonly number[],
): Promise<{ jobId: string }> {
  const job = await queues.alerts.add(
    'devices',
    { kind: 'devices', deviceIds: [...deviceIds] },
    { removeOnComplete: { count: 1000 }, removeOnFail: { age: 7 * 86_400 } },
  );
  return { jobId: job.id! };
}

/**
 * Evaluates the rules of each device that reports a reading (the writer publishes `reading` after each
 * committed batch). The devices heard within `windowMs` go in one job: at the demo's rate a job per
 * reading cost more in queue round trips than the evaluations themselves, while a window of 100 ms
 * keeps an alarm's way to the screen well under its 500 ms budget. A device heard several times in
 * one window is evaluated once, and again in the next window it is heard in, so no reading goes
 * unevaluated. A failed enqueue is logged (the `alerts` component's logger): the devices' next readings
 * enqueue again. Unsubscribing enqueues what was gathered.
 */
export async function evaluateOnReadings(
  events: EventBus,
  queues: JobQueues,
  log: Logger,
  windowMs = DEFAULT_EVALUATION_WINDOW_MS,
): Promise<Unsubscribe> {
  let gathered = new Set<number>();
  let timer: NodeJS.Timeout | undefined;
  const flush = async (): Promise<void> => {
    timer = undefined;
    const deviceIds = [...gathered];
    gathered = new Set();
    for (let i = 0; i < deviceIds.length; i += MAX_DEVICES_PER_JOB) {
      const chunk = deviceIds.slice(i, i + MAX_DEVICES_PER_JOB);
      await enqueueDeviceEvaluation(queues, chunk).catch((err: unknown) =>
        log.error(
          { err, devices: chunk.length },
          `could not enqueue the evaluation of ${chunk.length} devices`,
        ),
      );
    }
  };
  const unsubscribe = await events.subscribe('reading', (reading) => {
    gathered.add(reading.deviceId);
    timer ??= setTimeout(() => void flush(), windowMs);
  });
  return async () => {
    await unsubscribe();
    clearTimeout(timer);
    if (gathered.size > 0) await flush();
  };
}

/** The scheduler of the heartbeat sweep: silence sends no event, so it is looked for on a clock. */
export function heartbeatSweepScheduler(
  queues: JobQueues,
  everyMs = DEFAULT_HEARTBEAT_SWEEP_MS,
): SchedulerSpec {
  return {
    queue: queues.alerts,
    id: 'heartbeat-sweep',
    repeat: { every: everyMs },
    template: {
      name: 'sweep',
      data: { kind: 'sweep' },
      opts: { removeOnComplete: { count: 100 }, removeOnFail: { age: 7 * 86_400 } },
    },
  };
}
