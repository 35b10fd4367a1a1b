import { roundTo } from '../../domain/exact-figures.ts';
import { EnergyType } from '../../generated/prisma/enums.ts';
import { builder } from '../builder.ts';
import { listSize } from '../list-size.ts';
import { checkRange, TimeRange, type Range } from '../time-range.ts';

/** Energy types counted as new-energy vehicles (新能源汽车): battery, plug-in hybrid, fuel cell. */
export const NEW_ENERGY_TYPES = ['BEV', 'PHEV', 'FCEV'] as const;
const DAY_MS = 86_400_000;

interface FleetSummary {
  vehicles: number;
  newEnergy: number;
  byEnergyType: { energyType: string; count: number }[];
  averageAgeYears: number | null;
  olderThan8Years: number;
  tripHours: number;
  range: Range;
}

const EnergyTypeCount = builder
  .objectRef<{ energyType: string; count: number }>('EnergyTypeCount')
  .implement({
    fields: (t) => ({ energyType: t.exposeString('energyType'), count: t.exposeInt('count') }),
  });

const FleetSummaryRef = builder.objectRef<FleetSummary>('FleetSummary').implement({
  description: 'Vehicles in service (not retired): new-energy share, utilisation over the range, age.',
  fields: (t) => ({
    vehicles: t.exposeInt('vehicles'),
    newEnergy: t.exposeInt('newEnergy'),
    newEnergyShare: t.float({
      description: 'newEnergy ÷ vehicles, to 4 places (0.3125 is 31.25 %).',
      resolve: (s) => (s.vehicles ? roundTo(s.newEnergy / s.vehicles, 4) : 0),
    }),
    byEnergyType: t.field({
      type: [EnergyTypeCount],
      extensions: listSize(Object.keys(EnergyType).length),
      resolve: (s) => s.byEnergyType,
    }),
    averageAgeYears: t.float({
      nullable: true,
      description: 'Years since purchase, to 0.01.',
      resolve: (s) => (s.averageAgeYears === null ? null : roundTo(s.averageAgeYears, 2)),
    }),
    olderThan8Years: t.exposeInt('olderThan8Years'),
    tripHours: t.float({
      description: 'Hours on trips that started in the range, to 0.01.',
      resolve: (s) => roundTo(s.tripHours, 2),
    }),
    utilisation: t.float({
      description: 'Trip hours ÷ (vehicles × hours in the range), to 4 places.',
      resolve: (s) => {
        const hours = (s.range.to.getTime() - s.range.from.getTime()) / 3_600_000;
        return s.vehicles && hours > 0 ? roundTo(s.tripHours / (s.vehicles * hours), 4) : 0;
      },
    }),
  }),
});

builder.queryField('fleetSummary', (t) =>
  t.field({
    type: FleetSummaryRef,
    args: {
      agency: t.arg.string({ required: false, description: 'Agency code.' }),
      range: t.arg({ type: TimeRange, required: false, description: 'Default: the last 30 days.' }),
    },
    resolve: async (_root, args, context) => {
      const now = new Date();
      const range = args.range
        ? checkRange(args.range)
        : { from: new Date(now.getTime() - 30 * DAY_MS), to: now };
      const agency = args.agency ?? null;
      const rows = await context.prisma.$queryRaw<
        { energyType: string; count: number; ageYears: number | null; old: number }[]
      >`
        SELECT v."energyType", count(*)::int AS count,
               avg(extract(epoch FROM (${now}::timestamptz - v."purchaseDate")) / 31557600) AS "ageYears",
               count(*) FILTER (WHERE v."purchaseDate" < ${now}::timestamptz - interval '8 years')::int AS old
        FROM "Vehicle" v LEFT JOIN "Agency" a ON a.id = v."agencyId"
        WHERE v."deletedAt" IS NULL AND v.status <> 'RETIRED' AND (${agency}::text IS NULL OR a.code = ${agency})
        GROUP BY v."energyType" ORDER BY v."energyType"`;
      const [trips] = await context.prisma.$queryRaw<{ hours: number | null }[]>`
        SELECT sum(extract(epoch FROM (coalesce(t."endedAt", least(${now}::timestamptz, ${range.to}::timestamptz)) - t."startedAt")) / 3600) AS hours
        FROM "Trip" t JOIN "Vehicle" v ON v.id = t."vehicleId" LEFT JOIN "Agency" a ON a.id = v."agencyId"
        WHERE t."deletedAt" IS NULL AND t.status <> 'CANCELLED' AND t."startedAt" >= ${range.from} AND t."startedAt" < ${range.to}
          AND (${agency}::text IS NULL OR a.code = ${agency})`;
      const vehicles = rows.reduce((sum, row) => sum + row.count, 0);
      const aged = rows.filter((row) => row.ageYears !== null);
      return {
        vehicles,
        newEnergy: rows
          .filter((row) => (NEW_ENERGY_TYPES as readonly string[]).includes(row.energyType))
          .reduce((sum, row) => sum + row.count, 0),
        byEnergyType: rows.map((row) => ({ energyType: row.energyType, count: row.count })),
        averageAgeYears: aged.length
          ? aged.reduce((sum, row) => sum + Number(row.ageYears) * row.count, 0) /
            aged.reduce((s, r) => s + r.count, 0)
          : null,
        olderThan8Years: rows.reduce((sum, row) => sum + row.old, 0),
        tripHours: Number(trips?.hours ?? 0),
        range,
      };
    },
  }),
);
