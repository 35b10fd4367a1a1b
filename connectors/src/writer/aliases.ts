import { sql, type Expression } from 'kysely';
import { unnestRows, type SqlExecutor } from '@district-hub/schema/database';
import type { BatchScope, Item } from './batch-types.ts';
import type { Crosswalk } from './crosswalk.ts';
import type { EntityName } from './mapping-types.ts';

/** `link` items: aliases for an entity another source created; nothing else is written. */
export async function applyLinks(
  scope: BatchScope,
  crosswalk: Crosswalk,
  entity: EntityName,
  items: Item[],
): Promise<void> {
  const { status } = scope;
  const resolved = await crosswalk.resolveAll(
    scope.db,
    items.map((i) => i.mapped.link!),
  );
  const rows: Array<{ id: number; source: string; externalId: string; index: number }> = [];
  for (const item of items) {
    if (status[item.index] === 'rejected') continue;
    const ref = item.mapped.link!;
    const hit = resolved.get(crosswalk.keyOf(ref)) ?? null;
    if (!hit || 'deletedAt' in hit) {
      scope.reject(item, crosswalk.describeFailure('link', ref, hit), 'writer/reference_unresolved');
      continue;
    }
    for (const alias of item.mapped.aliases ?? []) rows.push({ id: hit.id, ...alias, index: item.index });
  }
  if (rows.length === 0) return;
  const unique = [...new Map(rows.map((r) => [`${r.source}\u0000${r.externalId}`, r])).values()];
  const u = unnestRows<'u', { hubId: number; source: string; externalId: string }>('u', {
    hubId: { values: unique.map((r) => r.id), type: 'int' },
    source: { values: unique.map((r) => r.source), type: 'text' },
    externalId: { values: unique.map((r) => r.externalId), type: 'text' },
  });
  const result = await upsertExternalRefs(
    scope.db,
    scope.db.selectFrom(u).select([sql.lit(entity).as('entityType'), 'u.hubId', 'u.source', 'u.externalId']),
  )
    .returning(['ExternalRef.source', 'ExternalRef.externalId'])
    .execute();
  const changed = new Set(result.map((r) => `${r.source}\u0000${r.externalId}`));
  for (const r of unique) if (changed.has(`${r.source}\u0000${r.externalId}`)) status[r.index] = 'written';
}

/** Registers the crosswalk aliases of written rows (the logistics `1号楼` of building FZX-A01). */
export async function registerAliases(scope: BatchScope, entity: EntityName, items: Item[]): Promise<void> {
  const seen = new Map<string, { owner: string; source: string; externalId: string }>();
  for (const item of items) {
    for (const alias of item.mapped.aliases ?? []) {
      seen.set(`${alias.source}\u0000${alias.externalId}`, { owner: item.mapped.externalId!, ...alias });
    }
  }
  if (seen.size === 0) return;
  const list = [...seen.values()];
  const a = unnestRows<'a', { owner: string; source: string; externalId: string }>('a', {
    owner: { values: list.map((alias) => alias.owner), type: 'text' },
    source: { values: list.map((alias) => alias.source), type: 'text' },
    externalId: { values: list.map((alias) => alias.externalId), type: 'text' },
  });
  await upsertExternalRefs(
    scope.db,
    sql<ExternalRefRow>`SELECT ${entity}, e.id, a.source, a."externalId"
      FROM ${a} JOIN ${sql.table(entity)} e ON e.source = ${scope.source} AND e."externalId" = a.owner`,
  ).execute();
}

interface ExternalRefRow {
  entityType: string;
  hubId: number;
  source: string;
  externalId: string;
}

/**
 * `ExternalRef` rows from `rows` (entityType, hubId, source, externalId): a new alias is added, and
 * one that named another hub row now names this one.
 */
function upsertExternalRefs(db: SqlExecutor, rows: Expression<ExternalRefRow>) {
  return db
    .insertInto('ExternalRef')
    .columns(['entityType', 'hubId', 'source', 'externalId'])
    .expression(rows)
    .onConflict((oc) =>
      oc
        .columns(['source', 'entityType', 'externalId'])
        .doUpdateSet((eb) => ({ hubId: eb.ref('excluded.hubId') }))
        .whereRef('ExternalRef.hubId', '<>', 'excluded.hubId'),
    );
}
