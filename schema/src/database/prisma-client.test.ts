import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-database.ts';
import { createPrismaClient } from './prisma-client.ts';

describe('createPrismaClient', () => {
  it('has PostgreSQL cancel a statement that outlives statementTimeoutMs, and keeps serving after it', async () => {
    const db = await createTestDatabase();
    const prisma = createPrismaClient(db.url, { statementTimeoutMs: 200 });
    try {
      await expect(prisma.$queryRaw`SELECT pg_sleep(5)`).rejects.toThrow(/statement timeout/);
      expect(await prisma.$queryRaw`SELECT 1::int AS one`).toEqual([{ one: 1 }]);
    } finally {
      await prisma.$disconnect();
      await db.drop();
    }
  });
});
