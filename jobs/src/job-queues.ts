import type { Queue } from 'bullmq';
import type { QueueBackend } from './queue-backend.ts';
import { ALERTS_QUEUE, ROLLUPS_QUEUE, syncQueueName } from './queue-names.ts';
import type { SyncJobData } from './sync/sync-job-data.ts';
import { resolveSyncJobOptions, syncJobsOptions, type SyncJobOptions } from './sync/sync-job-options.ts';
import type { AlertJobData } from './alerts/alert-job-data.ts';
import type { RollupJobData } from './rollups/rollup-job-data.ts';
import { UnknownSourceError } from './sync/unknown-source-error.ts';

export interface JobQueuesOptions {
  /** Ids of the configured sources; each gets its own sync queue. */
  sourceIds: readonly string[];
  /** Retries, backoff and retention of sync jobs; defaults in `SYNC_JOB_DEFAULTS`. */
  sync?: Partial<SyncJobOptions>;
  /** Connection errors of the queues (Redis restarting, say); they reconnect by themselves. Default: ignored. */
  onError?: (error: unknown) => void;
}

/**
 * The producer side of the hub's queues: what the gateway (`triggerSync`, Bull Board), the CLI and the
 * schedulers use. Workers open their own connections (see `startWorkers`).
 */
export interface JobQueues {
  readonly backend: QueueBackend;
  readonly sourceIds: readonly string[];
  readonly syncJobOptions: SyncJobOptions;
  /** The sync queue of one source; throws for a source that is not configured. */
  sync(sourceId: string): Queue<SyncJobData>;
  readonly alerts: Queue<AlertJobData>;
  readonly rollups: Queue<RollupJobData>;
  /** Every queue, for the dashboard. */
  all(): Queue[];
  /**
   * Sets the limit of one run at a time on every sync queue. Done at open; call it again after a Redis
   * restart that lost the queues' state (`startJobs` does, periodically).
   */
  restoreLimits(): Promise<void>;
  close(): Promise<void>;
}

export async function openJobQueues(backend: QueueBackend, options: JobQueuesOptions): Promise<JobQueues> {
  const syncJobOptions = resolveSyncJobOptions(options.sync);
  const syncQueues = new Map(
    options.sourceIds.map((id) => [
      id,
      backend.createQueue<SyncJobData>(syncQueueName(id), {
        defaultJobOptions: syncJobsOptions(syncJobOptions),
      }),
    ]),
  );
  const alerts = backend.createQueue<AlertJobData>(ALERTS_QUEUE);
  const rollups = backend.createQueue<RollupJobData>(ROLLUPS_QUEUE);
  // One run of a source at a time across every worker on every machine: BullMQ keeps this limit in the
  // queue's own state (Redis or PostgreSQL), so it holds however many workers take jobs.
  for (const queue of [...syncQueues.values(), alerts, rollups]) {
    // An EventEmitter with no 'error' listener throws the error: the gateway would die with Redis.
    queue.on('error', options.onError ?? (() => undefined));
  }
  const restoreLimits = async () => {
    await Promise.all([...syncQueues.values()].map((queue) => queue.setGlobalConcurrency(1)));
  };
  await restoreLimits();
  return {
    backend,
    sourceIds: [...options.sourceIds],
    syncJobOptions,
    sync(sourceId) {
      const queue = syncQueues.get(sourceId);
      if (!queue) throw new UnknownSourceError(sourceId, options.sourceIds);
      return queue;
    },
    alerts,
    rollups,
    all: () => [...syncQueues.values(), alerts, rollups] as Queue[],
    restoreLimits,
    async close() {
      await Promise.all([...syncQueues.values(), alerts, rollups].map((queue) => queue.close()));
    },
  };
}
