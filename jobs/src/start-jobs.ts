import { componentLogger, silentLogger } from '@district-hub/schema';
import type { PrismaClient, EventBus, Logger } from '@district-hub/schema';
import type { SqlDb } from '@district-hub/schema/database';
import type { HubConfig } from '@district-hub/connectors';
import { createQueueBackend, type QueueBackendKind } from './queue-backend.ts';
import { openJobQueues, type JobQueues } from './job-queues.ts';
import { applySchedulers, type SchedulerSpec } from './job-schedulers.ts';
import { startWorkers, type RunningWorkers, type WorkerTuning } from './start-workers.ts';
import { syncSchedulers } from './sync/schedule-sources.ts';
import type { SyncJobOptions } from './sync/sync-job-options.ts';
import type { SyncHandler } from './sync/sync-handler.ts';
import { connectorsSyncHandler } from './sync/connectors-sync-handler.ts';
import { closeOrphanedSyncRuns } from '@district-hub/connectors';
import { heartbeatSweepScheduler } from './alerts/alert-triggers.ts';
import { seedDefaultAlertRules } from './alerts/default-alert-rules.ts';
import { rollupScheduler } from './rollups/schedule-rollups.ts';
import { resolveRollupOptions, type RollupOptions } from './rollups/rollup-options.ts';
import { rollupEnergy } from './rollups/rollup-energy.ts';
import { startLiveIngest, type LiveIngest, type LiveIngestTuning } from './live/live-ingest.ts';

export interface StartJobsOptions {
  prisma: PrismaClient;
  /** Kysely on the pool `prisma` runs on (`createSqlDb`), for the alert rules. */
  sql: SqlDb;
  events: EventBus;
  /** Loaded hub.config.yaml: the sources, their schedules and time zone. */
  config: HubConfig;
  databaseUrl: string;
  /** `REDIS_URL`; BullMQ runs on Redis when set, else on its PostgreSQL backend in `databaseUrl`. */
  redisUrl?: string;
  /** `QUEUE_BACKEND`, overriding the choice above. */
  queueBackend?: QueueBackendKind;
  /** Queue namespace (Redis key prefix, PostgreSQL schema); default `hub`. */
  prefix?: string;
  /**
   * Work the queues in this process (roles `all` and `worker`). A `gateway` process only enqueues and
   * shows them, so workers can scale out on other machines against the same PostgreSQL and Redis.
   */
  work: boolean;
  /** Default: the connectors' `runSync`. */
  syncHandler?: SyncHandler;
  sync?: Partial<SyncJobOptions>;
  rollup?: Partial<RollupOptions>;
  worker?: Partial<WorkerTuning>;
  /**
   * Follow the sources' live connectors in this worker process (see `live/live-ingest.ts`); default on.
   * `false` leaves them to other workers (or to nobody).
   */
  live?: Partial<LiveIngestTuning> | false;
  /** Heartbeat sweep period in ms; default 30,000. */
  heartbeatSweepMs?: number;
  /**
   * How often a worker process checks that the schedulers and the per-source concurrency limit are
   * still there, in ms; default 30,000. A Redis restarted with nothing on disk has lost both.
   */
  reconcileMs?: number;
  /**
   * The process's logger: the workers, the syncs they run and the live follows each log through a child
   * of their component (`sync`, `alerts`, `rollups`, `live`), the rest of this package through `jobs`.
   * Default none.
   */
  logger?: Logger;
}

export interface RunningJobs {
  /** For `triggerSync`, `npx hub sync` (`enqueueSync(queues, …)`) and Bull Board (`queues.all()`). */
  queues: JobQueues;
  workers?: RunningWorkers;
  live?: LiveIngest;
  /** Graceful: workers finish or hand back their jobs, then the connections close. */
  close(): Promise<void>;
}

/** Everything of the jobs package one process of the hub runs, for `npm start -- --role all|gateway|worker`. */
export async function startJobs(options: StartJobsOptions): Promise<RunningJobs> {
  const logger = options.logger ?? silentLogger;
  const log = componentLogger(logger, 'jobs');
  const backend = createQueueBackend({
    redisUrl: options.redisUrl,
    databaseUrl: options.databaseUrl,
    backend: options.queueBackend,
    prefix: options.prefix,
  });
  const queues = await openJobQueues(backend, {
    sourceIds: Object.keys(options.config.sources),
    sync: options.sync,
  });
  if (!options.work) return { queues, close: () => queues.close() };

  const schedulers: SchedulerSpec[] = [
    ...syncSchedulers(queues, options.config),
    heartbeatSweepScheduler(queues, options.heartbeatSweepMs),
    rollupScheduler(queues, undefined, options.config.timeZone),
  ];
  await seedDefaultAlertRules(options.prisma);
  const orphans = await closeOrphanedSyncRuns(options.databaseUrl);
  if (orphans.length > 0) {
    log.warn(
      { runs: orphans },
      `closed sync run(s) ${orphans.join(', ')} left RUNNING by a worker that died`,
    );
  }
  await applySchedulers(schedulers);
  const workers = await startWorkers({
    ...options.worker,
    prisma: options.prisma,
    sql: options.sql,
    events: options.events,
    queues,
    syncHandler:
      options.syncHandler ??
      connectorsSyncHandler({
        databaseUrl: options.databaseUrl,
        config: options.config,
        events: options.events,
        logger: componentLogger(logger, 'sync'),
      }),
    rollup: options.rollup,
    logger,
  });
  // Once at start, before the hub says it is up: days a sync has just brought in (a year of meter
  // statistics on a fresh database) are in the reports now rather than at the next quarter hour.
  const rolledUp = await rollupEnergy(options.sql, resolveRollupOptions(options.rollup));
  log.info({ rows: rolledUp }, `rolled up ${rolledUp} daily energy row(s) at start`);
  const live =
    options.live === false
      ? undefined
      : startLiveIngest({
          ...options.live,
          databaseUrl: options.databaseUrl,
          config: options.config,
          events: options.events,
          logger: componentLogger(logger, 'live'),
        });
  const reconcile = setInterval(() => {
    queues
      .restoreLimits()
      .then(() => applySchedulers(schedulers, { onlyMissing: true }))
      .catch((err: unknown) => log.error({ err }, 'could not restore the schedulers and sync limits'));
  }, options.reconcileMs ?? 30_000);
  reconcile.unref();
  log.info(
    { backend: backend.kind, workers: workers.workers.length, live: live?.followers.length ?? 0 },
    `working the queues on BullMQ's ${backend.kind} backend`,
  );
  return {
    queues,
    workers,
    live,
    async close() {
      clearInterval(reconcile);
      await live?.close();
      await workers.close();
      await queues.close();
    },
  };
}
