import type pg from 'pg';
import type {
  AlertChangedEvent,
  ReadingEvent,
  VehiclePositionEvent,
} from '@district-hub/schema/events/event-map';
import { HubError } from '@district-hub/schema/errors/hub-error';
import type { JsonValue, SourceRecord, StateMessage } from '../sdk/types.ts';
import { writeAlert } from './alert-writer.ts';
import { canonicalJson, contentHash } from './content-hash.ts';
import { Crosswalk } from './crosswalk.ts';
import { ENTITY_TABLES, ident } from './entity-tables.ts';
import type { EntityMapping, EntityName, EntityRef, MappedEntity } from './mapping-types.ts';
import { forgetStagingTables, keyedKey, stageAndUpsert, type StagedRow } from './stage-and-upsert.ts';
import { loadTableInfo, type TableInfo } from './table-metadata.ts';
import { validateRow } from './validate-row.ts';

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

export interface BatchInput {
  stream: string;
  mapping: EntityMapping;
  mappingOptions?: Record<string, unknown>;
  records: SourceRecord[];
  /** Per record, where it came from (`rooms.csv`, a topic), prefixed to rejection reasons. */
  origins?: (string | undefined)[];
  /** Per record, its row in that origin (`rooms.csv row 17`). */
  lines?: (number | undefined)[];
  /** The checkpoint these records complete: committed in the same transaction. */
  checkpoint?: StateMessage;
  /**
   * The stream's primary key fields in the source record: a record repeating another record's id with
   * different content (a source bug) is quarantined; an exact repeat is harmless and dropped.
   */
  primaryKey?: string[];
}

export interface BatchCounts {
  read: number;
  written: number;
  unchanged: number;
  rejected: number;
  deleted: number;
}

export interface BatchEvents {
  alerts: AlertChangedEvent[];
  positions: VehiclePositionEvent[];
  readings: ReadingEvent[];
}

type RecordStatus = 'unchanged' | 'written' | 'rejected' | 'deleted';

/** A mapped batch waiting for its transaction (`SyncWriter.prepareBatch`). */
export interface PreparedBatch {
  input: BatchInput;
  items: Item[];
  status: RecordStatus[];
  rejects: Reject[];
}

interface Item {
  index: number;
  entity: EntityName;
  mapped: MappedEntity;
}

interface Reject {
  index: number;
  reason: string;
  code: string;
  externalId?: string;
}

/** SQLSTATE classes that mean "this row is bad" (data exception, integrity violation), not "the database is gone". */
function isRowLevelError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/**
 * The writer: turns batches of source records into hub rows on one dedicated PostgreSQL connection.
 *
 * One batch is one transaction: map → resolve references → validate → hash → COPY into a temp table
 * → `INSERT … ON CONFLICT (source, "externalId") DO UPDATE … WHERE hash differs` → quarantine the
 * rejects in `RejectedRecord` → add the counts to the `SyncRun` → upsert the stream's `SyncCursor` →
 * COMMIT. The cursor therefore moves exactly when the rows it covers are in, so a crash at any point
 * loses nothing and repeats nothing that matters (a repeated record hashes equal and writes nothing).
 *
 * If PostgreSQL refuses a row the validation did not foresee (a unique building code used twice), the
 * batch is retried row by row under savepoints, and only the refused rows are quarantined.
 */
export class SyncWriter {
  readonly crosswalk: Crosswalk;
  private readonly tables = new Map<string, TableInfo>();

  private constructor(
    private readonly client: pg.ClientBase,
    private readonly options: SyncWriterOptions,
  ) {
    this.crosswalk = new Crosswalk(options.source);
  }

  static async open(client: pg.ClientBase, options: SyncWriterOptions): Promise<SyncWriter> {
    // Keyed rows are matched back by their text form; a UTC session makes timestamptz text stable.
    await client.query(`SET TIME ZONE 'UTC'`);
    // Each batch commits its rows and its cursor together, so a commit lost in a server crash is lost
    // whole and the next run re-reads from the cursor before it: durability of the last few batches can
    // be traded for commit latency without ever losing or doubling a record.
    await client.query(`SET synchronous_commit TO off`);
    if (options.mode === 'FULL') {
      await client.query(
        `CREATE TEMP TABLE IF NOT EXISTS _hub_seen (entity text NOT NULL, external_id text NOT NULL,
           PRIMARY KEY (entity, external_id))`,
      );
      await client.query('TRUNCATE _hub_seen');
    }
    return new SyncWriter(client, options);
  }

