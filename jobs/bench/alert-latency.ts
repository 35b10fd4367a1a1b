import { setTimeout as sleep } from 'node:timers/promises';
import mqtt from 'mqtt';
import { createTestDatabase } from '@district-hub/schema/testing';
import { createInProcessEventBus, createRedisEventBus } from '@district-hub/schema';
import type { EventBus } from '@district-hub/schema';
import { createQueueBackend, type QueueBackendKind } from '../src/queue-backend.ts';
import { openJobQueues } from '../src/job-queues.ts';
import { startWorkers } from '../src/start-workers.ts';
import { seedDefaultAlertRules } from '../src/alerts/default-alert-rules.ts';
import { startLiveIngest } from '../src/live/live-ingest.ts';
import type { BenchSources } from './bench-sources.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DEVICES = 20;

/**
 * Milliseconds from an MQTT publish of a leak sensor's telemetry to the `alertChanged` event it causes,
 * through the whole hub: Mosquitto → the logistics MQTT connector (followed by the live ingest, as a
 * worker runs it) → Reading rows and the `reading` event → an `alerts` job → the default
 * `leak-detected` rule → the Alert row → `alertChanged`.
 * Each sample flips one sensor between leak and dry, so every message raises or resolves an alert; one
 * message is in flight at a time, so this is latency, not throughput. With Redis, the events cross Redis
 * pub/sub as in a scaled-out hub; the embedded shape (PostgreSQL backend) uses the in-process bus.
 */
export async function measureAlertLatency(
  sources: BenchSources,
  kind: QueueBackendKind,
  samples: number,
): Promise<number[]> {
  const db = await createTestDatabase();
  const prefix = `bench-${Date.now()}`;
  const events: EventBus =
    kind === 'redis' ? createRedisEventBus(REDIS_URL, { prefix }) : createInProcessEventBus();
  const config = sources.config();
  await db.prisma.device.createMany({
    data: Array.from({ length: DEVICES }, (_, i) => ({
      code: `LS-${i}`,
      type: 'LEAK',
      source: 'logistics',
      externalId: `LS-${i}`,
      contentHash: 'bench',
    })),
  });
  await seedDefaultAlertRules(db.prisma);
  const queues = await openJobQueues(
    createQueueBackend({ backend: kind, redisUrl: REDIS_URL, databaseUrl: db.url, prefix }),
    { sourceIds: [] },
  );
  const workers = await startWorkers({
    prisma: db.prisma,
    sql: db.sql,
    events,
    queues,
    kinds: ['alerts'],
    syncHandler: async () => {
      throw new Error('no sync here');
    },
  });
  const live = startLiveIngest({ databaseUrl: db.url, config, events });
  const publisher = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId: `${prefix}-pub` });
  let waiting: ((at: number) => void) | undefined;
  await events.subscribe('alertChanged', () => waiting?.(performance.now()));
  const publish = async (i: number, timeoutMs: number): Promise<number | undefined> => {
    const device = i % DEVICES;
    const leak = Math.floor(i / DEVICES) % 2 === 0 ? 1 : 0;
    const body = {
      deviceCode: `LS-${device}`,
      deviceType: 'loushui',
      ts: Date.now(),
      seq: i,
      data: { leak, battery: 90 },
    };
    const heard = new Promise<number>((resolve) => (waiting = resolve));
    const timeout = sleep(timeoutMs, undefined, { ref: false });
    const sent = performance.now();
    const topic = `${sources.topicRoot}/lou01/1F/loushui/LS-${device}/telemetry`;
    await publisher.publishAsync(topic, JSON.stringify(body), { qos: 1 });
    const at = await Promise.race([heard, timeout]);
    return at === undefined ? undefined : at - sent;
  };
  try {
    // Until the connector has subscribed, messages go nowhere: repeat the first one until it is heard.
    let subscribed = false;
    for (let attempt = 0; attempt < 30 && !subscribed; attempt += 1)
      subscribed = (await publish(0, 1000)) !== undefined;
    if (!subscribed) throw new Error('the logistics MQTT connector never delivered a reading');
    const latencies: number[] = [];
    for (let i = 1; i <= samples; i += 1) {
      const latency = await publish(i, 10_000);
      if (latency === undefined) throw new Error(`no alertChanged within 10 s of message ${i}`);
      latencies.push(latency);
    }
    return latencies;
  } finally {
    await live.close();
    await publisher.endAsync();
    await workers.close();
    if (kind === 'redis') await Promise.all(queues.all().map((queue) => queue.obliterate({ force: true })));
    await queues.close();
    await events.close();
    await db.drop();
  }
}
