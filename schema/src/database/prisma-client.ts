import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';

export type { PrismaClient };

export interface PrismaClientOptions {
  /** Pool size of the pg driver adapter; default 10 (node-postgres' default). */
  max?: number;
  /** Milliseconds after which PostgreSQL cancels a statement; default none. */
  statementTimeoutMs?: number;
}

/** The one way the hub opens Prisma: Prisma 7's TypeScript client over the pg driver adapter (no native engine). */
export function createPrismaClient(
  connectionString: string,
  options: PrismaClientOptions = {},
): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max: options.max ?? 10,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  return new PrismaClient({ adapter });
}
