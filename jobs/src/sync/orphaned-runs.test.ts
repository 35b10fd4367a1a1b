import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { createInProcessEventBus } from '@district-hub/schema';
import type { HubConfig } from '@district-hub/connectors';
import { parseHubConfig, runSync, lockKeyOfRun, tryLock } from '@district-hub/connectors';
import { BACKENDS, startTestJobs } from '../testing/job-test-context.ts';
import type { RunningJobs } from '../start-jobs.ts';

/** Three sources with an empty inbox each and no schedule: only the test starts runs. */
function threeSources(inbox: string): HubConfig {
  const source = `
    connectors:
      - kind: file
        connection: { inbox: '${inbox}' }
        streams: [{ name: ledger, pattern: '*.csv', mapping: warehouse/assets }]`;
  return parseHubConfig(
    `version: 1\nsources:\n  office-space:${source}\n  warehouse:${source}\n  logistics:${source}\n`,
    'test.hub.config.yaml',
    {},
  );
}

/**
 * A run as `runSync` starts one, in a session of its own: the lock its trigger names, then the RUNNING
 * row. Ending the session is what a killed worker does from the database's point of view.
 */
async function startRun(databaseUrl: string, source: string, trigger: string | null) {
  const session = new pg.Client({ connectionString: databaseUrl });
  await session.connect();
  expect(await tryLock(session, lockKeyOfRun(source, trigger))).toBe(true);
  await session.query(
    `INSERT INTO "Source" (id, kind, "updatedAt") VALUES ($1, 'file', now()) ON CONFLICT DO NOTHING`,
    [source],
  );
  const run = await session.query<{ id: number }>(
    `INSERT INTO "SyncRun" ("sourceId", status, trigger) VALUES ($1, 'RUNNING', $2) RETURNING id`,
    [source, trigger],
  );
  return { id: run.rows[0]!.id, die: () => session.end() };
}

describe.each(BACKENDS)('sync runs left RUNNING by a dead worker (queues on %s)', (kind) => {
  let db: TestDatabase;
  let inbox: string;
  let jobs: RunningJobs | undefined;

  beforeEach(async () => {
    db = await createTestDatabase();
    inbox = await mkdtemp(join(tmpdir(), 'hub-orphans-'));
  });
  afterEach(async () => {
    if (kind === 'redis')
      await Promise.all(jobs!.queues.all().map((queue) => queue.obliterate({ force: true })));
    await jobs?.close();
    await db.drop();
    await rm(inbox, { recursive: true, force: true });
  });

  const statusOf = async (id: number) => db.prisma.syncRun.findUniqueOrThrow({ where: { id } });

  it('are closed FAILED "worker died" on worker start and by the next run of their source; runs in progress elsewhere are left alone', async () => {
    const config = threeSources(inbox);
    const inProgress = await startRun(db.url, 'office-space', 'schedule');
    const killed = await startRun(db.url, 'warehouse', 'schedule');
    const killedFollow = await startRun(db.url, 'logistics', 'live:0');
    await killed.die();
    await killedFollow.die();

    jobs = await startTestJobs(kind, db, { events: createInProcessEventBus(), config, live: false });
    for (const orphan of [killed, killedFollow]) {
      const run = await statusOf(orphan.id);
      expect(run).toMatchObject({ status: 'FAILED', errorCode: 'connector/source_failed' });
      expect(run.error).toMatch(/^worker died: /);
      expect(run.finishedAt).not.toBeNull();
    }
    expect(await statusOf(inProgress.id)).toMatchObject({ status: 'RUNNING', error: null });

    // Its worker dies after the sweep: the next run of the source (a stalled job retried) closes it.
    await inProgress.die();
    const next = await runSync({ databaseUrl: db.url, config, source: 'office-space' });
    expect(next.status).toBe('SUCCEEDED');
    expect(next.warnings).toEqual([]);
    const closed = await statusOf(inProgress.id);
    expect(closed.status).toBe('FAILED');
    expect(closed.error).toMatch(/^worker died: /);
  });
});
