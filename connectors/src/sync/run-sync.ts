import pg from 'pg';
import { ConfigError, HubError, silentLogger } from '@district-hub/schema';
import type { SyncRunProgressEvent } from '@district-hub/schema';
import { getSource } from '../config/load-config.ts';
import type { ResolvedStream } from '../config/hub-config.ts';
import { connectorFor } from '../kinds/registry.ts';
import { MqttConnector } from '../kinds/mqtt/mqtt-connector.ts';
import { findMapping } from '../mappings/registry.ts';
import type {
  JsonValue,
  ReadContext,
  ReadMessage,
  RecordsMessage,
  SourceRecord,
  StateMessage,
  StreamStates,
} from '../sdk/types.ts';
import { describeError } from '../sdk/upstream-error.ts';
import {
  batchLockKey,
  closeOrphanedRuns,
  liveLockKey,
  liveTrigger,
  SyncBusyError,
  tryLock,
  unlock,
} from './sync-lock.ts';
import type { EntityName } from '../writer/mapping-types.ts';
import { SyncWriter, type BatchEvents } from '../writer/sync-writer.ts';
import type { RunSyncOptions, StreamCounts, SyncSummary } from './sync-types.ts';

export type { RunSyncOptions, SyncSummary, SyncProgress, StreamCounts } from './sync-types.ts';

const zero = (): StreamCounts => ({ read: 0, written: 0, unchanged: 0, rejected: 0, deleted: 0 });

/**
 * Runs one sync of one source: every connector of the source, every stream in config order, each
 * batch committed with its checkpoint (see `writer/sync-writer.ts`), then, for a full sync, deletes
 * reconciled. Records a `SyncRun` row with its counts from start to end.
 *
 * Live connectors (`live: true`) are skipped by such batch runs unless `includeLive`; a worker follows
 * each of them with `follow: { connector }` instead: one long-lived run under the connector's own lock,
 * its counts growing with every committed batch, until `signal` aborts (SUCCEEDED) or the source drops
 * (FAILED, for the caller to restart).
 *
 * Resolves with the run's summary, `status: 'FAILED'` included (a source that drops mid-run leaves a
 * FAILED run whose committed batches and cursor stay; the next run resumes from there). Throws only
 * when no run could be started: unknown or disabled source, invalid config, hub database unreachable,
 * or another sync of the same source still running (`SyncBusyError`, see `sync-lock.ts`). Runs left
 * RUNNING under the same lock by a process that died are closed FAILED "worker died" first.
 *
 * ```ts
 * const summary = await runSync({ databaseUrl, config: loadHubConfig(), source: 'office-space', full: true });
 * if (summary.status === 'FAILED') throw new Error(summary.error!.message);
 * ```
 */
