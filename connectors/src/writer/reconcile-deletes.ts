import { sql } from 'kysely';
import { COUNT_ROWS, type SqlExecutor } from '@district-hub/schema/database';
import { ENTITY_TABLES } from './entity-tables.ts';
import type { EntityName } from './mapping-types.ts';

/** The session's table of ids a FULL run saw (`openSeenTable`), for Kysely's types. */
type SeenTables = {
  _hub_seen: { entity: string; external_id: string };
};

const seenIn = (db: SqlExecutor) => db.withTables<SeenTables>();

/**
 * Deletes found by a FULL run: every id the run sees goes into a session temp table, and afterwards
 * whatever this source holds that the run did not see is soft-deleted.
 */
export async function openSeenTable(db: SqlExecutor): Promise<void> {
  await sql`CREATE TEMP TABLE IF NOT EXISTS _hub_seen (entity text NOT NULL, external_id text NOT NULL,
    PRIMARY KEY (entity, external_id))`.execute(db);
  await sql`TRUNCATE _hub_seen`.execute(db);
}

export async function markSeen(db: SqlExecutor, entity: EntityName, externalIds: string[]): Promise<void> {
  if (externalIds.length === 0) return;
  await seenIn(db)
    .insertInto('_hub_seen')
    .columns(['entity', 'external_id'])
    .expression(sql<SeenTables['_hub_seen']>`SELECT ${entity}, unnest(${externalIds}::text[])`)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Marks deleted (`deletedAt`, never removed) every entity of `entities` from this source that the run
 * did not see. Refuses to delete everything when the source returned nothing (an empty answer is more
 * likely an outage than a district without rooms). Runs inside the caller's transaction.
 */
export async function softDeleteUnseen(
  db: SqlExecutor,
  source: string,
  runId: number,
  entities: EntityName[],
): Promise<{ deleted: number; warnings: string[] }> {
  const warnings: string[] = [];
  let deleted = 0;
  for (const entity of entities) {
    if (ENTITY_TABLES[entity].kind !== 'entity') continue;
    const seen = await seenIn(db)
      .selectFrom('_hub_seen')
      .select(COUNT_ROWS.as('n'))
      .where('entity', '=', entity)
      .executeTakeFirstOrThrow();
    if (seen.n === 0) {
      warnings.push(
        `${entity}: the source returned no rows in a full sync; not marking existing rows deleted`,
      );
      continue;
    }
    const result = await sql`
      UPDATE ${sql.table(entity)} t SET "deletedAt" = now(), "syncedAt" = now()
       WHERE t.source = ${source} AND t."deletedAt" IS NULL
         AND NOT EXISTS (SELECT 1 FROM _hub_seen s WHERE s.entity = ${entity} AND s.external_id = t."externalId")`.execute(
      db,
    );
    deleted += Number(result.numAffectedRows ?? 0);
  }
  await db
    .updateTable('SyncRun')
    .set((eb) => ({ deletedCount: eb('SyncRun.deletedCount', '+', deleted) }))
    .where('SyncRun.id', '=', runId)
    .execute();
  return { deleted, warnings };
}

/** What a FULL run's reconcile would do to one entity: how many of this source's rows it did not see. */
export interface UnseenShare {
  entity: EntityName;
  /** Rows of this source not deleted yet. */
  total: number;
  /** Of those, the rows the run did not see: what `softDeleteUnseen` would mark deleted. */
  unseen: number;
}

/** Counts, before any delete, what `softDeleteUnseen` would delete of each entity (the mass-delete guard). */
export async function unseenShares(
  db: SqlExecutor,
  source: string,
  entities: EntityName[],
): Promise<UnseenShare[]> {
  const shares: UnseenShare[] = [];
  for (const entity of entities) {
    if (ENTITY_TABLES[entity].kind !== 'entity') continue;
    const result = await sql<{ total: number; unseen: number }>`
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM _hub_seen s WHERE s.entity = ${entity} AND s.external_id = t."externalId"))::int AS unseen
        FROM ${sql.table(entity)} t
       WHERE t.source = ${source} AND t."deletedAt" IS NULL`.execute(db);
    const row = result.rows[0] ?? { total: 0, unseen: 0 };
    shares.push({ entity, total: row.total, unseen: row.unseen });
  }
  return shares;
}
