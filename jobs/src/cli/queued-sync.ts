import type { HubConfig } from '@district-hub/connectors';
import { createPrismaClient, createSqlDb, createSqlPool } from '@district-hub/schema/database';
import {
  createEventBus,
  noCounts,
  reviveHubError,
  type HubError,
  type SyncCounts,
  type SyncRunProgress,
} from '@district-hub/schema';
import { createQueueBackend, type QueueBackendKind } from '../queue-backend.ts';
import { openJobQueues } from '../job-queues.ts';
import { syncQueueName } from '../queue-names.ts';
import { startWorkers } from '../start-workers.ts';
import { enqueueSync } from '../sync/enqueue-sync.ts';
import { connectorsSyncHandler } from '../sync/connectors-sync-handler.ts';
import type { SyncJobResult } from '../sync/sync-handler.ts';

export interface QueuedSyncOptions {
  databaseUrl: string;
  config: HubConfig;
  source: string;
  full: boolean;
  streams?: string[];
  /** Let the full run soft-delete more than the source's `maxDeleteShare` (`--allow-mass-delete`). */
  allowMassDelete?: boolean;
  /** Stops waiting: the job is taken back from this process and removed from the queue if not started. */
  signal: AbortSignal;
  onProgress: (progress: SyncRunProgress) => void;
  /** Environment naming the queues (`REDIS_URL`, `QUEUE_BACKEND`), as `npm start` reads it. */
  env?: Record<string, string | undefined>;
}

export interface QueuedSyncSummary extends SyncCounts {
  runId: number | null;
  mode: 'FULL' | 'INCREMENTAL';
  status: 'SUCCEEDED' | 'FAILED';
  durationMs: number;
  streams: Record<string, SyncCounts>;
  /** The run's error, revived from the job's failed reason. */
  error?: HubError;
}

/**
 * One sync of a source through its sync queue, the way the schedulers and `triggerSync` run it: never
 * beside another run of the source (the queue's concurrency is 1), retried with the queue's backoff.
 * A hub already running on the same database and queues may take the job; this process also works the
 * source's queue until the job ends, so the command needs no hub running. Resolves with the run's
 * counts and status from its SyncRun row.
 */
export async function runQueuedSync(options: QueuedSyncOptions): Promise<QueuedSyncSummary> {
  const env = options.env ?? process.env;
  const backend = createQueueBackend({
    redisUrl: env.REDIS_URL || undefined,
    databaseUrl: options.databaseUrl,
    backend: (env.QUEUE_BACKEND || undefined) as QueueBackendKind | undefined,
  });
  const pool = createSqlPool(options.databaseUrl, { max: 2 });
  const prisma = createPrismaClient(options.databaseUrl, { pool });
  const events = createEventBus(env.REDIS_URL, { prefix: backend.prefix });
  const queues = await openJobQueues(backend, { sourceIds: [options.source] });
  const queueEvents = backend.createQueueEvents(syncQueueName(options.source));
  const workers = await startWorkers({
    prisma,
    sql: createSqlDb(pool),
    events,
    queues,
    kinds: ['sync'],
    syncHandler: connectorsSyncHandler({ databaseUrl: options.databaseUrl, config: options.config, events }),
    shutdownGraceMs: 0,
  });
  const started = Date.now();
  try {
    await queueEvents.waitUntilReady();
    const { jobId } = await enqueueSync(queues, options.source, {
      full: options.full,
      trigger: 'cli',
      streams: options.streams,
      allowMassDelete: options.allowMassDelete,
    });
    const job = (await queues.sync(options.source).getJob(jobId))!;
    queueEvents.on('progress', ({ jobId: id, data }) => {
      if (id === jobId) options.onProgress(data as SyncRunProgress);
    });
    const cancelled = new Promise<never>((_, reject) => {
      const cancel = () => reject(new Error('cancelled'));
      if (options.signal.aborted) cancel();
      options.signal.addEventListener('abort', cancel, { once: true });
    });
    let result: SyncJobResult | undefined;
    let failure: string | undefined;
    try {
      result = (await Promise.race([job.waitUntilFinished(queueEvents), cancelled])) as SyncJobResult;
    } catch (error) {
      failure = (error as Error).message;
      if (options.signal.aborted) {
        await workers.close();
        await job.remove().catch(() => undefined);
      }
    }
    const runId = result?.runId ?? ((await job.getState()) === 'unknown' ? null : runIdOf(job.progress));
    const run = runId ? await prisma.syncRun.findUnique({ where: { id: runId } }) : null;
    const counts = result ?? noCounts();
    return {
      runId,
      mode: run?.mode ?? (options.full ? 'FULL' : 'INCREMENTAL'),
      status: result ? 'SUCCEEDED' : 'FAILED',
      durationMs: run?.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : Date.now() - started,
      read: counts.read,
      written: counts.written,
      unchanged: counts.unchanged,
      rejected: counts.rejected,
      deleted: counts.deleted,
      streams: Object.fromEntries(
        Object.entries(result?.streams ?? {}).map(([name, c]) => [name, { ...noCounts(), ...c }]),
      ),
      // The run recorded its error with its code; a job that failed before any run, in its failed reason.
      ...(result
        ? {}
        : {
            error: run?.error
              ? reviveHubError(run.error, run.errorCode, { runId })
              : reviveHubError(failure ?? 'the sync job failed'),
          }),
    };
  } finally {
    await workers.close();
    await queueEvents.close();
    await queues.close();
    await events.close();
    await prisma.$disconnect();
    await pool.end();
  }
}

function runIdOf(progress: unknown): number | null {
  const runId = (progress as { runId?: unknown } | null)?.runId;
  return typeof runId === 'number' ? runId : null;
}
