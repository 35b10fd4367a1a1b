import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureLogs, createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { createInProcessEventBus, createRedisEventBus } from '@district-hub/schema';
import type { EventBus, AlertChangedEvent } from '@district-hub/schema';
import type { HubConfig } from '@district-hub/connectors';
import { parseHubConfig, runSync } from '@district-hub/connectors';
import { BACKENDS, REDIS_URL, startTestJobs } from '../testing/job-test-context.ts';
import { startTcpProxy } from '../testing/tcp-proxy.ts';
import type { RunningJobs } from '../start-jobs.ts';
import { startLiveIngest, type LiveIngest } from './live-ingest.ts';

const MOSQUITTO = 'mqtt://127.0.0.1:1883';
/** The live connector's place in the test source: after a batch (file) connector. */
const LIVE = 1;

/**
 * A logistics source as hub.config.yaml has it, reduced to a batch connector (an empty inbox) and the
 * live MQTT alarms, under a topic root and a persistent session of the test's own, with no schedule:
 * nothing runs unless the test or the live ingest runs it.
 */
function liveConfig(url: string, root: string, clientId: string, inbox: string): HubConfig {
  return parseHubConfig(
    `
version: 1
sources:
  logistics:
    connectors:
      - kind: file
        connection: { inbox: '${inbox}' }
        streams: [{ name: orders, pattern: '*.csv', mapping: logistics/work-orders }]
      - kind: mqtt
        live: true
        connection: { url: '${url}', clientId: ${clientId} }
        streams:
          - { name: alarms, topic: '${root}/+/+/+/+/alarm', mapping: logistics/alarms }
`,
    'test.hub.config.yaml',
    {},
  );
}

/** One isolated MQTT world: topic root, session id, publisher; the session exists before any follow. */
function mqttWorld() {
  const root = `test-${randomUUID().slice(0, 8)}/zhhq`;
  const clientId = `hub-test-${randomUUID().slice(0, 8)}`;
  let publisher: MqttClient;
  let inbox: string;
  let sequence = 0;
  return {
    root,
    clientId,
    inbox: () => inbox,
    async start() {
      inbox = await mkdtemp(join(tmpdir(), 'hub-live-inbox-'));
      // The hub's session as an earlier run leaves it: what is published from now on is queued for it.
      const session = await mqtt.connectAsync(MOSQUITTO, { clientId, clean: false });
      await session.subscribeAsync(`${root}/+/+/+/+/alarm`, { qos: 1 });
      await session.endAsync();
      publisher = await mqtt.connectAsync(MOSQUITTO, { clientId: `${clientId}-pub` });
    },
    /** A leak alarm of its own device (its own dedupe key), so each publish is one Alert row. */
    async alarm(device: string) {
      sequence += 1;
      const body = {
        alarmId: `AL-${device}`,
        deviceCode: device,
        deviceType: 'loushui',
        alarmType: 'LEAK',
        alarmName: '漏水报警',
        level: 1,
        state: 'raise',
        value: 1,
        ts: Date.now() + sequence,
      };
      await publisher.publishAsync(`${root}/lou01/5F/loushui/${device}/alarm`, JSON.stringify(body), {
        qos: 1,
      });
    },
    async stop() {
      await publisher?.endAsync();
      const cleaner = await mqtt.connectAsync(MOSQUITTO, { clientId, clean: true });
      await cleaner.endAsync();
      await rm(inbox, { recursive: true, force: true });
    },
  };
}

const liveRuns = (db: TestDatabase) =>
  db.prisma.syncRun.findMany({ where: { trigger: `live:${LIVE}` }, orderBy: { id: 'asc' } });

