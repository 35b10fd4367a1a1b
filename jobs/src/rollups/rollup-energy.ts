import type { PrismaClient, EnergyCarrier } from '@district-hub/schema';
import { convertEnergy } from './energy-factors.ts';
import type { MeterMetric, RollupOptions } from './rollup-options.ts';
import { retentionCutoffDay } from './retention-cutoff.ts';
import { meterDayKeys, rollupMeterDays } from './rollup-meter-days.ts';

interface DailyTotal {
  buildingId: number;
  day: string;
  carrier: EnergyCarrier;
  unit: string;
  quantity: number;
}

/** The meter table as SQL arrays, one per column, for `unnest`. */
export function meterColumns(meters: readonly MeterMetric[]) {
  return {
    types: meters.map((m) => m.deviceType),
    metrics: meters.map((m) => m.metric),
    carriers: meters.map((m) => m.carrier),
    units: meters.map((m) => m.unit),
    kinds: meters.map((m) => m.kind),
  };
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
  prisma: PrismaClient,
  options: RollupOptions,
  fromDay?: string,
  now: Date = new Date(),
): Promise<number> {
  const { meters, timeZone } = options;
  if (meters.length === 0) return 0;
  const m = meterColumns(meters);
  const totals = await prisma.$queryRaw<DailyTotal[]>`
    WITH used AS (
      SELECT d."buildingId" AS building, r."time", m.carrier, m.unit,
             CASE WHEN m.kind = 'interval' THEN r.value
                  ELSE r.value - lag(r.value) OVER (PARTITION BY r."deviceId", r.metric ORDER BY r."time") END AS quantity
        FROM "Reading" r
        JOIN "Device" d ON d.id = r."deviceId"
        JOIN unnest(${m.types}::text[], ${m.metrics}::text[], ${m.carriers}::text[], ${m.units}::text[], ${m.kinds}::text[])
             AS m(device_type, metric, carrier, unit, kind)
          ON m.device_type = d.type AND m.metric = r.metric
       WHERE d."buildingId" IS NOT NULL
    )
    SELECT building AS "buildingId", to_char("time" AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day,
           carrier, unit, sum(quantity)::float8 AS quantity
      FROM used
     WHERE quantity >= 0 AND ("time" AT TIME ZONE ${timeZone})::date >= ${fromDay ?? '-infinity'}::date
     GROUP BY 1, 2, 3, 4`;
  const fromMeters = await rollupMeterDays(prisma, options, fromDay);
  if (totals.length === 0) return fromMeters;
  const earliestDay = totals.reduce((min, total) => (total.day < min ? total.day : min), totals[0]!.day);
  const covered = await meterDayKeys(prisma, earliestDay);
  const uncovered = totals.filter((t) => !covered.has(`${t.buildingId}/${t.day}/${t.carrier}`));
  if (uncovered.length === 0) return fromMeters;
  const cutoff = retentionCutoffDay(options, now);
  const keptDay = cutoff !== null && earliestDay <= cutoff ? earliestDay : null;
  const rows = uncovered.map((total) => ({
    ...total,
    ...convertEnergy(options.factors, total.carrier, total.quantity, Number(total.day.slice(0, 4))),
  }));
  return (
    fromMeters +
    (await prisma.$executeRaw`
    INSERT INTO "EnergyDaily" ("buildingId", date, carrier, quantity, unit, "standardCoalKg", "co2Kg", "updatedAt")
    SELECT t.building, t.day, t.carrier::"EnergyCarrier", t.quantity, t.unit, t.coal, t.co2, now()
      FROM unnest(${rows.map((t) => t.buildingId)}::int[], ${rows.map((t) => t.day)}::date[],
                  ${rows.map((t) => t.carrier)}::text[], ${rows.map((t) => t.quantity)}::float8[],
                  ${rows.map((t) => t.unit)}::text[], ${rows.map((t) => t.standardCoalKg)}::float8[],
                  ${rows.map((t) => t.co2Kg)}::float8[])
           AS t(building, day, carrier, quantity, unit, coal, co2)
    ON CONFLICT ("buildingId", date, carrier) DO UPDATE
       SET quantity = EXCLUDED.quantity, unit = EXCLUDED.unit, "standardCoalKg" = EXCLUDED."standardCoalKg",
           "co2Kg" = EXCLUDED."co2Kg", "updatedAt" = now()
     WHERE "EnergyDaily".date IS DISTINCT FROM ${keptDay}::date`)
  );
}
