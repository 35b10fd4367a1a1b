import { DEFAULT_SPACE_STANDARD_EDITION } from '../../domain/space-compliance.ts';
import { roundTo } from '../../domain/exact-figures.ts';
import {
  readIdleSpace,
  readSpaceCompliance,
  readSpaceStandard,
  type AgencyCompliance,
  type AgencyRankLine,
  type IdleSpaceRow,
  type StandardColumnRow,
} from '../../domain/space-report-reads.ts';
import { builder } from '../builder.ts';
import { AdminLevelEnum } from '../space.ts';
import { ASSUMED_LIST_SIZES, listSize } from '../list-size.ts';

const M2 = 'm², to 0.01.';

const SpaceStandardRowRef = builder.objectRef<StandardColumnRow>('SpaceStandardRow').implement({
  description: 'One row of the per-person office standard, as the migrations ship it.',
  fields: (t) => ({
    adminLevel: t.field({ type: AdminLevelEnum, resolve: (row) => row.adminLevel }),
    rank: t.exposeString('rank', { description: 'Hub rank code (a GB/T 12407 grade), as in headcounts.' }),
    rankName: t.exposeString('rankName', { description: "The standard's name of the row at this level." }),
    areaPerPerson: t.float({
      description: `Office usable area per person, ${M2}`,
      resolve: (row) => Number(row.areaPerPerson),
    }),
  }),
});

const RankLineRef = builder.objectRef<AgencyRankLine>('SpaceComplianceRank').implement({
  description: "An agency's staff of one rank and what the standard allows them.",
  fields: (t) => ({
    rank: t.exposeString('rank'),
    rankName: t.string({
      nullable: true,
      description: 'Null when the column has no such rank.',
      resolve: (line) => line.rankName,
    }),
    headcount: t.exposeInt('headcount'),
    areaPerPerson: t.float({
      nullable: true,
      description: `Standard area per person, ${M2}`,
      resolve: (line) => (line.standard ? Number(line.standard.areaPerPerson) : null),
    }),
    standardArea: t.exposeFloat('standardArea', { description: `headcount × areaPerPerson, ${M2}` }),
  }),
});

const SpaceComplianceRef = builder.objectRef<AgencyCompliance>('SpaceCompliance').implement({
  description: 'Office area of an agency against the per-person standard of its level (超标 check).',
  fields: (t) => ({
    agency: t.prismaField({
      type: 'Agency',
      resolve: (query, row, _args, context) =>
        context.prisma.agency.findUniqueOrThrow({ ...query, where: { id: row.agencyId } }),
    }),
    edition: t.exposeString('edition'),
    adminLevel: t.field({ type: AdminLevelEnum, resolve: (row) => row.adminLevel }),
    headcount: t.exposeInt('headcount'),
    ranks: t.field({
      type: [RankLineRef],
      extensions: listSize(ASSUMED_LIST_SIZES.ranksPerAgency),
      resolve: (row) => row.ranks,
    }),
    standardArea: t.exposeFloat('standardArea', {
      description: `Σ headcount × the standard's m² per rank at the agency's level, ${M2}`,
    }),
    allocatedOfficeArea: t.exposeFloat('allocatedOfficeArea', {
      description: `Office rooms allocated to the agency now, ${M2}`,
    }),
    overStandard: t.exposeBoolean('overStandard', { description: 'Strictly more than the standard allows.' }),
    excessArea: t.exposeFloat('excessArea', { description: `Above the standard, ${M2} 0 when within it.` }),
    shortfallArea: t.exposeFloat('shortfallArea', {
      description: `Still to give before the standard is reached, ${M2} 0 when at or over it.`,
    }),
    unmatchedRanks: t.exposeStringList('unmatchedRanks', {
      description: "Ranks the level's column does not list: the standard area leaves their staff out.",
      extensions: listSize(ASSUMED_LIST_SIZES.ranksPerAgency),
    }),
  }),
});

const IdleSpaceRef = builder.objectRef<IdleSpaceRow>('IdleSpace').implement({
  description: 'Idle rooms of a building: space to reallocate (调剂) before anything is built or rented.',
  fields: (t) => ({
    building: t.prismaField({
      type: 'Building',
      resolve: (query, row, _args, context) =>
        context.prisma.building.findUniqueOrThrow({ ...query, where: { id: row.buildingId } }),
    }),
    idleRooms: t.exposeInt('idleRooms', { description: 'Live rooms with status IDLE.' }),
    idleArea: t.exposeFloat('idleArea', { description: `Usable area of the idle rooms, ${M2}` }),
    totalArea: t.exposeFloat('totalArea', {
      description: `Usable area of all live rooms of the building, ${M2}`,
    }),
    idleShare: t.float({
      description: 'idleArea / totalArea, to 4 places (0.0312 is 3.12 %).',
      resolve: (row) => (row.totalArea > 0 ? roundTo(row.idleArea / row.totalArea, 4) : 0),
    }),
  }),
});

builder.queryFields((t) => ({
  spaceStandard: t.field({
    type: [SpaceStandardRowRef],
    description: 'The per-person office standard of an edition, every level (or one), largest area first.',
    extensions: listSize(4 * ASSUMED_LIST_SIZES.ranksPerAgency),
    args: {
      edition: t.arg.string({ defaultValue: DEFAULT_SPACE_STANDARD_EDITION }),
      level: t.arg({ type: AdminLevelEnum, required: false }),
    },
    resolve: async (_root, args, context) => {
      const rows = await readSpaceStandard(context.sql, args.edition ?? DEFAULT_SPACE_STANDARD_EDITION);
      return args.level ? rows.filter((row) => row.adminLevel === args.level) : rows;
    },
  }),
  spaceCompliance: t.field({
    type: [SpaceComplianceRef],
    description:
      "Per agency (or one agency by code): headcount by rank × the standard's area at its level vs allocated office area.",
    extensions: listSize((args) => (args.agency ? 1 : ASSUMED_LIST_SIZES.agencies)),
    args: {
      agency: t.arg.string({ required: false }),
      edition: t.arg.string({ defaultValue: DEFAULT_SPACE_STANDARD_EDITION }),
    },
    resolve: (_root, args, context) =>
      readSpaceCompliance(context.sql, {
        edition: args.edition ?? DEFAULT_SPACE_STANDARD_EDITION,
        at: new Date(),
        agencyCode: args.agency,
      }),
  }),
  idleSpace: t.field({
    type: [IdleSpaceRef],
    description: 'Idle rooms per building (or of one building by code), most idle area first.',
    extensions: listSize((args) => (args.building ? 1 : ASSUMED_LIST_SIZES.buildings)),
    args: { building: t.arg.string({ required: false }) },
    resolve: (_root, args, context) => readIdleSpace(context.sql, args.building),
  }),
}));