  private async table(entity: string): Promise<TableInfo> {
    let info = this.tables.get(entity);
    if (!info) this.tables.set(entity, (info = await loadTableInfo(this.client, entity)));
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
    const { mapping, records } = input;
    const status: RecordStatus[] = new Array(records.length).fill('unchanged');
    const rejects: Reject[] = [];
    const items: Item[] = [];
    const context = {
      source: this.options.source,
      stream: input.stream,
      timeZone: this.options.timeZone,
      options: input.mappingOptions ?? {},
    };
    // First record index per source id; contents are compared only when an id repeats.
    const seenKeys = new Map<string, number>();
    for (let index = 0; index < records.length; index += 1) {
      const record = records[index]!;
      if (input.primaryKey && input.primaryKey.length > 0) {
        const key = input.primaryKey.map((f) => String(record[f] ?? '').trim()).join('\u0000');
        const first = seenKeys.get(key);
        if (first !== undefined && key !== '') {
          if (canonicalJson(records[first]) !== canonicalJson(record)) {
            status[index] = 'rejected';
            rejects.push({
              index,
              reason: `${input.primaryKey.join('+')} "${key.split('\u0000').join('+')}" is also the id of another record of this batch with different content; the source has two records under one id`,
              code: 'writer/record_rejected',
              externalId: safeExternalId(mapping, record),
            });
          }
          continue;
        }
        seenKeys.set(key, index);
      }
      try {
        const out = mapping.map(record, context);
        const list = out === null ? [] : Array.isArray(out) ? out : [out];
        for (const mapped of list) items.push({ index, entity: mapped.entity ?? mapping.entity, mapped });
      } catch (error) {
        status[index] = 'rejected';
        rejects.push({
          index,
          reason: error instanceof Error ? error.message : String(error),
          code: error instanceof HubError ? error.code : 'writer/record_rejected',
          externalId: safeExternalId(mapping, record),
        });
      }
    }

    return { input, items, status, rejects };
  }

  /** Resolves, validates, hashes and writes a prepared batch, with its checkpoint, in one transaction. */
  async commitBatch(prepared: PreparedBatch): Promise<{ counts: BatchCounts; events: BatchEvents }> {
    const { input, items, status, rejects } = prepared;
    let attempt = { status: [...status], rejects: [...rejects] };
    let events: BatchEvents;
    try {
      events = await this.transaction(() => this.apply(input, items, attempt.status, attempt.rejects, false));
    } catch (error) {
      if (!isRowLevelError(error)) throw error;
      attempt = { status: [...status], rejects: [...rejects] };
      events = await this.transaction(() => this.apply(input, items, attempt.status, attempt.rejects, true));
    }
    await input.checkpoint?.afterCommit?.();
    return { counts: countStatuses(attempt.status), events };
  }

