/**
 * The few SQL operations the vehicle platform's writer needs, over mysql2 (MariaDB) or pg (PostgreSQL),
 * chosen by the URL's scheme. Statements are written with `?` placeholders and rewritten to `$n` for
 * PostgreSQL. Times are passed as Beijing wall-clock strings so neither driver converts zones.
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import { TABLES, type Dialect } from './schema.ts';

export type SqlValue = string | number | null;

export interface SqlClient {
  dialect: Dialect;
  query(sql: string, params?: SqlValue[]): Promise<Record<string, unknown>[]>;
  /** Inserts one row and returns its auto-increment id. */
  insert(table: string, row: Record<string, SqlValue>): Promise<number>;
  /** Multi-row INSERT in chunks. */
  insertMany(table: string, columns: readonly string[], rows: readonly SqlValue[][]): Promise<void>;
  /** Runs `fn` in one transaction (one commit, one log flush, for a whole window of writes). */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function dialectOf(url: string): Dialect {
  const scheme = new URL(url).protocol;
  if (scheme === 'mysql:' || scheme === 'mariadb:') return 'mysql';
  if (scheme === 'postgres:' || scheme === 'postgresql:') return 'postgres';
  throw new Error(
    `vehicle platform: databaseUrl must be mysql:// or postgres://, got ${JSON.stringify(url)}`,
  );
}

/** PostgreSQL array type of a column, for unnest(): text for character types, the base type otherwise. */
function arrayType(table: string, column: string): string {
  const type = TABLES.find((t) => t.name === table)?.columns.find((c) => c.name === column)?.type ?? 'TEXT';
  if (/CHAR/.test(type)) return 'text[]';
  if (type === 'DATETIME') return 'timestamp[]';
  if (type.startsWith('DECIMAL')) return 'numeric[]';
  return `${type
    .replace(/\(.*\)/, '')
    .replace(' AUTO_INCREMENT', '')
    .toLowerCase()}[]`;
}

function toPg(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Runs one statement on the server of `url` through its default database (`/` on MariaDB, `postgres`
 * on PostgreSQL), with the URL's database name checked and quoted for the dialect.
 */
async function onServer(
  url: string,
  statement: (name: string, dialect: Dialect) => string,
  skipIfPresent = false,
): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name))
    throw new Error(`vehicle platform: unsupported database name ${JSON.stringify(name)}`);
  const dialect = dialectOf(url);
  if (dialect === 'mysql') {
    u.pathname = '/';
    const conn = await mysql.createConnection(u.toString());
    try {
      await conn.query(statement(`\`${name}\``, dialect));
    } finally {
      await conn.end();
    }
    return;
  }
  u.pathname = '/postgres';
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    // PostgreSQL has no CREATE DATABASE IF NOT EXISTS: ask the catalogue first.
    if (skipIfPresent) {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if ((found.rowCount ?? 0) > 0) return;
    }
    await client.query(statement(`"${name}"`, dialect));
  } finally {
    await client.end();
  }
}

/** Creates the URL's database if it does not exist. */
export function ensureDatabase(url: string): Promise<void> {
  return onServer(
    url,
    (name, dialect) =>
      dialect === 'mysql'
        ? `CREATE DATABASE IF NOT EXISTS ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`
        : `CREATE DATABASE ${name}`,
    true,
  );
}

/** Drops the URL's database (tests clean up with it). */
export function dropDatabase(url: string): Promise<void> {
  return onServer(url, (name, dialect) =>
    dialect === 'mysql' ? `DROP DATABASE IF EXISTS ${name}` : `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`,
  );
}

export async function connectSql(url: string): Promise<SqlClient> {
  const dialect = dialectOf(url);
  if (dialect === 'mysql') {
    // One connection: the writer is serial, and a transaction must stay on its connection.
    const pool = await mysql.createConnection({ uri: url, dateStrings: true, timezone: '+08:00' });
    const client: SqlClient = {
      dialect,
      async query(sql, params = []) {
        const [rows] = await pool.query(sql, params);
        return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
      },
      async insert(table, row) {
        const cols = Object.keys(row);
        const [res] = await pool.query(
          `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
          Object.values(row),
        );
        return (res as mysql.ResultSetHeader).insertId;
      },
      async insertMany(table, columns, rows) {
        for (let i = 0; i < rows.length; i += 5000) {
          const chunk = rows.slice(i, i + 5000);
          await pool.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [chunk]);
        }
      },
      transaction: (fn) => inTransaction(client, fn),
      close: () => pool.end(),
    };
    return client;
  }
  const pool = new pg.Client({ connectionString: url });
  // The database can go before the simulator does (a hub's embedded server stopped by Ctrl-C, a test
  // dropping it): the next query then fails with the reason, where an unhandled 'error' event would
  // have killed the whole process.
  pool.on('error', () => undefined);
  await pool.connect();
  const client: SqlClient = {
    dialect,
    async query(sql, params = []) {
      return (await pool.query(toPg(sql), params)).rows as Record<string, unknown>[];
    },
    async insert(table, row) {
      const cols = Object.keys(row);
      const res = await pool.query(
        `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
        Object.values(row),
      );
      return Number(res.rows[0].id);
    },
    async insertMany(table, columns, rows) {
      // One array parameter per column through unnest(): a handful of parameters however many rows,
      // several times faster than a VALUES list of thousands of placeholders.
      const types = columns.map((c) => arrayType(table, c));
      const select = columns.map((_, i) => `$${i + 1}::${types[i]}`).join(', ');
      for (let i = 0; i < rows.length; i += 10_000) {
        const chunk = rows.slice(i, i + 10_000);
        const arrays = columns.map((_, c) => chunk.map((r) => r[c] ?? null));
        await pool.query(
          `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${select})`,
          arrays,
        );
      }
    },
    transaction: (fn) => inTransaction(client, fn),
    close: () => pool.end(),
  };
  return client;
}

async function inTransaction<T>(client: SqlClient, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
