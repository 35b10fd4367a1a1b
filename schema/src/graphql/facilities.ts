import {
  AlertSeverity,
  AlertStatus,
  DeviceStatus,
  WorkOrderStatus,
  type Prisma,
} from '../generated/prisma/client.ts';
import { builder } from './builder.ts';
import { ASSUMED_LIST_SIZES, listSize } from './list-size.ts';
import {
  bucketCount,
  LatestReadingRef,
  readingBuckets,
  ReadingBucketEnum,
  ReadingBucketRef,
  type Bucket,
} from './readings.ts';
import { includeDeletedArgs, visible } from './soft-delete.ts';
import { checkRange, TimeRange, type Range } from './time-range.ts';

export const DeviceStatusEnum = builder.enumType(DeviceStatus, { name: 'DeviceStatus' });
export const AlertSeverityEnum = builder.enumType(AlertSeverity, { name: 'AlertSeverity' });
export const AlertStatusEnum = builder.enumType(AlertStatus, { name: 'AlertStatus' });
export const WorkOrderStatusEnum = builder.enumType(WorkOrderStatus, { name: 'WorkOrderStatus' });

const DeviceFilter = builder.inputType('DeviceFilter', {
  fields: (t) => ({
    building: t.string({ required: false, description: 'Building code.' }),
    type: t.string({ required: false, description: 'METER_ELECTRIC, FIRE, ELEVATOR, HVAC, LEAK, …' }),
    status: t.field({ type: DeviceStatusEnum, required: false }),
  }),
});

export const AlertFilter = builder.inputType('AlertFilter', {
  fields: (t) => ({
    status: t.field({ type: [AlertStatusEnum], required: false, description: 'Any of these statuses.' }),
    severity: t.field({ type: [AlertSeverityEnum], required: false }),
    building: t.string({ required: false, description: 'Building code.' }),
    since: t.field({ type: 'DateTime', required: false, description: 'Raised at or after.' }),
  }),
});

const WorkOrderFilter = builder.inputType('WorkOrderFilter', {
  fields: (t) => ({
    status: t.field({ type: [WorkOrderStatusEnum], required: false }),
    building: t.string({ required: false, description: 'Building code.' }),
  }),
});

function alertWhere(filter: typeof AlertFilter.$inferInput | null | undefined): Prisma.AlertWhereInput {
  return {
    deletedAt: null,
    ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
    ...(filter?.severity?.length ? { severity: { in: filter.severity } } : {}),
    ...(filter?.building ? { building: { code: filter.building } } : {}),
    ...(filter?.since ? { raisedAt: { gte: filter.since } } : {}),
  };
}

builder.prismaNode('Device', {
  id: { field: 'id' },
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name', { nullable: true }),
    type: t.exposeString('type'),
    status: t.expose('status', { type: DeviceStatusEnum }),
    x: t.exposeFloat('x', { nullable: true, description: 'Metres east of the building centroid.' }),
    y: t.exposeFloat('y', { nullable: true, description: 'Metres north of the building centroid.' }),
    z: t.exposeFloat('z', { nullable: true, description: 'Metres above ground.' }),
    lastSeenAt: t.expose('lastSeenAt', { type: 'DateTime', nullable: true }),
    heartbeatSeconds: t.exposeInt('heartbeatSeconds', { nullable: true }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true }),
    building: t.relation('building', { nullable: true }),
    floor: t.relation('floor', { nullable: true }),
    room: t.relation('room', { nullable: true }),
    latestReadings: t.field({
      type: [LatestReadingRef],
      description: 'The last sample of every metric the device reports.',
      extensions: listSize(ASSUMED_LIST_SIZES.metricsPerDevice),
      resolve: (device, _args, context) => context.loaders.latestReadings.load(device.id),
    }),
    readings: t.field({
      type: [ReadingBucketRef],
      description: 'Samples of one metric aggregated per time bucket (min/avg/max/last), oldest first.',
      args: {
        metric: t.arg.string({ required: true }),
        range: t.arg({ type: TimeRange, required: true }),
        bucket: t.arg({ type: ReadingBucketEnum, required: true }),
      },
      // Exactly the buckets the range holds, as the resolver computes them.
      extensions: listSize((args) => bucketCount(checkRange(args.range as Range), args.bucket as Bucket)),
      resolve: (device, args, context) =>
        readingBuckets(context.sql, device.id, args.metric, checkRange(args.range), args.bucket),
    }),
  }),
});

