import { sql } from 'kysely';
import type { EnergyCarrier } from '@district-hub/schema';
import { localDate, unnestRows, type SqlDb } from '@district-hub/schema/database';
import { convertEnergy } from './energy-factors.ts';
import type { MeterMetric, RollupOptions } from './rollup-options.ts';
import { retentionCutoffDay } from './retention-cutoff.ts';
import { meterDayKeys, rollupMeterDays, writeEnergyDays } from './rollup-meter-days.ts';

/** The meter table as rows `m(deviceType, metric, carrier, unit, kind)` (one array parameter per column). */
export function meterTable(meters: readonly MeterMetric[]) {
  return unnestRows<
    'm',
    { deviceType: string; metric: string; carrier: EnergyCarrier; unit: string; kind: string }
  >('m', {
    deviceType: { values: meters.map((m) => m.deviceType), type: 'text' },
    metric: { values: meters.map((m) => m.metric), type: 'text' },
    carrier: { values: meters.map((m) => m.carrier), type: '"EnergyCarrier"' },
    unit: { values: meters.map((m) => m.unit), type: 'text' },
    kind: { values: meters.map((m) => m.kind), type: 'text' },
  });
}

/**
 * Sums meter consumption into `EnergyDaily` per building, local calendar day and carrier, with standard
 * coal and CO₂ from the configured factors. It recomputes every day still in raw readings (from `fromDay`
 * if given) and overwrites those rows, so running it again, or after late readings arrived, gives the
 * totals of one run at the end. Register meters count the increase between consecutive readings of a
 * device, each increase on the day of the later reading; a decrease (a replaced or reset meter) counts
 * nothing. When retention has reached the earliest day left in raw readings, that day has lost the
 * reading before it, so its stored row is kept rather than overwritten with less. A building, day and
 * carrier that a source's daily meter statistics cover (`MeterDaily`) takes their sum and cost instead
 * (`rollupMeterDays`): the readings of a day the hub saw only part of are not its whole consumption.
 * Returns the rows written.
 */
export async function rollupEnergy(
  db: SqlDb,
  options: RollupOptions,
  fromDay?: string,
  now: Date = new Date(),
): Promise<number> {
  const { meters, timeZone } = options;
  if (meters.length === 0) return 0;
  const totals = await db
    .with('used', (db) =>
      db
        .selectFrom('Reading')
        .innerJoin('Device', 'Device.id', 'Reading.deviceId')
        .innerJoin(meterTable(meters), (join) =>
          join.onRef('m.deviceType', '=', 'Device.type').onRef('m.metric', '=', 'Reading.metric'),
        )
        .select((eb) => {
          const value = eb.ref('Reading.value');
          const previous = sql<number>`lag(${value}) OVER (PARTITION BY ${eb.ref('Reading.deviceId')}, ${eb.ref('Reading.metric')} ORDER BY ${eb.ref('Reading.time')})`;
          return [
            eb.ref('Device.buildingId').$notNull().as('buildingId'),
            'Reading.time',
            'm.carrier',
            'm.unit',
            sql<number>`CASE WHEN ${eb.ref('m.kind')} = 'interval' THEN ${value} ELSE ${value} - ${previous} END`.as(
              'quantity',
            ),
          ];
        })
        .where('Device.buildingId', 'is not', null),
    )
    .selectFrom('used')
    .select((eb) => [
      'used.buildingId',
      sql<string>`to_char(${eb.ref('used.time')} AT TIME ZONE ${timeZone}, 'YYYY-MM-DD')`.as('day'),
      'used.carrier',
      'used.unit',
      sql<number>`sum(${eb.ref('used.quantity')})::float8`.as('quantity'),
    ])
    .where('used.quantity', '>=', 0)
    .$if(fromDay !== undefined, (qb) =>
      qb.where(localDate(sql.ref('used.time'), timeZone), '>=', sql<Date>`${fromDay}::date`),
    )
    // By the output column: the zone is a parameter, so the expression repeated would be another one.
    .groupBy(['used.buildingId', sql.ref('day'), 'used.carrier', 'used.unit'])
    .execute();
  const fromMeters = await rollupMeterDays(db, options, fromDay);
  if (totals.length === 0) return fromMeters;
  const earliestDay = totals.reduce((min, total) => (total.day < min ? total.day : min), totals[0]!.day);
  const covered = await meterDayKeys(db, earliestDay);
  const uncovered = totals.filter((t) => !covered.has(`${t.buildingId}/${t.day}/${t.carrier}`));
  if (uncovered.length === 0) return fromMeters;
  const cutoff = retentionCutoffDay(options, now);
  const keptDay = cutoff !== null && earliestDay <= cutoff ? earliestDay : null;
  const rows = uncovered.map((total) => ({
    ...total,
    cost: null,
    ...convertEnergy(options.factors, total.carrier, total.quantity, Number(total.day.slice(0, 4))),
  }));
  return fromMeters + (await writeEnergyDays(db, rows, { keptDay, withCost: false }));
}
