import DataLoader from 'dataloader';
import type { SqlDb } from '../database/sql-db.ts';
import { allocationInForce, currentPosition } from '../domain/sql-rules.ts';
import type { RoomAllocation } from '../generated/prisma/client.ts';
import {
  readBuildingCounts,
  readBuildingsById,
  readFloorsById,
  readFloorRoomCounts,
  readFloorsOfBuildings,
  type BuildingCount,
  type BuildingRow,
  type FloorRow,
  type FloorWithRoomCount,
} from './sql-reads/space-reads.ts';

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
  /** A building's base columns, by id: the building of a room or a floor. */
  building: DataLoader<number, BuildingRow>;
  /** A floor, by id: the floor of a room. */
  floor: DataLoader<number, FloorRow>;
  /** A building's live floors from the lowest up, by building id; their room counts come along. */
  floorsOfBuilding: DataLoader<number, FloorWithRoomCount[]>;
  /** A room's allocations in force now (the one rule, `allocationInForce`), by room id. */
  allocationsInForce: DataLoader<number, RoomAllocation[]>;
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

function byId<V extends { id: number }>(ids: readonly number[], rows: V[]): (V | null)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? null);
}

/** Rows a foreign key points at: one that is missing fails its own load, naming it, not the batch. */
function referenced<V extends { id: number }>(model: string, ids: readonly number[], rows: V[]) {
  return byId(ids, rows).map((row, index) => row ?? new Error(`${model} ${ids[index]} does not exist`));
}

export interface LoaderOptions {
  /** Remember results for the life of the loaders; default true (one HTTP operation). */
  cache?: boolean;
}

/**
 * Loaders read through `sql` (Kysely on the shared pool) rather than Prisma: they serve the district
 * snapshot and room pages, thousands of rows a request, where Prisma's result mapping cost several
 * times the SQL.
 */
export function createLoaders(sql: SqlDb, options: LoaderOptions = {}): HubLoaders {
  const settings = { cache: options.cache ?? true };
  return {
    buildingCount: new DataLoader(
      async (keys) => {
        const ids = [...new Set(keys.map((key) => key.buildingId))];
        const names = [...new Set(keys.map((key) => key.count))];
        const rows = await readBuildingCounts(sql, ids, names);
        const byBuilding = new Map(rows.map((row) => [row.id, row.counts]));
        return keys.map((key) => byBuilding.get(key.buildingId)?.[key.count] ?? 0);
      },
      { ...settings, cacheKeyFn: (key) => `${key.count}:${key.buildingId}` },
    ),
    floorRoomCount: new DataLoader<number, number>(
      async (ids) => byId(ids, await readFloorRoomCounts(sql, ids)).map((row) => row?.roomCount ?? 0),
      settings,
    ),
    building: new DataLoader(
      async (ids) => referenced('Building', ids, await readBuildingsById(sql, ids)),
      settings,
    ),
    floor: new DataLoader(async (ids) => referenced('Floor', ids, await readFloorsById(sql, ids)), settings),
    floorsOfBuilding: new DataLoader(
      async (buildingIds) =>
        byId(buildingIds, await readFloorsOfBuildings(sql, buildingIds)).map((row) => row?.floors ?? []),
      settings,
    ),
    allocationsInForce: new DataLoader(async (roomIds) => {
      const rows = await sql
        .selectFrom('RoomAllocation')
        .selectAll('RoomAllocation')
        .where('RoomAllocation.roomId', '=', (allocation) => allocation.fn.any(allocation.val(roomIds)))
        .where(allocationInForce(new Date()))
        .orderBy('RoomAllocation.validFrom')
        .orderBy('RoomAllocation.id')
        .execute();
      return byKey(roomIds, rows, (row) => row.roomId);
    }, settings),
    latestReadings: new DataLoader(async (ids) => {
      const rows = await sql
        .selectFrom('Reading')
        .distinctOn(['Reading.deviceId', 'Reading.metric'])
        .select(['Reading.deviceId', 'Reading.metric', 'Reading.value', 'Reading.unit', 'Reading.time'])
        .where('Reading.deviceId', '=', (reading) => reading.fn.any(reading.val(ids)))
        .orderBy('Reading.deviceId')
        .orderBy('Reading.metric')
        .orderBy('Reading.time', 'desc')
        .execute();
      return byKey(ids, rows, (row) => row.deviceId);
    }, settings),
    latestPosition: new DataLoader(async (ids) => {
      const rows = await sql
        .selectFrom('Vehicle')
        .crossJoinLateral((vehicle) =>
          currentPosition(vehicle.ref('Vehicle.id'))
            .select(['time', 'lon', 'lat', 'speedKmh', 'heading'])
            .as('p'),
        )
        .select(['Vehicle.id as vehicleId', 'p.time', 'p.lon', 'p.lat', 'p.speedKmh', 'p.heading'])
        .where('Vehicle.id', '=', (vehicle) => vehicle.fn.any(vehicle.val(ids)))
        .execute();
      return byKey(ids, rows, (row) => row.vehicleId).map((group) => group[0] ?? null);
    }, settings),
  };
}
