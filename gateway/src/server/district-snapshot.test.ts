import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createCountingDatabase } from '../testing/counting-database.ts';
import { DISTRICT_SNAPSHOT } from '../testing/benchmark-queries.ts';
import { postGraphQL } from '../testing/graphql-clients.ts';
import { seedDistrict } from '../testing/seed-district.ts';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function snapshotAt(buildings: number) {
  const db: TestDatabase = await createTestDatabase();
  await seedDistrict(db.prisma, {
    buildings,
    floorsPerBuilding: 3,
    roomsPerFloor: 4,
    devicesPerBuilding: 2,
    openAlertsPerBuilding: 1,
  });
  const counting = createCountingDatabase(db.url);
  const gateway: TestGateway = await startTestGateway({ databaseUrl: db.url, clients: counting });
  cleanups.push(async () => {
    await gateway.close();
    await counting.close();
    await db.drop();
  });
  counting.reset();
  const response = await postGraphQL<{
    buildings: { edges: { node: { activeAlertCount: number; floors: unknown[] } }[] };
  }>(gateway.url, gateway.keys.INTEGRATOR, DISTRICT_SNAPSHOT);
  expect(response.body.errors).toBeUndefined();
  // Auth lookups and bookkeeping are not part of the query's own cost.
  const statements = counting.statements.filter((sql) => !sql.includes('"ApiKey"'));
  return { response, statements };
}

describe('district snapshot query', () => {
  it('costs the same number of SQL statements at 24 and at 240 buildings (no N+1)', async () => {
    const small = await snapshotAt(24);
    const large = await snapshotAt(240);
    const edges = large.response.body.data!.buildings.edges;
    expect(edges).toHaveLength(240);
    expect(edges.every((edge) => edge.node.activeAlertCount === 1 && edge.node.floors.length === 3)).toBe(
      true,
    );
    expect(large.statements.length).toBe(small.statements.length);
    expect(small.statements.length).toBeLessThanOrEqual(3);
  });
});
