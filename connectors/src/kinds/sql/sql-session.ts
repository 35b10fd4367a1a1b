import pg from 'pg';
import type { SqlConfig } from './sql-spec.ts';

/** The two drivers behind one small interface: run a parameterised query, close. */
export interface SqlSession {
  driver: SqlConfig['connection']['driver'];
  query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /** Quotes an identifier the driver's way (`name` or "name"). */
  quote(name: string): string;
  /** The placeholder of the i-th parameter (1-based): ? or $i. */
  param(i: number): string;
  close(): Promise<void>;
}

// Times are read as the source wrote them (text), so a cursor value goes back exactly as it came and
// the mapping decides the zone (sources speak Asia/Shanghai local time unless they say otherwise).
const RAW_TEXT_TYPES = new Set([1082, 1114, 1184]); // date, timestamp, timestamptz
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    RAW_TEXT_TYPES.has(oid)
      ? (v: string) => v
      : pg.types.getTypeParser(oid, format as never)) as typeof pg.types.getTypeParser,
};

export async function openSqlSession(connection: SqlConfig['connection']): Promise<SqlSession> {
  if (connection.driver === 'mysql') {
    // Loaded on first use: a process that never reads MariaDB does not carry the driver.
    const { default: mysql } = await import('mysql2/promise');
    const url = connection.url.replace(/^mariadb:/, 'mysql:');
    const conn = await mysql.createConnection({
      uri: url,
      dateStrings: true,
      supportBigNumbers: true,
      connectTimeout: connection.connectTimeoutMs,
      charset: 'utf8mb4',
    });
    // A dropped connection rejects the pending query; this keeps the 'error' event from crashing the process.
    conn.on('error', () => undefined);
    return {
      driver: 'mysql',
      query: async (sql, params) => {
        const [rows] = await conn.query({ sql, values: params });
        return rows as Record<string, unknown>[];
      },
      quote: (name) => `\`${name}\``,
      param: () => '?',
      close: async () => {
        await conn.end().catch(() => conn.destroy());
      },
    };
  }
  const client = new pg.Client({
    connectionString: connection.url,
    connectionTimeoutMillis: connection.connectTimeoutMs,
    types: pgTypes,
  });
  client.on('error', () => undefined);
  await client.connect();
  return {
    driver: 'postgres',
    query: async (sql, params) => (await client.query(sql, params)).rows,
    quote: (name) => `"${name}"`,
    param: (i) => `$${i}`,
    close: async () => {
      await client.end().catch(() => undefined);
    },
  };
}
