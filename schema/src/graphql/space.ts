import {
  AdminLevel,
  OwnershipStatus,
  RoomCategory,
  RoomStatus,
  type Prisma,
} from '../generated/prisma/client.ts';
import { builder } from './builder.ts';
import { includeDeletedArgs, visible } from './soft-delete.ts';

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

type RoomFilterShape = typeof RoomFilter.$inferInput;

export function roomWhere(
  filter: RoomFilterShape | null | undefined,
  includeDeleted: boolean,
): Prisma.RoomWhereInput {
  const now = new Date();
  return {
    ...visible(includeDeleted),
    ...(filter?.building ? { building: { code: filter.building } } : {}),
    ...(filter?.floor != null ? { floor: { level: filter.floor } } : {}),
    ...(filter?.number ? { number: { startsWith: filter.number, mode: 'insensitive' as const } } : {}),
    ...(filter?.category ? { category: filter.category } : {}),
    ...(filter?.status ? { status: filter.status } : {}),
    ...(filter?.agency
      ? {
          allocations: {
            some: {
              deletedAt: null,
              agency: { code: filter.agency },
              validFrom: { lte: now },
              OR: [{ validTo: null }, { validTo: { gt: now } }],
            },
          },
        }
      : {}),
  };
}

function roomOrder(order: string | null | undefined): Prisma.RoomOrderByWithRelationInput[] {
  if (order === 'NUMBER') return [{ buildingId: 'asc' }, { number: 'asc' }, { id: 'asc' }];
  if (order === 'USABLE_AREA_DESC') return [{ usableArea: 'desc' }, { id: 'asc' }];
  return [{ id: 'asc' }];
}

/*
 * Select mode: a row is read with its small, often asked columns (the base `select`), and the rest
 * (a building's footprint can be large) only when a query asks for them. Base columns resolve straight
 * from the row; a `t.expose` field in select mode looks its column up in the request's query plan on
 * every row, which cost the district snapshot (a few thousand such fields) more than its SQL did.
 */
builder.prismaNode('Building', {
  id: { field: 'id' },
  select: {
    id: true,
    code: true,
    name: true,
    centroidLon: true,
    centroidLat: true,
    floorsAbove: true,
    floorsBelow: true,
    height: true,
  },
  fields: (t) => ({
    code: t.string({ resolve: (building) => building.code }),
    name: t.string({ resolve: (building) => building.name }),
    address: t.exposeString('address', { nullable: true }),
    footprint: t.expose('footprint', { type: 'JSON', description: 'GeoJSON Polygon, WGS-84.' }),
    centroidLon: t.float({ resolve: (building) => building.centroidLon }),
    centroidLat: t.float({ resolve: (building) => building.centroidLat }),
    floorsAbove: t.int({ resolve: (building) => building.floorsAbove }),
    floorsBelow: t.int({ resolve: (building) => building.floorsBelow }),
    height: t.float({ description: 'Metres.', resolve: (building) => building.height }),
    grossArea: t.exposeFloat('grossArea', { nullable: true }),
    ownershipStatus: t.expose('ownershipStatus', { type: OwnershipStatusEnum }),
    certificateNo: t.exposeString('certificateNo', { nullable: true }),
    yearBuilt: t.exposeInt('yearBuilt', { nullable: true }),
    source: t.exposeString('source'),
    externalId: t.exposeString('externalId'),
    syncedAt: t.expose('syncedAt', { type: 'DateTime' }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true }),
    floors: t.relation('floors', { query: { where: { deletedAt: null }, orderBy: { level: 'asc' } } }),
    rooms: t.relatedConnection('rooms', {
      cursor: 'id',
      args: { filter: t.arg({ type: RoomFilter, required: false }), ...includeDeletedArgs },
      query: (args) => ({
        where: roomWhere(args.filter, args.includeDeleted ?? false),
        orderBy: { id: 'asc' },
      }),
    }),
    // Counts come from a per-operation loader: one statement for the counts of every building listed.
    roomCount: t.int({
      resolve: (building, _args, context) =>
        context.loaders.buildingCount.load({ buildingId: building.id, count: 'rooms' }),
    }),
    deviceCount: t.int({
      resolve: (building, _args, context) =>
        context.loaders.buildingCount.load({ buildingId: building.id, count: 'devices' }),
    }),
    activeAlertCount: t.int({
      description: 'Alerts not yet resolved (open or acknowledged).',
      resolve: (building, _args, context) =>
        context.loaders.buildingCount.load({ buildingId: building.id, count: 'activeAlerts' }),
    }),
  }),
});

