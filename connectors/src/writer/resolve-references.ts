import { contentHash } from '@district-hub/schema';
import { sql } from 'kysely';
import type { BatchScope, Item, ReadyRow } from './batch-types.ts';
import type { Crosswalk, Resolution } from './crosswalk.ts';
import { ENTITY_TABLES } from './entity-tables.ts';
import type { EntityName, EntityRef } from './mapping-types.ts';
import type { StagedRow } from './stage-and-upsert.ts';
import type { TableInfo } from './table-metadata.ts';
import { textTooLong } from './record-limits.ts';
import { validateRow } from './validate-row.ts';

/** A reference into the item's own table left for after the upsert (see `resolveReferences`). */
export interface PendingSelfRef {
  item: Item;
  column: string;
  ref: EntityRef;
}

/** Looks up every reference of a group's items in the `ExternalRef` crosswalk, in one round trip. */
export function lookUpReferences(
  scope: BatchScope,
  crosswalk: Crosswalk,
  group: Item[],
): Promise<Map<string, Resolution>> {
  const refs = group.flatMap((i) => Object.values(i.mapped.refs ?? {}).filter((r) => r != null));
  return crosswalk.resolveAll(scope.db, refs);
}

/**
 * Turns each item's references (a room's building, a trip's vehicle) into hub ids from the crosswalk
 * look-up and validates the row; an item whose reference cannot be resolved, or whose row the table
 * would refuse, is rejected with the reason. Links and rejected items are skipped.
 */
export function resolveReferences(
  scope: BatchScope,
  crosswalk: Crosswalk,
  resolved: Map<string, Resolution>,
  entity: EntityName,
  table: TableInfo,
  group: Item[],
): { ready: ReadyRow[]; pendingSelf: PendingSelfRef[] } {
  const strategy = ENTITY_TABLES[entity];
  const ready: ReadyRow[] = [];
  const pendingSelf: PendingSelfRef[] = [];
  for (const item of group) {
    if (scope.status[item.index] === 'rejected' || item.mapped.link) continue;
    const values: Record<string, unknown> = { ...item.mapped.fields };
    let problem: { reason: string; code: string } | null = null;
    for (const [column, ref] of Object.entries(item.mapped.refs ?? {})) {
      if (!ref) {
        values[column] = null;
        continue;
      }
      const hit = resolved.get(crosswalk.keyOf(ref)) ?? null;
      if (hit && !('deletedAt' in hit)) values[column] = hit.id;
      else if (ref.entity === entity && !hit) {
        // A reference within the same table (an agency's parent) may point to a row of this very
        // batch: resolved again after the upsert (`resolveSelfReferences`).
        values[column] = null;
        pendingSelf.push({ item, column, ref });
      } else if (ref.optional) values[column] = null;
      else {
        problem = {
          reason: crosswalk.describeFailure(column, ref, hit),
          code: 'writer/reference_unresolved',
        };
        break;
      }
    }
    if (!problem && strategy.kind !== 'keyed' && !item.mapped.externalId && strategy.kind !== 'alert') {
      problem = { reason: `the record has no id (primary key is empty)`, code: 'writer/record_rejected' };
    }
    const externalId = item.mapped.externalId;
    const longId = !problem && typeof externalId === 'string' ? textTooLong('externalId', externalId) : null;
    if (longId) problem = { reason: `the record's id ${longId}`, code: 'writer/record_rejected' };
    if (!problem && !item.mapped.deleted) {
      const reason = validateRow(table, values);
      if (reason) problem = { reason, code: 'writer/record_rejected' };
    }
    if (problem) scope.reject(item, problem.reason, problem.code);
    else ready.push({ item, values });
  }
  return { ready, pendingSelf };
}

/** Second pass for references into the same table (see `resolveReferences`): fills the column and the hash. */
export async function resolveSelfReferences(
  scope: BatchScope,
  crosswalk: Crosswalk,
  entity: EntityName,
  pending: PendingSelfRef[],
  byKey: Map<string, { row: StagedRow; item: Item }>,
): Promise<void> {
  const resolved = await crosswalk.resolveAll(
    scope.db,
    pending.map((p) => p.ref),
  );
  const touched = new Map<string, { row: StagedRow; item: Item }>();
  for (const { item, column, ref } of pending) {
    const hit = resolved.get(crosswalk.keyOf(ref)) ?? null;
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
    const set = columns.map((column) => sql`${sql.ref(column)} = ${row.values[column]}`);
    await sql`UPDATE ${sql.table(entity)} SET ${sql.join(set)}, "contentHash" = ${row.values.contentHash}
      WHERE source = ${scope.source} AND "externalId" = ${row.key}`.execute(scope.db);
  }
}
