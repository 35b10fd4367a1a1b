import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, SourceError } from '@district-hub/schema';
import {
  BACKENDS,
  createJobTestContext,
  startTestWorkers,
  type JobTestContext,
} from '../testing/job-test-context.ts';
import { ledgerSyncHandler } from '../testing/ledger-sync-handler.ts';
import type { RunningWorkers } from '../start-workers.ts';
import type { SyncHandler } from './sync-handler.ts';
import { enqueueSync } from './enqueue-sync.ts';
import { scheduleSources } from './schedule-sources.ts';

const SOURCES = ['office-space', 'logistics'];

describe.each(BACKENDS)('sync queue on the %s backend', (kind) => {
  let ctx: JobTestContext;
  const started: RunningWorkers[] = [];

  beforeEach(async () => {
    ctx = await createJobTestContext(kind, { sourceIds: SOURCES, sync: { backoffMs: 50 } });
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((running) => running.close()));
    await ctx.cleanup();
  });

  async function work(syncHandler: SyncHandler) {
    const workers = await startTestWorkers(ctx, { kinds: ['sync'], syncHandler });
    started.push(workers.running);
    return workers.tracker;
  }

  const ledger = () => ledgerSyncHandler(ctx.db.prisma, { records: 30, batchSize: 10 });

  it('runs a scheduled sync by itself, on the cron pattern of its source', async () => {
    const tracker = await work(ledger());
    await scheduleSources(ctx.queues, {
      timeZone: 'Asia/Shanghai',
      sources: {
        'office-space': { enabled: true, schedule: { cron: '* * * * * *' } },
        logistics: { enabled: false, schedule: { cron: '* * * * * *' } },
      },
    });
    await expect.poll(() => tracker.outcomes.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const [first] = tracker.outcomes;
    expect(first).toMatchObject({ outcome: 'completed' });
    expect(first!.job.data).toEqual({ sourceId: 'office-space', full: false, trigger: 'schedule' });
    expect(first!.job.progress).toMatchObject({ read: 30, written: 30 });
    expect(await ctx.db.prisma.agency.count()).toBe(30);
    expect(await ctx.queues.sync('logistics').getJobSchedulers()).toEqual([]);
  });

  it('retries a transient source failure with backoff until it succeeds', async () => {
    let calls = 0;
    const flaky = ledger();
    const tracker = await work(async (input) => {
      calls += 1;
      if (calls <= 2) throw new SourceError('connector/source_unreachable', 'ECONNREFUSED 10.0.0.7:443');
      return flaky(input);
    });
    const { jobId } = await enqueueSync(ctx.queues, 'office-space', { trigger: 'cli' });
    const done = await tracker.finished(jobId, (entry) => entry.outcome === 'completed');
    expect(done.job.attemptsMade).toBe(3);
    expect(tracker.outcomes.map((entry) => entry.outcome)).toEqual(['failed', 'failed', 'completed']);
    expect(tracker.outcomes[0]!.error!.message).toContain('ECONNREFUSED');
    expect(await ctx.db.prisma.agency.count()).toBe(30);
  });

  it('fails a configuration error once, with its reason, and keeps the job for inspection', async () => {
    let calls = 0;
    const tracker = await work(async () => {
      calls += 1;
      throw new ConfigError('hub.config.yaml: sources.office-space.connection.token is missing');
    });
    const { jobId } = await enqueueSync(ctx.queues, 'office-space');
    const failed = await tracker.finished(jobId);
    expect(failed.outcome).toBe('failed');
    const kept = await ctx.queues.sync('office-space').getJob(jobId);
    expect(await kept!.getState()).toBe('failed');
    expect(kept!.attemptsMade).toBe(1);
    expect(kept!.failedReason).toContain('connection.token is missing');
    expect(calls).toBe(1);
  });

  it('never runs one source twice at once across workers, while different sources run in parallel', async () => {
    const active = new Map<string, number>();
    const most = new Map<string, number>();
    let othersSeen = false;
    const handler: SyncHandler = async ({ sourceId }) => {
      active.set(sourceId, (active.get(sourceId) ?? 0) + 1);
      most.set(sourceId, Math.max(most.get(sourceId) ?? 0, active.get(sourceId)!));
      // Each run waits until a run of the other source is in progress too: only parallel sources finish.
      await expect
        .poll(
          () => {
            othersSeen ||= [...active].filter(([id, n]) => id !== sourceId && n > 0).length > 0;
            return othersSeen;
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      active.set(sourceId, active.get(sourceId)! - 1);
      return { runId: null, read: 0, written: 0, unchanged: 0, rejected: 0, deleted: 0 };
    };
    const trackers = [await work(handler), await work(handler)];
    const jobs = [];
    for (let i = 0; i < 3; i += 1) {
      for (const source of SOURCES) jobs.push((await enqueueSync(ctx.queues, source)).jobId);
    }
    const completed = () => trackers.flatMap((t) => t.outcomes).filter((o) => o.outcome === 'completed');
    await expect.poll(() => completed().length, { timeout: 30_000 }).toBe(jobs.length);
    expect(Object.fromEntries(most)).toEqual({ 'office-space': 1, logistics: 1 });
  });
});
