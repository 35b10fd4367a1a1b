import pg from 'pg';
import { silentLogger } from '@district-hub/schema';
import { sqlDbOnClient } from '@district-hub/schema/database';
import { SyncWriter } from '../writer/sync-writer.ts';
import { ProgressReporter } from './run-progress.ts';
import { RunTally } from './run-tally.ts';
import { lockRun, type HeldLocks } from './stages/lock.ts';
import { BatchMapper } from './stages/map.ts';
import { planRun, type SyncPlan } from './stages/plan.ts';
import { readStep } from './stages/read.ts';
import { reconcileRun } from './stages/reconcile.ts';
import { recordFailed, recordSucceeded, runFailure } from './stages/record.ts';
import { WritePipeline } from './stages/write.ts';
import { resolveRequest } from './sync-request.ts';
import type { RunSyncOptions, SyncSummary } from './sync-types.ts';

export type { RunSyncOptions, SyncSummary } from './sync-types.ts';

/**
 * Runs one sync of one source as named stages, each in `stages/`: **lock** (the run's advisory lock,
 * orphans closed) → **plan** (connectors, streams, cursors, the `SyncRun` row) → for each connector
 * **read** (its messages, one ahead) → **map** (batches of `batchSize`, mapped) → **write** (one
 * transaction a batch, with its checkpoint, see `writer/sync-writer.ts`) → **reconcile** (a full run's
 * soft deletes) → **record** (the run's end in its row). Progress is one `SyncRunProgress` from the
 * writer's counts to `onProgress` and the `syncRunProgress` event; a failure is one `HubError` from
 * where it was raised to the summary's `error` and the `SyncRun` row.
 *
 * Live connectors (`live: true`) are skipped by batch runs unless `includeLive`; a worker follows each
 * with `follow: { connector }` instead: one long-lived run under the connector's own lock, its counts
 * growing with every committed batch, until `signal` aborts (SUCCEEDED) or the source drops (FAILED,
 * for the caller to restart).
 *
 * Resolves with the run's summary, `status: 'FAILED'` included (a source that drops mid-run leaves a
 * FAILED run whose committed batches and cursor stay; the next run resumes from there). Throws only
 * when no run could be started: unknown or disabled source, invalid config, hub database unreachable,
 * or another sync of the same source still running (`SyncBusyError`, see `sync-lock.ts`). Runs left
 * RUNNING under the same lock by a process that died are closed FAILED "worker died" first.
 *
 * ```ts
 * const summary = await runSync({ databaseUrl, config: loadHubConfig(), source: 'office-space', full: true });
 * if (summary.status === 'FAILED') throw summary.error;
 * ```
 */
export async function runSync(options: RunSyncOptions): Promise<SyncSummary> {
  const request = resolveRequest(options);
  const { source, mode } = request;
  const started = Date.now();
  const log = (options.logger ?? silentLogger).child({ source: source.name });
  const client = new pg.Client({
    connectionString: options.databaseUrl,
    application_name: `hub-sync:${source.name}`,
  });
  client.on('error', () => undefined);
  await client.connect();
  const db = sqlDbOnClient(client);
  const tally = new RunTally();
  let locks: HeldLocks | undefined;
  let plan: SyncPlan;
  try {
    locks = await lockRun(client, request, options.includeLive === true, log);
    plan = await planRun(db, request, locks);
  } catch (error) {
    await locks?.release();
    await client.end().catch(() => undefined);
    throw error;
  }
  const held = locks;
  tally.warn(...held.warnings);
  const { runId } = plan;
  options.onStarted?.(runId);
  const progress = new ProgressReporter(
    { runId, sourceId: source.name },
    tally,
    options.onProgress,
    options.events,
  );
  const summary = (status: SyncSummary['status'], error?: SyncSummary['error']): SyncSummary => ({
    runId,
    source: source.name,
    mode,
    status,
    durationMs: Date.now() - started,
    ...tally.totals,
    streams: tally.streams,
    warnings: tally.warnings,
    ...(error ? { error } : {}),
  });

  let pipeline: WritePipeline | undefined;
  try {
    await progress.report('started', 'RUNNING');
    const writer = await SyncWriter.open(client, {
      source: source.name,
      runId,
      mode,
      timeZone: source.timeZone,
      collectEvents: Boolean(options.events),
    });
    pipeline = new WritePipeline(writer, tally, progress, options);
    const signal = options.signal ?? new AbortController().signal;
    for (const step of plan.steps) {
      for (const s of step.streams) tally.open(s.name);
      const mapper = new BatchMapper(step, writer, source.batchSize);
      const messages = readStep(step, {
        db,
        source: source.name,
        runId,
        timeZone: source.timeZone,
        full: options.full === true,
        state: plan.state,
        signal,
        options: { follow: Boolean(request.followed), deliveries: options.deliveries },
        log,
        warn: (message) => tally.warn(message),
      });
      for await (const message of messages) {
        if (message.type === 'records') {
          for (const batch of mapper.add(message)) await pipeline.write(batch);
        } else if (message.type === 'state') {
          mapper.stream(message.stream);
          if (!mapper.hasRecords(message.stream)) await pipeline.checkpoint(message);
          for (const batch of mapper.flush(message.stream, message)) await pipeline.write(batch);
        } else {
          await pipeline.reject(message);
        }
      }
      for (const stream of mapper.buffered())
        for (const batch of mapper.flush(stream)) await pipeline.write(batch);
      await pipeline.settle();
    }
    const refusals = await reconcileRun(
      writer,
      plan,
      {
        mode,
        source: source.name,
        maxDeleteShare: source.maxDeleteShare,
        allowMassDelete: options.allowMassDelete === true,
      },
      tally,
      progress,
    );
    await pipeline.deliver({ alerts: refusals, positions: [], readings: [] });
    await recordSucceeded(db, runId, source.name);
    await progress.report('done', 'SUCCEEDED');
    return summary('SUCCEEDED');
  } catch (caught) {
    // A batch may still be committing on the connection: let it finish before recording the failure.
    await pipeline?.settle().catch(() => undefined);
    const error = runFailure(caught, options.signal?.aborted === true);
    await recordFailed(db, runId, error).catch(() => undefined);
    await progress.report('done', 'FAILED').catch(() => undefined);
    return summary('FAILED', error);
  } finally {
    await held.release();
    await client.end().catch(() => undefined);
  }
}
