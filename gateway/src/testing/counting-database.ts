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
 * round trips a GraphQL operation costs (the N+1 check) without reading server logs. Prisma's driver
 * adapter sends through the same `pool.query`, so its statements are counted with the direct ones.
 */
export function createCountingDatabase(connectionString: string): CountingDatabase {
  const statements: string[] = [];
  const sql = createSqlPool(connectionString);
  const query = sql.query.bind(sql) as (...args: unknown[]) => unknown;
  sql.query = ((config: string | { text: string }, ...rest: unknown[]) => {
    statements.push(typeof config === 'string' ? config : config.text);
    return query(config, ...rest);
  }) as typeof sql.query;
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
