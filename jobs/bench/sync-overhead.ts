import { createTestDatabase } from '@district-hub/schema/testing';
import { createInProcessEventBus } from '@district-hub/schema';
import { createQueueBackend, type QueueBackendKind } from '../src/queue-backend.ts';
import { openJobQueues } from '../src/job-queues.ts';
import { startWorkers } from '../src/start-workers.ts';
import { enqueueSync } from '../src/sync/enqueue-sync.ts';
import { syncQueueName } from '../src/queue-names.ts';
import { connectorsSyncHandler } from '../src/sync/connectors-sync-handler.ts';
import { trackJobs } from '../src/testing/job-tracker.ts';
import type { BenchSources } from './bench-sources.ts';

export type SyncPath = 'direct' | QueueBackendKind;

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Seconds to sync every source once into a fresh hub database, all sources at once: either calling the
 * sync handler directly, or enqueuing one job per source and waiting until the workers finished them.
 * The workers are started before the clock starts, as they are in a running hub.
 */
export async function timeSyncOfEverySource(
  sources: BenchSources,
  path: SyncPath,
): Promise<{ seconds: number; written: number }> {
  const db = await createTestDatabase();
  const events = createInProcessEventBus();
  const config = sources.config();
  const sourceIds = Object.keys(config.sources);
  const handler = connectorsSyncHandler({ databaseUrl: db.url, config, events });
  try {
    if (path === 'direct') {
      const started = performance.now();
      const results = await Promise.all(
        sourceIds.map((sourceId) =>
          handler({
            sourceId,
            full: false,
            trigger: 'bench',
            signal: new AbortController().signal,
            onProgress: () => undefined,
          }),
        ),
      );
      return {
        seconds: (performance.now() - started) / 1000,
        written: results.reduce((n, r) => n + r.written, 0),
      };
    }
    const backend = createQueueBackend({
      backend: path,
      redisUrl: REDIS_URL,
      databaseUrl: db.url,
      prefix: `bench-${Date.now()}`,
    });
    const queues = await openJobQueues(backend, { sourceIds, sync: { attempts: 1 } });
    const running = await startWorkers({
      prisma: db.prisma,
      sql: db.sql,
      events,
      queues,
      syncHandler: handler,
      kinds: ['sync'],
    });
    try {
      const tracker = trackJobs(running.workers);
      const started = performance.now();
      const finished = await Promise.all(
        sourceIds.map(async (sourceId) => {
          const { jobId } = await enqueueSync(queues, sourceId, { trigger: 'bench' });
          // Job ids count per queue, so every source's first job is "1": match the queue too.
          return tracker.finished(jobId, (entry) => entry.job.queueName === syncQueueName(sourceId));
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const failed = finished.find((entry) => entry.outcome === 'failed');
      if (failed)
        throw new Error(`bench sync of ${failed.job.data.sourceId} failed: ${failed.error?.message}`);
      return {
        seconds,
        written: finished.reduce((n, entry) => n + (entry.result as { written: number }).written, 0),
      };
    } finally {
      await running.close();
      if (path === 'redis') await Promise.all(queues.all().map((queue) => queue.obliterate({ force: true })));
      await queues.close();
    }
  } finally {
    await events.close();
    await db.drop();
  }
}
