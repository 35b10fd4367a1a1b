import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SqlExecutor } from '@district-hub/schema/database';
import { copyTextRow } from './copy-text.ts';
import type { TableStrategy } from './entity-tables.ts';

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

/** The statements of one shape (table, strategy, column list), compiled once: none takes a value. */
interface StageStatements {
  stage: string;
  create: CompiledQuery;
  empty: CompiledQuery;
  copy: string;
  upsert: CompiledQuery<{ k: string }>;
}

/** Shapes are few (a table and the columns its mapping fills), so every one is kept. */
const compiled = new Map<string, StageStatements>();

function statementsFor(
  db: SqlExecutor,
  table: string,
  strategy: TableStrategy,
  columns: string[],
): StageStatements {
  const shape = `${table}\u0000${JSON.stringify(strategy)}\u0000${columns.join(',')}`;
  let found = compiled.get(shape);
  if (!found) compiled.set(shape, (found = compileStatements(db, table, strategy, columns)));
  return found;
}

function compileStatements(
  db: SqlExecutor,
  table: string,
  strategy: TableStrategy,
  columns: string[],
): StageStatements {
  const stage = `_hub_stage_${table}_${columnsKey(columns)}`.slice(0, 63);
  const target = sql.table(table);
  const staging = sql.table(stage);
  const cols = sql.join(columns.map((column) => sql.ref(column)));
  const fromExcluded = (names: string[]) =>
    sql.join(names.map((column) => sql`${sql.ref(column)} = ${sql.ref(`excluded.${column}`)}`));
  const inTarget = (names: string[]) => sql.join(names.map((column) => sql.ref(`t.${column}`)));
  let upsert: RawBuilder<{ k: string }>;
  if (strategy.kind === 'entity') {
    const updatable = columns.filter((c) => c !== 'source' && c !== 'externalId');
    upsert = sql`INSERT INTO ${target} AS t (${cols}, "syncedAt")
      SELECT ${cols}, now() FROM ${staging}
      ON CONFLICT (source, "externalId") DO UPDATE
         SET ${fromExcluded(updatable)}, "syncedAt" = EXCLUDED."syncedAt", "deletedAt" = NULL
       WHERE t."contentHash" IS DISTINCT FROM EXCLUDED."contentHash" OR t."deletedAt" IS NOT NULL
      RETURNING t."externalId" AS k`;
  } else if (strategy.kind === 'append') {
    upsert = sql`INSERT INTO ${target} AS t (${cols}) SELECT ${cols} FROM ${staging}
      ON CONFLICT (source, "externalId") DO NOTHING
      RETURNING t."externalId" AS k`;
  } else if (strategy.kind === 'keyed') {
    const rest = columns.filter((c) => !strategy.conflict.includes(c));
    const onConflict =
      strategy.update && rest.length > 0
        ? sql`DO UPDATE SET ${fromExcluded(rest)}
               WHERE ROW(${inTarget(rest)}) IS DISTINCT FROM ROW(${sql.join(rest.map((c) => sql.ref(`excluded.${c}`)))})`
        : sql`DO NOTHING`;
    const key = sql.join(
      strategy.conflict.map((column) => sql`${sql.ref(`t.${column}`)}::text`),
      sql` || '\u0001' || `,
    );
    upsert = sql`INSERT INTO ${target} AS t (${cols}) SELECT ${cols} FROM ${staging}
      ON CONFLICT (${sql.join(strategy.conflict.map((column) => sql.ref(column)))}) ${onConflict}
      RETURNING ${key} AS k`;
  } else {
    throw new Error(`stageAndUpsert does not write ${strategy.kind} tables`);
  }
  return {
    stage,
    create: sql`CREATE TEMP TABLE IF NOT EXISTS ${staging} ON COMMIT DELETE ROWS
      AS SELECT ${cols} FROM ${target} WITH NO DATA`.compile(db),
    empty: sql`DELETE FROM ${staging}`.compile(db),
    copy: sql`COPY ${staging} (${cols}) FROM STDIN`.compile(db).sql,
    upsert: upsert.compile(db),
  };
}

/**
 * Writes rows set-based: COPY into a temporary table (dropped at commit), then one
 * `INSERT … SELECT … ON CONFLICT` into the hub table. For `entity` tables the update only fires when
 * the content hash differs (or the row was soft-deleted and came back), so unchanged rows cost a read
 * of the index and nothing else. Returns the keys of the rows actually inserted or updated.
 *
 * This is what keeps the writer near PostgreSQL's own COPY speed: per-row upserts through an ORM would
 * be a round trip each. The statements take no values (the rows travel by COPY), so each shape's are
 * compiled once and a batch costs no statement building.
 */
export async function stageAndUpsert(
  db: SqlExecutor,
  client: pg.ClientBase,
  table: string,
  strategy: TableStrategy,
  columns: string[],
  rows: StagedRow[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const statements = statementsFor(db, table, strategy, columns);
  // One staging table per (table, column list) and session, emptied at every commit: creating a temp
  // table per batch costs catalog writes (~30 ms) each time.
  if (!createdStages.get(client)?.has(statements.stage)) {
    await db.executeQuery(statements.create);
    if (!createdStages.has(client)) createdStages.set(client, new Set());
    createdStages.get(client)!.add(statements.stage);
  }
  // Empty within a transaction too (row-by-row retries stage one row after another).
  await db.executeQuery(statements.empty);
  await copyRows(client, statements.copy, columns, rows);
  const result = await db.executeQuery(statements.upsert);
  return new Set(result.rows.map((r) => r.k));
}

/** Streams rows with `copy` (a `COPY … FROM STDIN` of `columns`) in chunks of about 256 kB. */
async function copyRows(
  client: pg.ClientBase,
  copy: string,
  columns: string[],
  rows: Iterable<StagedRow>,
): Promise<void> {
  const stream = client.query(copyFrom(copy));
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
