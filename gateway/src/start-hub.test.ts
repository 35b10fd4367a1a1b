import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing/test-database';
import { startHub, type RunningHub } from './start-hub.ts';

describe('the hub process on DATABASE_URL', () => {
  let db: TestDatabase;
  let hub: RunningHub;
  beforeAll(async () => {
    db = await createTestDatabase();
    hub = await startHub({ databaseUrl: db.url, port: 0, logLevel: 'silent' });
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
});