export async function runSync(options: RunSyncOptions): Promise<SyncSummary> {
  const source = getSource(options.config, options.source);
  if (!source.enabled)
    throw new ConfigError(`${options.config.file}: sources.${source.name}.enabled is false`);
  const known = source.connectors.flatMap((c) => c.config.streams.map((s) => s.name));
  for (const name of options.streams ?? []) {
    if (!known.includes(name)) {
      throw new ConfigError(
        `${options.config.file}: source ${source.name} has no stream "${name}"; it has ${known.join(', ')}`,
      );
    }
  }
  const wanted = (name: string) => !options.streams || options.streams.includes(name);
  const followed = options.follow ? source.connectors[options.follow.connector] : undefined;
  if (options.follow && !followed?.live) {
    throw new ConfigError(
      `${options.config.file}: sources.${source.name}.connectors[${options.follow.connector}] is not a live connector; only those can be followed`,
    );
  }
  const mode = options.full && !followed ? 'FULL' : 'INCREMENTAL';
  const trigger = followed ? liveTrigger(followed.index) : (options.trigger ?? null);
  const started = Date.now();
  const log = (options.logger ?? silentLogger).child({ source: source.name });

  const client = new pg.Client({
    connectionString: options.databaseUrl,
    application_name: `hub-sync:${source.name}`,
  });
  client.on('error', () => undefined);
  await client.connect();
  const held: string[] = [];
  /** The connectors this run reads: the followed one, or the batch ones (and live ones nobody follows). */
  const connectors = followed ? [followed] : source.connectors.filter((c) => !c.live);
  let runId = 0;
  const totals = zero();
  const perStream: Record<string, StreamCounts> = {};
  const warnings: string[] = [];
  let lastPublish = 0;
  let state: StreamStates = {};
  /** The batch transaction on the server now, if any (see `writeOne`). */
  let inflight: Promise<void> = Promise.resolve();

  const publishProgress = async (
    status: SyncRunProgressEvent['status'],
    stream: string | null,
    force = false,
  ) => {
    if (!options.events) return;
    const now = Date.now();
    if (!force && now - lastPublish < 250) return;
    lastPublish = now;
    await options.events
      .publish('syncRunProgress', {
        runId,
        sourceId: source.name,
        stream,
        status,
        readCount: totals.read,
        writtenCount: totals.written,
        unchangedCount: totals.unchanged,
        rejectedCount: totals.rejected,
        deletedCount: totals.deleted,
        at: new Date(now).toISOString(),
      })
      .catch(() => undefined);
  };

  const deliver = async (events: BatchEvents) => {
    for (const alert of events.alerts) {
      options.onAlertChanged?.(alert);
      await options.events?.publish('alertChanged', alert).catch(() => undefined);
    }
    if (options.events) {
      for (const p of events.positions)
        await options.events.publish('vehiclePosition', p).catch(() => undefined);
      for (const r of events.readings) await options.events.publish('reading', r).catch(() => undefined);
    }
  };

  try {
    const key = followed ? liveLockKey(source.name, followed.index) : batchLockKey(source.name);
    if (!(await tryLock(client, key))) {
      throw new SyncBusyError(source.name, followed ? `a follower of ${followed.path}` : 'a sync');
    }
    held.push(key);
    const orphans = await closeOrphanedRuns(client, source.name, key);
    if (orphans.length > 0)
      log.warn({ runs: orphans }, `closed run(s) ${orphans.join(', ')} left RUNNING by a worker that died`);
    if (!followed && options.includeLive) {
      for (const live of source.connectors.filter((c) => c.live)) {
        // A worker following it holds its session on the source; reading it here too would fight for it.
        if (await tryLock(client, liveLockKey(source.name, live.index))) {
          held.push(liveLockKey(source.name, live.index));
          connectors.push(live);
        } else {
          warnings.push(`${live.path} is followed by a worker; this run left it to the follower`);
        }
      }
      connectors.sort((a, b) => a.index - b.index);
    }
    const kinds = [...new Set(source.connectors.map((c) => c.kind))].join('+');
    await client.query(
      `INSERT INTO "Source" (id, kind, "displayName", "updatedAt") VALUES ($1, $2, $3, now())
       ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, "displayName" = EXCLUDED."displayName", "updatedAt" = now()`,
      [source.name, kinds, source.displayName ?? null],
    );
    const cursors = await client.query<{ stream: string; cursor: JsonValue }>(
      `SELECT stream, cursor FROM "SyncCursor" WHERE "sourceId" = $1`,
      [source.name],
    );
    state = Object.fromEntries(cursors.rows.map((r) => [r.stream, r.cursor]));
    const run = await client.query<{ id: number }>(
      `INSERT INTO "SyncRun" ("sourceId", mode, status, "cursorBefore", trigger)
       VALUES ($1, $2, 'RUNNING', $3::jsonb, $4) RETURNING id`,
      [source.name, mode, JSON.stringify(state), trigger],
    );
    runId = run.rows[0]!.id;
    options.onStarted?.(runId);
  } catch (error) {
    for (const key of held) await unlock(client, key).catch(() => undefined);
    await client.end().catch(() => undefined);
    throw error;
  }

  const progress = (stream: string | null, phase: 'reading' | 'reconciling' | 'done') =>
    options.onProgress?.({
      runId,
      source: source.name,
      stream,
      elapsedMs: Date.now() - started,
      phase,
      ...totals,
    });

  try {
    await publishProgress('RUNNING', null, true);
    const writer = await SyncWriter.open(client, {
      source: source.name,
      runId,
      mode,
      timeZone: source.timeZone,
      collectEvents: Boolean(options.events),
    });
    const signal = options.signal ?? new AbortController().signal;
    const reconcile = new Set<EntityName>();

    for (const connectorConfig of connectors) {
      const streams = connectorConfig.config.streams.filter((s) => wanted(s.name));
      if (streams.length === 0) continue;
      const connector = connectorFor(connectorConfig.kind);
      if (connector instanceof MqttConnector) connector.readOptions = { follow: Boolean(followed) };
      const byName = new Map<string, ResolvedStream>(streams.map((s) => [s.name, s]));
      const buffers = new Map<string, RecordBuffer>();
      for (const s of streams) perStream[s.name] ??= zero();

      const flush = async (streamName: string, checkpoint?: StateMessage) => {
        const stream = byName.get(streamName);
        if (!stream) throw new HubError('bug/invariant', `connector yielded unknown stream ${streamName}`);
        const buffer = buffers.get(streamName);
        if (!buffer || buffer.records.length === 0) {
          await inflight;
          if (checkpoint) await writer.commitCheckpoint(checkpoint);
          return;
        }
        // At most `batchSize` records a transaction; the checkpoint goes with the last of them.
        while (buffer.records.length > source.batchSize)
          await writeOne(stream, buffer.take(source.batchSize));
        buffers.delete(streamName);
        await writeOne(stream, buffer.take(buffer.records.length), checkpoint);
      };

      // Batches are mapped as soon as they are taken, while the previous batch's transaction is still
      // on the server; transactions themselves run one after another, in order, on the one connection.
      const writeOne = async (stream: ResolvedStream, batch: TakenRecords, checkpoint?: StateMessage) => {
        const streamName = stream.name;
        const prepared = writer.prepareBatch({
          stream: streamName,
          mapping: findMapping(stream.mapping)!,
          mappingOptions: stream.mappingOptions,
          ...batch,
          checkpoint,
          primaryKey: primaryKeyOf(stream),
        });
        await inflight;
        inflight = writer.commitBatch(prepared).then(async ({ counts, events }) => {
          for (const key of Object.keys(totals) as (keyof StreamCounts)[]) {
            totals[key] += counts[key];
            perStream[streamName]![key] += counts[key];
          }
          await deliver(events);
          progress(streamName, 'reading');
          await publishProgress('RUNNING', streamName);
        });
        inflight.catch(() => undefined); // awaited by the next batch or at the end; never unhandled
        // A checkpoint with side effects (a file archived, messages acknowledged) is a barrier: the
        // source's next step may depend on it.
        if (checkpoint && isCommitBarrier(checkpoint)) await inflight;
      };

      const context: ReadContext = {
        source: source.name,
        runId,
        signal,
        timeZone: source.timeZone,
        isFileImported: async (checksum) =>
          ((
            await client.query('SELECT 1 FROM "ImportedFile" WHERE source = $1 AND checksum = $2', [
              source.name,
              checksum,
            ])
          ).rowCount ?? 0) > 0,
        log: (level, message) => {
          // Bounded: a follow may run for weeks and warn on every reconnect.
          if (level !== 'info' && warnings.length < 100) warnings.push(message);
          log[level]({ runId }, message);
        },
      };
      const configured = streams.map((s) => ({
        name: s.name,
        mode: options.full ? ('full' as const) : ('incremental' as const),
      }));
      const messages = connector.read(connectorConfig.config, configured, state, context);
      for await (const message of readAhead(messages, isCommitBarrier)) {
        if (message.type === 'records') {
          let buffer = buffers.get(message.stream);
          if (!buffer) buffers.set(message.stream, (buffer = new RecordBuffer()));
          buffer.push(message);
          const stream = byName.get(message.stream)!;
          while (buffer.records.length >= source.batchSize)
            await writeOne(stream, buffer.take(source.batchSize));
        } else if (message.type === 'state') {
          await flush(message.stream, message);
        } else if (message.type === 'reject') {
          await inflight;
          await writer.rejectRaw(message.stream, message.payload, message.reason, message.code);
          totals.read += 1;
          totals.rejected += 1;
          perStream[message.stream]!.read += 1;
          perStream[message.stream]!.rejected += 1;
        } else {
          context.log(message.level, message.message);
        }
      }
      for (const name of [...buffers.keys()]) await flush(name);
      await inflight;
      for (const s of streams) {
        const mapping = findMapping(s.mapping)!;
        if (options.full && s.reconcile) reconcile.add(mapping.entity);
      }
    }

    if (options.full && reconcile.size > 0) {
      progress(null, 'reconciling');
      const result = await writer.reconcileDeletes([...reconcile]);
      totals.deleted += result.deleted;
      warnings.push(...result.warnings);
    }
    await client.query(`UPDATE "SyncRun" SET status = 'SUCCEEDED', "finishedAt" = now() WHERE id = $1`, [
      runId,
    ]);
    await client.query(`UPDATE "Source" SET "lastSyncAt" = now(), "updatedAt" = now() WHERE id = $1`, [
      source.name,
    ]);
    progress(null, 'done');
    await publishProgress('SUCCEEDED', null, true);
    return summary('SUCCEEDED');
  } catch (error) {
    // A batch may still be committing on the connection: let it finish before recording the failure.
    await inflight.catch(() => undefined);
    const cancelled = options.signal?.aborted === true;
    const message = cancelled ? 'cancelled' : describeError(error);
    const code =
      error instanceof HubError ? error.code : cancelled ? 'connector/source_failed' : guessCode(error);
    await client
      .query(
        `UPDATE "SyncRun" SET status = 'FAILED', "finishedAt" = now(), error = $2, "errorCode" = $3 WHERE id = $1`,
        [runId, message.slice(0, 2000), code],
      )
      .catch(() => undefined);
    progress(null, 'done');
    await publishProgress('FAILED', null, true);
    return summary('FAILED', { message, code });
  } finally {
    for (const key of held) await unlock(client, key).catch(() => undefined);
    await client.end().catch(() => undefined);
  }

  function summary(status: SyncSummary['status'], error?: SyncSummary['error']): SyncSummary {
    return {
      runId,
      source: source.name,
      mode,
      status,
      durationMs: Date.now() - started,
      ...totals,
      streams: perStream,
      warnings,
      ...(error ? { error } : {}),
    };
  }
}

