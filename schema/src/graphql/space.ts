import { AdminLevel, OwnershipStatus, RoomCategory, RoomStatus } from '../generated/prisma/client.ts';
import type { GraphQLResolveInfo } from 'graphql';
import { builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { ASSUMED_LIST_SIZES, listSize } from './list-size.ts';
import { includeDeletedArgs, visible } from './soft-delete.ts';
import { selectedFields } from './sql-reads/selected-fields.ts';
import { sqlConnection, sqlConnectionType } from './sql-reads/sql-connection.ts';
import {
  BUILDING_BASE_SELECT,
  BUILDING_KEY_COLUMNS,
  FLOOR_KEY_COLUMNS,
  FLOOR_SELECT,
  ROOM_SELECT,
  countBuildings,
  countRooms,
  placementColumns,
  readBuildingPage,
  readRoomPage,
  type BuildingCount,
  type BuildingExtras,
  type BuildingWithExtras,
  type FloorRow,
  type PlacedRoom,
  type RoomPlacement,
  type RoomRow,
} from './sql-reads/space-reads.ts';

export const RoomCategoryEnum = builder.enumType(RoomCategory, { name: 'RoomCategory' });
export const RoomStatusEnum = builder.enumType(RoomStatus, { name: 'RoomStatus' });
export const OwnershipStatusEnum = builder.enumType(OwnershipStatus, { name: 'OwnershipStatus' });
export const AdminLevelEnum = builder.enumType(AdminLevel, { name: 'AdminLevel' });

const RoomFilter = builder.inputType('RoomFilter', {
  fields: (t) => ({
    building: t.string({ required: false, description: 'Building code.' }),
    floor: t.int({ required: false, description: 'Floor level (1 = ground, negative below).' }),
    number: t.string({
      required: false,
      description: 'Door number (门牌号) or its beginning, any case: `51` finds 510–519 and 5100–5199.',
    }),
    category: t.field({ type: RoomCategoryEnum, required: false }),
    status: t.field({ type: RoomStatusEnum, required: false }),
    agency: t.string({ required: false, description: 'Agency code holding a current allocation.' }),
  }),
});

const RoomOrder = builder.enumType('RoomOrder', {
  values: ['ID', 'NUMBER', 'USABLE_AREA_DESC'] as const,
});

const roomConnection = sqlConnection<PlacedRoom>('Room');

const countOf = (building: BuildingWithExtras, count: BuildingCount, context: GraphQLContext) =>
  building.counts?.[count] ?? context.loaders.buildingCount.load({ buildingId: building.id, count });

/** The building and floor columns a room page reads for the rooms' `building` and `floor` fields. */
const roomPlacement = (info: GraphQLResolveInfo): RoomPlacement => ({
  building: placementColumns(
    BUILDING_BASE_SELECT,
    selectedFields(info, ['edges', 'node', 'building']),
    BUILDING_KEY_COLUMNS,
  ),
  floor: placementColumns(FLOOR_SELECT, selectedFields(info, ['edges', 'node', 'floor']), FLOOR_KEY_COLUMNS),
});

/** The building fields a page can read in its own statement, by the count each one shows. */
const COUNT_FIELDS: Record<string, BuildingCount> = {
  roomCount: 'rooms',
  deviceCount: 'devices',
  activeAlertCount: 'activeAlerts',
};

/** The counts and floors a buildings page reads for the fields its query selects. */
const buildingExtras = (info: GraphQLResolveInfo): BuildingExtras => {
  const selected = selectedFields(info, ['edges', 'node']);
  return {
    counts: Object.entries(COUNT_FIELDS)
      .filter(([field]) => selected.has(field))
      .map(([, count]) => count),
    floors: selected.has('floors'),
  };
};
const buildingConnection = sqlConnection<BuildingWithExtras>('Building');

/*
 * Buildings, floors and rooms are read with SQL (`sql-reads/`) wherever lists of them are read: the
 * root connections, a building's rooms and floors, a room's building and floor. These are the lists
 * the twin and exports read by the thousand, and Prisma's result mapping cost several times the SQL.
 * `node`/`nodes` and relations from other models load them through the Prisma plugin, with the same
 * base select, so every path yields the same row shape.
 *
 * The base columns are exposed with `builder.objectFields`, i.e. as plain fields with GraphQL's default
 * resolver, which the compiled executor inlines. Exposed inside the Prisma node they would be wrapped
 * to look their column up in the request's query plan on every row, and at a few thousand fields a
 * snapshot that wrapper cost more than the SQL. Columns outside the base select (a footprint can be
 * large) stay Prisma fields, loaded only when a query asks for them.
 */
const BuildingRef = builder.prismaNode('Building', {
  id: { field: 'id' },
  select: BUILDING_BASE_SELECT,
  fields: (t) => ({
    address: t.exposeString('address', { nullable: true }),
    footprint: t.expose('footprint', { type: 'JSON', description: 'GeoJSON Polygon, WGS-84.' }),
    grossArea: t.float({
      nullable: true,
      description: 'Gross floor area, m² to 0.01 (kept as a two-place decimal).',
      select: { grossArea: true },
      resolve: (building) => (building.grossArea === null ? null : Number(building.grossArea)),
    }),
    ownershipStatus: t.expose('ownershipStatus', { type: OwnershipStatusEnum }),
    certificateNo: t.exposeString('certificateNo', { nullable: true }),
    yearBuilt: t.exposeInt('yearBuilt', { nullable: true }),
    source: t.exposeString('source'),
    externalId: t.exposeString('externalId'),
    syncedAt: t.expose('syncedAt', { type: 'DateTime' }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true }),
    // A building page brings the counts it was asked for; otherwise a per-operation loader counts
    // (one statement for the counts of every building listed).
    roomCount: t.int({
      resolve: (building: BuildingWithExtras, _args, context) => countOf(building, 'rooms', context),
    }),
    deviceCount: t.int({
      resolve: (building: BuildingWithExtras, _args, context) => countOf(building, 'devices', context),
    }),
    activeAlertCount: t.int({
      description: 'Alerts not yet resolved (open or acknowledged).',
      resolve: (building: BuildingWithExtras, _args, context) => countOf(building, 'activeAlerts', context),
    }),
  }),
});

