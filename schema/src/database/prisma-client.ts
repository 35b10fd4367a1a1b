import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { createSqlPool, type SqlPoolOptions } from './sql-pool.ts';

export type { PrismaClient };

export interface PrismaClientOptions extends SqlPoolOptions {
  /**
   * Run on this pool (`createSqlPool`) instead of one of its own, so Prisma and direct SQL share one
   * connection budget and one statement timeout; its owner ends it after `$disconnect()`.
   */
  pool?: pg.Pool;
}

/** The one way the hub opens Prisma: Prisma 7's TypeScript client over the pg driver adapter (no native engine). */
export function createPrismaClient(
  connectionString: string,
  options: PrismaClientOptions = {},
): PrismaClient {
  const pool = options.pool ?? createSqlPool(connectionString, options);
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: !options.pool }) });
}
