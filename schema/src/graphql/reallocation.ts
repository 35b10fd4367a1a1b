import { matchIdleAssets, type AssetMatch } from '../domain/asset-matches.ts';
import { decideRoomReallocation, requestRoomReallocation } from '../domain/room-reallocations.ts';
import { DEFAULT_SPACE_STANDARD_EDITION } from '../domain/space-compliance.ts';
import {
  planSpaceReallocation,
  type AssignSuggestion,
  type GiveBackSuggestion,
} from '../domain/space-reallocation.ts';
import type { PlanRoom, RoomOffer } from '../domain/reallocation-plan.ts';
import { fromHundredths } from '../domain/exact-figures.ts';
import { NotFoundError } from '../domain/domain-errors.ts';
import { Role, RoomReallocationKind } from '../generated/prisma/enums.ts';
import { TransferStatusEnum } from './assets.ts';
import { actorOf } from './actor.ts';
import { builder } from './builder.ts';
import { listSize } from './list-size.ts';
import { decodeId, userErrorTypes } from './user-errors.ts';

/*
 * 调剂: suggestions that match what stands idle with who needs it, and the requests an operator raises
 * from them for an administrator to decide (党政机关办公用房管理办法 2017; 行政事业性国有资产管理条例 2021).
 */

const M2 = 'm², to 0.01.';
/**
 * Assumed sizes for the cost of a query (list-size.ts): rooms in one suggestion (a far-over agency gives
 * back a few dozen offices: 41 in the demo), and agencies with a suggestion (a minority of a district's).
 */
const ROOMS_PER_SUGGESTION = 60;
const AGENCIES_WITH_SUGGESTIONS = 100;

const RoomReallocationKindEnum = builder.enumType(RoomReallocationKind, { name: 'RoomReallocationKind' });

const roomsById = <T extends { id: number }>(rows: T[], ids: number[]) => {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
};

const GiveBackRef = builder.objectRef<GiveBackSuggestion>('RoomGiveBack').implement({
  description:
    'An over-standard agency: the fewest of its office rooms to give back to come within its standard.',
  fields: (t) => ({
    agency: t.prismaField({
      type: 'Agency',
      resolve: (query, row, _args, context) =>
        context.prisma.agency.findUniqueOrThrow({ ...query, where: { id: row.agency.agencyId } }),
    }),
    excessArea: t.float({
      description: `Above the standard now, ${M2}`,
      resolve: (row) => row.agency.excessArea,
    }),
    rooms: t.prismaField({
      type: ['Room'],
      description: 'Largest first. Rooms the agency shares with another are never proposed.',
      extensions: listSize(ROOMS_PER_SUGGESTION),
      resolve: async (query, row, _args, context) => {
        const ids = row.rooms.map((room) => room.id);
        return roomsById(await context.prisma.room.findMany({ ...query, where: { id: { in: ids } } }), ids);
      },
    }),
    areaGivenBack: t.exposeFloat('areaGivenBack', { description: `The rooms' usable area together, ${M2}` }),
    areaAfter: t.exposeFloat('areaAfter', { description: `Office area the agency keeps, ${M2}` }),
    withinStandardAfter: t.exposeBoolean('withinStandardAfter', {
      description: 'False only when all its own rooms together cannot cover the excess.',
    }),
  }),
});

const RoomOfferRef = builder.objectRef<RoomOffer<PlanRoom>>('RoomOffer').implement({
  description: 'An idle office room offered to an agency short of space.',
  fields: (t) => ({
    room: t.prismaField({
      type: 'Room',
      resolve: (query, offer, _args, context) =>
        context.prisma.room.findUniqueOrThrow({ ...query, where: { id: offer.room.id } }),
    }),
    area: t.float({ description: `Usable area, ${M2}`, resolve: (offer) => fromHundredths(offer.room.area) }),
    sameBuilding: t.exposeBoolean('sameBuilding', { description: 'In a building the agency is in already.' }),
    distanceM: t.exposeInt('distanceM', {
      description: "Metres from the agency's nearest building; 0 in one.",
    }),
  }),
});

const AssignRef = builder.objectRef<AssignSuggestion>('RoomAssignment').implement({
  description:
    'An agency short of space and the idle rooms that fit what it lacks, same building first, then nearest.',
  fields: (t) => ({
    agency: t.prismaField({
      type: 'Agency',
      resolve: (query, row, _args, context) =>
        context.prisma.agency.findUniqueOrThrow({ ...query, where: { id: row.agency.agencyId } }),
    }),
    shortfallArea: t.float({
      description: `Still due under the standard, ${M2}`,
      resolve: (row) => row.agency.shortfallArea,
    }),
    offers: t.field({
      type: [RoomOfferRef],
      extensions: listSize(ROOMS_PER_SUGGESTION),
      resolve: (row) => row.offers,
    }),
    areaOffered: t.exposeFloat('areaOffered', {
      description: `The offered rooms together, never above the shortfall, ${M2}`,
    }),
  }),
});

