import type { SqlClient } from '../../database/sql-pool.ts';
import type { Building, Floor, Room, RoomCategory, RoomStatus } from '../../generated/prisma/client.ts';
import { readKeysetPage, type PageWindow, type SortKey } from './keyset-page.ts';
import { likePrefix, SqlParams } from './sql-params.ts';

/**
 * The building columns read with every building: small and often asked. The rest (a footprint can be
 * large) are loaded only for a query that asks for them, by the Prisma plugin's select mode.
 */
export const BUILDING_BASE_SELECT = {
  id: true,
  code: true,
  name: true,
  centroidLon: true,
  centroidLat: true,
  floorsAbove: true,
  floorsBelow: true,
  height: true,
} as const;

/** The floor columns the API shows, and the building it hangs from. */
export const FLOOR_SELECT = {
  id: true,
  buildingId: true,
  level: true,
  name: true,
  elevation: true,
  height: true,
} as const;

/** The room columns the API shows, and the building and floor it is in. */
export const ROOM_SELECT = {
  id: true,
  buildingId: true,
  floorId: true,
  number: true,
  name: true,
  usableArea: true,
  category: true,
  subtype: true,
  status: true,
  x: true,
  y: true,
  z: true,
  source: true,
  externalId: true,
  deletedAt: true,
} as const;

export type BuildingRow = Pick<Building, keyof typeof BUILDING_BASE_SELECT>;
export type FloorRow = Pick<Floor, keyof typeof FLOOR_SELECT>;
export type RoomRow = Pick<Room, keyof typeof ROOM_SELECT>;

/** A select list over `alias` of the columns a Prisma select names, so SQL and Prisma read the same. */
const columnsOf = (select: Record<string, true>, alias: string) =>
  Object.keys(select)
    .map((column) => `${alias}."${column}"`)
    .join(', ');

const BUILDING_COLUMNS = columnsOf(BUILDING_BASE_SELECT, 't');

/** What a building counts, each a subquery on the building `b` walking an index on the child's building. */
const BUILDING_COUNTS = {
  rooms: (b: string) =>
    `(SELECT count(*)::int FROM "Room" c WHERE c."buildingId" = ${b}.id AND c."deletedAt" IS NULL)`,
  devices: (b: string) =>
    `(SELECT count(*)::int FROM "Device" c WHERE c."buildingId" = ${b}.id AND c."deletedAt" IS NULL)`,
  activeAlerts: (b: string) => `(SELECT count(*)::int FROM "Alert" c
    WHERE c."buildingId" = ${b}.id AND c."deletedAt" IS NULL AND c.status <> 'RESOLVED')`,
} as const;

export type BuildingCount = keyof typeof BUILDING_COUNTS;

/** Live rooms on the floor `f`; matching the building too lets the (buildingId, floorId) index count. */
const FLOOR_ROOM_COUNT = `(SELECT count(*)::int FROM "Room" r
  WHERE r."buildingId" = f."buildingId" AND r."floorId" = f.id AND r."deletedAt" IS NULL)`;

/** A JSON object of `columns` of `alias`, and a floor's room count if given. */
const jsonOf = (columns: readonly string[], alias: string, roomCount?: string) =>
  `json_build_object(${columns
    .map((column) => `'${column}', ${alias}."${column}"`)
    .concat(roomCount ? [`'roomCount', ${roomCount}`] : [])
    .join(', ')})`;

/**
 * A room as a page reads it: with the building and floor a query asks of every room, when it does.
 * They carry the base columns the query selects, and always what their own fields are resolved by
 * (id, and a floor's building); a column nobody asked for is not read.
 */
export type PlacedRoom = RoomRow & { building?: BuildingRow; floor?: FloorRow | null };

/** The base columns of a room's building and floor a room page reads; null reads none of it. */
export interface RoomPlacement {
  building: readonly string[] | null;
  floor: readonly string[] | null;
}

/** Of the fields a query selects, the base columns of `select`, with those always needed. */
export function placementColumns(
  select: Record<string, true>,
  selected: ReadonlySet<string>,
  always: readonly string[],
): string[] | null {
  if (selected.size === 0) return null;
  return [...new Set([...always, ...Object.keys(select).filter((column) => selected.has(column))])];
}

export const BUILDING_KEY_COLUMNS = ['id'] as const;
export const FLOOR_KEY_COLUMNS = ['id', 'buildingId'] as const;

