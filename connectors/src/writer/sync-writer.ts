import { sql } from 'kysely';
import type pg from 'pg';
import { reportIncident, type AlertChangedEvent, type IncidentReport } from '@district-hub/schema';
import { sqlDbOnClient, type SqlExecutor } from '@district-hub/schema/database';
import type { StateMessage } from '../sdk/types.ts';
import { applyLinks, registerAliases } from './aliases.ts';
import { writeAlarms } from './device-alarms.ts';
import { latestPositions, latestReadings, touchDevices } from './batch-events.ts';
import type {
  BatchCounts,
  BatchEvents,
  BatchInput,
  BatchScope,
  Item,
  PreparedBatch,
  RecordStatus,
  Reject,
} from './batch-types.ts';
import { countStatuses } from './batch-types.ts';
import { applyReportedDeletions, upsertRows } from './batch-upsert.ts';
import { Crosswalk } from './crosswalk.ts';
import { ENTITY_TABLES } from './entity-tables.ts';
import { mapBatch } from './map-batch.ts';
import type { EntityName } from './mapping-types.ts';
import {
  markSeen,
  openSeenTable,
  softDeleteUnseen,
  unseenShares,
  type UnseenShare,
} from './reconcile-deletes.ts';
import { lookUpReferences, resolveReferences, resolveSelfReferences } from './resolve-references.ts';
import { isRowLevelError } from './row-isolation.ts';
import {
  addRunCounts,
  commitCursor,
  insertRawReject,
  insertRejects,
  type RunRef,
} from './run-bookkeeping.ts';
import { forgetStagingTables } from './stage-and-upsert.ts';
import { loadTableInfo, type TableInfo } from './table-metadata.ts';

export type { BatchCounts, BatchEvents, BatchInput, PreparedBatch } from './batch-types.ts';

export interface SyncWriterOptions {
  /** Source name from hub.config.yaml; the `source` of every row written. */
  source: string;
  /** The `SyncRun` whose counts and cursors each batch commits. */
  runId: number;
  /** FULL runs remember every id seen so `reconcileDeletes` can soft-delete the rest. */
  mode: 'FULL' | 'INCREMENTAL';
  timeZone: string;
  /** Collect position and reading events (someone listens); costs a query per batch of fixes. Default true. */
  collectEvents?: boolean;
}

/**
 * The writer: turns batches of source records into hub rows on one dedicated PostgreSQL connection.
 *
 * One batch is one transaction: map (`map-batch.ts`) → resolve references through the crosswalk and
 * validate (`resolve-references.ts`) → hash → COPY into a temp table → `INSERT … ON CONFLICT (source,
 * "externalId") DO UPDATE … WHERE hash differs` (`batch-upsert.ts`) → quarantine the rejects in
 * `RejectedRecord` → add the counts to the `SyncRun` → upsert the stream's `SyncCursor`
 * (`run-bookkeeping.ts`) → COMMIT. The cursor therefore moves exactly when the rows it covers are in,
 * so a crash at any point loses nothing and repeats nothing that matters (a repeated record hashes
 * equal and writes nothing). FULL runs end with `reconcileDeletes` (`reconcile-deletes.ts`).
 *
 * If PostgreSQL refuses a row the validation did not foresee (a unique building code used twice), the
 * batch is retried row by row under savepoints, and only the refused rows are quarantined.
 */
export class SyncWriter {
  readonly crosswalk: Crosswalk;
  private readonly tables = new Map<string, TableInfo>();
  private readonly run: RunRef;

  private constructor(
    private readonly client: pg.ClientBase,
    /** Kysely on `client`: its statements run in the batch's transaction (BEGIN/COMMIT below). */
    private readonly db: SqlExecutor,
    private readonly options: SyncWriterOptions,
  ) {
    this.crosswalk = new Crosswalk(options.source);
    this.run = { client, db, source: options.source, runId: options.runId };
  }