const SpaceReallocationRef = builder
  .objectRef<{ giveBack: GiveBackSuggestion[]; assign: AssignSuggestion[] }>('SpaceReallocation')
  .implement({
    description: 'Office-space 调剂 suggestions: rooms to give back, and idle rooms to assign.',
    fields: (t) => ({
      giveBack: t.field({
        type: [GiveBackRef],
        extensions: listSize(AGENCIES_WITH_SUGGESTIONS),
        resolve: (plan) => plan.giveBack,
      }),
      assign: t.field({
        type: [AssignRef],
        description: 'Agencies with the largest shortfall chose first; each room is offered once.',
        extensions: listSize(AGENCIES_WITH_SUGGESTIONS),
        resolve: (plan) => plan.assign,
      }),
    }),
  });

const AssetMatchSourceEnum = builder.enumType('AssetMatchSource', {
  values: {
    VIRTUAL_SAME_BUILDING: { description: '虚拟仓: idle at another holder in a building the agency is in.' },
    PHYSICAL_WAREHOUSE: { description: '实体仓: in the public property warehouse.' },
    VIRTUAL_ELSEWHERE: { description: '虚拟仓: idle at a holder in another building.' },
  } as const,
});

const AssetMatchRef = builder.objectRef<AssetMatch>('AssetMatch').implement({
  description: 'An idle asset that can be reallocated instead of bought.',
  fields: (t) => ({
    asset: t.prismaField({
      type: 'Asset',
      resolve: (query, match, _args, context) =>
        context.prisma.asset.findUniqueOrThrow({ ...query, where: { id: match.assetId } }),
    }),
    source: t.field({ type: AssetMatchSourceEnum, resolve: (match) => match.source }),
  }),
});

const MAX_MATCHES = 100;

builder.queryFields((t) => ({
  spaceReallocation: t.field({
    type: SpaceReallocationRef,
    description: 'What to give back and what to assign, from the district as it stands now.',
    args: { edition: t.arg.string({ defaultValue: DEFAULT_SPACE_STANDARD_EDITION }) },
    resolve: (_root, args, context) =>
      planSpaceReallocation(context.sql, {
        edition: args.edition ?? DEFAULT_SPACE_STANDARD_EDITION,
        at: new Date(),
      }),
  }),
  assetMatches: t.field({
    type: [AssetMatchRef],
    description:
      'Idle assets of a class for an agency, in the order to offer them: next door (虚拟仓), the warehouse (实体仓), then across the district. Empty: buy.',
    extensions: listSize((args) => Math.min(Number(args.first ?? 20), MAX_MATCHES)),
    args: {
      class: t.arg.string({ required: true, description: 'GB/T 14885 class code or its prefix.' }),
      agency: t.arg.string({ required: true, description: 'Code of the agency that needs it.' }),
      first: t.arg.int({ defaultValue: 20, description: `At most ${MAX_MATCHES}.` }),
    },
    resolve: async (_root, args, context) => {
      const agency = await context.prisma.agency.findFirst({ where: { code: args.agency, deletedAt: null } });
      if (!agency) throw new NotFoundError(`no agency with code "${args.agency}"`, { agency: args.agency });
      return matchIdleAssets(context.sql, {
        classCode: args.class,
        agencyId: agency.id,
        at: new Date(),
        limit: Math.max(0, Math.min(args.first ?? 20, MAX_MATCHES)),
      });
    },
  }),
}));

builder.prismaNode('RoomReallocation', {
  id: { field: 'id' },
  description: 'A request to give a room back or assign it (调剂), decided by an administrator.',
  fields: (t) => ({
    kind: t.expose('kind', { type: RoomReallocationKindEnum }),
    room: t.relation('room'),
    agency: t.relation('agency'),
    status: t.expose('status', { type: TransferStatusEnum }),
    reason: t.exposeString('reason', { nullable: true }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime' }),
    requestedBy: t.exposeString('requestedBy'),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    decidedBy: t.exposeString('decidedBy', { nullable: true }),
    decisionNote: t.exposeString('decisionNote', { nullable: true }),
  }),
});

builder.mutationFields((t) => ({
  requestRoomReallocation: t.prismaField({
    type: 'RoomReallocation',
    description: 'Ask for a room to be given back by an agency or assigned to one (调剂). Operator.',
    authScopes: { role: Role.OPERATOR },
    errors: { types: userErrorTypes, directResult: true },
    args: {
      room: t.arg.id({ required: true }),
      agency: t.arg.string({ required: true, description: 'Agency code.' }),
      kind: t.arg({ type: RoomReallocationKindEnum, required: true }),
      reason: t.arg.string({ required: false }),
    },
    resolve: (_query, _root, args, context) =>
      requestRoomReallocation(
        context.prisma,
        {
          roomId: decodeId(String(args.room), 'Room', 'room'),
          agencyCode: args.agency,
          kind: args.kind,
          reason: args.reason ?? null,
        },
        actorOf(context.viewer),
      ),
  }),
  decideRoomReallocation: t.prismaField({
    type: 'RoomReallocation',
    description: 'Approve (the allocation changes at once) or reject a room reallocation. Admin.',
    authScopes: { role: Role.ADMIN },
    errors: { types: userErrorTypes, directResult: true },
    args: {
      request: t.arg.id({ required: true }),
      approve: t.arg.boolean({ required: true }),
      note: t.arg.string({ required: false }),
    },
    resolve: (_query, _root, args, context) =>
      decideRoomReallocation(
        context.prisma,
        {
          requestId: decodeId(String(args.request), 'RoomReallocation', 'request'),
          approve: args.approve,
          note: args.note ?? null,
        },
        actorOf(context.viewer),
      ),
  }),
}));
