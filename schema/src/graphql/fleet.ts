import {
  EnergyType,
  Role,
  TripStatus,
  VehicleStatus,
  VehicleUseCategory,
  type Prisma,
} from '../generated/prisma/client.ts';
import { iterateEvents, type VehiclePositionEvent } from '../events/index.ts';
import { builder } from './builder.ts';
import type { LatestPosition } from './loaders.ts';
import { includeDeletedArgs, visible } from './soft-delete.ts';
import { checkRange, TimeRange } from './time-range.ts';

export const EnergyTypeEnum = builder.enumType(EnergyType, { name: 'EnergyType' });
export const VehicleStatusEnum = builder.enumType(VehicleStatus, { name: 'VehicleStatus' });
const VehicleUseCategoryEnum = builder.enumType(VehicleUseCategory, { name: 'VehicleUseCategory' });
const TripStatusEnum = builder.enumType(TripStatus, { name: 'TripStatus' });

/** Where vehicles are and where they went is operational data: operators and admins only. */
const operatorOnly = { role: Role.OPERATOR } as const;

const VehicleFilter = builder.inputType('VehicleFilter', {
  fields: (t) => ({
    agency: t.string({ required: false, description: 'Agency code.' }),
    energyType: t.field({ type: [EnergyTypeEnum], required: false }),
    status: t.field({ type: [VehicleStatusEnum], required: false }),
  }),
});

const VehiclePositionRef = builder
  .objectRef<LatestPosition | VehiclePositionEvent>('VehiclePosition')
  .implement({
    description: 'A GPS fix in WGS-84.',
    authScopes: operatorOnly,
    fields: (t) => ({
      time: t.expose('time', { type: 'DateTime' }),
      lon: t.exposeFloat('lon'),
      lat: t.exposeFloat('lat'),
      speedKmh: t.exposeFloat('speedKmh', { nullable: true }),
      heading: t.exposeFloat('heading', { nullable: true }),
    }),
  });

builder.prismaNode('Vehicle', {
  id: { field: 'id' },
  fields: (t) => ({
    plate: t.exposeString('plate'),
    vin: t.exposeString('vin', { nullable: true }),
    useCategory: t.expose('useCategory', { type: VehicleUseCategoryEnum }),
    energyType: t.expose('energyType', { type: EnergyTypeEnum }),
    model: t.exposeString('model', { nullable: true }),
    seats: t.exposeInt('seats', { nullable: true }),
    displacement: t.exposeFloat('displacement', {
      nullable: true,
      description: 'Litres; null for BEV/FCEV.',
    }),
    purchaseDate: t.expose('purchaseDate', { type: 'DateTime', nullable: true }),
    purchasePrice: t.expose('purchasePrice', {
      type: 'Decimal',
      nullable: true,
      description: '元, exact to 0.01 (a decimal string, so no client rounds it through a double).',
    }),
    status: t.expose('status', { type: VehicleStatusEnum }),
    odometerKm: t.exposeFloat('odometerKm', { nullable: true }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true }),
    agency: t.relation('agency', { nullable: true }),
    latestPosition: t.field({
      type: VehiclePositionRef,
      nullable: true,
      authScopes: operatorOnly,
      resolve: (vehicle, _args, context) => context.loaders.latestPosition.load(vehicle.id),
    }),
    trips: t.relatedConnection('trips', {
      cursor: 'id',
      authScopes: operatorOnly,
      description: 'Dispatch orders started in the range, newest first. Operator.',
      args: { range: t.arg({ type: TimeRange, required: false }) },
      query: (args) => {
        const range = args.range ? checkRange(args.range) : undefined;
        return {
          where: { deletedAt: null, ...(range ? { startedAt: { gte: range.from, lt: range.to } } : {}) },
          orderBy: { id: 'desc' },
        };
      },
    }),
  }),
});

builder.prismaNode('Trip', {
  id: { field: 'id' },
  authScopes: operatorOnly,
  fields: (t) => ({
    vehicle: t.relation('vehicle'),
    agency: t.relation('agency', { nullable: true }),
    purpose: t.exposeString('purpose', { nullable: true }),
    status: t.expose('status', { type: TripStatusEnum }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    endedAt: t.expose('endedAt', { type: 'DateTime', nullable: true }),
    origin: t.exposeString('origin', { nullable: true }),
    destination: t.exposeString('destination', { nullable: true }),
    distanceKm: t.exposeFloat('distanceKm', { nullable: true }),
    driver: t.exposeString('driver', { nullable: true }),
  }),
});

function vehicleWhere(filter: typeof VehicleFilter.$inferInput | null | undefined): Prisma.VehicleWhereInput {
  return {
    ...(filter?.agency ? { agency: { code: filter.agency } } : {}),
    ...(filter?.energyType?.length ? { energyType: { in: filter.energyType } } : {}),
    ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
  };
}

builder.queryField('vehicles', (t) =>
  t.prismaConnection({
    type: 'Vehicle',
    cursor: 'id',
    args: { filter: t.arg({ type: VehicleFilter, required: false }), ...includeDeletedArgs },
    resolve: (query, _root, args, context) =>
      context.prisma.vehicle.findMany({
        ...query,
        where: { ...visible(args.includeDeleted), ...vehicleWhere(args.filter) },
        orderBy: { id: 'asc' },
      }),
    totalCount: (_parent, args, context) =>
      context.prisma.vehicle.count({
        where: { ...visible(args.includeDeleted), ...vehicleWhere(args.filter) },
      }),
  }),
);

const VehiclePositionEventRef = builder.objectRef<VehiclePositionEvent>('VehiclePositionEvent').implement({
  authScopes: operatorOnly,
  fields: (t) => ({
    vehicle: t.prismaField({
      type: 'Vehicle',
      nullable: true,
      resolve: (query, event, _args, context) =>
        context.prisma.vehicle.findUnique({ ...query, where: { id: event.vehicleId } }),
    }),
    position: t.field({ type: VehiclePositionRef, resolve: (event) => event }),
  }),
});

builder.subscriptionField('vehiclePositions', (t) =>
  t.field({
    type: VehiclePositionEventRef,
    description: 'Live GPS fixes, optionally of one agency’s vehicles. Operator.',
    authScopes: operatorOnly,
    args: { agency: t.arg.string({ required: false, description: 'Agency code.' }) },
    subscribe: async (_root, args, context) => {
      const agency = args.agency
        ? await context.prisma.agency.findFirst({ where: { code: args.agency }, select: { id: true } })
        : undefined;
      return iterateEvents(context.events, 'vehiclePosition', {
        filter: (event) => agency === undefined || event.agencyId === (agency?.id ?? -1),
      });
    },
    resolve: (event) => event,
  }),
);
