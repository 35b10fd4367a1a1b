import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { ACTIVE_ALERT_STATUSES } from '@district-hub/schema';
import { createSqlDb, createSqlPool } from '@district-hub/schema/database';
import {
  BUILDING_BASE_SELECT,
  FLOOR_SELECT,
  ROOM_SELECT,
  buildingPageStatement,
  roomPageStatement,
  type BuildingCount,
  type RoomPlacement,
} from '@district-hub/schema/graphql';
import { createTestDatabase } from '@district-hub/schema/testing';
import type { CompiledQuery } from 'kysely';
import type pg from 'pg';
import sqlTag, { empty, join, raw, type Sql } from 'sql-template-tag';
import { BENCH_DISTRICT, seedDistrict } from '../src/testing/seed-district.ts';

/**
 * How the gateway's hottest statements are best written by hand, measured on the statements
 * themselves: the room page the rooms benchmark reads (100 rooms with their building and floor) and
 * the buildings page of the district snapshot (240 buildings with three counts and their floors).
 * Each is built three ways that send the same SQL and get the same rows (checked):
 *   (a) `pg`       strings and a `SqlParams` collecting `$n` values (how sql-reads/ was written before);
 *   (b) `kysely`   the hub's readers' statements built and compiled by Kysely on every call, run
 *                  through `createSqlDb` on the same pool;
 *   (c) `kysely-p` the same compiled once per shape (`preparedQuery`), as the readers run them;
 *   (d) `sql-tag`  the `sql-template-tag` package: nested tagged templates, no types.
 * It prints the build cost per call (building the statement and its values, no database) and, on the
 * gateway benchmark's district, each way's CPU time per call and throughput at 8 clients (the pool has
 * 10) and latency at 1. The cores are shared: rounds alternate the order of the ways; build cost and
 * CPU per call are the least of the rounds (what other load cannot lower), the rest are medians.
 */
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 2_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BUILDS = Number(process.env.BENCH_BUILDS ?? 20_000);
const COMMAND = `BENCH_DURATION_MS=${DURATION_MS} BENCH_ROUNDS=${ROUNDS} node --import tsx gateway/bench/sql-builder.ts`;

type Statement = { text: string; values: unknown[] };

// ─── the inputs: what the two benchmark queries ask ──────────────────────────────────────────────

const ROOM_COLUMNS = Object.keys(ROOM_SELECT).map((column) => `"Room"."${column}"`);
const BUILDING_COLUMNS = Object.keys(BUILDING_BASE_SELECT).map((column) => `"Building"."${column}"`);
const FLOOR_COLUMNS = Object.keys(FLOOR_SELECT);
/** `rooms(first: 100) { … building { code } floor { level } }`: Prisma's window is one more row. */
const PLACEMENT: RoomPlacement = { building: ['id', 'code'], floor: ['id', 'buildingId', 'level'] };
const COUNTS: BuildingCount[] = ['rooms', 'devices', 'activeAlerts'];
const ROOM_WINDOW = { take: 101 };
const BUILDING_WINDOW = { take: 501 };

const ACTIVE = ACTIVE_ALERT_STATUSES.map((status) => `'${status}'`).join(', ');
/** The subqueries of sql-reads/ before Kysely, as text over the building `b` and the floor `f`. */
const COUNT_SQL: Record<BuildingCount, (b: string) => string> = {
  rooms: (b) =>
    `(select count(*)::int as "count" from "Room" where "Room"."buildingId" = ${b}."id" and "Room"."deletedAt" is null)`,
  devices: (b) =>
    `(select count(*)::int as "count" from "Device" where "Device"."buildingId" = ${b}."id" and "Device"."deletedAt" is null)`,
  activeAlerts: (b) =>
    `(select count(*)::int as "count" from "Alert" where "Alert"."buildingId" = ${b}."id" and ("Alert"."deletedAt" is null and "Alert"."status" in (${ACTIVE})))`,
};
const floorRoomCount = (f: string) =>
  `(select count(*)::int as "count" from "Room" where "Room"."buildingId" = ${f}."buildingId" and "Room"."floorId" = ${f}."id" and "Room"."deletedAt" is null)`;

const jsonPairs = (table: string, columns: readonly string[]) =>
  columns.map((column) => `'${column}', "${table}"."${column}"`);
const placedSubquery = (table: string, columns: readonly string[], key: string) =>
  `(select json_build_object(${jsonPairs(table, columns).join(', ')}) as "${key}" from "${table}" where "${table}"."id" = "Room"."${table === 'Building' ? 'buildingId' : 'floorId'}") as "${key}"`;
const floorsSubquery = (b: string) =>
  `(select coalesce(json_agg(json_build_object(${[...jsonPairs('Floor', FLOOR_COLUMNS), `'roomCount', ${floorRoomCount('"Floor"')}`].join(', ')}) ORDER BY "Floor"."level"), '[]') as "floors" from "Floor" where "Floor"."buildingId" = ${b}."id" and "Floor"."deletedAt" is null) as "floors"`;
