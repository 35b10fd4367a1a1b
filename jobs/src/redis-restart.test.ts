import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { createRedisEventBus } from '@district-hub/schema';
import type { EventBus } from '@district-hub/schema';
import type { HubConfig } from '@district-hub/connectors';
import { startOwnRedis } from './testing/redis-server.ts';
import { ledgerSyncHandler } from './testing/ledger-sync-handler.ts';
import { trackJobs } from './testing/job-tracker.ts';
import { startJobs, type RunningJobs } from './start-jobs.ts';
import { createQueueBackend } from './queue-backend.ts';
import { openJobQueues, type JobQueues } from './job-queues.ts';
import { enqueueSync } from './sync/enqueue-sync.ts';
import { SYNC_SCHEDULER_IDS } from './sync/schedule-sources.ts';

const SOURCE = 'office-space';
const config = {
  file: 'hub.config.yaml',
  timeZone: 'Asia/Shanghai',
  sources: { [SOURCE]: { enabled: true, schedule: { every: '1h' }, connectors: [] } },
} as unknown as HubConfig;

describe('a Redis restart (nothing kept on disk)', () => {
  let redis: Awaited<ReturnType<typeof startOwnRedis>>;
  let db: TestDatabase;
  let workerSide: RunningJobs;
  let gatewayQueues: JobQueues;
  const buses: EventBus[] = [];

  beforeEach(async () => {
    redis = await startOwnRedis();
    db = await createTestDatabase();
    const prefix = `test-${randomUUID()}`;
    const workerBus = createRedisEventBus(redis.url, { prefix });
    buses.push(workerBus);
    workerSide = await startJobs({
      prisma: db.prisma,
      sql: db.sql,
      events: workerBus,
      config,
      databaseUrl: db.url,
      redisUrl: redis.url,
      prefix,
      work: true,
      syncHandler: ledgerSyncHandler(db.prisma, { records: 20, batchSize: 10 }),
      reconcileMs: 200,
    });
    gatewayQueues = await openJobQueues(createQueueBackend({ redisUrl: redis.url, prefix }), {
      sourceIds: [SOURCE],
    });
  });

  afterEach(async () => {
    await workerSide.close();
    await gatewayQueues.close();
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
    await redis.stop();
    await db.drop();
  });

  it('is survived by the workers and the gateway: syncs run, schedules, limits and events come back', async () => {
    const tracker = trackJobs(workerSide.workers!.workers);
    const completes = async () => {
      const { jobId } = await enqueueSync(gatewayQueues, SOURCE, { trigger: 'api' });
      await tracker.finished(jobId, (entry) => entry.outcome === 'completed');
    };
    const gatewayBus = createRedisEventBus(redis.url, { prefix: 'restart-events' });
    const workerBus = createRedisEventBus(redis.url, { prefix: 'restart-events' });
    buses.push(gatewayBus, workerBus);
    const heard: number[] = [];
    await gatewayBus.subscribe('alertChanged', (event) => heard.push(event.alertId));
    await completes();

    await redis.restart();

    await completes();
    const queue = gatewayQueues.sync(SOURCE);
    await expect
      .poll(() => queue.getJobScheduler(SYNC_SCHEDULER_IDS.incremental), { timeout: 15_000 })
      .toBeDefined();
    await expect.poll(() => queue.getGlobalConcurrency(), { timeout: 15_000 }).toBe(1);
    // The subscription made before the restart is renewed on reconnect: publish until it is heard.
    const event = {
      change: 'RAISED',
      status: 'OPEN',
      severity: 'MAJOR',
      kind: 'LEAK',
      buildingId: null,
      deviceId: null,
    } as const;
    await expect
      .poll(
        async () => {
          await workerBus.publish('alertChanged', { ...event, alertId: 7, at: new Date().toISOString() });
          return heard;
        },
        { timeout: 15_000 },
      )
      .toContain(7);
  });
});