function placedRoomColumns(placement: RoomPlacement): string {
  const columns = [columnsOf(ROOM_SELECT, 't')];
  if (placement.building)
    columns.push(`(SELECT ${jsonOf(placement.building, 'b')} FROM "Building" b
      WHERE b.id = t."buildingId") AS building`);
  if (placement.floor)
    columns.push(`(SELECT ${jsonOf(placement.floor, 'f')} FROM "Floor" f WHERE f.id = t."floorId") AS floor`);
  return columns.join(', ');
}

export interface RoomFilter {
  building?: string | null;
  floor?: number | null;
  number?: string | null;
  category?: RoomCategory | null;
  status?: RoomStatus | null;
  agency?: string | null;
}

export type RoomOrder = 'ID' | 'NUMBER' | 'USABLE_AREA_DESC';

const ascending = (column: string): SortKey => ({ column, descending: false });
const BY_ID = [ascending('id')];

const ROOM_SORT: Record<RoomOrder, SortKey[]> = {
  ID: BY_ID,
  NUMBER: [ascending('buildingId'), ascending('number'), ascending('id')],
  USABLE_AREA_DESC: [{ column: 'usableArea', descending: true }, ascending('id')],
};

export interface RoomSelection {
  filter?: RoomFilter | null;
  includeDeleted: boolean;
  /** Only the rooms of this building (`Building.rooms`). */
  buildingId?: number;
}

/** The conditions over `t` ("Room") that select the rooms a filter names. */
function roomConditions(selection: RoomSelection, params: SqlParams): string[] {
  const { filter } = selection;
  const conditions: string[] = [];
  if (!selection.includeDeleted) conditions.push('t."deletedAt" IS NULL');
  if (selection.buildingId !== undefined)
    conditions.push(`t."buildingId" = ${params.add(selection.buildingId)}`);
  if (filter?.building)
    conditions.push(
      `t."buildingId" IN (SELECT id FROM "Building" WHERE code = ${params.add(filter.building)})`,
    );
  if (filter?.floor != null)
    conditions.push(`t."floorId" IN (SELECT id FROM "Floor" WHERE level = ${params.add(filter.floor)})`);
  if (filter?.number) conditions.push(`t.number ILIKE ${params.add(likePrefix(filter.number))}`);
  if (filter?.category) conditions.push(`t.category = ${params.add(filter.category)}`);
  if (filter?.status) conditions.push(`t.status = ${params.add(filter.status)}`);
  if (filter?.agency) {
    const now = params.add(new Date());
    conditions.push(`EXISTS (SELECT 1 FROM "RoomAllocation" a JOIN "Agency" g ON g.id = a."agencyId"
      WHERE a."roomId" = t.id AND a."deletedAt" IS NULL AND g.code = ${params.add(filter.agency)}
        AND a."validFrom" <= ${now} AND (a."validTo" IS NULL OR a."validTo" > ${now}))`);
  }
  return conditions;
}

/**
 * One page of rooms in `order`, each with the building and floor `placement` names: read in the same
 * statement, they cost a page two index lookups a row in PostgreSQL instead of two more statements
 * and two loader calls a row in the gateway.
 */
export function readRoomPage(
  sql: SqlClient,
  selection: RoomSelection,
  order: RoomOrder,
  placement: RoomPlacement,
  window: PageWindow,
): Promise<PlacedRoom[]> {
  const params = new SqlParams();
  return readKeysetPage<PlacedRoom>(sql, {
    table: 'Room',
    columns: placedRoomColumns(placement),
    where: roomConditions(selection, params),
    params,
    sort: ROOM_SORT[order],
    window,
  });
}

