import type { EnergyCarrier, PrismaClient } from '@district-hub/schema';
import { convertEnergy } from './energy-factors.ts';
import type { RollupOptions } from './rollup-options.ts';

interface MeterDayTotal {
  buildingId: number;
  day: string;
  carrier: EnergyCarrier;
  unit: string;
  quantity: number;
  cost: string | null;
}

/**
 * A sync commits its rows with the time its transaction began, which can be before a rollup that ran
 * while it was still open: rows synced within this window are summed again on every run, so none is
 * missed, and a year of history is summed once.
 */
const RESUM_WINDOW = '1 day';

/**
 * `EnergyDaily` from the sources' daily meter statistics: per building, day and carrier, the sum of its
 * meters' quantities and amounts, with standard coal and CO₂ of the day's year. It sums the keys with a
 * row synced within `RESUM_WINDOW`, those not rolled up yet, and every day from `fromDay` if given.
 * Returns the rows written.
 */
export async function rollupMeterDays(
  prisma: PrismaClient,
  options: RollupOptions,
  fromDay?: string,
): Promise<number> {
  const totals = await prisma.$queryRaw<MeterDayTotal[]>`
    SELECT m."buildingId", to_char(m.date, 'YYYY-MM-DD') AS day, m.carrier, min(m.unit) AS unit,
           sum(m.quantity)::float8 AS quantity, sum(m.cost)::text AS cost
      FROM "MeterDaily" m
     WHERE m."deletedAt" IS NULL
     GROUP BY m."buildingId", m.date, m.carrier
    HAVING max(m."syncedAt") > now() - ${RESUM_WINDOW}::interval
        OR m.date >= ${fromDay ?? 'infinity'}::date
        OR NOT EXISTS (SELECT 1 FROM "EnergyDaily" e
                        WHERE e."buildingId" = m."buildingId" AND e.date = m.date AND e.carrier = m.carrier)`;
  if (totals.length === 0) return 0;
  const rows = totals.map((total) => ({
    ...total,
    ...convertEnergy(options.factors, total.carrier, total.quantity, Number(total.day.slice(0, 4))),
  }));
  return prisma.$executeRaw`
    INSERT INTO "EnergyDaily" ("buildingId", date, carrier, quantity, unit, cost, "standardCoalKg", "co2Kg", "updatedAt")
    SELECT t.building, t.day, t.carrier::"EnergyCarrier", t.quantity, t.unit, t.cost, t.coal, t.co2, now()
      FROM unnest(${rows.map((t) => t.buildingId)}::int[], ${rows.map((t) => t.day)}::date[],
                  ${rows.map((t) => t.carrier)}::text[], ${rows.map((t) => t.quantity)}::float8[],
                  ${rows.map((t) => t.unit)}::text[], ${rows.map((t) => t.cost)}::numeric[],
                  ${rows.map((t) => t.standardCoalKg)}::float8[], ${rows.map((t) => t.co2Kg)}::float8[])
           AS t(building, day, carrier, quantity, unit, cost, coal, co2)
    ON CONFLICT ("buildingId", date, carrier) DO UPDATE
       SET quantity = EXCLUDED.quantity, unit = EXCLUDED.unit, cost = EXCLUDED.cost,
           "standardCoalKg" = EXCLUDED."standardCoalKg", "co2Kg" = EXCLUDED."co2Kg", "updatedAt" = now()`;
}

/** `buildingId/day/carrier` of every key the meter statistics cover from `fromDay` on. */
export async function meterDayKeys(prisma: PrismaClient, fromDay: string): Promise<Set<string>> {
  const keys = await prisma.$queryRaw<{ key: string }[]>`
    SELECT DISTINCT m."buildingId" || '/' || to_char(m.date, 'YYYY-MM-DD') || '/' || m.carrier AS key
      FROM "MeterDaily" m
     WHERE m."deletedAt" IS NULL AND m.date >= ${fromDay}::date`;
  return new Set(keys.map((k) => k.key));
}