  private async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.client.query('BEGIN');
    try {
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
    const { source } = this.options;
    const events: BatchEvents = { alerts: [], positions: [], readings: [] };
    const reject = (item: Item, reason: string, code: string) => {
      if (status[item.index] === 'rejected') return;
      status[item.index] = 'rejected';
      rejects.push({ index: item.index, reason, code, externalId: item.mapped.externalId });
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
      const refs = group.flatMap((i) => Object.values(i.mapped.refs ?? {}).filter((r) => r != null));
      const resolved = await this.crosswalk.resolveAll(this.client, refs);

      const links = group.filter((i) => i.mapped.link);
      if (links.length > 0) await this.applyLinks(entity, links, status, reject);
      const ready: Array<{ item: Item; values: Record<string, unknown> }> = [];
      const pendingSelf: Array<{ item: Item; column: string; ref: EntityRef }> = [];
      for (const item of group) {
        if (status[item.index] === 'rejected' || item.mapped.link) continue;
        const values: Record<string, unknown> = { ...item.mapped.fields };
        let problem: { reason: string; code: string } | null = null;
        for (const [column, ref] of Object.entries(item.mapped.refs ?? {})) {
          if (!ref) {
            values[column] = null;
            continue;
          }
          const hit = resolved.get(this.crosswalk.keyOf(ref)) ?? null;
          if (hit && !('deletedAt' in hit)) values[column] = hit.id;
          else if (ref.entity === entity && !hit) {
            // A reference within the same table (an agency's parent) may point to a row of this very
            // batch: resolved again after the upsert below.
            values[column] = null;
            pendingSelf.push({ item, column, ref });
          } else if (ref.optional) values[column] = null;
          else {
            problem = {
              reason: this.crosswalk.describeFailure(column, ref, hit),
              code: 'writer/reference_unresolved',
            };
            break;
          }
        }
        if (!problem && strategy.kind !== 'keyed' && !item.mapped.externalId && strategy.kind !== 'alert') {
          problem = { reason: `the record has no id (primary key is empty)`, code: 'writer/record_rejected' };
        }
        if (!problem && !item.mapped.deleted) {
          const reason = validateRow(table, values);
          if (reason) problem = { reason, code: 'writer/record_rejected' };
        }
        if (problem) reject(item, problem.reason, problem.code);
        else ready.push({ item, values });
      }

      if (strategy.kind === 'alert') {
        ready.sort((a, b) => (a.values.raisedAt as Date).getTime() - (b.values.raisedAt as Date).getTime());
        for (const { item, values } of ready) {
          const run = () =>
            writeAlert(this.client, source, {
              fields: values as Record<string, unknown> & { dedupeKey: string; raisedAt: Date },
              cleared: item.mapped.cleared === true,
            });
          const outcome = isolate
            ? await this.savepoint(run, (e) => reject(item, dbReason(e), 'writer/record_rejected'))
            : await run();
          if (outcome?.changed) status[item.index] = 'written';
          if (outcome?.event) events.alerts.push(outcome.event);
        }
        continue;
      }

      // Deletions the source reports (incremental syncs): soft delete, never a hard delete.
      const deletions = ready.filter((r) => r.item.mapped.deleted);
      if (deletions.length > 0 && strategy.kind === 'entity') {
        const result = await this.client.query<{ externalId: string }>(
          `UPDATE ${ident(entity)} SET "deletedAt" = now(), "syncedAt" = now()
            WHERE source = $1 AND "externalId" = ANY($2::text[]) AND "deletedAt" IS NULL
            RETURNING "externalId"`,
          [source, deletions.map((d) => d.item.mapped.externalId!)],
        );
        const gone = new Set(result.rows.map((r) => r.externalId));
        for (const d of deletions) if (gone.has(d.item.mapped.externalId!)) status[d.item.index] = 'deleted';
      }

      const upserts = ready.filter((r) => !r.item.mapped.deleted);
      const byKey = new Map<string, { row: StagedRow; item: Item }>();
      for (const { item, values } of upserts) {
        let key: string;
        if (strategy.kind === 'keyed') {
          if (table.columns.has('source')) values.source = source;
          key = keyedKey(values, strategy.conflict);
        } else {
          if (strategy.kind === 'entity') {
            // Hashed before source and externalId are added (they are the key, not content). Aliases are
            // content: a changed alias rewrites the row and registers the alias again.
            if (item.mapped.aliases?.length) values.$aliases = item.mapped.aliases;
            const hash = contentHash(values);
            delete values.$aliases;
            values.contentHash = hash;
          }
          values.source = source;
          values.externalId = item.mapped.externalId;
          key = item.mapped.externalId!;
        }
        const previous = byKey.get(key);
        if (
          previous &&
          strategy.kind === 'entity' &&
          previous.row.values.contentHash !== values.contentHash
        ) {
          // Two different records claim one id in the same read: keep the first, quarantine the second.
          reject(
            item,
            `id "${key}" is already used by another record of this batch with different content`,
            'writer/record_rejected',
          );
          continue;
        }
        byKey.set(key, { row: { values, key }, item }); // an exact repeat is harmless
      }
      const staged = [...byKey.values()];
      const columns = unionColumns(staged.map((s) => s.row.values));
      let changed: Set<string>;
      if (isolate) {
        changed = new Set();
        for (const { row, item } of staged) {
          const keys = await this.savepoint(
            () => stageAndUpsert(this.client, entity, strategy, columns, [row]),
            (e) => reject(item, dbReason(e), 'writer/record_rejected'),
          );
          for (const k of keys ?? []) changed.add(k);
        }
      } else {
        changed = await stageAndUpsert(
          this.client,
          entity,
          strategy,
          columns,
          staged.map((s) => s.row),
        );
      }
      for (const { row, item } of staged) {
        if (changed.has(row.key) && status[item.index] !== 'rejected') status[item.index] = 'written';
      }

      if (pendingSelf.length > 0) await this.resolveSelfReferences(entity, pendingSelf, byKey);
      // Aliases of unchanged rows are registered already (they are part of the hash).
      const written = new Set(staged.filter((s) => changed.has(s.row.key)).map((s) => s.item));
      await this.registerAliases(
        entity,
        upserts.map((u) => u.item).filter((i) => status[i.index] !== 'rejected' && written.has(i)),
      );
      if (this.options.mode === 'FULL' && strategy.kind === 'entity') {
        await this.markSeen(
          entity,
          upserts.map((u) => u.item.mapped.externalId!),
        );
      }
      if (entity === 'Reading') {
        const latest = latestReadings(staged, changed);
        events.readings.push(...latest);
        await this.touchDevices(latest);
      }
      if (entity === 'VehiclePosition' && this.options.collectEvents !== false) {
        events.positions.push(...(await this.latestPositions(staged, changed)));
      }
    }

    // A rejected record of a full sync still exists at the source: it must not be soft-deleted for it.
    if (this.options.mode === 'FULL' && ENTITY_TABLES[input.mapping.entity].kind === 'entity') {
      await this.markSeen(
        input.mapping.entity,
        rejects.map((r) => r.externalId).filter((id): id is string => typeof id === 'string' && id !== ''),
      );
    }
    await this.insertRejects(input, rejects);
    const counts = countStatuses(status);
    await this.client.query(
      `UPDATE "SyncRun" SET "readCount" = "readCount" + $2, "writtenCount" = "writtenCount" + $3,
              "unchangedCount" = "unchangedCount" + $4, "rejectedCount" = "rejectedCount" + $5,
              "deletedCount" = "deletedCount" + $6
        WHERE id = $1`,
      [this.options.runId, counts.read, counts.written, counts.unchanged, counts.rejected, counts.deleted],
    );
    if (input.checkpoint) await this.commitCursor(input.checkpoint);
    return events;
  }