export async function countRooms(sql: SqlClient, selection: RoomSelection): Promise<number> {
  const params = new SqlParams();
  const conditions = roomConditions(selection, params);
  const { rows } = await sql.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM "Room" t${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`,
    params.values,
  );
  return rows[0]!.count;
}

/** What a building page reads besides the base columns: only what the query asks for. */
export interface BuildingExtras {
  counts: BuildingCount[];
  floors: boolean;
}

/** A building as a page reads it: the counts and floors asked for come in the same statement. */
export type BuildingWithExtras = BuildingRow & {
  counts?: Partial<Record<BuildingCount, number>>;
  floors?: FloorWithRoomCount[];
};

/** The counts of the building `b` named, as one JSON object (`{ "rooms": 12, … }`). */
const countsJson = (counts: readonly BuildingCount[], b: string) =>
  `json_build_object(${counts.map((count) => `'${count}', ${BUILDING_COUNTS[count](b)}`).join(', ')})`;

/** The live floors of the building `b` from the lowest up, with their live room counts, as a JSON array. */
const floorsJson = (
  b: string,
) => `(SELECT coalesce(json_agg(${jsonOf(Object.keys(FLOOR_SELECT), 'f', FLOOR_ROOM_COUNT)}
    ORDER BY f.level), '[]') FROM "Floor" f WHERE f."buildingId" = ${b}.id AND f."deletedAt" IS NULL)`;

/**
 * One page of buildings by id. The counts and floors the query asks for are subqueries of the same
 * statement, so a district snapshot is one statement where the loaders would make three more and a
 * loader call per building and field.
 */
export function readBuildingPage(
  sql: SqlClient,
  includeDeleted: boolean,
  extras: BuildingExtras,
  window: PageWindow,
): Promise<BuildingWithExtras[]> {
  const columns = [BUILDING_COLUMNS];
  if (extras.counts.length) columns.push(`${countsJson(extras.counts, 't')} AS counts`);
  if (extras.floors) columns.push(`${floorsJson('t')} AS floors`);
  return readKeysetPage<BuildingWithExtras>(sql, {
    table: 'Building',
    columns: columns.join(', '),
    where: includeDeleted ? [] : ['t."deletedAt" IS NULL'],
    params: new SqlParams(),
    sort: BY_ID,
    window,
  });
}

/** The counts named of the given buildings, with the same subqueries as a page. */
export async function readBuildingCounts(
  sql: SqlClient,
  buildingIds: readonly number[],
  counts: readonly BuildingCount[],
): Promise<Required<Pick<BuildingWithExtras, 'id' | 'counts'>>[]> {
  const { rows } = await sql.query<Required<Pick<BuildingWithExtras, 'id' | 'counts'>>>(
    `SELECT b.id, ${countsJson(counts, 'b')} AS counts FROM unnest($1::int[]) AS b(id)`,
    [buildingIds],
  );
  return rows;
}

/** The floors of the given buildings, with the same subquery as a page. */
export async function readFloorsOfBuildings(
  sql: SqlClient,
  buildingIds: readonly number[],
): Promise<Required<Pick<BuildingWithExtras, 'id' | 'floors'>>[]> {
  const { rows } = await sql.query<Required<Pick<BuildingWithExtras, 'id' | 'floors'>>>(
    `SELECT b.id, ${floorsJson('b')} AS floors FROM unnest($1::int[]) AS b(id)`,
    [buildingIds],
  );
  return rows;
}

export async function countBuildings(sql: SqlClient, includeDeleted: boolean): Promise<number> {
  const { rows } = await sql.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM "Building"${includeDeleted ? '' : ' WHERE "deletedAt" IS NULL'}`,
  );
  return rows[0]!.count;
}

/** Buildings by id (the base columns), whether or not they are deleted: a room keeps its building. */
export async function readBuildingsById(sql: SqlClient, ids: readonly number[]): Promise<BuildingRow[]> {
  const { rows } = await sql.query<BuildingRow>(
    `SELECT ${BUILDING_COLUMNS} FROM "Building" t WHERE t.id = ANY($1::int[])`,
    [ids],
  );
  return rows;
}

/** Floors by id, whether or not they are deleted. */
export async function readFloorsById(sql: SqlClient, ids: readonly number[]): Promise<FloorRow[]> {
  const { rows } = await sql.query<FloorRow>(
    `SELECT ${columnsOf(FLOOR_SELECT, 'f')} FROM "Floor" f WHERE f.id = ANY($1::int[])`,
    [ids],
  );
  return rows;
}

export type FloorWithRoomCount = FloorRow & { roomCount: number };

/** Live room counts of the given floors. */
export async function readFloorRoomCounts(
  sql: SqlClient,
  floorIds: readonly number[],
): Promise<{ id: number; roomCount: number }[]> {
  const { rows } = await sql.query<{ id: number; roomCount: number }>(
    `SELECT f.id, ${FLOOR_ROOM_COUNT} AS "roomCount" FROM "Floor" f WHERE f.id = ANY($1::int[])`,
    [floorIds],
  );
  return rows;
}
