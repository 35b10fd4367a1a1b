import { roundTo } from '../../domain/exact-figures.ts';
import { sql } from 'kysely';
import { COUNT_ROWS, countRowsWhere, instant, secondsBetween } from '../../database/sql-expressions.ts';
import { EnergyType } from '../../generated/prisma/enums.ts';
import { builder } from '../builder.ts';
import { listSize } from '../list-size.ts';
import { checkRange, TimeRange, type Range } from '../time-range.ts';

/** Energy types counted as new-energy vehicles (新能源汽车): battery, plug-in hybrid, fuel cell. */
export const NEW_ENERGY_TYPES = ['BEV', 'PHEV', 'FCEV'] as const;
const DAY_MS = 86_400_000;
/** A Julian year (365.25 days) in seconds: ages in years without counting leap days. */
const JULIAN_YEAR_SECONDS = 31_557_600;

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
      const at = instant(now);
      const [rows, trips] = await Promise.all([
        context.sql
          .selectFrom('Vehicle')
          .leftJoin('Agency', 'Agency.id', 'Vehicle.agencyId')
          .select((eb) => [
            'Vehicle.energyType',
            COUNT_ROWS.as('count'),
            sql<
              number | null
            >`avg(${secondsBetween(eb.ref('Vehicle.purchaseDate'), at)}) / ${sql.lit(JULIAN_YEAR_SECONDS)}`.as(
              'ageYears',
            ),
            countRowsWhere(eb('Vehicle.purchaseDate', '<', sql<Date>`${at} - interval '8 years'`)).as('old'),
          ])
          .where('Vehicle.deletedAt', 'is', null)
          .where('Vehicle.status', '<>', 'RETIRED')
          .$if(agency !== null, (qb) => qb.where('Agency.code', '=', agency!))
          .groupBy('Vehicle.energyType')
          .orderBy('Vehicle.energyType')
          .execute(),
        context.sql
          .selectFrom('Trip')
          .innerJoin('Vehicle', 'Vehicle.id', 'Trip.vehicleId')
          .leftJoin('Agency', 'Agency.id', 'Vehicle.agencyId')
          .select((eb) => {
            const end = sql<Date>`coalesce(${eb.ref('Trip.endedAt')}, least(${at}, ${instant(range.to)}))`;
            return sql<number | null>`sum(${secondsBetween(eb.ref('Trip.startedAt'), end)}) / 3600`.as(
              'hours',
            );
          })
          .where('Trip.deletedAt', 'is', null)
          .where('Trip.status', '<>', 'CANCELLED')
          .where('Trip.startedAt', '>=', range.from)
          .where('Trip.startedAt', '<', range.to)
          .$if(agency !== null, (qb) => qb.where('Agency.code', '=', agency!))
          .executeTakeFirstOrThrow(),
      ]);
      const vehicles = rows.reduce((sum, row) => sum + row.count, 0);
      const aged = rows.filter((row) => row.ageYears !== null);
      return {
        vehicles,
        newEnergy: rows
          .filter((row) => (NEW_ENERGY_TYPES as readonly string[]).includes(row.energyType))
          .reduce((sum, row) => sum + row.count, 0),
        byEnergyType: rows.map((row) => ({ energyType: row.energyType, count: row.count })),
        averageAgeYears: aged.length
          ? aged.reduce((sum, row) => sum + row.ageYears! * row.count, 0) /
            aged.reduce((s, r) => s + r.count, 0)
          : null,
        olderThan8Years: rows.reduce((sum, row) => sum + row.old, 0),
        tripHours: trips.hours ?? 0,
        range,
      };
    },
  }),
);