const countsJson = (counts: readonly BuildingCount[], b: string) =>
  counts.map((count) => `'${count}', ${COUNT_SQL[count](b)}`);

// ─── (a) pg: strings and SqlParams, as sql-reads/ was written before Kysely ──────────────────────

class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const pgWay = {
  rooms(placement: RoomPlacement, window: { take: number }): Statement {
    const params = new SqlParams();
    const columns = [...ROOM_COLUMNS];
    if (placement.building) columns.push(placedSubquery('Building', placement.building, 'building'));
    if (placement.floor) columns.push(placedSubquery('Floor', placement.floor, 'floor'));
    const where = ['"Room"."deletedAt" is null'];
    const text = `select ${columns.join(', ')} from "Room" where ${where.join(' and ')} order by "Room"."id" asc limit ${params.add(window.take)}`;
    return { text, values: params.values };
  },
  buildings(counts: readonly BuildingCount[], floors: boolean, window: { take: number }): Statement {
    const params = new SqlParams();
    const columns = [...BUILDING_COLUMNS];
    if (counts.length)
      columns.push(`json_build_object(${countsJson(counts, '"Building"').join(', ')}) as "counts"`);
    if (floors) columns.push(floorsSubquery('"Building"'));
    const text = `select ${columns.join(', ')} from "Building" where "Building"."deletedAt" is null order by "Building"."id" asc limit ${params.add(window.take)}`;
    return { text, values: params.values };
  },
};

// ─── (c) sql-template-tag ─────────────────────────────────────────────────────────────────────

const sqlTagWay = {
  rooms(placement: RoomPlacement, window: { take: number }): Sql {
    const building = placement.building
      ? raw(`, ${placedSubquery('Building', placement.building, 'building')}`)
      : empty;
    const floor = placement.floor ? raw(`, ${placedSubquery('Floor', placement.floor, 'floor')}`) : empty;
    return sqlTag`select ${raw(ROOM_COLUMNS.join(', '))}${building}${floor} from "Room" where "Room"."deletedAt" is null order by "Room"."id" asc limit ${window.take}`;
  },
  buildings(counts: readonly BuildingCount[], floors: boolean, window: { take: number }): Sql {
    const countsObject = counts.length
      ? sqlTag`, json_build_object(${join(countsJson(counts, '"Building"').map(raw), ', ')}) as "counts"`
      : empty;
    const floorsArray = floors ? raw(`, ${floorsSubquery('"Building"')}`) : empty;
    return sqlTag`select ${raw(BUILDING_COLUMNS.join(', '))}${countsObject}${floorsArray} from "Building" where "Building"."deletedAt" is null order by "Building"."id" asc limit ${window.take}`;
  },
};

// ─── measuring ───────────────────────────────────────────────────────────────────────────────

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

/** Microseconds per call of `build`, over BUILDS calls after a warm-up. */
function buildCost(build: () => unknown): number {
  for (let i = 0; i < 2_000; i += 1) build();
  const start = process.hrtime.bigint();
  for (let i = 0; i < BUILDS; i += 1) build();
  return Number(process.hrtime.bigint() - start) / 1_000 / BUILDS;
}

interface Load {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** This process's CPU time per call (building, driver, parsing rows): other load barely moves it. */
  cpuUs: number;
}

/** `clients` loops calling `run` back to back for DURATION_MS. */
async function closedLoop(clients: number, run: () => Promise<unknown>): Promise<Load> {
  const latencies: number[] = [];
  const end = performance.now() + DURATION_MS;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        await run();
        latencies.push(performance.now() - start);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1_000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    cpuUs: (used.user + used.system) / latencies.length,
  };
}

interface Way {
  name: string;
  build: () => unknown;
  run: () => Promise<unknown[]>;
}

