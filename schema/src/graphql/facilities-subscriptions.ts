import { iterateEvents, type AlertChangedEvent, type ReadingEvent } from '../events/index.ts';
import { builder } from './builder.ts';
import { AlertSeverityEnum, AlertStatusEnum } from './facilities.ts';
import { decodeId } from './user-errors.ts';

const AlertChangeEnum = builder.enumType('AlertChange', {
  description:
    'What happened to the alert: raised, repeated (a later report of the same incident, by its device or a rule), acknowledged or resolved.',
  values: ['RAISED', 'REPEATED', 'ACKNOWLEDGED', 'RESOLVED'] as const,
});

const AlertChangedFilter = builder.inputType('AlertChangedFilter', {
  fields: (t) => ({
    building: t.string({ required: false, description: 'Building code.' }),
    severity: t.field({ type: [AlertSeverityEnum], required: false }),
    status: t.field({ type: [AlertStatusEnum], required: false }),
  }),
});

const AlertChangedRef = builder.objectRef<AlertChangedEvent>('AlertChanged').implement({
  fields: (t) => ({
    change: t.expose('change', { type: AlertChangeEnum }),
    at: t.expose('at', { type: 'DateTime' }),
    alert: t.prismaField({
      type: 'Alert',
      nullable: true,
      description: 'The alert as stored now (null if it has since been deleted).',
      resolve: (query, event, _args, context) =>
        context.prisma.alert.findFirst({ ...query, where: { id: event.alertId, deletedAt: null } }),
    }),
  }),
});

const ReadingEventRef = builder.objectRef<ReadingEvent>('ReadingEvent').implement({
  fields: (t) => ({
    metric: t.exposeString('metric'),
    value: t.exposeFloat('value'),
    unit: t.exposeString('unit', { nullable: true }),
    time: t.expose('time', { type: 'DateTime' }),
  }),
});

builder.subscriptionFields((t) => ({
  alertChanged: t.field({
    type: AlertChangedRef,
    description: 'Alerts raised, repeated, acknowledged or resolved, from any gateway or worker.',
    args: { filter: t.arg({ type: AlertChangedFilter, required: false }) },
    subscribe: async (_root, args, context) => {
      const building = args.filter?.building
        ? await context.prisma.building.findFirst({
            where: { code: args.filter.building },
            select: { id: true },
          })
        : undefined;
      const { severity, status } = args.filter ?? {};
      return iterateEvents(context.events, 'alertChanged', {
        filter: (event) =>
          (building === undefined || event.buildingId === (building?.id ?? -1)) &&
          (!severity?.length || severity.includes(event.severity)) &&
          (!status?.length || status.includes(event.status)),
      });
    },
    resolve: (event) => event,
  }),
  readings: t.field({
    type: ReadingEventRef,
    description: 'Live telemetry of one device.',
    args: { device: t.arg.id({ required: true }) },
    subscribe: (_root, args, context) => {
      const deviceId = decodeId(String(args.device), 'Device', 'device');
      return iterateEvents(context.events, 'reading', { filter: (event) => event.deviceId === deviceId });
    },
    resolve: (event) => event,
  }),
}));
