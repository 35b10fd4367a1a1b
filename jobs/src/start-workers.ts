import { hostname } from 'node:os';
import type { Worker } from 'bullmq';
import { z } from 'zod';
import { componentLogger, silentLogger } from '@district-hub/schema';
import type { PrismaClient, EventBus, Logger, Unsubscribe } from '@district-hub/schema';
import type { SqlDb } from '@district-hub/schema/database';
import type { JobQueues } from './job-queues.ts';
import { ALERTS_QUEUE, ROLLUPS_QUEUE, syncQueueName } from './queue-names.ts';
import { SHUTDOWN_REASON } from './shutdown.ts';
import { resolveOptions } from './defined-options.ts';
import { createSyncProcessor } from './sync/sync-processor.ts';
import type { SyncHandler } from './sync/sync-handler.ts';
import { createAlertProcessor } from './alerts/alert-processor.ts';
import { evaluateOnReadings } from './alerts/alert-triggers.ts';
import { logWorker } from './worker-log.ts';
import { createRollupProcessor } from './rollups/rollup-processor.ts';
import { resolveRollupOptions, type RollupOptions } from './rollups/rollup-options.ts';

export interface WorkerTuning {
  /** Alert evaluations run at once in this process; default 4 (each is a handful of short queries). */
  alertConcurrency: number;
  /**
   * How long a job's lock lasts without renewal, in ms; default 30,000 (BullMQ's). A worker that dies
   * holding a job is detected this long after its last renewal and the job runs again elsewhere.
   */
  lockDurationMs: number;
  /** How often each worker looks for jobs whose worker died, in ms; default 30,000 (BullMQ's). */
  stalledIntervalMs: number;
  /**
   * On close, how long jobs in hand may run to completion, in ms; default 25,000 (inside the usual 30 s
   * of a SIGTERM before SIGKILL). After it, they stop at their next batch boundary and go back to the queue.
   */
  shutdownGraceMs: number;
}

export const WORKER_DEFAULTS: WorkerTuning = {
  alertConcurrency: 4,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  shutdownGraceMs: 25_000,
};

const tuningSchema = z.object({
  alertConcurrency: z.int().min(1).max(64),
  lockDurationMs: z.int().min(1000),
  stalledIntervalMs: z.int().min(500),
  shutdownGraceMs: z.int().min(0),
});

export interface StartWorkersOptions extends Partial<WorkerTuning> {
  prisma: PrismaClient;
  /** Kysely on the pool `prisma` runs on: the alert rules change alerts through the one alert lifecycle. */
  sql: SqlDb;
  events: EventBus;
  /** The queues this process works (their backend builds the workers); device evaluations are enqueued here. */
  queues: JobQueues;
  /** The work of a sync run; in the hub, the connectors' `runSync`. */
  syncHandler: SyncHandler;
  rollup?: Partial<RollupOptions>;
  /** Which queues this process works; default all three. */
  kinds?: readonly ('sync' | 'alerts' | 'rollups')[];
  /**
   * The process's logger; each worker logs through its queue's component (`sync`, `alerts`, `rollups`):
   * every failed attempt of a job, once, and errors of its connections (a Redis restart, a dropped
   * PostgreSQL connection). Default none.
   */
  logger?: Logger;
}

export interface RunningWorkers {
  readonly workers: readonly Worker[];
  /** Graceful: stops taking jobs, lets those in hand finish within the grace period, hands back the rest. */
  close(): Promise<void>;
}

/** Starts this process's BullMQ workers: one per source's sync queue, one for alerts, one for rollups. */
export async function startWorkers(options: StartWorkersOptions): Promise<RunningWorkers> {
  const { alertConcurrency, lockDurationMs, stalledIntervalMs, shutdownGraceMs } = options;
  const given = { alertConcurrency, lockDurationMs, stalledIntervalMs, shutdownGraceMs };
  const tuning = resolveOptions('worker options', tuningSchema, WORKER_DEFAULTS, given);
  const rollupOptions = resolveRollupOptions(options.rollup);
  const kinds = new Set(options.kinds ?? ['sync', 'alerts', 'rollups']);
  const logger = options.logger ?? silentLogger;
  const { prisma, sql, events } = options;
  const { backend } = options.queues;
  const common = {
    name: `${hostname()}:${process.pid}`,
    lockDuration: tuning.lockDurationMs,
    stalledInterval: tuning.stalledIntervalMs,
    // A job that stalls twice (its worker died twice in it) is failed for inspection instead of looping.
    maxStalledCount: 2,
  };

  const workers: Worker[] = [];
  if (kinds.has('sync')) {
    const processor = createSyncProcessor(options.syncHandler);
    for (const sourceId of options.queues.sourceIds) {
      workers.push(backend.createWorker(syncQueueName(sourceId), processor, { ...common, concurrency: 1 }));
    }
  }
  if (kinds.has('alerts')) {
    workers.push(
      backend.createWorker(ALERTS_QUEUE, createAlertProcessor(prisma, sql, events), {
        ...common,
        concurrency: tuning.alertConcurrency,
      }),
    );
  }
  if (kinds.has('rollups')) {
    workers.push(backend.createWorker(ROLLUPS_QUEUE, createRollupProcessor(sql, rollupOptions), common));
  }
  // Also the 'error' listener every worker needs (see worker-log.ts).
  for (const worker of workers) logWorker(worker, logger);
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  const unsubscribe: Unsubscribe | undefined = kinds.has('alerts')
    ? await evaluateOnReadings(events, options.queues, componentLogger(logger, 'alerts'))
    : undefined;

  let closing: Promise<void> | undefined;
  return {
    workers,
    close() {
      closing ??= (async () => {
        await unsubscribe?.();
        const handBack = setTimeout(() => {
          for (const worker of workers) worker.cancelAllJobs(SHUTDOWN_REASON);
        }, tuning.shutdownGraceMs);
        await Promise.all(workers.map((worker) => worker.close()));
        clearTimeout(handBack);
      })();
      return closing;
    },
  };
}
