import type pg from 'pg';
import { ENTITY_TABLES, ident } from './entity-tables.ts';
import type { EntityName } from './mapping-types.ts';

/**
 * Deletes found by a FULL run: every id the run sees goes into a session temp table, and afterwards
 * whatever this source holds that the run did not see is soft-deleted.
 */
export async function openSeenTable(client: pg.ClientBase): Promise<void> {
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS _hub_seen (entity text NOT NULL, external_id text NOT NULL,
       PRIMARY KEY (entity, external_id))`,
  );
  await client.query('TRUNCATE _hub_seen');
}

export async function markSeen(
  client: pg.ClientBase,
  entity: EntityName,
  externalIds: string[],
): Promise<void> {
  if (externalIds.length === 0) return;
  await client.query(
    `INSERT INTO _hub_seen (entity, external_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
    [entity, externalIds],
  );
}

/**
 * Marks deleted (`deletedAt`, never removed) every entity of `entities` from this source that the run
 * did not see. Refuses to delete everything when the source returned nothing (an empty answer is more
 * likely an outage than a district without rooms). Runs inside the caller's transaction.
 */
export async function softDeleteUnseen(
  client: pg.ClientBase,
  source: string,
  runId: number,
  entities: EntityName[],
): Promise<{ deleted: number; warnings: string[] }> {
  const warnings: string[] = [];
  let deleted = 0;
  for (const entity of entities) {
    if (ENTITY_TABLES[entity].kind !== 'entity') continue;
    const seen = await client.query<{ n: string }>(`SELECT count(*) AS n FROM _hub_seen WHERE entity = $1`, [
      entity,
    ]);
    if (Number(seen.rows[0]!.n) === 0) {
      warnings.push(
        `${entity}: the source returned no rows in a full sync; not marking existing rows deleted`,
      );
      continue;
    }
    const result = await client.query(
      `UPDATE ${ident(entity)} t SET "deletedAt" = now(), "syncedAt" = now()
        WHERE t.source = $1 AND t."deletedAt" IS NULL
          AND NOT EXISTS (SELECT 1 FROM _hub_seen s WHERE s.entity = $2 AND s.external_id = t."externalId")`,
      [source, entity],
    );
    deleted += result.rowCount ?? 0;
  }
  await client.query(`UPDATE "SyncRun" SET "deletedCount" = "deletedCount" + $2 WHERE id = $1`, [
    runId,
    deleted,
  ]);
  return { deleted, warnings };
}
