import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { createInProcessEventBus } from '@district-hub/schema';
import type { SyncRunProgress } from '@district-hub/schema';
import { startOfficeSpace, type OfficeSpaceSimulator } from '@district-hub/simulators';
import { loadHubConfig } from '@district-hub/connectors';
import type { HubConfig } from '@district-hub/connectors';
import { BACKENDS, startTestJobs } from '../testing/job-test-context.ts';
import { trackJobs, type FinishedJob } from '../testing/job-tracker.ts';
import { syncQueueName } from '../queue-names.ts';
import type { RunningJobs } from '../start-jobs.ts';
import { enqueueSync } from './enqueue-sync.ts';

const SOURCE = 'office-space';

// The hub's real sync path through the queue: the connectors' runSync against the office-space
// simulator's HTTP API, on each queue backend.
describe.each(BACKENDS)('connector syncs through the %s queue', (kind) => {
  let sim: OfficeSpaceSimulator;
  let inbox: string;
  let config: HubConfig;
  let db: TestDatabase;
  let jobs: RunningJobs;
  const events = createInProcessEventBus();
  const progress: SyncRunProgress[] = [];

  beforeAll(async () => {
    inbox = await mkdtemp(join(tmpdir(), 'hub-jobs-inbox-'));
    sim = await startOfficeSpace({ scale: 0.1, seed: 'jobs-test' });
    const loaded = loadHubConfig(undefined, { OFFICE_SPACE_URL: sim.url, OFFICE_SPACE_INBOX: inbox });
    // Only this source, and no schedule: the test decides when runs happen.
    const source = {
      ...loaded.sources[SOURCE]!,
      schedule: undefined,
      fullSchedule: undefined,
      batchSize: 100,
    };
    const rest = source.connectors[0]!.config as unknown as { connection: { retry: Record<string, number> } };
    rest.connection.retry = { attempts: 1, baseDelayMs: 5, maxDelayMs: 20 };
    config = { ...loaded, sources: { [SOURCE]: source } };
    await events.subscribe('syncRunProgress', (event) => progress.push(event));
  });

  afterAll(async () => {
    await sim.stop();
    await rm(inbox, { recursive: true, force: true });
  });

  beforeEach(async () => {
    db = await createTestDatabase();
    jobs = await startTestJobs(kind, db, { events, config, sync: { backoffMs: 100 } });
  });

  afterEach(async () => {
    sim.faults.reset();
    if (kind === 'redis')
      await Promise.all(jobs.queues.all().map((queue) => queue.obliterate({ force: true })));
    await jobs.close();
    await db.drop();
    progress.length = 0;
  });

  it('retries a run the source broke off, and the retry ends with the whole district and its progress published', async () => {
    const tracker = trackJobs(jobs.workers!.workers);
    for (const worker of jobs.workers!.workers) worker.on('failed', () => sim.faults.reset());
    sim.faults.set({ errorRate: 1 });
    const { jobId } = await enqueueSync(jobs.queues, SOURCE, { trigger: 'api:admin' });
    // The alerts and rollups queues run beside it (their ids count from 1 too): keep to the sync queue.
    const ofSync = (entry: FinishedJob) => entry.job.queueName === syncQueueName(SOURCE);
    const done = await tracker.finished(jobId, (entry) => ofSync(entry) && entry.outcome === 'completed');

    const outcomes = tracker.outcomes.filter(ofSync);
    expect(outcomes.map((entry) => entry.outcome)).toEqual(['failed', 'completed']);
    expect(outcomes[0]!.error!.message).toMatch(/500/);
    const runs = await db.prisma.syncRun.findMany({ orderBy: { id: 'asc' } });
    expect(runs.map((run) => [run.status, run.trigger])).toEqual([
      ['FAILED', 'api:admin'],
      ['SUCCEEDED', 'api:admin'],
    ]);
    expect(await db.prisma.building.count()).toBe(sim.store.buildings.size);
    expect(await db.prisma.room.count()).toBe(sim.store.rooms.size);
    expect(done.result).toMatchObject({ runId: runs[1]!.id, written: runs[1]!.writtenCount });
    expect(done.job.progress).toMatchObject({
      runId: runs[1]!.id,
      stream: null,
      written: runs[1]!.writtenCount,
    });

    const ofRun = progress.filter((event) => event.runId === runs[1]!.id);
    expect(ofRun[0]).toMatchObject({ status: 'RUNNING', sourceId: SOURCE });
    expect(ofRun.at(-1)).toMatchObject({ status: 'SUCCEEDED', written: runs[1]!.writtenCount });
    const written = ofRun.map((event) => event.written);
    expect(written).toEqual([...written].sort((a, b) => a - b));
  });
});
