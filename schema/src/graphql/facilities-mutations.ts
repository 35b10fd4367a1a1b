import type { AlertChangedEvent } from '../events/index.ts';
import { acknowledgeAlert, linkWorkOrder, resolveAlert } from '../domain/alerts/alert-lifecycle.ts';
import { Role } from '../generated/prisma/enums.ts';
import { actorOf } from './actor.ts';
import { builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { decodeId, userErrorTypes } from './user-errors.ts';

/**
 * An operator's change went through the alert lifecycle in a transaction of its own, now committed:
 * publish it, then read the alert back with the selection the operation asked for.
 */
async function published<Q extends object>(query: Q, context: GraphQLContext, change: AlertChangedEvent) {
  await context.events.publish('alertChanged', change);
  return context.prisma.alert.findUniqueOrThrow({ ...query, where: { id: change.alertId } });
}

builder.mutationFields((t) => ({
  acknowledgeAlert: t.prismaField({
    type: 'Alert',
    description: 'Confirm an open alert (确认). Operator.',
    authScopes: { role: Role.OPERATOR },
    errors: { types: userErrorTypes, directResult: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, context) => {
      const id = decodeId(String(args.id), 'Alert', 'id');
      return published(query, context, await acknowledgeAlert(context.sql, id, actorOf(context.viewer)));
    },
  }),
  resolveAlert: t.prismaField({
    type: 'Alert',
    description: 'Close an open or acknowledged alert (处理) with a note. Operator.',
    authScopes: { role: Role.OPERATOR },
    errors: { types: userErrorTypes, directResult: true },
    args: { id: t.arg.id({ required: true }), note: t.arg.string({ required: false }) },
    resolve: async (query, _root, args, context) => {
      const id = decodeId(String(args.id), 'Alert', 'id');
      const change = await resolveAlert(context.sql, id, actorOf(context.viewer), args.note ?? null);
      return published(query, context, change);
    },
  }),
  createWorkOrder: t.prismaField({
    type: 'WorkOrder',
    description: 'Raise a repair work order for the device and building of an alert. Operator.',
    authScopes: { role: Role.OPERATOR },
    errors: { types: userErrorTypes, directResult: true },
    args: {
      fromAlert: t.arg.id({ required: true }),
      title: t.arg.string({ required: false }),
      description: t.arg.string({ required: false }),
      priority: t.arg.int({ required: false, description: '1 (most urgent) to 5; default 3.' }),
      assignee: t.arg.string({ required: false }),
    },
    resolve: async (query, _root, args, context) => {
      const alertId = decodeId(String(args.fromAlert), 'Alert', 'fromAlert');
      const id = await linkWorkOrder(context.sql, alertId, args, actorOf(context.viewer));
      return context.prisma.workOrder.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