  static async open(client: pg.ClientBase, options: SyncWriterOptions): Promise<SyncWriter> {
    // Keyed rows are matched back by their text form; a UTC session makes timestamptz text stable.
    const db = sqlDbOnClient(client);
    await sql`SET TIME ZONE 'UTC'`.execute(db);
    // Each batch commits its rows and its cursor together, so a commit lost in a server crash is lost
    // whole and the next run re-reads from the cursor before it: durability of the last few batches can
    // be traded for commit latency without ever losing or doubling a record. Not where the source's
    // copy goes once we commit (see `transaction`'s `durable`).
    await sql`SET synchronous_commit TO off`.execute(db);
    if (options.mode === 'FULL') await openSeenTable(db);
    return new SyncWriter(client, db, options);
  }

  private async table(entity: string): Promise<TableInfo> {
    let info = this.tables.get(entity);
    if (!info) this.tables.set(entity, (info = await loadTableInfo(this.db, entity)));
    return info;
  }

  /** Maps and writes one batch in one transaction (`prepareBatch` then `commitBatch`). */
  async writeBatch(input: BatchInput): Promise<{ counts: BatchCounts; events: BatchEvents }> {
    return this.commitBatch(this.prepareBatch(input));
  }

  /**
   * The part of a batch that needs no database: mapping every record and spotting repeated ids. Pure
   * CPU, so a caller can prepare batch n+1 while batch n's statements run on the server.
   */
  prepareBatch(input: BatchInput): PreparedBatch {
    return mapBatch(input, { source: this.options.source, timeZone: this.options.timeZone });
  }

  /** Resolves, validates, hashes and writes a prepared batch, with its checkpoint, in one transaction. */
  async commitBatch(prepared: PreparedBatch): Promise<{ counts: BatchCounts; events: BatchEvents }> {
    const { input, items, status, rejects } = prepared;
    let attempt = { status: [...status], rejects: [...rejects] };
    let events: BatchEvents;
    const durable = Boolean(input.checkpoint?.afterCommit);
    try {
      events = await this.transaction(
        () => this.apply(input, items, attempt.status, attempt.rejects, false),
        durable,
      );
    } catch (error) {
      if (!isRowLevelError(error)) throw error;
      attempt = { status: [...status], rejects: [...rejects] };
      events = await this.transaction(
        () => this.apply(input, items, attempt.status, attempt.rejects, true),
        durable,
      );
    }
    await input.checkpoint?.afterCommit?.();
    return { counts: countStatuses(attempt.status), events };
  }

  /**
   * One transaction on the writer's connection. `durable`: its checkpoint's `afterCommit` destroys the
   * source's copy of what it commits (a file archived, MQTT messages acknowledged), so this commit waits
   * for the WAL flush (`synchronous_commit = on` for it alone): a server crash after it cannot lose rows
   * the source no longer has (issue 17).
   */
  private async transaction<T>(work: () => Promise<T>, durable = false): Promise<T> {
    await this.client.query('BEGIN');
    try {
      if (durable) await this.client.query('SET LOCAL synchronous_commit TO on');
      const result = await work();
      await this.client.query('COMMIT');
      return result;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      this.crosswalk.clear();
      forgetStagingTables(this.client);
      throw error;
    }
  }

