import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { afterAll, beforeAll } from 'vitest';
import { seedDistrict } from './seed-district.ts';
import { startTestGateway, type TestGateway, type TestGatewayOptions } from './test-gateway.ts';

/**
 * A test file's own database with the small seeded district and a gateway on it, set up before the
 * file's tests and dropped after them. Read `db` and `gateway` inside tests (they exist from then on).
 */
export function useSeededGateway(options: Omit<TestGatewayOptions, 'databaseUrl'> = {}): {
  readonly db: TestDatabase;
  readonly gateway: TestGateway;
} {
  let db: TestDatabase | undefined;
  let gateway: TestGateway | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDistrict(db.prisma);
    gateway = await startTestGateway({ ...options, databaseUrl: db.url });
  });
  afterAll(async () => {
    await gateway?.close();
    await db?.drop();
  });
  return {
    get db() {
      return db!;
    },
    get gateway() {
      return gateway!;
    },
  };
}
