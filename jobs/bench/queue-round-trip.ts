import { createTestDatabase } from '@district-hub/schema/testing';
import { createInProcessEventBus } from '@district-hub/schema';
import { createQueueBackend, type QueueBackendKind } from '../src/queue-backend.ts';
import { openJobQueues } from '../src/job-queues.ts';
import { startWorkers } from '../src/start-workers.ts';
import { enqueueSync } from '../src/sync/enqueue-sync.ts';
import { trackJobs } from '../src/testing/job-tracker.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Milliseconds the queue adds to one sync run, on its own: from `enqueueSync` to the worker's
 * `completed` event for a handler that does nothing, one run at a time. A sync's queue overhead is this
 * fixed cost, whatever the size of the source; the ×10 comparison shows it against real runs.
 */
export async function measureQueueRoundTrip(kind: QueueBackendKind, runs: number): Promise<number[]> {
  const db = await createTestDatabase();
  const events = createInProcessEventBus();
  const queues = await openJobQueues(
    createQueueBackend({
      backend: kind,
      redisUrl: REDIS_URL,
      databaseUrl: db.url,
      prefix: `bench-rt-${Date.now()}`,
    }),
    { sourceIds: ['office-space'] },
  );
  const nothing = { runId: null, read: 0, written: 0, unchanged: 0, rejected: 0, deleted: 0 };
  const running = await startWorkers({
    prisma: db.prisma,
    sql: db.sql,
    events,
    queues,
    kinds: ['sync'],
    syncHandler: async () => nothing,
  });
  try {
    const tracker = trackJobs(running.workers);
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      const { jobId } = await enqueueSync(queues, 'office-space', { trigger: 'bench' });
      await tracker.finished(jobId);
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    await running.close();
    if (kind === 'redis') await Promise.all(queues.all().map((queue) => queue.obliterate({ force: true })));
    await queues.close();
    await events.close();
    await db.drop();
  }
}