  private async apply(
    input: BatchInput,
    items: Item[],
    status: RecordStatus[],
    rejects: Reject[],
    isolate: boolean,
  ): Promise<BatchEvents> {
    const { crosswalk, client, db } = this;
    const full = this.options.mode === 'FULL';
    const events: BatchEvents = { alerts: [], positions: [], readings: [] };
    const scope: BatchScope = {
      client,
      db,
      source: this.options.source,
      status,
      isolate,
      reject: (item, reason, code) => {
        if (status[item.index] === 'rejected') return;
        status[item.index] = 'rejected';
        rejects.push({ index: item.index, reason, code, externalId: item.mapped.externalId });
      },
    };

    const groups = new Map<EntityName, Item[]>();
    for (const item of items) {
      let group = groups.get(item.entity);
      if (!group) groups.set(item.entity, (group = []));
      group.push(item);
    }

    for (const [entity, group] of groups) {
      const strategy = ENTITY_TABLES[entity];
      const table = await this.table(entity);
      const resolved = await lookUpReferences(scope, crosswalk, group);
      const links = group.filter((i) => i.mapped.link);
      if (links.length > 0) await applyLinks(scope, crosswalk, entity, links);
      const { ready, pendingSelf } = resolveReferences(scope, crosswalk, resolved, entity, table, group);

      if (strategy.kind === 'alert') {
        await writeAlarms(scope, ready, events.alerts);
        continue;
      }
      await applyReportedDeletions(scope, entity, ready);
      const upserts = ready.filter((r) => !r.item.mapped.deleted);
      const { staged, byKey, changed } = await upsertRows(scope, entity, table, upserts);

      if (pendingSelf.length > 0) await resolveSelfReferences(scope, crosswalk, entity, pendingSelf, byKey);
      // Aliases of unchanged rows are registered already (they are part of the hash).
      const written = new Set(staged.filter((s) => changed.has(s.row.key)).map((s) => s.item));
      await registerAliases(
        scope,
        entity,
        upserts.map((u) => u.item).filter((i) => status[i.index] !== 'rejected' && written.has(i)),
      );
      if (full && strategy.kind === 'entity') {
        await markSeen(
          db,
          entity,
          upserts.map((u) => u.item.mapped.externalId!),
        );
      }
      if (entity === 'Reading') {
        const latest = latestReadings(staged, changed);
        events.readings.push(...latest);
        await touchDevices(db, latest);
      }
      if (entity === 'VehiclePosition' && this.options.collectEvents !== false) {
        events.positions.push(...(await latestPositions(db, staged, changed)));
      }
    }

    // A rejected record of a full sync still exists at the source: it must not be soft-deleted for it.
    if (full && ENTITY_TABLES[input.mapping.entity].kind === 'entity') {
      await markSeen(
        db,
        input.mapping.entity,
        rejects.map((r) => r.externalId).filter((id): id is string => typeof id === 'string' && id !== ''),
      );
    }
    await insertRejects(this.run, input, rejects);
    await addRunCounts(this.run, countStatuses(status));
    if (input.checkpoint) await commitCursor(this.run, input.checkpoint);
    return events;
  }

  /**
   * Quarantines input that never became a record (a file that is not a table, a payload that is not
   * JSON): one `RejectedRecord`, counted as read and rejected in the run.
   */
  async rejectRaw(stream: string, payload: unknown, reason: string, code: string): Promise<void> {
    await this.transaction(() => insertRawReject(this.run, stream, payload, reason, code));
  }

  /** Commits a checkpoint that covers no records (a stream that had nothing new). */
  async commitCheckpoint(checkpoint: StateMessage): Promise<void> {
    await this.transaction(() => commitCursor(this.run, checkpoint), Boolean(checkpoint.afterCommit));
    await checkpoint.afterCommit?.();
  }

  /**
   * After a FULL run: every entity of `entities` from this source that the run did not see is marked
   * deleted (`deletedAt`), never removed; an empty answer deletes nothing (`softDeleteUnseen`).
   */
  async reconcileDeletes(entities: EntityName[]): Promise<{ deleted: number; warnings: string[] }> {
    if (this.options.mode !== 'FULL' || entities.length === 0) return { deleted: 0, warnings: [] };
    return this.transaction(() =>
      softDeleteUnseen(this.db, this.options.source, this.options.runId, entities),
    );
  }

  /** Before `reconcileDeletes`: how many rows of each entity it would delete, of how many. */
  async unseenShares(entities: EntityName[]): Promise<UnseenShare[]> {
    if (this.options.mode !== 'FULL') return [];
    return unseenShares(this.db, this.options.source, entities);
  }

  /** Reports an incident of the sync itself (a refused mass delete) through the one alert lifecycle. */
  async reportIncident(report: IncidentReport): Promise<AlertChangedEvent | null> {
    return this.transaction(() => reportIncident(this.db, report));
  }
}
