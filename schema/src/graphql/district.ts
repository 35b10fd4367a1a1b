import DataLoader from 'dataloader';
import { Prisma, type District } from '../generated/prisma/client.ts';
import type { GraphQLContext } from './context.ts';
import { builder } from './builder.ts';

/** Each count the summary offers, as the SQL that computes it (soft-deleted rows excluded). */
const COUNTS = {
  buildingCount: 'SELECT count(*) FROM "Building" WHERE "deletedAt" IS NULL',
  floorCount: 'SELECT count(*) FROM "Floor" WHERE "deletedAt" IS NULL',
  roomCount: 'SELECT count(*) FROM "Room" WHERE "deletedAt" IS NULL',
  usableArea: 'SELECT coalesce(sum("usableArea"), 0) FROM "Room" WHERE "deletedAt" IS NULL',
  agencyCount: 'SELECT count(*) FROM "Agency" WHERE "deletedAt" IS NULL',
  deviceCount: 'SELECT count(*) FROM "Device" WHERE "deletedAt" IS NULL',
  vehicleCount: 'SELECT count(*) FROM "Vehicle" WHERE "deletedAt" IS NULL',
  activeAlertCount: `SELECT count(*) FROM "Alert" WHERE "deletedAt" IS NULL AND status <> 'RESOLVED'`,
} as const;

type CountName = keyof typeof COUNTS;

/**
 * The summary's counts are computed together, one statement for all the fields a query selected and
 * none for those it did not: the cockpit polls this, and summing every room on each poll is waste.
 */
interface DistrictSummary {
  district: District | null;
  counts: DataLoader<CountName, number>;
}

function countsLoader(context: GraphQLContext): DataLoader<CountName, number> {
  return new DataLoader(async (names) => {
    const columns = names.map(
      (name) => Prisma.sql`(${Prisma.raw(COUNTS[name])}) AS ${Prisma.raw(`"${name}"`)}`,
    );
    const [row] = await context.prisma.$queryRaw<
      Record<string, bigint | number>[]
    >`SELECT ${Prisma.join(columns)}`;
    return names.map((name) => Number(row?.[name] ?? 0));
  });
}

const DistrictSummaryRef = builder.objectRef<DistrictSummary>('DistrictSummary').implement({
  description: 'The district at a glance: what the cockpit shows first. Counts exclude soft-deleted rows.',
  fields: (t) => {
    const count = (name: CountName, description?: string) =>
      t.int({ description, resolve: (summary) => summary.counts.load(name) });
    return {
      code: t.string({ nullable: true, resolve: (summary) => summary.district?.code ?? null }),
      name: t.string({ nullable: true, resolve: (summary) => summary.district?.name ?? null }),
      centroidLon: t.float({ nullable: true, resolve: (summary) => summary.district?.centroidLon ?? null }),
      centroidLat: t.float({ nullable: true, resolve: (summary) => summary.district?.centroidLat ?? null }),
      outline: t.field({
        type: 'JSON',
        nullable: true,
        description: 'GeoJSON Polygon, WGS-84.',
        resolve: (summary) => summary.district?.outline ?? null,
      }),
      buildingCount: count('buildingCount'),
      floorCount: count('floorCount'),
      roomCount: count('roomCount'),
      usableArea: t.float({
        description: 'Σ room usable area, m².',
        resolve: (summary) => summary.counts.load('usableArea'),
      }),
      agencyCount: count('agencyCount'),
      deviceCount: count('deviceCount'),
      vehicleCount: count('vehicleCount'),
      activeAlertCount: count('activeAlertCount', 'Alerts not yet resolved (open or acknowledged).'),
    };
  },
});

builder.queryField('district', (t) =>
  t.field({
    type: DistrictSummaryRef,
    resolve: async (_root, _args, context) => ({
      district: await context.prisma.district.findFirst({ orderBy: { id: 'asc' } }),
      counts: countsLoader(context),
    }),
  }),
);
