import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { startHub, type RunningHub } from './start-hub.ts';

const MQTT_URL = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';

describe('the hub process on DATABASE_URL', () => {
  let db: TestDatabase;
  let hub: RunningHub;
  let namespace: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    // The default sources file follows the logistics MQTT feed on the shared broker under a persistent
    // session: a session and topic root of this test's own keep it from taking over another test's (or
    // a developer's running hub's) session, so tests run in parallel and in any order.
    namespace = `test-${randomUUID()}`;
    hub = await startHub({
      databaseUrl: db.url,
      port: 0,
      logLevel: 'silent',
      prefix: namespace,
      configEnv: {
        ...process.env,
        LOGISTICS_MQTT_URL: MQTT_URL,
        LOGISTICS_MQTT_CLIENT_ID: namespace,
        LOGISTICS_TOPIC_ROOT: namespace,
      },
    });
  });
  afterAll(async () => {
    await hub?.stop();
    await db.drop();
  });

  it('is alive and ready once the database answers and its migrations are current', async () => {
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${hub.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { database: { ok: true }, migrations: { ok: true }, 'mqtt:logistics': { ok: true } },
    });
  });

  it('serves the twin viewer at /twin/ and sends / there with its key', async () => {
    const page = await fetch(`${hub.url}/twin/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="zh-CN">');
    const root = await fetch(`${hub.url}/?key=demo`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/twin/?key=demo');
  });

  it('is not ready, and says why, when a migration is missing from the database', async () => {
    await db.prisma.$executeRawUnsafe(`UPDATE _prisma_migrations SET rolled_back_at = now()`);
    try {
      const ready = await fetch(`${hub.url}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { checks: { migrations: { ok: boolean; error: string } } };
      expect(body.checks.migrations.ok).toBe(false);
      expect(body.checks.migrations.error).toMatch(/^pending migrations: \d+_init/);
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