  /** Telemetry is a sign of life: `Device.lastSeenAt` moves forward to the newest reading (heartbeat rules read it). */
  private async touchDevices(latest: ReadingEvent[]): Promise<void> {
    const newest = new Map<number, string>();
    for (const r of latest) if ((newest.get(r.deviceId) ?? '') < r.time) newest.set(r.deviceId, r.time);
    if (newest.size === 0) return;
    await this.client.query(
      `UPDATE "Device" d SET "lastSeenAt" = u.t
         FROM unnest($1::int[], $2::timestamptz[]) AS u(id, t)
        WHERE d.id = u.id AND (d."lastSeenAt" IS NULL OR d."lastSeenAt" < u.t)`,
      [[...newest.keys()], [...newest.values()]],
    );
  }

  /** Second pass for references into the same table (see `apply`): fills the column and the hash. */
  private async resolveSelfReferences(
    entity: EntityName,
    pending: Array<{ item: Item; column: string; ref: EntityRef }>,
    byKey: Map<string, { row: StagedRow; item: Item }>,
  ): Promise<void> {
    const resolved = await this.crosswalk.resolveAll(
      this.client,
      pending.map((p) => p.ref),
    );
    const touched = new Map<string, { row: StagedRow; item: Item }>();
    for (const { item, column, ref } of pending) {
      const hit = resolved.get(this.crosswalk.keyOf(ref)) ?? null;
      const staged = byKey.get(item.mapped.externalId!);
      if (!staged || !hit || 'deletedAt' in hit) continue;
      staged.row.values[column] = hit.id;
      touched.set(staged.row.key, staged);
    }
    for (const { row, item } of touched.values()) {
      const { source: _s, externalId: _e, contentHash: _h, ...content } = row.values;
      if (item.mapped.aliases?.length) content.$aliases = item.mapped.aliases;
      row.values.contentHash = contentHash(content);
      const columns = pending.map((p) => p.column).filter((c, i, all) => all.indexOf(c) === i);
      await this.client.query(
        `UPDATE ${ident(entity)} SET ${columns.map((c, i) => `${ident(c)} = $${i + 3}`).join(', ')}, "contentHash" = $${columns.length + 3}
          WHERE source = $1 AND "externalId" = $2`,
        [this.options.source, row.key, ...columns.map((c) => row.values[c]), row.values.contentHash],
      );
    }
  }