interface TakenRecords {
  records: SourceRecord[];
  origins: (string | undefined)[];
  lines: (number | undefined)[];
}

/** Records of one stream waiting for their transaction, with where each came from. */
class RecordBuffer implements TakenRecords {
  records: SourceRecord[] = [];
  origins: (string | undefined)[] = [];
  lines: (number | undefined)[] = [];

  push(message: RecordsMessage): void {
    for (let i = 0; i < message.records.length; i += 1) {
      this.records.push(message.records[i]!);
      this.origins.push(message.origins?.[i] ?? message.origin);
      this.lines.push(message.lines?.[i]);
    }
  }

  take(n: number): TakenRecords {
    return {
      records: this.records.splice(0, n),
      origins: this.origins.splice(0, n),
      lines: this.lines.splice(0, n),
    };
  }
}

/**
 * Pulls the next message from the source while the caller handles the current one, so fetching or
 * parsing page n+1 overlaps writing page n. One message ahead at most, so memory stays one page; and
 * never past a `barrier` message, whose commit the source's next step may depend on (a file's
 * checkpoint records its checksum, which the next file is checked against).
 */
async function* readAhead<T>(source: AsyncGenerator<T>, barrier: (message: T) => boolean): AsyncGenerator<T> {
  let pending: Promise<IteratorResult<T>> | undefined = source.next();
  try {
    for (;;) {
      const result: IteratorResult<T> = await (pending ?? source.next());
      pending = undefined;
      if (result.done) return;
      if (!barrier(result.value)) {
        pending = source.next();
        pending.catch(() => undefined); // surfaces when awaited above; never unhandled
      }
      yield result.value;
    }
  } finally {
    // Let the source close its connection once its in-flight read settles.
    if (pending) {
      void pending.then(
        () => source.return(undefined),
        () => undefined,
      );
    } else {
      void source.return(undefined);
    }
  }
}

/** A checkpoint with work tied to its commit (file bookkeeping, MQTT acknowledgements). */
function isCommitBarrier(message: ReadMessage): boolean {
  return message.type === 'state' && Boolean(message.inTransaction || message.afterCommit);
}

/** The source-side primary key a stream declares (rest, sql, file), for in-batch duplicate detection. */
function primaryKeyOf(stream: ResolvedStream): string[] | undefined {
  const pk = (stream as ResolvedStream & { primaryKey?: string | string[] }).primaryKey;
  if (!pk) return undefined;
  return Array.isArray(pk) ? pk : [pk];
}

function guessCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(08|57P)/.test(code)) return 'database/unreachable';
  return 'connector/source_failed';
}