builder.objectFields(BuildingRef, (t) => ({
  code: t.exposeString('code'),
  name: t.exposeString('name'),
  centroidLon: t.exposeFloat('centroidLon'),
  centroidLat: t.exposeFloat('centroidLat'),
  floorsAbove: t.exposeInt('floorsAbove'),
  floorsBelow: t.exposeInt('floorsBelow'),
  height: t.exposeFloat('height', { description: 'Metres.' }),
}));

const FloorRef = builder.prismaNode('Floor', {
  id: { field: 'id' },
  select: FLOOR_SELECT,
  fields: (t) => ({
    building: t.field({
      type: BuildingRef,
      resolve: (floor, _args, context) => context.loaders.building.load(floor.buildingId),
    }),
    roomCount: t.int({
      // A building's floors come with their counts (one statement for a whole district); a floor
      // reached any other way is counted by the loader.
      resolve: (floor: FloorRow & { roomCount?: number }, _args, context) =>
        floor.roomCount ?? context.loaders.floorRoomCount.load(floor.id),
    }),
    rooms: t.relatedConnection('rooms', {
      cursor: 'id',
      query: { where: { deletedAt: null }, orderBy: { number: 'asc' } },
    }),
  }),
});

builder.objectFields(FloorRef, (t) => ({
  level: t.exposeInt('level'),
  name: t.exposeString('name', { nullable: true }),
  elevation: t.exposeFloat('elevation', { description: 'Metres above ground of the slab.' }),
  height: t.exposeFloat('height'),
}));

/** The frame the sources place things in (`Room` here; `Device.x/y/z` uses the same). */
const LocalPositionRef = builder.objectRef<{ x: number; y: number; z: number }>('LocalPosition').implement({
  description: "A place in metres from its building's centroid: x east, y north, z up.",
  fields: (t) => ({
    x: t.exposeFloat('x', { description: 'Metres east of the building centroid.' }),
    y: t.exposeFloat('y', { description: 'Metres north of the building centroid.' }),
    z: t.exposeFloat('z', { description: "Metres above the building's ground floor." }),
  }),
});

const RoomRef = builder.prismaNode('Room', {
  id: { field: 'id' },
  select: ROOM_SELECT,
  fields: (t) => ({
    // A room page brings both along (`PlacedRoom`); a room reached any other way loads them.
    building: t.field({
      type: BuildingRef,
      resolve: (room: RoomRow & Partial<PlacedRoom>, _args, context) =>
        room.building ?? context.loaders.building.load(room.buildingId),
    }),
    floor: t.field({
      type: FloorRef,
      nullable: true,
      resolve: (room: RoomRow & Partial<PlacedRoom>, _args, context) =>
        room.floor !== undefined
          ? room.floor
          : room.floorId === null
            ? null
            : context.loaders.floor.load(room.floorId),
    }),
    allocations: t.field({
      type: [RoomAllocationRef],
      description: 'Allocations in force now.',
      extensions: listSize(ASSUMED_LIST_SIZES.allocationsPerRoom),
      resolve: (room, _args, context) => context.loaders.allocationsInForce.load(room.id),
    }),
  }),
});