  /** `link` items: aliases for an entity another source created; nothing else is written. */
  private async applyLinks(
    entity: EntityName,
    items: Item[],
    status: RecordStatus[],
    reject: (item: Item, reason: string, code: string) => void,
  ): Promise<void> {
    const resolved = await this.crosswalk.resolveAll(
      this.client,
      items.map((i) => i.mapped.link!),
    );
    const rows: Array<{ id: number; source: string; externalId: string; index: number }> = [];
    for (const item of items) {
      if (status[item.index] === 'rejected') continue;
      const ref = item.mapped.link!;
      const hit = resolved.get(this.crosswalk.keyOf(ref)) ?? null;
      if (!hit || 'deletedAt' in hit) {
        reject(item, this.crosswalk.describeFailure('link', ref, hit), 'writer/reference_unresolved');
        continue;
      }
      for (const alias of item.mapped.aliases ?? []) rows.push({ id: hit.id, ...alias, index: item.index });
    }
    if (rows.length === 0) return;
    const unique = [...new Map(rows.map((r) => [`${r.source}\u0000${r.externalId}`, r])).values()];
    const result = await this.client.query<{ source: string; externalId: string }>(
      `INSERT INTO "ExternalRef" ("entityType", "hubId", source, "externalId")
       SELECT $1, u.id, u.src, u.ext FROM unnest($2::int[], $3::text[], $4::text[]) AS u(id, src, ext)
       ON CONFLICT (source, "entityType", "externalId")
       DO UPDATE SET "hubId" = EXCLUDED."hubId" WHERE "ExternalRef"."hubId" <> EXCLUDED."hubId"
       RETURNING source, "externalId"`,
      [entity, unique.map((r) => r.id), unique.map((r) => r.source), unique.map((r) => r.externalId)],
    );
    const changed = new Set(result.rows.map((r) => `${r.source}\u0000${r.externalId}`));
    for (const r of unique) if (changed.has(`${r.source}\u0000${r.externalId}`)) status[r.index] = 'written';
  }

  private async savepoint<T>(
    work: () => Promise<T>,
    onRowError: (error: unknown) => void,
  ): Promise<T | undefined> {
    await this.client.query('SAVEPOINT hub_row');
    try {
      const result = await work();
      await this.client.query('RELEASE SAVEPOINT hub_row');
      return result;
    } catch (error) {
      await this.client.query('ROLLBACK TO SAVEPOINT hub_row');
      forgetStagingTables(this.client);
      if (!isRowLevelError(error)) throw error;
      onRowError(error);
      return undefined;
    }
  }

  /** Commits a checkpoint: the stream's cursor, the run's `cursorAfter`, and the connector's own work. */
  private async commitCursor(checkpoint: StateMessage): Promise<void> {
    const cursor = JSON.stringify(checkpoint.cursor ?? null);
    await this.client.query(
      `INSERT INTO "SyncCursor" ("sourceId", stream, cursor, "updatedAt") VALUES ($1, $2, $3::jsonb, now())
       ON CONFLICT ("sourceId", stream) DO UPDATE SET cursor = EXCLUDED.cursor, "updatedAt" = now()`,
      [this.options.source, checkpoint.stream, cursor],
    );
    await this.client.query(
      `UPDATE "SyncRun" SET "cursorAfter" = COALESCE("cursorAfter", '{}'::jsonb) || jsonb_build_object($2::text, $3::jsonb)
        WHERE id = $1`,
      [this.options.runId, checkpoint.stream, cursor],
    );
    await checkpoint.inTransaction?.(this.client as never);
  }

