import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, SourceError } from '@district-hub/schema';
import { captureLogs, type LogLine } from '@district-hub/schema/testing';
import {
  BACKENDS,
  createJobTestContext,
  startTestWorkers,
  type JobTestContext,
} from './testing/job-test-context.ts';
import type { RunningWorkers } from './start-workers.ts';
import type { SyncHandler } from './sync/sync-handler.ts';
import { enqueueSync } from './sync/enqueue-sync.ts';

const SOURCE = 'office-space';

describe.each(BACKENDS)('the log of the workers on the %s backend', (kind) => {
  let ctx: JobTestContext;
  const started: RunningWorkers[] = [];

  beforeEach(async () => {
    ctx = await createJobTestContext(kind, { sourceIds: [SOURCE], sync: { attempts: 2, backoffMs: 50 } });
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((running) => running.close()));
    await ctx.cleanup();
  });

  /** Runs one sync job to its final failure; returns what the workers logged about that job. */
  async function failOnce(syncHandler: SyncHandler): Promise<LogLine[]> {
    const logs = captureLogs();
    const { running, tracker } = await startTestWorkers(ctx, {
      kinds: ['sync'],
      syncHandler,
      logger: logs.logger,
    });
    started.push(running);
    const { jobId } = await enqueueSync(ctx.queues, SOURCE, { trigger: 'test' });
    await tracker.finished(jobId, (entry) => entry.outcome === 'failed' && entry.job.finishedOn != null);
    return logs.lines.filter((line) => line.jobId === jobId);
  }

  it('logs each failed attempt once under its component with the error’s stack, the last one at error', async () => {
    const logged = await failOnce(async () => {
      throw new SourceError('connector/source_unreachable', 'office-space API: connection refused');
    });
    const failure = {
      component: 'sync',
      queue: `sync.${SOURCE}`,
      attempts: 2,
      err: expect.objectContaining({
        message: 'office-space API: connection refused',
        code: 'connector/source_unreachable',
        stack: expect.stringContaining('worker-log.test.ts'),
      }),
    };
    expect(logged).toEqual([
      expect.objectContaining({
        ...failure,
        level: 40,
        attempt: 1,
        msg: expect.stringMatching(/will be retried/),
      }),
      expect.objectContaining({ ...failure, level: 50, attempt: 2 }),
    ]);
  });

  it('logs a failure no retry can fix once, at error, on its first attempt', async () => {
    const logged = await failOnce(async () => {
      throw new ConfigError('hub.config.yaml: sources.office-space.connection.url is missing');
    });
    expect(logged).toEqual([
      expect.objectContaining({
        level: 50,
        component: 'sync',
        attempt: 1,
        err: expect.objectContaining({ message: expect.stringContaining('connection.url is missing') }),
      }),
    ]);
  });
});
