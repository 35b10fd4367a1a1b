import { expressionBuilder, sql, type Expression, type SelectExpression } from 'kysely';
import { jsonBuildObject } from 'kysely/helpers/postgres';
import type { DB, SqlExecutor } from '../../database/sql-db.ts';
import { preparedQuery } from '../../database/prepared-query.ts';
import { COUNT_ROWS, likePrefix } from '../../database/sql-expressions.ts';
import { alertIsActive, allocationInForce } from '../../domain/sql-rules.ts';
import type { Building, Floor, Room, RoomCategory, RoomStatus } from '../../generated/prisma/client.ts';
import {
  keysetPage,
  pageRows,
  pageShape,
  pageValues,
  type PageShape,
  type PageValues,
  type PageWindow,
  type SortKey,
} from './keyset-page.ts';

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

/** The columns a Prisma select names, so SQL and Prisma read the same. */
const columnsOf = <Select extends Record<string, true>>(select: Select) =>
  Object.keys(select) as (keyof Select & string)[];

const BUILDING_COLUMNS = columnsOf(BUILDING_BASE_SELECT).map((column) => `Building.${column}` as const);
const FLOOR_COLUMNS = columnsOf(FLOOR_SELECT).map((column) => `Floor.${column}` as const);
const ROOM_COLUMNS = columnsOf(ROOM_SELECT).map((column) => `Room.${column}` as const);

/** A JSON object of `columns` of `table`, and any `extra` entries. */
const jsonOf = (table: string, columns: readonly string[], extra: Record<string, Expression<unknown>> = {}) =>
  jsonBuildObject({
    ...Object.fromEntries(columns.map((column) => [column, sql.ref(`${table}.${column}`)])),
    ...extra,
  });

const eb = expressionBuilder<DB>();

/** What a building counts, each a subquery walking an index on the child's building. */
const BUILDING_COUNTS = {
  rooms: (buildingId: Expression<number>) =>
    eb
      .selectFrom('Room')
      .select(COUNT_ROWS.as('count'))
      .where('Room.buildingId', '=', buildingId)
      .where('Room.deletedAt', 'is', null),
  devices: (buildingId: Expression<number>) =>
    eb
      .selectFrom('Device')
      .select(COUNT_ROWS.as('count'))
      .where('Device.buildingId', '=', buildingId)
      .where('Device.deletedAt', 'is', null),
  activeAlerts: (buildingId: Expression<number>) =>
    eb
      .selectFrom('Alert')
      .select(COUNT_ROWS.as('count'))
      .where('Alert.buildingId', '=', buildingId)
      .where(alertIsActive),
} as const;

export type BuildingCount = keyof typeof BUILDING_COUNTS;

/** Live rooms on the floor in scope; matching the building too lets the (buildingId, floorId) index count. */
const FLOOR_ROOM_COUNT = expressionBuilder<DB, 'Floor'>()
  .selectFrom('Room')
  .select(COUNT_ROWS.as('count'))
  .whereRef('Room.buildingId', '=', 'Floor.buildingId')
  .whereRef('Room.floorId', '=', 'Floor.id')
  .where('Room.deletedAt', 'is', null);

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

const room = expressionBuilder<DB, 'Room'>();

/**
 * A cache of the expressions a statement builds from a small set of inputs (which columns a query
 * selects): they are immutable, and building one costs more than the rest of its statement.
 */
function memo<Input, Output>(key: (input: Input) => string, build: (input: Input) => Output) {
  const built = new Map<string, Output>();
  return (input: Input) => {
    const name = key(input);
    let output = built.get(name);
    if (output === undefined) built.set(name, (output = build(input)));
    return output;
  };
}

/** The subquery of a room's building or floor, as a JSON object of the columns a query selects. */
const placedIn = (
  table: 'Building' | 'Floor',
  alias: 'building' | 'floor',
  foreignKey: 'Room.buildingId' | 'Room.floorId',
) =>
  memo(
    (columns: readonly string[]) => columns.join(),
    (columns) =>
      room
        .selectFrom(table)
        .select(jsonOf(table, columns).as(alias))
        .whereRef(`${table}.id`, '=', foreignKey)
        .as(alias),
  );

