import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { startOfficeSpace, type OfficeSpaceSimulator } from '@district-hub/simulators';
import { createQueueBackend } from '../queue-backend.ts';
import { openJobQueues } from '../job-queues.ts';
import { runHubCli as hub } from '../testing/run-hub-cli.ts';

// `npx hub check` and `npx hub sync` as a person runs them: the bin, the repository's hub.config.yaml
// pointed at the office-space simulator, and a database of this test's own through DATABASE_URL.
describe('npx hub check / sync', () => {
  let sim: OfficeSpaceSimulator;
  let db: TestDatabase;
  let env: Record<string, string>;
  let inbox: string;

  beforeAll(async () => {
    sim = await startOfficeSpace({ scale: 0.05, seed: 'cli-test' });
    db = await createTestDatabase();
    inbox = await mkdtemp(join(tmpdir(), 'hub-cli-'));
    // The queues in this test's database (BullMQ's PostgreSQL backend), never a shared Redis.
    env = {
      OFFICE_SPACE_URL: sim.url,
      OFFICE_SPACE_INBOX: inbox,
      DATABASE_URL: db.url,
      REDIS_URL: '',
      QUEUE_BACKEND: 'postgres',
    };
  });
  afterAll(async () => {
    await sim?.stop();
    await db?.drop();
    await rm(inbox, { recursive: true, force: true });
  });

  it('check says ok for a reachable source and names the reason for an unreachable one', async () => {
    const ok = await hub(['check', 'office-space'], env);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/ok: GET[\s\S]*answered[\s\S]*200/);
    const down = await hub(['check', 'office-space'], { ...env, OFFICE_SPACE_URL: 'http://127.0.0.1:65124' });
    expect(down.code).toBe(1);
    expect(down.out).toMatch(/connector\/source_unreachable/);
    expect(down.err).toMatch(/office-space: 1 of 2 connector\(s\) cannot read/);
  });

  it('sync prints a summary table and a second sync writes 0', async () => {
    const first = await hub(
      ['sync', 'office-space', '--full', '--stream', 'buildings', 'floors', 'rooms'],
      env,
    );
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/stream.*read.*written.*unchanged.*rejected.*deleted.*duration/);
    expect(first.out).toMatch(/rooms/);
    expect(first.out).toMatch(/office-space: full sync run \d+ succeeded/);
    const rooms = await db.prisma.room.count();
    expect(rooms).toBe(sim.store.rooms.size);
    // It went through the source's sync queue, as scheduled runs do, so it never ran beside one.
    const queues = await openJobQueues(createQueueBackend({ backend: 'postgres', databaseUrl: db.url }), {
      sourceIds: ['office-space'],
    });
    try {
      const [job] = await queues.sync('office-space').getCompleted();
      expect(job?.data).toEqual({
        sourceId: 'office-space',
        full: true,
        trigger: 'cli',
        streams: ['buildings', 'floors', 'rooms'],
      });
    } finally {
      await queues.close();
    }
    const second = await hub(['sync', 'office-space', '--stream', 'buildings', 'floors', 'rooms'], env);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toMatch(/│ total\s+│\s+\d+\s+│\s+0\s+│/);
  });

  it('exits 1 with a one-line reason for an unknown source', async () => {
    const unknown = await hub(['sync', 'nowhere'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(
      /hub: .*hub\.config\.yaml: sources: no source named "nowhere"; the file lists office-space, vehicle-platform, logistics, warehouse/,
    );
  });
});
