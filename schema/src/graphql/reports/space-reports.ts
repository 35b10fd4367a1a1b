import {
  DEFAULT_SPACE_STANDARD_EDITION,
  spaceCompliance,
  type ComplianceResult,
} from '../../domain/space-compliance.ts';
import type { Agency } from '../../generated/prisma/client.ts';
import { builder } from '../builder.ts';
import { ASSUMED_LIST_SIZES, listSize } from '../list-size.ts';

interface AgencyCompliance extends ComplianceResult {
  agency: Agency;
  edition: string;
  headcount: number;
}

const SpaceComplianceRef = builder.objectRef<AgencyCompliance>('SpaceCompliance').implement({
  description: 'Office area of an agency against the per-person standard (超标 check).',
  fields: (t) => ({
    agency: t.prismaField({ type: 'Agency', resolve: (_query, row) => row.agency }),
    edition: t.exposeString('edition'),
    headcount: t.exposeInt('headcount'),
    standardArea: t.exposeFloat('standardArea', { description: 'Σ headcount × standard m² per rank.' }),
    allocatedOfficeArea: t.exposeFloat('allocatedOfficeArea', {
      description: 'Office rooms allocated now, m².',
    }),
    overStandard: t.exposeBoolean('overStandard'),
    excessArea: t.exposeFloat('excessArea', { description: 'm² above the standard; 0 when within it.' }),
    unmatchedRanks: t.exposeStringList('unmatchedRanks', {
      extensions: listSize(ASSUMED_LIST_SIZES.ranksPerAgency),
    }),
  }),
});

interface IdleSpaceRow {
  buildingId: number;
  code: string;
  name: string;
  idleRooms: number;
  idleArea: number;
  totalArea: number;
}

const IdleSpaceRef = builder.objectRef<IdleSpaceRow>('IdleSpace').implement({
  description: 'Idle rooms of a building: space to reallocate (调剂) before anything is built or rented.',
  fields: (t) => ({
    building: t.prismaField({
      type: 'Building',
      resolve: (query, row, _args, context) =>
        context.prisma.building.findUniqueOrThrow({ ...query, where: { id: row.buildingId } }),
    }),
    idleRooms: t.exposeInt('idleRooms'),
    idleArea: t.exposeFloat('idleArea', { description: 'm².' }),
    totalArea: t.exposeFloat('totalArea', { description: 'm² of all rooms of the building.' }),
    idleShare: t.float({ resolve: (row) => (row.totalArea > 0 ? row.idleArea / row.totalArea : 0) }),
  }),
});

builder.queryFields((t) => ({
  spaceCompliance: t.field({
    type: [SpaceComplianceRef],
    description:
      'Per agency (or one agency by code): headcount by rank × standard area vs allocated office area.',
    extensions: listSize((args) => (args.agency ? 1 : ASSUMED_LIST_SIZES.agencies)),
    args: {
      agency: t.arg.string({ required: false }),
      edition: t.arg.string({ defaultValue: DEFAULT_SPACE_STANDARD_EDITION }),
    },
    resolve: async (_root, args, context) => {
      const edition = args.edition ?? DEFAULT_SPACE_STANDARD_EDITION;
      const agencies = await context.prisma.agency.findMany({
        where: { deletedAt: null, ...(args.agency ? { code: args.agency } : {}) },
        include: { headcounts: true },
        orderBy: { code: 'asc' },
      });
      const standards = await context.prisma.spaceStandard.findMany({ where: { edition } });
      const now = new Date();
      const allocated = await context.prisma.$queryRaw<{ agencyId: number; area: number }[]>`
        SELECT a."agencyId", sum(r."usableArea") AS area
        FROM "RoomAllocation" a JOIN "Room" r ON r.id = a."roomId"
        WHERE a."deletedAt" IS NULL AND r."deletedAt" IS NULL AND r.category = 'OFFICE'
          AND a."validFrom" <= ${now} AND (a."validTo" IS NULL OR a."validTo" > ${now})
        GROUP BY a."agencyId"`;
      const areaOf = new Map(allocated.map((row) => [row.agencyId, Number(row.area)]));
      return agencies.map((agency) => {
        const ranks = agency.headcounts.map((line) => ({
          rank: line.rank,
          headcount: line.count,
          areaPerPerson:
            standards.find((s) => s.adminLevel === agency.adminLevel && s.rank === line.rank)
              ?.areaPerPerson ?? null,
        }));
        return {
          agency,
          edition,
          headcount: ranks.reduce((sum, line) => sum + line.headcount, 0),
          ...spaceCompliance(ranks, areaOf.get(agency.id) ?? 0),
        };
      });
    },
  }),
  idleSpace: t.field({
    type: [IdleSpaceRef],
    description: 'Idle rooms per building (or of one building by code), most idle area first.',
    extensions: listSize((args) => (args.building ? 1 : ASSUMED_LIST_SIZES.buildings)),
    args: { building: t.arg.string({ required: false }) },
    resolve: async (_root, args, context) => {
      const rows = await context.prisma.$queryRaw<IdleSpaceRow[]>`
        SELECT b.id AS "buildingId", b.code, b.name,
               count(*) FILTER (WHERE r.status = 'IDLE')::int AS "idleRooms",
               coalesce(sum(r."usableArea") FILTER (WHERE r.status = 'IDLE'), 0) AS "idleArea",
               coalesce(sum(r."usableArea"), 0) AS "totalArea"
        FROM "Building" b JOIN "Room" r ON r."buildingId" = b.id AND r."deletedAt" IS NULL
        WHERE b."deletedAt" IS NULL AND (${args.building ?? null}::text IS NULL OR b.code = ${args.building ?? null})
        GROUP BY b.id ORDER BY "idleArea" DESC, b.code`;
      return rows.filter((row) => row.idleRooms > 0 || args.building);
    },
  }),
}));