const placedBuilding = placedIn('Building', 'building', 'Room.buildingId');
const placedFloor = placedIn('Floor', 'floor', 'Room.floorId');

function placedRoomColumns(placement: RoomPlacement): SelectExpression<DB, 'Room'>[] {
  const columns: SelectExpression<DB, 'Room'>[] = [...ROOM_COLUMNS];
  if (placement.building) columns.push(placedBuilding(placement.building));
  if (placement.floor) columns.push(placedFloor(placement.floor));
  return columns;
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

/** What selects a page's rooms, each value as the SQL compares it (a door number as its LIKE pattern). */
interface RoomCriteria {
  buildingId?: number;
  building?: string;
  floor?: number;
  numberPattern?: string;
  category?: RoomCategory;
  status?: RoomStatus;
  agency?: string;
  /** The instant whose allocations count, with `agency`. */
  at?: Date;
}

function roomCriteria(selection: RoomSelection): RoomCriteria {
  const { filter } = selection;
  const criteria: RoomCriteria = {};
  if (selection.buildingId !== undefined) criteria.buildingId = selection.buildingId;
  if (filter?.building) criteria.building = filter.building;
  if (filter?.floor != null) criteria.floor = filter.floor;
  if (filter?.number) criteria.numberPattern = likePrefix(filter.number);
  if (filter?.category) criteria.category = filter.category;
  if (filter?.status) criteria.status = filter.status;
  if (filter?.agency) Object.assign(criteria, { agency: filter.agency, at: new Date() });
  return criteria;
}

/** The rooms the criteria name. */
function roomConditions(includeDeleted: boolean, criteria: RoomCriteria) {
  const conditions = [];
  if (!includeDeleted) conditions.push(room('Room.deletedAt', 'is', null));
  if (criteria.buildingId !== undefined) conditions.push(room('Room.buildingId', '=', criteria.buildingId));
  if (criteria.building !== undefined)
    conditions.push(
      room(
        'Room.buildingId',
        'in',
        room.selectFrom('Building').select('Building.id').where('Building.code', '=', criteria.building),
      ),
    );
  if (criteria.floor !== undefined)
    conditions.push(
      room(
        'Room.floorId',
        'in',
        room.selectFrom('Floor').select('Floor.id').where('Floor.level', '=', criteria.floor),
      ),
    );
  if (criteria.numberPattern !== undefined)
    conditions.push(room('Room.number', 'ilike', criteria.numberPattern));
  if (criteria.category !== undefined) conditions.push(room('Room.category', '=', criteria.category));
  if (criteria.status !== undefined) conditions.push(room('Room.status', '=', criteria.status));
  if (criteria.agency !== undefined)
    conditions.push(
      room.exists(
        room
          .selectFrom('RoomAllocation')
          .innerJoin('Agency', 'Agency.id', 'RoomAllocation.agencyId')
          .select(sql.lit(1).as('one'))
          .whereRef('RoomAllocation.roomId', '=', 'Room.id')
          .where('Agency.code', '=', criteria.agency)
          .where(allocationInForce(criteria.at!)),
      ),
    );
  return room.and(conditions);
}

interface RoomPageShape {
  includeDeleted: boolean;
  criteria: (keyof RoomCriteria)[];
  order: RoomOrder;
  placement: RoomPlacement;
  page: PageShape;
}

/**
 * One page of rooms in `order`, each with the building and floor `placement` names: read in the same
 * statement, they cost a page two index lookups a row in PostgreSQL instead of two more statements
 * and two loader calls a row in the gateway. The statement is compiled once per shape.
 */
const roomPage = preparedQuery<RoomPageShape, RoomCriteria & PageValues, PlacedRoom>(
  (shape) => JSON.stringify(shape),
  (db, shape, value) => {
    const criteria = Object.fromEntries(shape.criteria.map((name) => [name, value(name)]));
    const query = db
      .selectFrom('Room')
      .select(placedRoomColumns(shape.placement))
      .where(roomConditions(shape.includeDeleted, criteria));
    return keysetPage(query, 'Room', ROOM_SORT[shape.order], shape.page, {
      limit: value('limit'),
      cursorId: value('cursorId'),
    }).$castTo<PlacedRoom>();
  },
);

/** A room page's shape and values, from what its connection asks. */
function roomPageCall(
  selection: RoomSelection,
  order: RoomOrder,
  placement: RoomPlacement,
  window: PageWindow,
): [RoomPageShape, RoomCriteria & PageValues] {
  const criteria = roomCriteria(selection);
  const shape = {
    includeDeleted: selection.includeDeleted,
    criteria: Object.keys(criteria) as (keyof RoomCriteria)[],
    order,
    placement,
    page: pageShape(window),
  };
  return [shape, { ...criteria, ...pageValues(window) }];
}

export type RoomPageArgs = Parameters<typeof roomPageCall>;

/** A room page's statement as `readRoomPage` runs it (`prepared`) or built for the call alone. */
export function roomPageStatement(db: SqlExecutor, prepared: boolean, ...args: RoomPageArgs) {
  const [shape, values] = roomPageCall(...args);
  return prepared ? roomPage.compile(db, shape, values) : roomPage.query(db, shape, values).compile();
}

export async function readRoomPage(db: SqlExecutor, ...args: RoomPageArgs): Promise<PlacedRoom[]> {
  const [shape, values] = roomPageCall(...args);
  return pageRows(await roomPage.execute(db, shape, values), shape.page);
}

export async function countRooms(db: SqlExecutor, selection: RoomSelection): Promise<number> {
  const { count } = await db
    .selectFrom('Room')
    .select(COUNT_ROWS.as('count'))
    .where(roomConditions(selection.includeDeleted, roomCriteria(selection)))
    .executeTakeFirstOrThrow();
  return count;
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

/** The counts of the building `buildingId` named, as one JSON object (`{ "rooms": 12, … }`). */
const countsJson = (counts: readonly BuildingCount[], buildingId: Expression<number>) =>
  jsonBuildObject(Object.fromEntries(counts.map((count) => [count, BUILDING_COUNTS[count](buildingId)])));

/** The live floors of the building `buildingId` from the lowest up, with their live room counts, as a JSON array. */
const floorsJson = (buildingId: Expression<number>) =>
  eb
    .selectFrom('Floor')
    .select(
      sql<FloorWithRoomCount[]>`coalesce(json_agg(${jsonOf('Floor', columnsOf(FLOOR_SELECT), {
        roomCount: FLOOR_ROOM_COUNT,
      })} ORDER BY ${sql.ref('Floor.level')}), '[]')`.as('floors'),
    )
    .where('Floor.buildingId', '=', buildingId)
    .where('Floor.deletedAt', 'is', null);

/**
 * One page of buildings by id. The counts and floors the query asks for are subqueries of the same
 * statement, so a district snapshot is one statement where the loaders would make three more and a
 * loader call per building and field. The statement is compiled once per shape.
 */
const buildingPage = preparedQuery<
  { includeDeleted: boolean; extras: BuildingExtras; page: PageShape },
  PageValues,
  BuildingWithExtras
>(
  (shape) => JSON.stringify(shape),
  (db, shape, value) => {
    const query = db
      .selectFrom('Building')
      .select(buildingColumns(shape.extras))
      .$if(!shape.includeDeleted, (page) => page.where('Building.deletedAt', 'is', null));
    return keysetPage(query, 'Building', BY_ID, shape.page, {
      limit: value('limit'),
      cursorId: value('cursorId'),
    }).$castTo<BuildingWithExtras>();
  },
);

/** The base columns of a building page, and the counts and floors `extras` names. */
const buildingColumns = memo(
  (extras: BuildingExtras) => `${extras.counts.join()}:${extras.floors}`,
  (extras) => {
    const buildingId = sql.ref<number>('Building.id');
    const columns: SelectExpression<DB, 'Building'>[] = [...BUILDING_COLUMNS];
    if (extras.counts.length) columns.push(countsJson(extras.counts, buildingId).as('counts'));
    if (extras.floors) columns.push(floorsJson(buildingId).as('floors'));
    return columns;
  },
);

/** A building page's statement as `readBuildingPage` runs it (`prepared`) or built for the call alone. */
export function buildingPageStatement(
  db: SqlExecutor,
  prepared: boolean,
  includeDeleted: boolean,
  extras: BuildingExtras,
  window: PageWindow,
) {
  const shape = { includeDeleted, extras, page: pageShape(window) };
  return prepared
    ? buildingPage.compile(db, shape, pageValues(window))
    : buildingPage.query(db, shape, pageValues(window)).compile();
}

export async function readBuildingPage(
  db: SqlExecutor,
  includeDeleted: boolean,
  extras: BuildingExtras,
  window: PageWindow,
): Promise<BuildingWithExtras[]> {
  const shape = { includeDeleted, extras, page: pageShape(window) };
  return pageRows(await buildingPage.execute(db, shape, pageValues(window)), shape.page);
}

/** The given building ids as the rows of `b` (`unnest`), so each id costs one subquery, not a join. */
const buildingIdRows = (db: SqlExecutor, buildingIds: readonly number[]) =>
  db.selectFrom(sql<{ id: number }>`unnest(${buildingIds}::int[])`.as<'b'>(sql`b(id)`));

/** The counts named of the given buildings, with the same subqueries as a page. */
export function readBuildingCounts(
  db: SqlExecutor,
  buildingIds: readonly number[],
  counts: readonly BuildingCount[],
): Promise<Required<Pick<BuildingWithExtras, 'id' | 'counts'>>[]> {
  return buildingIdRows(db, buildingIds)
    .select(['b.id', countsJson(counts, sql.ref('b.id')).as('counts')])
    .$castTo<Required<Pick<BuildingWithExtras, 'id' | 'counts'>>>()
    .execute();
}

/** The floors of the given buildings, with the same subquery as a page. */
export function readFloorsOfBuildings(
  db: SqlExecutor,
  buildingIds: readonly number[],
): Promise<Required<Pick<BuildingWithExtras, 'id' | 'floors'>>[]> {
  return buildingIdRows(db, buildingIds)
    .select(['b.id', floorsJson(sql.ref('b.id')).as('floors')])
    .$castTo<Required<Pick<BuildingWithExtras, 'id' | 'floors'>>>()
    .execute();
}

export async function countBuildings(db: SqlExecutor, includeDeleted: boolean): Promise<number> {
  const { count } = await db
    .selectFrom('Building')
    .select(COUNT_ROWS.as('count'))
    .$if(!includeDeleted, (query) => query.where('Building.deletedAt', 'is', null))
    .executeTakeFirstOrThrow();
  return count;
}

/** Buildings by id (the base columns), whether or not they are deleted: a room keeps its building. */
export function readBuildingsById(db: SqlExecutor, ids: readonly number[]): Promise<BuildingRow[]> {
  return db
    .selectFrom('Building')
    .select(BUILDING_COLUMNS)
    .where('Building.id', '=', (id) => id.fn.any(id.val(ids)))
    .execute();
}

/** Floors by id, whether or not they are deleted. */
export function readFloorsById(db: SqlExecutor, ids: readonly number[]): Promise<FloorRow[]> {
  return db
    .selectFrom('Floor')
    .select(FLOOR_COLUMNS)
    .where('Floor.id', '=', (id) => id.fn.any(id.val(ids)))
    .execute();
}

export type FloorWithRoomCount = FloorRow & { roomCount: number };

/** Live room counts of the given floors. */
export function readFloorRoomCounts(
  db: SqlExecutor,
  floorIds: readonly number[],
): Promise<{ id: number; roomCount: number }[]> {
  return db
    .selectFrom('Floor')
    .select(['Floor.id', FLOOR_ROOM_COUNT.as('roomCount')])
    .where('Floor.id', '=', (id) => id.fn.any(id.val(floorIds)))
    .$castTo<{ id: number; roomCount: number }>()
    .execute();
}
