import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@district-hub/schema/generated/prisma/client';

export interface CountingPrisma {
  prisma: PrismaClient;
  /** SQL text of every statement sent since the last `reset()`. */
  statements: string[];
  reset(): void;
}

/**
 * A Prisma client whose driver adapter records each SQL statement it sends, so a test can count the
 * round trips a GraphQL operation costs (the N+1 check) without reading server logs.
 */
export function createCountingPrisma(connectionString: string): CountingPrisma {
  const statements: string[] = [];
  class CountingPg extends PrismaPg {
    override async connect() {
      const adapter = await super.connect();
      const queryRaw = adapter.queryRaw.bind(adapter);
      adapter.queryRaw = async (query) => {
        statements.push(query.sql);
        return queryRaw(query);
      };
      return adapter;
    }
  }
  const prisma = new PrismaClient({ adapter: new CountingPg({ connectionString }) });
  return {
    prisma,
    statements,
    reset: () => {
      statements.length = 0;
    },
  };
}
