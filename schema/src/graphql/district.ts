import DataLoader from 'dataloader';
import { expressionBuilder, sql } from 'kysely';
import type { DB } from '../database/sql-db.ts';
import { COUNT_ROWS } from '../database/sql-expressions.ts';
import { alertIsActive } from '../domain/sql-rules.ts';
import type { District } from '../generated/prisma/client.ts';
import type { GraphQLContext } from './context.ts';
import { builder } from './builder.ts';

const eb = expressionBuilder<DB>();

/** The live rows of a table: soft-deleted ones are gone from the district. */
const live = (table: 'Building' | 'Floor' | 'Room' | 'Agency' | 'Device' | 'Vehicle') =>
  eb.selectFrom(table).where('deletedAt', 'is', null);

/** Each count the summary offers, as the subquery that computes it (soft-deleted rows excluded). */
const COUNTS = {
  buildingCount: live('Building').select(COUNT_ROWS.as('count')),
  floorCount: live('Floor').select(COUNT_ROWS.as('count')),
  roomCount: live('Room').select(COUNT_ROWS.as('count')),
  // A sum of two-place decimals is exact; its text, read as a number, is the figure to the hundredth.
  usableArea: live('Room').select(sql<number>`coalesce(sum("usableArea"), 0)::float8`.as('area')),
  agencyCount: live('Agency').select(COUNT_ROWS.as('count')),
  deviceCount: live('Device').select(COUNT_ROWS.as('count')),
  vehicleCount: live('Vehicle').select(COUNT_ROWS.as('count')),
  activeAlertCount: eb.selectFrom('Alert').select(COUNT_ROWS.as('count')).where(alertIsActive),
} as const;

type CountName = keyof typeof COUNTS;

/** The district's columns the summary shows. */
type DistrictRow = Pick<District, 'code' | 'name' | 'centroidLon' | 'centroidLat' | 'outline'>;

/**
 * The summary's counts are computed together, one statement for all the fields a query selected and
 * none for those it did not: the cockpit polls this, and summing every room on each poll is waste.
 */
interface DistrictSummary {
  district: DistrictRow | null;
  counts: DataLoader<CountName, number>;
}

function countsLoader(context: GraphQLContext): DataLoader<CountName, number> {
  return new DataLoader(async (names) => {
    const row = await context.sql
      .selectNoFrom(names.map((name) => COUNTS[name].as(name)))
      .$castTo<Record<CountName, number>>()
      .executeTakeFirstOrThrow();
    return names.map((name) => row[name]);
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
        description: 'Σ room usable area, m² to 0.01.',
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
      district:
        (await context.sql
          .selectFrom('District')
          .select(['code', 'name', 'centroidLon', 'centroidLat'])
          .select((district) => district.ref('outline').$castTo<DistrictRow['outline']>().as('outline'))
          .orderBy('id')
          .limit(1)
          .executeTakeFirst()) ?? null,
      counts: countsLoader(context),
    }),
  }),
);
