import { acknowledgeAlert, createWorkOrderFromAlert, resolveAlert } from '../domain/alert-workflow.ts';
import { Role } from '../generated/prisma/enums.ts';
import { actorOf } from './actor.ts';
import { builder } from './builder.ts';
import { decodeId, userErrorTypes } from './user-errors.ts';

builder.mutationFields((t) => ({
  acknowledgeAlert: t.prismaField({
    type: 'Alert',
    description: 'Confirm an open alert (确认). Operator.',
    authScopes: { role: Role.OPERATOR },
    errors: { types: userErrorTypes, directResult: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_query, _root, args, context) =>
      acknowledgeAlert(
        context.prisma,
        context.events,
        decodeId(String(args.id), 'Alert', 'id'),
        actorOf(context.viewer),
      ),
  }),
  resolveAlert: t.prismaField({
    type: 'Alert',
    description: 'Close an open or acknowledged alert (处理) with a note. Operator.',
    authScopes: { role: Role.OPERATOR },
    errors: { types: userErrorTypes, directResult: true },
    args: { id: t.arg.id({ required: true }), note: t.arg.string({ required: false }) },
    resolve: (_query, _root, args, context) =>
      resolveAlert(
        context.prisma,
        context.events,
        decodeId(String(args.id), 'Alert', 'id'),
        actorOf(context.viewer),
        args.note ?? null,
      ),
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
    resolve: (_query, _root, args, context) =>
      createWorkOrderFromAlert(
        context.prisma,
        decodeId(String(args.fromAlert), 'Alert', 'fromAlert'),
        args,
        actorOf(context.viewer),
      ),
  }),
}));
