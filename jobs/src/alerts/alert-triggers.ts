import type { EventBus, Logger, Unsubscribe } from '@district-hub/schema';
import type { JobQueues } from '../job-queues.ts';
import type { SchedulerSpec } from '../job-schedulers.ts';

/** Sweep interval for silent devices unless the caller says otherwise: heartbeats are minutes long. */
export const DEFAULT_HEARTBEAT_SWEEP_MS = 30_000;

/**
 * Asks for the rules of one device to run. At most one evaluation per device waits and one runs: a
 * burst of readings from a device collapses into one job, yet a reading that arrives while its device
 * is being evaluated is not lost (`keepLastIfActive` queues one more run after the current one).
 */
export async function enqueueDeviceEvaluation(
  queues: JobQueues,
  deviceId: number,
): Promise<{ jobId: string }> {
  const job = await queues.alerts.add(
    'device',
    { kind: 'device', deviceId },
    {
      deduplication: { id: `device-${deviceId}`, keepLastIfActive: true },
      removeOnComplete: { count: 1000 },
      removeOnFail: { age: 7 * 86_400 },
    },
  );
  return { jobId: job.id! };
}

/**
 * Evaluates a device's rules whenever it reports a reading (the MQTT connector publishes `reading`).
 * A failed enqueue is logged (the `alerts` component's logger): the device's next reading enqueues again.
 */
export function evaluateOnReadings(events: EventBus, queues: JobQueues, log: Logger): Promise<Unsubscribe> {
  return events.subscribe('reading', (reading) => {
    enqueueDeviceEvaluation(queues, reading.deviceId).catch((err: unknown) =>
      log.error(
        { err, deviceId: reading.deviceId },
        `could not enqueue the evaluation of device ${reading.deviceId}`,
      ),
    );
  });
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
