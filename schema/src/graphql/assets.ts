import { decideAssetTransfer, requestAssetTransfer } from '../domain/asset-transfers.ts';
import { AssetStatus, Role, TransferStatus, type Prisma } from '../generated/prisma/client.ts';
import { actorOf } from './actor.ts';
import { builder } from './builder.ts';
import { ASSUMED_LIST_SIZES, listSize } from './list-size.ts';
import { includeDeletedArgs, visible } from './soft-delete.ts';
import { decodeId, userErrorTypes } from './user-errors.ts';

const AssetStatusEnum = builder.enumType(AssetStatus, { name: 'AssetStatus' });
export const TransferStatusEnum = builder.enumType(TransferStatus, { name: 'TransferStatus' });

const AssetFilter = builder.inputType('AssetFilter', {
  fields: (t) => ({
    status: t.field({ type: [AssetStatusEnum], required: false }),
    class: t.string({
      required: false,
      description: 'GB/T 14885 class code or its prefix (A02 matches A020101).',
    }),
    agency: t.string({ required: false, description: 'Holder agency code.' }),
  }),
});

function assetWhere(filter: typeof AssetFilter.$inferInput | null | undefined): Prisma.AssetWhereInput {
  return {
    ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
    ...(filter?.class ? { classCode: { startsWith: filter.class } } : {}),
    ...(filter?.agency ? { holderAgency: { code: filter.agency } } : {}),
  };
}

builder.prismaNode('Asset', {
  id: { field: 'id' },
  fields: (t) => ({
    tag: t.exposeString('tag'),
    name: t.exposeString('name'),
    classCode: t.exposeString('classCode'),
    status: t.expose('status', { type: AssetStatusEnum }),
    acquiredAt: t.expose('acquiredAt', { type: 'DateTime', nullable: true }),
    originalValue: t.expose('originalValue', {
      type: 'Decimal',
      nullable: true,
      description: '元, exact to 0.01 (a decimal string, so no client rounds it through a double).',
    }),
    condition: t.exposeString('condition', { nullable: true }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true }),
    holderAgency: t.relation('holderAgency', { nullable: true }),
    room: t.relation('room', { nullable: true }),
    transfers: t.relation('transfers', {
      query: { where: { deletedAt: null }, orderBy: { id: 'desc' } },
      extensions: listSize(ASSUMED_LIST_SIZES.transfersPerAsset),
    }),
  }),
});

builder.prismaNode('AssetTransfer', {
  id: { field: 'id' },
  fields: (t) => ({
    asset: t.relation('asset'),
    fromAgency: t.relation('fromAgency', { nullable: true }),
    toAgency: t.relation('toAgency', { nullable: true }),
    status: t.expose('status', { type: TransferStatusEnum }),
    reason: t.exposeString('reason', { nullable: true }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime' }),
    requestedBy: t.exposeString('requestedBy', { nullable: true }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    decidedBy: t.exposeString('decidedBy', { nullable: true }),
    decisionNote: t.exposeString('decisionNote', { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  assets: t.prismaConnection({
    type: 'Asset',
    cursor: 'id',
    args: { filter: t.arg({ type: AssetFilter, required: false }), ...includeDeletedArgs },
    resolve: (query, _root, args, context) =>
      context.prisma.asset.findMany({
        ...query,
        where: { ...visible(args.includeDeleted), ...assetWhere(args.filter) },
        orderBy: { id: 'asc' },
      }),
    totalCount: (_parent, args, context) =>
      context.prisma.asset.count({ where: { ...visible(args.includeDeleted), ...assetWhere(args.filter) } }),
  }),
  assetTransfers: t.prismaConnection({
    type: 'AssetTransfer',
    cursor: 'id',
    description: 'Newest first.',
    args: { status: t.arg({ type: [TransferStatusEnum], required: false }) },
    resolve: (query, _root, args, context) =>
      context.prisma.assetTransfer.findMany({
        ...query,
        where: { deletedAt: null, ...(args.status?.length ? { status: { in: args.status } } : {}) },
        orderBy: { id: 'desc' },
      }),
  }),
}));

builder.mutationFields((t) => ({
  requestAssetTransfer: t.prismaField({
    type: 'AssetTransfer',
    description: 'Ask for an asset to be reallocated (调剂) to another agency. Operator.',
    authScopes: { role: Role.OPERATOR },
    errors: { types: userErrorTypes, directResult: true },
    args: {
      asset: t.arg.id({ required: true }),
      toAgency: t.arg.string({ required: true, description: 'Agency code.' }),
      reason: t.arg.string({ required: false }),
    },
    resolve: (_query, _root, args, context) =>
      requestAssetTransfer(
        context.prisma,
        {
          assetId: decodeId(String(args.asset), 'Asset', 'asset'),
          toAgencyCode: args.toAgency,
          reason: args.reason ?? null,
        },
        actorOf(context.viewer),
      ),
  }),
  decideAssetTransfer: t.prismaField({
    type: 'AssetTransfer',
    description: 'Approve (the asset moves to its new holder) or reject a requested transfer. Admin.',
    authScopes: { role: Role.ADMIN },
    errors: { types: userErrorTypes, directResult: true },
    args: {
      transfer: t.arg.id({ required: true }),
      approve: t.arg.boolean({ required: true }),
      note: t.arg.string({ required: false }),
    },
    resolve: (_query, _root, args, context) =>
      decideAssetTransfer(
        context.prisma,
        {
          transferId: decodeId(String(args.transfer), 'AssetTransfer', 'transfer'),
          approve: args.approve,
          note: args.note ?? null,
        },
        actorOf(context.viewer),
      ),
  }),
}));