const db = await createTestDatabase();
const pool: pg.Pool = createSqlPool(db.url, { statementTimeoutMs: 15_000 });
const kysely = createSqlDb(pool);
try {
  await seedDistrict(db.prisma, BENCH_DISTRICT);
  await db.prisma.$executeRawUnsafe('ANALYZE');
  const rows = async (statement: Statement) => (await pool.query(statement.text, statement.values)).rows;

  /** Kysely built and compiled on every call, and compiled once per shape as the readers run it. */
  const kyselyWays = (statement: (prepared: boolean) => CompiledQuery): Way[] =>
    [false, true].map((prepared) => ({
      name: prepared ? 'kysely-p' : 'kysely',
      build: () => statement(prepared),
      run: async () => (await kysely.executeQuery(statement(prepared))).rows,
    }));
  const shapes: { name: string; ways: Way[] }[] = [
    {
      name: 'rooms page (100 rooms with building and floor)',
      ways: [
        {
          name: 'pg',
          build: () => pgWay.rooms(PLACEMENT, ROOM_WINDOW),
          run: () => rows(pgWay.rooms(PLACEMENT, ROOM_WINDOW)),
        },
        ...kyselyWays((prepared) =>
          roomPageStatement(kysely, prepared, { includeDeleted: false }, 'ID', PLACEMENT, ROOM_WINDOW),
        ),
        {
          name: 'sql-tag',
          build: () => {
            const statement = sqlTagWay.rooms(PLACEMENT, ROOM_WINDOW);
            return [statement.text, statement.values];
          },
          run: () => rows(sqlTagWay.rooms(PLACEMENT, ROOM_WINDOW)),
        },
      ],
    },
    {
      name: 'buildings page (240 buildings with 3 counts and floors)',
      ways: [
        {
          name: 'pg',
          build: () => pgWay.buildings(COUNTS, true, BUILDING_WINDOW),
          run: () => rows(pgWay.buildings(COUNTS, true, BUILDING_WINDOW)),
        },
        ...kyselyWays((prepared) =>
          buildingPageStatement(kysely, prepared, false, { counts: COUNTS, floors: true }, BUILDING_WINDOW),
        ),
        {
          name: 'sql-tag',
          build: () => {
            const statement = sqlTagWay.buildings(COUNTS, true, BUILDING_WINDOW);
            return [statement.text, statement.values];
          },
          run: () => rows(sqlTagWay.buildings(COUNTS, true, BUILDING_WINDOW)),
        },
      ],
    },
  ];

  console.log(`reproduce: ${COMMAND}`);
  console.log(
    `${ROUNDS} rounds, ${DURATION_MS / 1000} s per way and load, medians of rounds; ${BENCH_DISTRICT.buildings} buildings, ` +
      `${BENCH_DISTRICT.buildings * BENCH_DISTRICT.floorsPerBuilding * BENCH_DISTRICT.roomsPerFloor} rooms; node ${process.version}; load average at start ${load()}`,
  );
  for (const shape of shapes) {
    const texts = shape.ways.map((way) => {
      const built = way.build() as Statement | { sql: string } | [string, unknown[]];
      return Array.isArray(built) ? built[0] : 'text' in built ? built.text : built.sql;
    });
    if (new Set(texts).size !== 1)
      throw new Error(`${shape.name}: the ways do not send the same SQL\n${texts.join('\n')}`);
    const [reference, ...others] = await Promise.all(shape.ways.map((way) => way.run()));
    for (const [index, other] of others.entries())
      if (!isDeepStrictEqual(other, reference))
        throw new Error(`${shape.name}: ${shape.ways[index + 1]!.name} does not return what pg returns`);

    const results = new Map(
      shape.ways.map((way) => [way.name, { build: [] as number[], one: [] as Load[], eight: [] as Load[] }]),
    );
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = round % 2 ? [...shape.ways].reverse() : shape.ways;
      for (const way of order) results.get(way.name)!.build.push(buildCost(way.build));
      for (const way of order) results.get(way.name)!.one.push(await closedLoop(1, way.run));
      for (const way of order) results.get(way.name)!.eight.push(await closedLoop(8, way.run));
    }
    const summary = shape.ways.map((way) => {
      const result = results.get(way.name)!;
      return {
        way: way.name,
        buildUs: Math.min(...result.build),
        cpuUs: Math.min(...result.eight.map((run) => run.cpuUs)),
        p50Ms: median(result.one.map((run) => run.p50Ms)),
        p99Ms: median(result.one.map((run) => run.p99Ms)),
        perSecond: median(result.eight.map((run) => run.perSecond)),
      };
    });
    const base = summary[0]!;
    const ratio = (value: number, of: number) => `${(value / of).toFixed(2)}×`;
    console.log(`\n${shape.name}`);
    console.log(
      '  way      build µs   CPU µs/call   1 client p50 / p99 ms   8 clients calls/s   vs pg: build, CPU, calls/s',
    );
    for (const row of summary)
      console.log(
        `  ${row.way.padEnd(8)} ${row.buildUs.toFixed(1).padStart(8)}   ${row.cpuUs.toFixed(0).padStart(11)}` +
          `   ${row.p50Ms.toFixed(2).padStart(10)} / ${row.p99Ms.toFixed(2).padEnd(8)}   ${row.perSecond.toFixed(0).padStart(17)}` +
          `   ${ratio(row.buildUs, base.buildUs)}, ${ratio(row.cpuUs, base.cpuUs)}, ${((row.perSecond / base.perSecond) * 100).toFixed(0)} %`,
      );
  }
  console.log(`\nload average at end ${load()}   reproduce: ${COMMAND}`);
} finally {
  await kysely.destroy();
  await pool.end();
  await db.drop();
}
