import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey } from '@district-hub/schema';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { startHub, type RunningHub } from './start-hub.ts';

const MQTT_URL = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';

/**
 * A hub on the test's database under a namespace of its own. The default sources file follows the
 * logistics MQTT feed on the shared broker under a persistent session: a session and topic root of this
 * test's own keep it from taking over another test's (or a developer's running hub's) session, so tests
 * run in parallel and in any order.
 */
const ownHub = (databaseUrl: string, namespace: string, options: Parameters<typeof startHub>[0]) =>
  startHub({
    databaseUrl,
    logLevel: 'silent',
    prefix: namespace,
    configEnv: {
      ...process.env,
      LOGISTICS_MQTT_URL: MQTT_URL,
      LOGISTICS_MQTT_CLIENT_ID: namespace,
      LOGISTICS_TOPIC_ROOT: namespace,
    },
    ...options,
  });

describe('the hub process on DATABASE_URL', () => {
  let db: TestDatabase;
  let hub: RunningHub;
  let namespace: string;
  let admin: string;
  const asAdmin = () => ({ headers: { authorization: `Bearer ${admin}` } });
  beforeAll(async () => {
    db = await createTestDatabase();
    namespace = `test-${randomUUID()}`;
    hub = await ownHub(db.url, namespace, { port: 0 });
    admin = (await createApiKey(hub.prisma, 'ADMIN', 'test admin')).key;
  });
  afterAll(async () => {
    await hub?.stop();
    await db.drop();
  });

  it('is alive and ready once the database answers and its migrations are current', async () => {
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${hub.url}/readyz`, asAdmin());
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { database: { ok: true }, migrations: { ok: true }, 'mqtt:logistics': { ok: true } },
    });
    // Without an admin key the probe says only whether it is ready: the checks name internal hosts.
    const anonymous = await fetch(`${hub.url}/readyz`);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ status: 'ready' });
  });

  it('serves the twin viewer at /twin/, and trades a ?key= for a session cookie on the URL without it', async () => {
    const page = await fetch(`${hub.url}/twin/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="zh-CN">');
    const root = await fetch(`${hub.url}/?key=${admin}`, { redirect: 'manual' });
    expect(root.status).toBe(303);
    expect(root.headers.get('location')).toBe('/');
    expect(root.headers.get('set-cookie')).toBe(
      `hub_key=${encodeURIComponent(admin)}; Path=/; HttpOnly; SameSite=Strict`,
    );
    const home = await fetch(`${hub.url}/`, { redirect: 'manual' });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/twin/');
    const twin = await fetch(`${hub.url}/twin/?key=${admin}&floor=3`, { redirect: 'manual' });
    expect(twin.headers.get('location')).toBe('/twin/?floor=3');
    const wrong = await fetch(`${hub.url}/twin/?key=dhk_000000000000_${'x'.repeat(32)}`, {
      redirect: 'manual',
    });
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('location')).toBe('/twin/');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const dashboard = await fetch(`${hub.url}/admin/queues`, {
      headers: { cookie: `hub_key=${encodeURIComponent(admin)}` },
    });
    expect(dashboard.status).toBe(200);
  });

  it('is not ready, and says why to an admin, when a migration is missing from the database', async () => {
    await db.prisma.$executeRawUnsafe(`UPDATE _prisma_migrations SET rolled_back_at = now()`);
    try {
      // Probes share one round of checks for two seconds: the next round sees the missing migration.
      await vi.waitFor(
        async () => {
          const ready = await fetch(`${hub.url}/readyz`, asAdmin());
          expect(ready.status).toBe(503);
          const body = (await ready.json()) as { checks: { migrations: { ok: boolean; error: string } } };
          expect(body.checks.migrations.ok).toBe(false);
          expect(body.checks.migrations.error).toMatch(/^pending migrations: \d+_init/);
        },
        { timeout: 10_000, interval: 250 },
      );
    } finally {
      await db.prisma.$executeRawUnsafe(`UPDATE _prisma_migrations SET rolled_back_at = NULL`);
    }
  });

  it('follows the logistics MQTT feed under the topic root and session it was given', async () => {
    const client = await mqtt.connectAsync(MQTT_URL);
    try {
      // Published until it lands: the live follow subscribes shortly after the hub has started.
      await vi.waitFor(
        async () => {
          const alarm = {
            alarmId: `AL-${Date.now()}`,
            deviceCode: 'LS-OWN-ROOT',
            alarmType: 'LEAK',
            level: 2,
            state: 'raise',
            ts: Date.now(),
          };
          await client.publishAsync(
            `${namespace}/lou01/1F/loushui/LS-OWN-ROOT/alarm`,
            JSON.stringify(alarm),
            { qos: 1 },
          );
          const alert = await db.prisma.alert.findFirst({
            where: { dedupeKey: 'logistics:LS-OWN-ROOT:LEAK' },
          });
          expect(alert).not.toBeNull();
        },
        { timeout: 20_000, interval: 500 },
      );
    } finally {
      await client.endAsync();
    }
  });
});

describe('a worker process', () => {
  let db: TestDatabase;
  let worker: RunningHub;
  beforeAll(async () => {
    db = await createTestDatabase();
    worker = await ownHub(db.url, `test-${randomUUID()}`, { role: 'worker', workerPort: 0 });
  });
  afterAll(async () => {
    await worker?.stop();
    await db?.drop();
  });

  it('serves /healthz, /readyz and /metrics on its own port, and no GraphQL', async () => {
    expect(worker.url).toBe('');
    expect(worker.probesUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${worker.probesUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    const admin = (await createApiKey(worker.prisma, 'ADMIN', 'test admin')).key;
    const ready = await fetch(`${worker.probesUrl}/readyz`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { database: { ok: true }, migrations: { ok: true }, 'mqtt:logistics': { ok: true } },
    });
    const metrics = await (await fetch(`${worker.probesUrl}/metrics`)).text();
    expect(metrics).toContain('hub_worker_process_cpu_seconds_total');
    expect(metrics).toContain('# TYPE hub_open_alerts gauge');
    expect((await fetch(`${worker.probesUrl}/graphql`)).status).toBe(404);
  });
});
