import DataLoader from 'dataloader';
import type { PrismaClient } from '../database/prisma-client.ts';

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
  /** Alerts not yet resolved (open or acknowledged), by building id. */
  activeAlertCount: DataLoader<number, number>;
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
    activeAlertCount: new DataLoader(async (ids) => {
      const rows = await prisma.$queryRaw<{ buildingId: number; count: bigint }[]>`
        SELECT "buildingId", count(*) AS count FROM "Alert"
        WHERE "buildingId" = ANY(${[...ids]}::int[]) AND status <> 'RESOLVED' AND "deletedAt" IS NULL
        GROUP BY "buildingId"`;
      return byKey(ids, rows, (row) => row.buildingId).map((group) => Number(group[0]?.count ?? 0));
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
