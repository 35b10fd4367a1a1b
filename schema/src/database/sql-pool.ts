import pg from 'pg';

export interface SqlPoolOptions {
  /** Connections; default 10 (node-postgres' default). */
  max?: number;
  /** Milliseconds after which PostgreSQL cancels a statement; default none. */
  statementTimeoutMs?: number;
  /**
   * Milliseconds a query waits for a free connection (or a new one to connect) before it fails;
   * default none, i.e. for ever: a pool filled by slow queries would otherwise hold every request.
   */
  connectionTimeoutMs?: number;
}

/**
 * The node-postgres pool the hub's database clients share: Prisma runs on it through its driver
 * adapter, and the hand-written SQL through Kysely (`createSqlDb`), which the hot read paths use
 * because Prisma's client-side result mapping costs several times what the same rows cost on `pg`
 * (see the gateway benchmark).
 */
export function createSqlPool(connectionString: string, options: SqlPoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.connectionTimeoutMs ? { connectionTimeoutMillis: options.connectionTimeoutMs } : {}),
  });
  // An idle connection the server drops (restart, Ctrl-C) must fail the next query, not the process.
  pool.on('error', () => {});
  return pool;
}