  /**
   * Quarantines input that never became a record (a file that is not a table, a payload that is not
   * JSON): one `RejectedRecord`, counted as read and rejected in the run.
   */
  async rejectRaw(stream: string, payload: unknown, reason: string, code: string): Promise<void> {
    await this.transaction(async () => {
      await this.client.query(
        `INSERT INTO "RejectedRecord" (source, stream, payload, reason, code, "runId") VALUES ($1, $2, $3::jsonb, $4, $5, $6)`,
        [this.options.source, stream, safeJson(payload as SourceRecord), reason, code, this.options.runId],
      );
      await this.client.query(
        `UPDATE "SyncRun" SET "readCount" = "readCount" + 1, "rejectedCount" = "rejectedCount" + 1 WHERE id = $1`,
        [this.options.runId],
      );
    });
  }

  /** Commits a checkpoint that covers no records (a stream that had nothing new). */
  async commitCheckpoint(checkpoint: StateMessage): Promise<void> {
    await this.transaction(() => this.commitCursor(checkpoint));
    await checkpoint.afterCommit?.();
  }

  private async registerAliases(entity: EntityName, items: Item[]): Promise<void> {
    const seen = new Map<string, { owner: string; source: string; externalId: string }>();
    for (const item of items) {
      for (const alias of item.mapped.aliases ?? []) {
        seen.set(`${alias.source}\u0000${alias.externalId}`, { owner: item.mapped.externalId!, ...alias });
      }
    }
    if (seen.size === 0) return;
    const list = [...seen.values()];
    await this.client.query(
      `INSERT INTO "ExternalRef" ("entityType", "hubId", source, "externalId")
       SELECT $1, e.id, a.src, a.ext
         FROM unnest($2::text[], $3::text[], $4::text[]) AS a(owner, src, ext)
         JOIN ${ident(entity)} e ON e.source = $5 AND e."externalId" = a.owner
       ON CONFLICT (source, "entityType", "externalId")
       DO UPDATE SET "hubId" = EXCLUDED."hubId" WHERE "ExternalRef"."hubId" <> EXCLUDED."hubId"`,
      [
        entity,
        list.map((a) => a.owner),
        list.map((a) => a.source),
        list.map((a) => a.externalId),
        this.options.source,
      ],
    );
  }

