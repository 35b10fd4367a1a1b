import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyTextRow } from './copy-text.ts';
import { ident, type TableStrategy } from './entity-tables.ts';

/** One row ready for the table: all columns resolved, validated and (for entities) hashed. */
export interface StagedRow {
  values: Record<string, unknown>;
  /** The key the conflict target compares, as text (externalId, or the keyed columns joined). */
  key: string;
}

const createdStages = new WeakMap<object, Set<string>>();

/** After a rollback the staging tables created in that transaction are gone: forget them. */
export function forgetStagingTables(client: object): void {
  createdStages.delete(client);
}

/** A short stable name for a column list (FNV-1a), so each shape gets its own staging table. */
function columnsKey(columns: string[]): string {
  let h = 0x811c9dc5;
  for (const ch of columns.join(',')) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(36);
}

/**
 * Writes rows set-based: COPY into a temporary table (dropped at commit), then one
 * `INSERT … SELECT … ON CONFLICT` into the hub table. For `entity` tables the update only fires when
 * the content hash differs (or the row was soft-deleted and came back), so unchanged rows cost a read
 * of the index and nothing else. Returns the keys of the rows actually inserted or updated.
 *
 * This is what keeps the writer near PostgreSQL's own COPY speed: per-row upserts through an ORM would
 * be a round trip each.
 */
export async function stageAndUpsert(
  client: pg.ClientBase,
  table: string,
  strategy: TableStrategy,
  columns: string[],
  rows: StagedRow[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  // One staging table per (table, column list) and session, emptied at every commit: creating a temp
  // table per batch costs catalog writes (~30 ms) each time.
  const stage = `_hub_stage_${table}_${columnsKey(columns)}`.slice(0, 63);
  const cols = columns.map(ident).join(', ');
  if (!createdStages.get(client)?.has(stage)) {
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS ${ident(stage)} ON COMMIT DELETE ROWS AS SELECT ${cols} FROM ${ident(table)} WITH NO DATA`,
    );
    if (!createdStages.has(client)) createdStages.set(client, new Set());
    createdStages.get(client)!.add(stage);
  }
  // Empty within a transaction too (row-by-row retries stage one row after another).
  await client.query(`DELETE FROM ${ident(stage)}`);
  await copyRows(client, ident(stage), columns, rows);

  const target = ident(table);
  let sql: string;
  let keyExpr: string;
  if (strategy.kind === 'entity') {
    const updatable = columns.filter((c) => c !== 'source' && c !== 'externalId');
    sql = `INSERT INTO ${target} AS t (${cols}, "syncedAt")
           SELECT ${cols}, now() FROM ${ident(stage)}
           ON CONFLICT (source, "externalId") DO UPDATE
              SET ${updatable.map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`).join(', ')},
                  "syncedAt" = EXCLUDED."syncedAt", "deletedAt" = NULL
            WHERE t."contentHash" IS DISTINCT FROM EXCLUDED."contentHash" OR t."deletedAt" IS NOT NULL`;
    keyExpr = 't."externalId"';
  } else if (strategy.kind === 'append') {
    sql = `INSERT INTO ${target} AS t (${cols}) SELECT ${cols} FROM ${ident(stage)}
           ON CONFLICT (source, "externalId") DO NOTHING`;
    keyExpr = 't."externalId"';
  } else if (strategy.kind === 'keyed') {
    const conflict = strategy.conflict.map(ident).join(', ');
    const rest = columns.filter((c) => !strategy.conflict.includes(c));
    const update =
      strategy.update && rest.length > 0
        ? `DO UPDATE SET ${rest.map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`).join(', ')}
            WHERE ROW(${rest.map((c) => `t.${ident(c)}`).join(', ')}) IS DISTINCT FROM ROW(${rest.map((c) => `EXCLUDED.${ident(c)}`).join(', ')})`
        : 'DO NOTHING';
    sql = `INSERT INTO ${target} AS t (${cols}) SELECT ${cols} FROM ${ident(stage)} ON CONFLICT (${conflict}) ${update}`;
    keyExpr = strategy.conflict.map((c) => `t.${ident(c)}::text`).join(` || '\u0001' || `);
  } else {
    throw new Error(`stageAndUpsert does not write ${strategy.kind} tables`);
  }
  const result = await client.query<{ k: string }>(`${sql} RETURNING ${keyExpr} AS k`);
  return new Set(result.rows.map((r) => r.k));
}

/** Streams rows into a table with COPY FROM STDIN in chunks of about 256 kB. */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: string[],
  rows: Iterable<StagedRow>,
): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.map(ident).join(', ')}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  let chunk = '';
  for (const row of rows) {
    chunk += copyTextRow(columns.map((c) => row.values[c]));
    if (chunk.length > 262_144) {
      if (!stream.write(chunk)) await new Promise((r) => stream.once('drain', r));
      chunk = '';
    }
  }
  stream.end(chunk);
  await done;
}

/** The text form of a keyed row's conflict key, matching the SQL key expression above. */
export function keyedKey(values: Record<string, unknown>, conflict: string[]): string {
  return conflict
    .map((c) => {
      const v = values[c];
      return v instanceof Date ? pgTimestamptzText(v) : String(v);
    })
    .join('\u0001');
}

/** How PostgreSQL prints a timestamptz as text in a UTC session (`2024-03-01 00:00:00.25+00`). */
export function pgTimestamptzText(date: Date): string {
  const iso = date.toISOString();
  let text = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  const ms = date.getUTCMilliseconds();
  if (ms) text += `.${String(ms).padStart(3, '0').replace(/0+$/, '')}`;
  return `${text}+00`;
}
