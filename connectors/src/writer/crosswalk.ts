import { sql } from 'kysely';
import type { SqlExecutor } from '@district-hub/schema/database';
import type { EntityRef } from './mapping-types.ts';

/** Outcome of resolving one reference. */
export type Resolution = { id: number } | { deletedAt: Date; id: number } | null;

/**
 * Resolves references between entities and across sources. A reference names the target by a source's
 * identifier; the lookup order is
 *   1. the `ExternalRef` crosswalk: (source, entityType, externalId) → hubId, where one source's name for
 *      an entity another source created is registered (logistics' `1号楼` → the office-space building);
 *   2. the target table's own (source, externalId), for references inside one source;
 *   or, when the reference sets `field`, the target's unique column (`Agency.code`).
 * Hits are cached for the run (bounded; cleared when a transaction rolls back, since the rows it
 * created are gone). A batch resolves all its references with one query per target kind.
 */
export class Crosswalk {
  private readonly cache = new Map<string, number>();

  constructor(
    private readonly defaultSource: string,
    private readonly maxEntries = 250_000,
  ) {}

  keyOf(ref: EntityRef): string {
    return `${this.groupOf(ref)}\u0000${ref.externalId}`;
  }

  private groupOf(ref: EntityRef): string {
    const scope = ref.within ? `~${ref.within.column}=${this.keyOf(ref.within.ref)}` : '';
    return `${ref.entity}\u0000${ref.field ? `=${ref.field}` : (ref.source ?? this.defaultSource)}${scope}`;
  }

  clear(): void {
    this.cache.clear();
  }

  remember(ref: EntityRef, id: number): void {
    if (this.cache.size >= this.maxEntries) this.cache.clear();
    this.cache.set(this.keyOf(ref), id);
  }

  /** Resolves every reference; the map is keyed by `keyOf(ref)`. */
  async resolveAll(db: SqlExecutor, refs: Iterable<EntityRef>): Promise<Map<string, Resolution>> {
    const out = new Map<string, Resolution>();
    const list = [...refs];
    // Scoped references need their parent first (the building of a room number).
    const parents = list.filter((r) => r.within).map((r) => r.within!.ref);
    const parentIds = parents.length > 0 ? await this.resolveAll(db, parents) : new Map<string, Resolution>();
    const groups = new Map<string, { sample: EntityRef; ids: Set<string>; parentId?: number }>();
    for (const ref of list) {
      const key = this.keyOf(ref);
      if (out.has(key)) continue;
      const cached = this.cache.get(key);
      if (cached !== undefined) {
        out.set(key, { id: cached });
        continue;
      }
      out.set(key, null);
      let parentId: number | undefined;
      if (ref.within) {
        const parent = parentIds.get(this.keyOf(ref.within.ref));
        if (!parent || 'deletedAt' in parent) continue; // unresolvable parent: so is the child
        parentId = parent.id;
      }
      const groupKey = this.groupOf(ref);
      let group = groups.get(groupKey);
      if (!group) groups.set(groupKey, (group = { sample: ref, ids: new Set(), parentId }));
      group.ids.add(ref.externalId);
    }
    for (const { sample, ids, parentId } of groups.values()) {
      const list = [...ids];
      const rows = await candidates(db, sample, list, parentId, sample.source ?? this.defaultSource);
      const best = new Map<string, { id: number; deletedAt: Date | null; prio: number }>();
      for (const row of rows) {
        const prev = best.get(row.k);
        if (!prev || row.prio < prev.prio) best.set(row.k, row);
      }
      for (const [k, row] of best) {
        const ref: EntityRef = { ...sample, externalId: k };
        if (row.deletedAt) {
          out.set(this.keyOf(ref), { id: row.id, deletedAt: row.deletedAt });
        } else {
          out.set(this.keyOf(ref), { id: row.id });
          this.remember(ref, row.id);
        }
      }
    }
    return out;
  }

  /** The sentence a person reads in `RejectedRecord.reason` when a reference does not resolve. */
  describeFailure(column: string, ref: EntityRef, resolution: Resolution): string {
    const whose = ref.field
      ? `${ref.entity}.${ref.field}`
      : `${ref.source ?? this.defaultSource}'s ${ref.entity}`;
    if (resolution && 'deletedAt' in resolution) {
      return `${column}: ${whose} "${ref.externalId}" was deleted on ${resolution.deletedAt.toISOString()}; restore it at the source or correct the reference`;
    }
    const hint = ref.field
      ? `no ${ref.entity} has ${ref.field} "${ref.externalId}"`
      : `neither the ExternalRef crosswalk nor ${ref.entity} knows (${ref.source ?? this.defaultSource}, "${ref.externalId}")`;
    return `${column}: ${whose} "${ref.externalId}" cannot be resolved (${hint}); sync the ${ref.entity.toLowerCase()} first or add a crosswalk alias`;
  }
}

interface Candidate {
  k: string;
  id: number;
  deletedAt: Date | null;
  /** Of two rows for one key, the lower wins: the crosswalk before the table's own id. */
  prio: number;
}

/** The rows `ids` may name in `sample`'s group (one statement), see `Crosswalk` for the order. */
async function candidates(
  db: SqlExecutor,
  sample: EntityRef,
  ids: string[],
  parentId: number | undefined,
  source: string,
): Promise<Candidate[]> {
  const table = sql.table(sample.entity);
  const column = sql.ref(sample.field ?? 'externalId');
  const statement = sample.within
    ? sql<Candidate>`SELECT ${column}::text AS k, id, "deletedAt", 1 AS prio
        FROM ${table} WHERE ${sql.ref(sample.within.column)} = ${parentId} AND ${column}::text = ANY(${ids}::text[])
       ORDER BY "deletedAt" NULLS FIRST, id`
    : sample.field
      ? sql<Candidate>`SELECT ${column}::text AS k, id, "deletedAt", 1 AS prio
          FROM ${table} WHERE ${column}::text = ANY(${ids}::text[])`
      : sql<Candidate>`SELECT x."externalId" AS k, x."hubId" AS id, NULL::timestamptz AS "deletedAt", 1 AS prio
          FROM "ExternalRef" x
         WHERE x.source = ${source} AND x."entityType" = ${sample.entity} AND x."externalId" = ANY(${ids}::text[])
        UNION ALL
        SELECT e."externalId", e.id, e."deletedAt", 2
          FROM ${table} e WHERE e.source = ${source} AND e."externalId" = ANY(${ids}::text[])`;
  return (await statement.execute(db)).rows;
}
