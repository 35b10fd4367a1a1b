import type { BatchScope, Item } from './batch-types.ts';
import type { Crosswalk } from './crosswalk.ts';
import { ident } from './entity-tables.ts';
import type { EntityName } from './mapping-types.ts';

/** `link` items: aliases for an entity another source created; nothing else is written. */
export async function applyLinks(
  scope: BatchScope,
  crosswalk: Crosswalk,
  entity: EntityName,
  items: Item[],
): Promise<void> {
  const { client, status } = scope;
  const resolved = await crosswalk.resolveAll(
    client,
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
  const result = await client.query<{ source: string; externalId: string }>(
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
  await scope.client.query(
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
      scope.source,
    ],
  );
}
