import { createPrismaClient, createSqlPool } from '@district-hub/schema/database';
import { type PrismaClient } from '@district-hub/schema';
import type pg from 'pg';

export interface CountingDatabase {
  prisma: PrismaClient;
  /** The pool both Prisma and the direct SQL reads run on. */
  sql: pg.Pool;
  /** SQL text of every statement sent since the last `reset()`, by Prisma or directly. */
  statements: string[];
  reset(): void;
  close(): Promise<void>;
}

/**
 * Database clients whose shared pool records each SQL statement it sends, so a test can count the
 * round trips a GraphQL operation costs (the N+1 check) without reading server logs. Every connection
 * of the pool records what it sends, so statements of Prisma's driver adapter (`pool.query`) and of
 * Kysely (a connection borrowed per statement) are counted alike.
 */
export function createCountingDatabase(connectionString: string): CountingDatabase {
  const statements: string[] = [];
  const sql = createSqlPool(connectionString);
  sql.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((config: string | { text: string }, ...rest: unknown[]) => {
      statements.push(typeof config === 'string' ? config : config.text);
      return query(config, ...rest);
    }) as typeof client.query;
  });
  const prisma = createPrismaClient(connectionString, { pool: sql });
  return {
    prisma,
    sql,
    statements,
    reset: () => {
      statements.length = 0;
    },
    async close() {
      await prisma.$disconnect();
      await sql.end();
    },
  };
}
