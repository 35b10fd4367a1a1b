import { sql } from 'kysely';
import { contentHash } from '@district-hub/schema';
import type { BatchScope, Item, ReadyRow } from './batch-types.ts';
import { ENTITY_TABLES } from './entity-tables.ts';
import type { EntityName } from './mapping-types.ts';
import { dbReason, savepoint } from './row-isolation.ts';
import { keyedKey, stageAndUpsert, type StagedRow } from './stage-and-upsert.ts';
import type { TableInfo } from './table-metadata.ts';

export interface StagedItem {
  row: StagedRow;
  item: Item;
}

export interface UpsertResult {
  /** One row per key, in batch order (an exact repeat of a record is staged once). */
  staged: StagedItem[];
  byKey: Map<string, StagedItem>;
  /** Keys of the rows the upsert inserted or changed (content hash differed). */
  changed: Set<string>;
}

/** Deletions the source reports (incremental syncs): soft delete, never a hard delete. */
export async function applyReportedDeletions(
  scope: BatchScope,
  entity: EntityName,
  ready: ReadyRow[],
): Promise<void> {
  const deletions = ready.filter((r) => r.item.mapped.deleted);
  if (deletions.length === 0 || ENTITY_TABLES[entity].kind !== 'entity') return;
  const result = await sql<{ externalId: string }>`
    UPDATE ${sql.table(entity)} SET "deletedAt" = now(), "syncedAt" = now()
     WHERE source = ${scope.source} AND "externalId" = ANY(${deletions.map((d) => d.item.mapped.externalId!)}::text[])
       AND "deletedAt" IS NULL
    RETURNING "externalId"`.execute(scope.db);
  const gone = new Set(result.rows.map((r) => r.externalId));
  for (const d of deletions) if (gone.has(d.item.mapped.externalId!)) scope.status[d.item.index] = 'deleted';
}

/**
 * Keys and hashes the rows of one entity and upserts them in one statement keyed by (source,
 * externalId), or by the table's natural key for keyed tables, skipping rows whose content hash is
 * unchanged. In the row-by-row retry each row goes under a savepoint and a refused row is rejected.
 */
export async function upsertRows(
  scope: BatchScope,
  entity: EntityName,
  table: TableInfo,
  upserts: ReadyRow[],
): Promise<UpsertResult> {
  const { client, db, source, status } = scope;
  const strategy = ENTITY_TABLES[entity];
  const byKey = new Map<string, StagedItem>();
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
    if (previous && strategy.kind === 'entity' && previous.row.values.contentHash !== values.contentHash) {
      // Two different records claim one id in the same read: keep the first, quarantine the second.
      scope.reject(
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
  if (scope.isolate) {
    changed = new Set();
    for (const { row, item } of staged) {
      const keys = await savepoint(
        client,
        () => stageAndUpsert(db, client, entity, strategy, columns, [row]),
        (e) => scope.reject(item, dbReason(e), 'writer/record_rejected'),
      );
      for (const k of keys ?? []) changed.add(k);
    }
  } else {
    changed = await stageAndUpsert(
      db,
      client,
      entity,
      strategy,
      columns,
      staged.map((s) => s.row),
    );
  }
  for (const { row, item } of staged) {
    if (changed.has(row.key) && status[item.index] !== 'rejected') status[item.index] = 'written';
  }
  return { staged, byKey, changed };
}

function unionColumns(rows: Array<Record<string, unknown>>): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const [k, v] of Object.entries(row)) if (v !== undefined) columns.add(k);
  return [...columns];
}
