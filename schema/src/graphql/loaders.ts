import DataLoader from 'dataloader';
import type { PrismaClient } from '../database/prisma-client.ts';
import { Prisma } from '../generated/prisma/client.ts';

/** What a building counts, each as a subquery on `b.id` that walks an index on the child's building. */
const BUILDING_COUNTS = {
  rooms: 'SELECT count(*) FROM "Room" c WHERE c."buildingId" = b.id AND c."deletedAt" IS NULL',
  devices: 'SELECT count(*) FROM "Device" c WHERE c."buildingId" = b.id AND c."deletedAt" IS NULL',
  activeAlerts: `SELECT count(*) FROM "Alert" c
    WHERE c."buildingId" = b.id AND c."deletedAt" IS NULL AND c.status <> 'RESOLVED'`,
} as const;

export type BuildingCount = keyof typeof BUILDING_COUNTS;

export interface LatestPosition {
  vehicleId: number;
  time: Date;
  lon: number;
  lat: number;
  speedKmh: number | null;
  heading: number | null;
}

export interface LatestReading {
  deviceId: number;
  metric: string;
  value: number;
  unit: string | null;
  time: Date;
}

/**
 * Per-operation DataLoaders for the aggregates a list asks for row by row. Each turns N field
 * resolutions into one SQL statement, so a snapshot of 240 buildings costs what 24 cost.
 */
export interface HubLoaders {
  /**
   * Live rooms, live devices and alerts not yet resolved (open or acknowledged) of a building: one
   * statement for every count the operation selects, and none for those it does not.
   */
  buildingCount: DataLoader<{ buildingId: number; count: BuildingCount }, number, string>;
  /** Live rooms on a floor, by floor id. */
  floorRoomCount: DataLoader<number, number>;
  /** The most recent sample of every metric, by device id. */
  latestReadings: DataLoader<number, LatestReading[]>;
  /** The most recent GPS fix, by vehicle id. */
  latestPosition: DataLoader<number, LatestPosition | null>;
}

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const grouped = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) grouped.get(keyOf(row))?.push(row);
  return keys.map((key) => grouped.get(key) ?? []);
}

export interface LoaderOptions {
  /** Remember results for the life of the loaders; default true (one HTTP operation). */
  cache?: boolean;
}

export function createLoaders(prisma: PrismaClient, options: LoaderOptions = {}): HubLoaders {
  const settings = { cache: options.cache ?? true };
  return {
    buildingCount: new DataLoader(
      async (keys) => {
        const ids = [...new Set(keys.map((key) => key.buildingId))];
        const names = [...new Set(keys.map((key) => key.count))];
        const columns = names.map(
          (name) => Prisma.sql`(${Prisma.raw(BUILDING_COUNTS[name])}) AS ${Prisma.raw(`"${name}"`)}`,
        );
        const rows = await prisma.$queryRaw<({ id: number } & Record<BuildingCount, bigint>)[]>`
          SELECT b.id, ${Prisma.join(columns)} FROM unnest(${ids}::int[]) AS b(id)`;
        const byId = new Map(rows.map((row) => [row.id, row]));
        return keys.map((key) => Number(byId.get(key.buildingId)?.[key.count] ?? 0));
      },
      { ...settings, cacheKeyFn: (key) => `${key.count}:${key.buildingId}` },
    ),
    floorRoomCount: new DataLoader(async (ids) => {
      // Matching the building too lets the (buildingId, floorId) index answer each floor.
      const rows = await prisma.$queryRaw<{ id: number; count: bigint }[]>`
        SELECT f.id, (SELECT count(*) FROM "Room" r
          WHERE r."buildingId" = f."buildingId" AND r."floorId" = f.id AND r."deletedAt" IS NULL) AS count
        FROM "Floor" f WHERE f.id = ANY(${[...ids]}::int[])`;
      const byId = new Map(rows.map((row) => [row.id, Number(row.count)]));
      return ids.map((id) => byId.get(id) ?? 0);
    }, settings),
    latestReadings: new DataLoader(async (ids) => {
      const rows = await prisma.$queryRaw<LatestReading[]>`
        SELECT DISTINCT ON ("deviceId", metric) "deviceId", metric, value, unit, time FROM "Reading"
        WHERE "deviceId" = ANY(${[...ids]}::int[])
        ORDER BY "deviceId", metric, time DESC`;
      return byKey(ids, rows, (row) => row.deviceId);
    }, settings),
    latestPosition: new DataLoader(async (ids) => {
      // LATERAL + LIMIT 1 walks the (vehicleId, time DESC) index once per vehicle instead of sorting
      // every fix the vehicles ever reported.
      const rows = await prisma.$queryRaw<LatestPosition[]>`
        SELECT p."vehicleId", p.time, p.lon, p.lat, p."speedKmh", p.heading
        FROM unnest(${[...ids]}::int[]) AS v(id)
        CROSS JOIN LATERAL (
          SELECT * FROM "VehiclePosition" WHERE "vehicleId" = v.id ORDER BY time DESC LIMIT 1
        ) p`;
      return byKey(ids, rows, (row) => row.vehicleId).map((group) => group[0] ?? null);
    }, settings),
  };
}