  private async markSeen(entity: EntityName, externalIds: string[]): Promise<void> {
    if (externalIds.length === 0) return;
    await this.client.query(
      `INSERT INTO _hub_seen (entity, external_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
      [entity, externalIds],
    );
  }

  private async insertRejects(input: BatchInput, rejects: Reject[]): Promise<void> {
    if (rejects.length === 0) return;
    const payloads = rejects.map((r) => safeJson(input.records[r.index]));
    const reasons = rejects.map((r) => {
      const origin = input.origins?.[r.index];
      const line = input.lines?.[r.index];
      return origin ? `${origin}${line === undefined ? '' : ` row ${line}`}: ${r.reason}` : r.reason;
    });
    await this.client.query(
      `INSERT INTO "RejectedRecord" (source, stream, "externalId", payload, reason, code, "runId")
       SELECT $1, $2, u.e, u.p, u.r, u.c, $3
         FROM unnest($4::text[], $5::jsonb[], $6::text[], $7::text[]) AS u(e, p, r, c)`,
      [
        this.options.source,
        input.stream,
        this.options.runId,
        rejects.map((r) => r.externalId ?? null),
        payloads,
        reasons,
        rejects.map((r) => r.code),
      ],
    );
  }

  private async latestPositions(
    staged: Array<{ row: StagedRow }>,
    changed: Set<string>,
  ): Promise<VehiclePositionEvent[]> {
    const latest = new Map<number, Record<string, unknown>>();
    for (const { row } of staged) {
      if (!changed.has(row.key)) continue;
      const v = row.values;
      const prev = latest.get(v.vehicleId as number);
      if (!prev || (prev.time as Date) < (v.time as Date)) latest.set(v.vehicleId as number, v);
    }
    if (latest.size === 0) return [];
    const agencies = await this.client.query<{ id: number; agencyId: number | null }>(
      `SELECT id, "agencyId" FROM "Vehicle" WHERE id = ANY($1::int[])`,
      [[...latest.keys()]],
    );
    const agencyOf = new Map(agencies.rows.map((r) => [r.id, r.agencyId]));
    return [...latest.values()].map((v) => ({
      vehicleId: v.vehicleId as number,
      agencyId: agencyOf.get(v.vehicleId as number) ?? null,
      time: (v.time as Date).toISOString(),
      lon: v.lon as number,
      lat: v.lat as number,
      speedKmh: (v.speedKmh as number | undefined) ?? null,
      heading: (v.heading as number | undefined) ?? null,
    }));
  }

  /**
   * After a FULL run: every entity of `entities` from this source that the run did not see is marked
   * deleted (`deletedAt`), never removed. Refuses to delete everything when the source returned nothing
   * (an empty answer is more likely an outage than a district without rooms).
   */
  async reconcileDeletes(entities: EntityName[]): Promise<{ deleted: number; warnings: string[] }> {
    if (this.options.mode !== 'FULL') return { deleted: 0, warnings: [] };
    const warnings: string[] = [];
    let deleted = 0;
    await this.transaction(async () => {
      for (const entity of entities) {
        if (ENTITY_TABLES[entity].kind !== 'entity') continue;
        const seen = await this.client.query<{ n: string }>(
          `SELECT count(*) AS n FROM _hub_seen WHERE entity = $1`,
          [entity],
        );
        if (Number(seen.rows[0]!.n) === 0) {
          warnings.push(
            `${entity}: the source returned no rows in a full sync; not marking existing rows deleted`,
          );
          continue;
        }
        const result = await this.client.query(
          `UPDATE ${ident(entity)} t SET "deletedAt" = now(), "syncedAt" = now()
            WHERE t.source = $1 AND t."deletedAt" IS NULL
              AND NOT EXISTS (SELECT 1 FROM _hub_seen s WHERE s.entity = $2 AND s.external_id = t."externalId")`,
          [this.options.source, entity],
        );
        deleted += result.rowCount ?? 0;
      }
      await this.client.query(`UPDATE "SyncRun" SET "deletedCount" = "deletedCount" + $2 WHERE id = $1`, [
        this.options.runId,
        deleted,
      ]);
    });
    return { deleted, warnings };
  }
}

function countStatuses(status: RecordStatus[]): BatchCounts {
  const counts: BatchCounts = { read: status.length, written: 0, unchanged: 0, rejected: 0, deleted: 0 };
  for (const s of status) counts[s] += 1;
  return counts;
}

function unionColumns(rows: Array<Record<string, unknown>>): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const [k, v] of Object.entries(row)) if (v !== undefined) columns.add(k);
  return [...columns];
}

function latestReadings(staged: Array<{ row: StagedRow }>, changed: Set<string>): ReadingEvent[] {
  const latest = new Map<string, Record<string, unknown>>();
  for (const { row } of staged) {
    if (!changed.has(row.key)) continue;
    const v = row.values;
    const key = `${String(v.deviceId)}\u0000${String(v.metric)}`;
    const prev = latest.get(key);
    if (!prev || (prev.time as Date) < (v.time as Date)) latest.set(key, v);
  }
  return [...latest.values()].map((v) => ({
    deviceId: v.deviceId as number,
    metric: v.metric as string,
    value: v.value as number,
    unit: (v.unit as string | undefined) ?? null,
    time: (v.time as Date).toISOString(),
  }));
}

function dbReason(error: unknown): string {
  const e = error as { message?: string; detail?: string; constraint?: string };
  const detail = e.detail ? ` (${e.detail})` : '';
  return `the database refused the row: ${e.message ?? String(error)}${detail}`;
}

function safeExternalId(mapping: EntityMapping, record: SourceRecord): string | undefined {
  try {
    const id = mapping.externalIdOf?.(record);
    return id === undefined || id === null ? undefined : String(id);
  } catch {
    return undefined;
  }
}

/** The raw record as JSON for `RejectedRecord.payload` (Dates as ISO, bigints and buffers as text). */
function safeJson(record: SourceRecord | undefined): string {
  return JSON.stringify(record ?? null, (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer') {
      return `<${((value as { data?: unknown[] }).data ?? []).length} bytes>`;
    }
    return value as JsonValue;
  });
}