builder.prismaNode('Floor', {
  id: { field: 'id' },
  select: { id: true, level: true, name: true, elevation: true, height: true },
  fields: (t) => ({
    level: t.int({ resolve: (floor) => floor.level }),
    name: t.string({ nullable: true, resolve: (floor) => floor.name }),
    elevation: t.float({
      description: 'Metres above ground of the slab.',
      resolve: (floor) => floor.elevation,
    }),
    height: t.float({ resolve: (floor) => floor.height }),
    building: t.relation('building'),
    roomCount: t.int({
      resolve: (floor, _args, context) => context.loaders.floorRoomCount.load(floor.id),
    }),
    rooms: t.relatedConnection('rooms', {
      cursor: 'id',
      query: { where: { deletedAt: null }, orderBy: { number: 'asc' } },
    }),
  }),
});

builder.prismaNode('Room', {
  id: { field: 'id' },
  select: { id: true, number: true, name: true, usableArea: true, category: true, status: true },
  fields: (t) => ({
    number: t.string({ resolve: (room) => room.number }),
    name: t.string({ nullable: true, resolve: (room) => room.name }),
    usableArea: t.float({ description: 'm².', resolve: (room) => room.usableArea }),
    category: t.field({ type: RoomCategoryEnum, resolve: (room) => room.category }),
    subtype: t.exposeString('subtype', { nullable: true }),
    status: t.field({ type: RoomStatusEnum, resolve: (room) => room.status }),
    source: t.exposeString('source'),
    externalId: t.exposeString('externalId'),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true }),
    building: t.relation('building'),
    floor: t.relation('floor', { nullable: true }),
    allocations: t.relation('allocations', {
      description: 'Allocations in force now.',
      query: () => {
        const now = new Date();
        return {
          where: {
            deletedAt: null,
            validFrom: { lte: now },
            OR: [{ validTo: null }, { validTo: { gt: now } }],
          },
        };
      },
    }),
  }),
});

builder.prismaObject('RoomAllocation', {
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
    headcounts: t.relation('headcounts', { query: { orderBy: { rank: 'asc' } } }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.queryFields((t) => ({
  buildings: t.prismaConnection({
    type: 'Building',
    cursor: 'id',
    args: { ...includeDeletedArgs },
    resolve: (query, _root, args, context) =>
      context.prisma.building.findMany({
        ...query,
        where: visible(args.includeDeleted),
        orderBy: { id: 'asc' },
      }),
    totalCount: (_parent, args, context) =>
      context.prisma.building.count({ where: visible(args.includeDeleted) }),
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
  rooms: t.prismaConnection({
    type: 'Room',
    cursor: 'id',
    args: {
      filter: t.arg({ type: RoomFilter, required: false }),
      orderBy: t.arg({ type: RoomOrder, defaultValue: 'ID' }),
      ...includeDeletedArgs,
    },
    resolve: (query, _root, args, context) =>
      context.prisma.room.findMany({
        ...query,
        where: roomWhere(args.filter, args.includeDeleted ?? false),
        orderBy: roomOrder(args.orderBy),
      }),
    totalCount: (_parent, args, context) =>
      context.prisma.room.count({ where: roomWhere(args.filter, args.includeDeleted ?? false) }),
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