builder.objectFields(RoomRef, (t) => ({
  number: t.exposeString('number'),
  name: t.exposeString('name', { nullable: true }),
  usableArea: t.float({
    description: 'Usable area, m² to 0.01 (kept as a two-place decimal).',
    resolve: (room) => Number(room.usableArea),
  }),
  category: t.expose('category', { type: RoomCategoryEnum }),
  subtype: t.exposeString('subtype', { nullable: true }),
  status: t.expose('status', { type: RoomStatusEnum }),
  position: t.field({
    type: LocalPositionRef,
    nullable: true,
    description:
      'Where the source places the room: the middle of the room in plan, at the height of its floor. ' +
      'Null when the source does not say.',
    resolve: ({ x, y, z }) => (x === null || y === null || z === null ? null : { x, y, z }),
  }),
  source: t.exposeString('source'),
  externalId: t.exposeString('externalId'),
  deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true }),
}));

const QueryBuildingsConnection = sqlConnectionType('QueryBuildingsConnection', BuildingRef, {
  totalCount: true,
});
const QueryRoomsConnection = sqlConnectionType('QueryRoomsConnection', RoomRef, { totalCount: true });
const BuildingRoomsConnection = sqlConnectionType('BuildingRoomsConnection', RoomRef, {
  totalCount: false,
});

// Added once Floor and Room exist: their types refer back to Building.
builder.prismaObjectFields(BuildingRef, (t) => ({
  floors: t.field({
    type: [FloorRef],
    extensions: listSize(ASSUMED_LIST_SIZES.floorsPerBuilding),
    resolve: (building: BuildingWithExtras, _args, context) =>
      building.floors ?? context.loaders.floorsOfBuilding.load(building.id),
  }),
  rooms: t.field({
    type: BuildingRoomsConnection,
    args: {
      ...t.arg.connectionArgs(),
      filter: t.arg({ type: RoomFilter, required: false }),
      ...includeDeletedArgs,
    },
    resolve: (building, args, context, info) =>
      roomConnection(args, context, (window) =>
        readRoomPage(
          context.sql,
          { filter: args.filter, includeDeleted: args.includeDeleted ?? false, buildingId: building.id },
          'ID',
          roomPlacement(info),
          window,
        ),
      ),
  }),
}));

const RoomAllocationRef = builder.prismaObject('RoomAllocation', {
  fields: (t) => ({
    agency: t.relation('agency'),
    room: t.relation('room'),
    occupants: t.exposeInt('occupants'),
    validFrom: t.expose('validFrom', { type: 'DateTime' }),
    validTo: t.expose('validTo', { type: 'DateTime', nullable: true }),
  }),
});

builder.prismaObject('AgencyHeadcount', {
  fields: (t) => ({ rank: t.exposeString('rank'), count: t.exposeInt('count') }),
});

builder.prismaNode('Agency', {
  id: { field: 'id' },
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    shortName: t.exposeString('shortName', { nullable: true }),
    adminLevel: t.expose('adminLevel', { type: AdminLevelEnum }),
    parent: t.relation('parent', { nullable: true }),
    headcounts: t.relation('headcounts', {
      query: { orderBy: { rank: 'asc' } },
      extensions: listSize(ASSUMED_LIST_SIZES.ranksPerAgency),
    }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.queryFields((t) => ({
  buildings: t.field({
    type: QueryBuildingsConnection,
    args: { ...t.arg.connectionArgs(), ...includeDeletedArgs },
    resolve: (_root, args, context, info) => {
      const includeDeleted = args.includeDeleted ?? false;
      const extras = buildingExtras(info);
      return buildingConnection(
        args,
        context,
        (window) => readBuildingPage(context.sql, includeDeleted, extras, window),
        () => countBuildings(context.sql, includeDeleted),
      );
    },
  }),
  building: t.prismaField({
    type: 'Building',
    nullable: true,
    args: { code: t.arg.string({ required: true }), ...includeDeletedArgs },
    resolve: (query, _root, args, context) =>
      context.prisma.building.findFirst({
        ...query,
        where: { code: args.code, ...visible(args.includeDeleted) },
      }),
  }),
  rooms: t.field({
    type: QueryRoomsConnection,
    args: {
      ...t.arg.connectionArgs(),
      filter: t.arg({ type: RoomFilter, required: false }),
      orderBy: t.arg({ type: RoomOrder, defaultValue: 'ID' }),
      ...includeDeletedArgs,
    },
    resolve: (_root, args, context, info) => {
      const selection = { filter: args.filter, includeDeleted: args.includeDeleted ?? false };
      const placement = roomPlacement(info);
      return roomConnection(
        args,
        context,
        (window) => readRoomPage(context.sql, selection, args.orderBy ?? 'ID', placement, window),
        () => countRooms(context.sql, selection),
      );
    },
  }),
  agencies: t.prismaConnection({
    type: 'Agency',
    cursor: 'id',
    args: { ...includeDeletedArgs },
    resolve: (query, _root, args, context) =>
      context.prisma.agency.findMany({
        ...query,
        where: visible(args.includeDeleted),
        orderBy: { id: 'asc' },
      }),
  }),
}));