describe.each(BACKENDS)('live MQTT ingest in a worker (queues on %s)', (kind) => {
  const world = mqttWorld();
  let db: TestDatabase;
  let events: EventBus;
  let jobs: RunningJobs | undefined;
  const changes: AlertChangedEvent[] = [];

  beforeAll(() => world.start());
  afterAll(() => world.stop());
  beforeEach(async () => {
    db = await createTestDatabase();
    const prefix = `test-${randomUUID()}`;
    events = kind === 'redis' ? createRedisEventBus(REDIS_URL, { prefix }) : createInProcessEventBus();
    await events.subscribe('alertChanged', (event) => changes.push(event));
  });
  afterEach(async () => {
    if (kind === 'redis')
      await Promise.all(jobs!.queues.all().map((queue) => queue.obliterate({ force: true })));
    await jobs?.close();
    await events.close();
    await db.drop();
    changes.length = 0;
  });

  it('turns a published alarm into an Alert row and an alertChanged event with no scheduled sync; batch runs still run beside it', async () => {
    const config = liveConfig(MOSQUITTO, world.root, world.clientId, world.inbox());
    jobs = await startTestJobs(kind, db, { events, config });
    await world.alarm('LS-01-05-001');
    await expect.poll(() => db.prisma.alert.count(), { timeout: 10_000 }).toBe(1);
    const alert = await db.prisma.alert.findFirstOrThrow();
    expect(alert).toMatchObject({ kind: 'LEAK', severity: 'CRITICAL', status: 'OPEN', source: 'logistics' });
    await expect.poll(() => changes.map((c) => [c.alertId, c.change])).toEqual([[alert.id, 'RAISED']]);
    // The only run so far is the follow, counting what it committed.
    const runs = await db.prisma.syncRun.findMany();
    expect(runs.map((run) => [run.trigger, run.status])).toEqual([[`live:${LIVE}`, 'RUNNING']]);
    expect(runs[0]!.readCount).toBe(1);

    // A batch run of the same source is not blocked by the follow and leaves the live connector to it.
    const batch = await runSync({ databaseUrl: db.url, config, source: 'logistics', includeLive: true });
    expect(batch.status).toBe('SUCCEEDED');
    expect(Object.keys(batch.streams)).toEqual(['orders']);
    expect(batch.warnings).toContain(
      'sources.logistics.connectors[1] is followed by a worker; this run left it to the follower',
    );

    // Shutdown (what SIGTERM does) ends the follow cleanly: its run SUCCEEDED with its counts.
    await jobs.live!.close();
    const [ended] = await liveRuns(db);
    expect(ended).toMatchObject({ status: 'SUCCEEDED', readCount: 1 });
  });
});

describe('live MQTT ingest supervision', () => {
  const world = mqttWorld();
  let db: TestDatabase;
  const started: LiveIngest[] = [];
  const logs = captureLogs();
  /** What the follows logged at error: each failed follow, once. */
  const errors = () => logs.lines.filter((line) => line.level >= 50);
  const follow = (config: HubConfig) => {
    const live = startLiveIngest({
      databaseUrl: db.url,
      config,
      events: createInProcessEventBus(),
      standbyRetryMs: 100,
      backoffMs: 100,
      maxBackoffMs: 400,
      logger: logs.logger,
    });
    started.push(live);
    return live;
  };
  const phase = (live: LiveIngest) => live.followers[0]!.phase;

  beforeAll(() => world.start());
  afterAll(() => world.stop());
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((live) => live.close()));
    await db.drop();
    logs.lines.length = 0;
  });

  it('resumes after the broker connection is lost, with nothing published meanwhile lost', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: 1883 });
    try {
      const live = follow(liveConfig(proxy.url, world.root, world.clientId, world.inbox()));
      await world.alarm('LS-A');
      await expect.poll(() => db.prisma.alert.count(), { timeout: 10_000 }).toBe(1);

      proxy.cut();
      await expect.poll(() => phase(live)).not.toBe('following');
      for (const device of ['LS-B', 'LS-C', 'LS-D', 'LS-E']) await world.alarm(device);
      proxy.restore();

      await expect.poll(() => db.prisma.alert.count(), { timeout: 15_000 }).toBe(5);
      const alerts = await db.prisma.alert.findMany({ orderBy: { id: 'asc' } });
      expect(alerts.map((a) => a.dedupeKey)).toEqual(
        ['LS-A', 'LS-B', 'LS-C', 'LS-D', 'LS-E'].map((d) => `logistics:${d}:LEAK`),
      );
      // The lost connection ended its run FAILED with the reason; the restart is a run of its own.
      const runs = await liveRuns(db);
      expect(runs[0]).toMatchObject({ status: 'FAILED', readCount: 1 });
      expect(runs[0]!.error).toContain('lost the connection to MQTT broker');
      expect(runs.at(-1)!.status).toBe('RUNNING');
      expect(runs.reduce((sum, run) => sum + run.readCount, 0)).toBe(5);
      expect(errors()[0]).toMatchObject({
        msg: expect.stringContaining('lost the connection'),
        runId: runs[0]!.id,
      });
    } finally {
      await proxy.stop();
    }
  });

  it('lets one of two workers follow a connector; the other stands by and takes over when it stops', async () => {
    const config = liveConfig(MOSQUITTO, world.root, world.clientId, world.inbox());
    const first = follow(config);
    await expect.poll(() => phase(first)).toBe('following');
    const second = follow(config);
    await expect.poll(() => phase(second)).toBe('standby');

    await world.alarm('LS-F');
    await expect.poll(() => db.prisma.alert.count(), { timeout: 10_000 }).toBe(1);
    expect((await liveRuns(db)).map((run) => run.status)).toEqual(['RUNNING']);

    await first.close();
    await world.alarm('LS-G');
    await expect.poll(() => phase(second), { timeout: 10_000 }).toBe('following');
    await expect.poll(() => db.prisma.alert.count(), { timeout: 10_000 }).toBe(2);
    const runs = await liveRuns(db);
    expect(runs.map((run) => [run.status, run.readCount])).toEqual([
      ['SUCCEEDED', 1],
      ['RUNNING', 1],
    ]);
    expect(errors()).toEqual([]);
  });
});