builder.prismaNode('Alert', {
  id: { field: 'id' },
  fields: (t) => ({
    severity: t.expose('severity', { type: AlertSeverityEnum }),
    status: t.expose('status', { type: AlertStatusEnum }),
    kind: t.exposeString('kind'),
    message: t.exposeString('message'),
    occurrences: t.exposeInt('occurrences'),
    value: t.exposeFloat('value', { nullable: true }),
    raisedAt: t.expose('raisedAt', { type: 'DateTime' }),
    lastSeenAt: t.expose('lastSeenAt', { type: 'DateTime' }),
    acknowledgedAt: t.expose('acknowledgedAt', { type: 'DateTime', nullable: true }),
    acknowledgedBy: t.exposeString('acknowledgedBy', { nullable: true }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    resolvedBy: t.exposeString('resolvedBy', { nullable: true }),
    resolutionNote: t.exposeString('resolutionNote', { nullable: true }),
    device: t.relation('device', { nullable: true }),
    building: t.relation('building', { nullable: true }),
    room: t.relation('room', { nullable: true }),
    workOrders: t.relation('workOrders', {
      query: { where: { deletedAt: null }, orderBy: { id: 'asc' } },
      extensions: listSize(ASSUMED_LIST_SIZES.workOrdersPerAlert),
    }),
  }),
});

builder.prismaNode('WorkOrder', {
  id: { field: 'id' },
  fields: (t) => ({
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    description: t.exposeString('description', { nullable: true }),
    status: t.expose('status', { type: WorkOrderStatusEnum }),
    priority: t.exposeInt('priority', { description: '1 (most urgent) to 5.' }),
    assignee: t.exposeString('assignee', { nullable: true }),
    reportedAt: t.expose('reportedAt', { type: 'DateTime' }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    alert: t.relation('alert', { nullable: true }),
    device: t.relation('device', { nullable: true }),
    building: t.relation('building', { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  devices: t.prismaConnection({
    type: 'Device',
    cursor: 'id',
    args: { filter: t.arg({ type: DeviceFilter, required: false }), ...includeDeletedArgs },
    resolve: (query, _root, args, context) =>
      context.prisma.device.findMany({
        ...query,
        where: {
          ...visible(args.includeDeleted),
          ...(args.filter?.building ? { building: { code: args.filter.building } } : {}),
          ...(args.filter?.type ? { type: args.filter.type } : {}),
          ...(args.filter?.status ? { status: args.filter.status } : {}),
        },
        orderBy: { id: 'asc' },
      }),
  }),
  alerts: t.prismaConnection({
    type: 'Alert',
    cursor: 'id',
    description: 'Newest first.',
    args: { filter: t.arg({ type: AlertFilter, required: false }) },
    resolve: (query, _root, args, context) =>
      context.prisma.alert.findMany({ ...query, where: alertWhere(args.filter), orderBy: { id: 'desc' } }),
    totalCount: (_parent, args, context) => context.prisma.alert.count({ where: alertWhere(args.filter) }),
  }),
  workOrders: t.prismaConnection({
    type: 'WorkOrder',
    cursor: 'id',
    description: 'Newest first.',
    args: { filter: t.arg({ type: WorkOrderFilter, required: false }) },
    resolve: (query, _root, args, context) =>
      context.prisma.workOrder.findMany({
        ...query,
        where: {
          deletedAt: null,
          ...(args.filter?.status?.length ? { status: { in: args.filter.status } } : {}),
          ...(args.filter?.building ? { building: { code: args.filter.building } } : {}),
        },
        orderBy: { id: 'desc' },
      }),
  }),
}));
