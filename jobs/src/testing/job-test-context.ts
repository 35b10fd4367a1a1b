import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { createInProcessEventBus } from '@district-hub/schema';
import type { EventBus, HubEventMap, HubEventName, PrismaClient } from '@district-hub/schema';
import type { SqlDb } from '@district-hub/schema/database';
import { createQueueBackend, type QueueBackendKind } from '../queue-backend.ts';
import { openJobQueues, type JobQueues, type JobQueuesOptions } from '../job-queues.ts';
import { startWorkers, type RunningWorkers, type StartWorkersOptions } from '../start-workers.ts';
import { startJobs, type RunningJobs, type StartJobsOptions } from '../start-jobs.ts';
import { trackJobs } from './job-tracker.ts';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Every job test runs once per engine, with the same assertions. */
export const BACKENDS: QueueBackendKind[] = ['redis', 'postgres'];

export interface JobTestContext {
  db: TestDatabase;
  /** Namespace of this test's queues: a Redis key prefix, or a PostgreSQL schema in `db`. */
  prefix: string;
  queues: JobQueues;
  events: EventBus;
  /** Every event published on `events`, in order. */
  published: <K extends HubEventName>(name: K) => HubEventMap[K][];
  /** Empties the queues (Redis keeps them otherwise), closes connections and drops the database. */
  cleanup(): Promise<void>;
}

/** An isolated world for one test: its own database, queue namespace and in-process event bus. */
export async function createJobTestContext(
  kind: QueueBackendKind,
  options: JobQueuesOptions = { sourceIds: [] },
): Promise<JobTestContext> {
  const db = await createTestDatabase();
  const prefix = `test-${randomUUID()}`;
  const backend = createQueueBackend({ backend: kind, redisUrl: REDIS_URL, databaseUrl: db.url, prefix });
  const queues = await openJobQueues(backend, options);
  const events = createInProcessEventBus();
  const seen = new Map<HubEventName, unknown[]>();
  for (const name of ['alertChanged', 'syncRunProgress'] as const) {
    seen.set(name, []);
    await events.subscribe(name, (payload) => seen.get(name)!.push(payload));
  }
  return {
    db,
    prefix,
    queues,
    events,
    published: <K extends HubEventName>(name: K) => (seen.get(name) ?? []) as HubEventMap[K][],
    async cleanup() {
      if (kind === 'redis') await Promise.all(queues.all().map((queue) => queue.obliterate({ force: true })));
      await queues.close();
      await events.close();
      await db.drop();
    },
  };
}

/** Starts workers on a test context, with a tracker of the jobs they finish; close them in `afterEach`. */
export async function startTestWorkers(
  ctx: JobTestContext,
  options: Partial<StartWorkersOptions>,
): Promise<{ running: RunningWorkers; tracker: ReturnType<typeof trackJobs> }> {
  const running = await startWorkers({
    prisma: ctx.db.prisma,
    sql: ctx.db.sql,
    events: ctx.events,
    queues: ctx.queues,
    syncHandler: async () => {
      throw new Error('this test runs no sync');
    },
    ...options,
  });
  return { running, tracker: trackJobs(running.workers) };
}

/** The jobs of a worker process (`startJobs`, `work: true`) on a test database, in a queue namespace of its own. */
export function startTestJobs(
  kind: QueueBackendKind,
  db: { prisma: PrismaClient; sql: SqlDb; url: string },
  options: Pick<StartJobsOptions, 'events' | 'config'> & Partial<StartJobsOptions>,
): Promise<RunningJobs> {
  return startJobs({
    prisma: db.prisma,
    sql: db.sql,
    databaseUrl: db.url,
    redisUrl: REDIS_URL,
    queueBackend: kind,
    prefix: `test-${randomUUID()}`,
    work: true,
    ...options,
  });
}
