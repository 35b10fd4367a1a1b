import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { createApiKey, createInProcessEventBus } from '@district-hub/schema';
import { createPrismaClient, createSqlPool } from '@district-hub/schema/database';
import { createTestDatabase } from '@district-hub/schema/testing';
import Fastify from 'fastify';
import { getSchema } from '@district-hub/schema/graphql';
import { registerGateway } from '../src/server/register-gateway.ts';
import { DISTRICT_SNAPSHOT, ROOMS_PAGE } from '../src/testing/benchmark-queries.ts';
import { BENCH_DISTRICT, seedDistrict } from '../src/testing/seed-district.ts';
import { registerBaselineRoutes } from './baseline-routes.ts';
import { histogramTotals, hostileTimings, uncachedAnalysisMicros } from './guard-share.ts';
import { runLoad, type LoadResult, type LoadSpec } from './load.ts';

/**
 * The gateway against a hand-written SQL + JSON.stringify endpoint returning the same JSON, on the same
 * data (240 buildings), in one run, under the same closed-loop load.
 * Targets: GraphQL at ≥ 50 % of the baseline's requests/s, and p99 under 3× the baseline's.
 * The cores are shared, so each query runs ROUNDS rounds, alternating which side goes first, and the
 * medians are compared; the per-round ratios show the spread.
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET = { throughput: 0.5, p99: 3, guardShare: 0.03 };
const COMMAND = `BENCH_DURATION_MS=${DURATION_MS} BENCH_ROUNDS=${ROUNDS} npm run bench -- gateway`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

interface Side {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

const summarise = (runs: LoadResult[]): Side => ({
  requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
  p50Ms: median(runs.map((run) => run.p50Ms)),
  p99Ms: median(runs.map((run) => run.p99Ms)),
  errors: runs.reduce((sum, run) => sum + run.errors, 0),
});

const row = (label: string, side: Side) =>
  `  ${label.padEnd(9)} ${side.requestsPerSecond.toFixed(1).padStart(8)} req/s   p50 ${side.p50Ms.toFixed(1).padStart(7)} ms   p99 ${side.p99Ms.toFixed(1).padStart(7)} ms   ${side.errors} errors`;

const db = await createTestDatabase();
const sql = createSqlPool(db.url, { statementTimeoutMs: 15_000 });
const prisma = createPrismaClient(db.url, { pool: sql });
const app = Fastify({ logger: false });
const events = createInProcessEventBus();
try {
  await seedDistrict(db.prisma, BENCH_DISTRICT);
  // A live database has statistics (autovacuum); without them both sides would run on guessed plans.
  await db.prisma.$executeRawUnsafe('ANALYZE');
  const gateway = await registerGateway(app, {
    prisma,
    sql,
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
      query: DISTRICT_SNAPSHOT,
      graphql: graphql(DISTRICT_SNAPSHOT),
      baseline: { url: `${base}/baseline/snapshot`, method: 'GET' as const },
    },
    {
      name: 'rooms page (100 rows)',
      query: ROOMS_PAGE,
      graphql: graphql(ROOMS_PAGE),
      baseline: { url: `${base}/baseline/rooms`, method: 'GET' as const },
    },
  ];
  const run = (spec: Omit<LoadSpec, 'concurrency' | 'durationMs'>) =>
    runLoad({ ...spec, concurrency: CONCURRENCY, durationMs: DURATION_MS });

  console.log(`reproduce: ${COMMAND}`);
  console.log(
    `${CONCURRENCY} concurrent clients, ${ROUNDS} rounds × ${DURATION_MS / 1000} s per side, medians of rounds; ` +
      `NODE_ENV=${process.env.NODE_ENV}; node ${process.execArgv.join(' ')}; ` +
      `load average at start ${load()}`,
  );
  let met = true;
  for (const scenario of scenarios) {
    const fromGraphql = await (await fetch(scenario.graphql.url, { ...scenario.graphql })).json();
    const fromBaseline = await (await fetch(scenario.baseline.url)).json();
    if (!isDeepStrictEqual(fromGraphql, fromBaseline))
      throw new Error(`${scenario.name}: the baseline does not return the same JSON`);
    // A short warm-up of each, so JIT and connection pools are hot for both.
    await run(scenario.baseline);
    await run(scenario.graphql);
    const guardBefore = await histogramTotals(gateway.metrics, 'hub_graphql_guard_duration_seconds');
    const requestsBefore = await histogramTotals(gateway.metrics, 'hub_graphql_request_duration_seconds');
    const baselineRuns: LoadResult[] = [];
    const graphqlRuns: LoadResult[] = [];
    const roundRatios: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = round % 2 ? ['graphql', 'baseline'] : ['baseline', 'graphql'];
      const results: Record<string, LoadResult> = {};
      for (const side of order)
        results[side] = await run(side === 'graphql' ? scenario.graphql : scenario.baseline);
      baselineRuns.push(results.baseline!);
      graphqlRuns.push(results.graphql!);
      roundRatios.push(
        `${((results.graphql!.requestsPerSecond / results.baseline!.requestsPerSecond) * 100).toFixed(0)} % / ${(results.graphql!.p99Ms / results.baseline!.p99Ms).toFixed(2)}×`,
      );
    }
    const baseline = summarise(baselineRuns);
    const viaGraphql = summarise(graphqlRuns);
    const guardAfter = await histogramTotals(gateway.metrics, 'hub_graphql_guard_duration_seconds');
    const requestsAfter = await histogramTotals(gateway.metrics, 'hub_graphql_request_duration_seconds');
    const servedShare = (guardAfter.sum - guardBefore.sum) / (requestsAfter.sum - requestsBefore.sum);
    // Each request's time on the one JavaScript thread, where the guard runs: 1 / requests per second.
    const threadMicrosPerRequest = 1e6 / viaGraphql.requestsPerSecond;
    const analysisMicros = uncachedAnalysisMicros(
      getSchema(),
      scenario.query,
      gateway.options.limits.maxSelections,
    );
    const uncachedShare = analysisMicros / threadMicrosPerRequest;
    const throughput = viaGraphql.requestsPerSecond / baseline.requestsPerSecond;
    const p99 = viaGraphql.p99Ms / baseline.p99Ms;
    const ok =
      throughput >= TARGET.throughput &&
      p99 < TARGET.p99 &&
      uncachedShare < TARGET.guardShare &&
      viaGraphql.errors === 0;
    met &&= ok;
    console.log(`\n${scenario.name}`);
    console.log(row('baseline', baseline));
    console.log(row('graphql', viaGraphql));
    console.log(
      `  graphql/baseline: throughput ${(throughput * 100).toFixed(0)} % (target ≥ ${TARGET.throughput * 100} %), ` +
        `p99 ${p99.toFixed(2)}× (target < ${TARGET.p99}×)   ${ok ? 'PASS' : 'MISS'}`,
    );
    console.log(`  per round (throughput / p99): ${roundRatios.join(', ')}`);
    console.log(
      `  guards: ${analysisMicros.toFixed(1)} µs of analysis per request when nothing is remembered = ` +
        `${(uncachedShare * 100).toFixed(2)} % of ${(threadMicrosPerRequest / 1000).toFixed(2)} ms per request ` +
        `on the JS thread (target < ${TARGET.guardShare * 100} %); as served (cost remembered for operations ` +
        `without variables) ${(servedShare * 100).toFixed(3)} % of server-side request time`,
    );
  }
  console.log('\nhostile documents, each parsed and admitted afresh (median of rounds):');
  for (const row of hostileTimings(getSchema(), gateway.options.limits)) {
    console.log(
      `  ${row.name.padEnd(58)} ${String(row.bytes).padStart(7)} B  ${row.outcome.padEnd(18)} ` +
        `${row.selections === undefined ? '        –' : String(row.selections).padStart(5) + ' sel'}  ${row.micros.toFixed(0).padStart(6)} µs`,
    );
  }
  console.log(`\nload average at end ${load()}   reproduce: ${COMMAND}`);
  await gateway.close();
  await pool.end();
  process.exitCode = met ? 0 : 1;
} finally {
  await app.close();
  await events.close();
  await prisma.$disconnect();
  await sql.end();
  await db.drop();
}
