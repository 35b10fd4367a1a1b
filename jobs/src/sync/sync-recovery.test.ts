import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@district-hub/schema/testing';
import type { PrismaClient } from '@district-hub/schema';
import {
  BACKENDS,
  createJobTestContext,
  startTestWorkers,
  type JobTestContext,
} from '../testing/job-test-context.ts';
import { ledgerSyncHandler, type LedgerOptions } from '../testing/ledger-sync-handler.ts';
import type { RunningWorkers } from '../start-workers.ts';
import { enqueueSync } from './enqueue-sync.ts';

const SOURCE = 'office-space';
const LEDGER: LedgerOptions = { records: 400, batchSize: 20 };
const CHILD = fileURLToPath(new URL('../testing/sync-worker-process.ts', import.meta.url));

/** Everything a sync wrote that a user sees, without surrogate ids and write times. */
async function syncedData(prisma: PrismaClient) {
  const agencies = await prisma.agency.findMany({
    orderBy: { externalId: 'asc' },
    select: { code: true, name: true, source: true, externalId: true, contentHash: true, deletedAt: true },
  });
  const cursors = await prisma.syncCursor.findMany({
    select: { sourceId: true, stream: true, cursor: true },
  });
  return { agencies, cursors };
}

// Child processes start through tsx, which takes seconds on a loaded machine.
describe.each(BACKENDS)('sync recovery on the %s backend', { timeout: 120_000 }, (kind) => {
  let ctx: JobTestContext;
  let child: ChildProcess | undefined;
  let running: RunningWorkers | undefined;

  beforeEach(async () => {
    ctx = await createJobTestContext(kind, { sourceIds: [SOURCE] });
  });

  afterEach(async () => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    await running?.close();
    await ctx.cleanup();
  });

  async function startChild(shutdownGraceMs: number): Promise<ChildProcess> {
    const args = [
      kind,
      ctx.db.url,
      ctx.prefix,
      SOURCE,
      String(LEDGER.records),
      String(LEDGER.batchSize),
      String(shutdownGraceMs),
    ];
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    proc.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 30_000 }).toContain('READY');
    return proc;
  }

  async function committedBatches(): Promise<number> {
    const cursor = await ctx.db.prisma.syncCursor.findFirst({ where: { sourceId: SOURCE } });
    return typeof cursor?.cursor === 'number' ? cursor.cursor / LEDGER.batchSize : 0;
  }

  async function recoverOnAnotherWorker(jobId: string) {
    const workers = await startTestWorkers(ctx, {
      kinds: ['sync'],
      syncHandler: ledgerSyncHandler(ctx.db.prisma, LEDGER),
      lockDurationMs: 2000,
      stalledIntervalMs: 500,
    });
    running = workers.running;
    return workers.tracker.finished(jobId, (entry) => entry.outcome === 'completed');
  }

  it('runs a sync again after its worker was killed mid-run, ending with the data of one clean run', async () => {
    child = await startChild(25_000);
    const { jobId } = await enqueueSync(ctx.queues, SOURCE);
    await expect.poll(committedBatches, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(await committedBatches()).toBeLessThan(LEDGER.records / LEDGER.batchSize);

    const done = await recoverOnAnotherWorker(jobId);
    expect(done.job.returnvalue).toMatchObject({ written: expect.any(Number) });

    const clean = await createTestDatabase();
    try {
      await ledgerSyncHandler(
        clean.prisma,
        LEDGER,
      )({
        sourceId: SOURCE,
        full: false,
        trigger: 'test',
        signal: new AbortController().signal,
        onProgress: () => undefined,
      });
      const recovered = await syncedData(ctx.db.prisma);
      expect(recovered.agencies).toHaveLength(LEDGER.records);
      expect(recovered).toEqual(await syncedData(clean.prisma));
    } finally {
      await clean.drop();
    }
  });

  it('hands the job in hand back to the queue on SIGTERM, so another worker finishes it', async () => {
    child = await startChild(300);
    const { jobId } = await enqueueSync(ctx.queues, SOURCE);
    await expect.poll(committedBatches, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    const job = await ctx.queues.sync(SOURCE).getJob(jobId);
    expect(await job!.getState()).toBe('waiting');
    expect(job!.attemptsMade).toBe(0);

    await recoverOnAnotherWorker(jobId);
    expect(await ctx.db.prisma.agency.count()).toBe(LEDGER.records);
  });
});
