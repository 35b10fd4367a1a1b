import { isDeepStrictEqual } from 'node:util';
import { createApiKey } from '@district-hub/schema/domain/api-keys';
import { createPrismaClient } from '@district-hub/schema/database/prisma-client';
import { createInProcessEventBus } from '@district-hub/schema/events/index';
import { createTestDatabase } from '@district-hub/schema/testing/test-database';
import Fastify from 'fastify';
import { registerGateway } from '../src/server/register-gateway.ts';
import { DISTRICT_SNAPSHOT, ROOMS_PAGE } from '../src/testing/benchmark-queries.ts';
import { seedDistrict } from '../src/testing/seed-district.ts';
import { registerBaselineRoutes } from './baseline-routes.ts';
import { runLoad, type LoadResult } from './load.ts';

/**
 * The gateway against a hand-written SQL + JSON.stringify endpoint returning the same JSON, on the same
 * data (240 buildings), in one run, under the same closed-loop load.
 * Targets: GraphQL at ≥ 50 % of the baseline's requests/s, and p99 under 3× the baseline's.
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5_000);

const db = await createTestDatabase();
const prisma = createPrismaClient(db.url, { statementTimeoutMs: 15_000 });
const app = Fastify({ logger: false });
const events = createInProcessEventBus();
try {
  await seedDistrict(db.prisma, {
    buildings: 240,
    floorsPerBuilding: 6,
    roomsPerFloor: 20,
    devicesPerBuilding: 10,
    openAlertsPerBuilding: 2,
  });
  const gateway = await registerGateway(app, {
    prisma,
    events,
    options: { production: true, rateLimit: { max: 10_000_000 } },
  });
  const pool = registerBaselineRoutes(app, db.url);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const { key } = await createApiKey(prisma, 'INTEGRATOR', 'bench');

  const graphql = (query: string) => ({
    url: `${base}/graphql`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  const scenarios = [
    {
      name: 'district snapshot (240 buildings)',
      graphql: graphql(DISTRICT_SNAPSHOT),
      baseline: `${base}/baseline/snapshot`,
    },
    { name: 'rooms page (100 rows)', graphql: graphql(ROOMS_PAGE), baseline: `${base}/baseline/rooms` },
  ];

  const row = (label: string, r: LoadResult) =>
    `  ${label.padEnd(10)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${r.p50Ms.toFixed(1).padStart(7)} ms   p99 ${r.p99Ms.toFixed(1).padStart(7)} ms   (${r.requests} requests, ${r.errors} errors)`;
  console.log(
    `gateway bench: ${CONCURRENCY} concurrent clients, ${DURATION_MS / 1000} s per run, same data, same process`,
  );
  let met = true;
  for (const scenario of scenarios) {
    const fromGraphql = await (await fetch(scenario.graphql.url, { ...scenario.graphql })).json();
    const fromBaseline = await (await fetch(scenario.baseline)).json();
    if (!isDeepStrictEqual(fromGraphql, fromBaseline))
      throw new Error(`${scenario.name}: the baseline does not return the same JSON`);
    const load = (spec: Omit<Parameters<typeof runLoad>[0], 'concurrency' | 'durationMs'>) =>
      runLoad({ ...spec, concurrency: CONCURRENCY, durationMs: DURATION_MS });
    // A short warm-up of each, so JIT and connection pools are hot for both.
    await load({ url: scenario.baseline, method: 'GET' }).then(() => undefined);
    await load(scenario.graphql).then(() => undefined);
    const baseline = await load({ url: scenario.baseline, method: 'GET' });
    const viaGraphql = await load(scenario.graphql);
    const throughput = viaGraphql.requestsPerSecond / baseline.requestsPerSecond;
    const p99 = viaGraphql.p99Ms / baseline.p99Ms;
    const ok = throughput >= 0.5 && p99 < 3 && viaGraphql.errors === 0;
    met &&= ok;
    console.log(`\n${scenario.name}`);
    console.log(row('baseline', baseline));
    console.log(row('graphql', viaGraphql));
    console.log(
      `  ratio      throughput ${(throughput * 100).toFixed(0)} % of baseline (target ≥ 50 %), p99 ${p99.toFixed(2)}× baseline (target < 3×)  ${ok ? 'MET' : 'NOT MET'}`,
    );
  }
  await gateway.close();
  await pool.end();
  process.exitCode = met ? 0 : 1;
} finally {
  await app.close();
  await events.close();
  await prisma.$disconnect();
  await db.drop();
}
