import type { PrismaClient } from '@district-hub/schema/database/prisma-client';
import type { EnergyCarrier } from '@district-hub/schema/generated/prisma/client';
import { convertEnergy } from './energy-factors.ts';
import type { RollupOptions } from './rollup-options.ts';

interface DailyTotal {
  buildingId: number;
  day: string;
  carrier: EnergyCarrier;
  unit: string;
  quantity: number;
}

/**
 * Sums meter readings into `EnergyDaily` per building, local calendar day and carrier, with standard
 * coal and CO₂ from the configured factors. It recomputes every day from `fromDay` on (default: every
 * day still in raw readings) and overwrites those rows, so running it twice, or after late readings
 * arrived, gives the same totals as running it once at the end. Returns the rows written.
 */
export async function rollupEnergy(
  prisma: PrismaClient,
  options: RollupOptions,
  fromDay?: string,
): Promise<number> {
  const { meters, timeZone } = options;
  if (meters.length === 0) return 0;
  const from = fromDay ?? '-infinity';
  const totals = await prisma.$queryRaw<DailyTotal[]>`
    SELECT d."buildingId" AS "buildingId",
           to_char(r."time" AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day,
           m.carrier AS carrier, m.unit AS unit, sum(r.value)::float8 AS quantity
      FROM "Reading" r
      JOIN "Device" d ON d.id = r."deviceId"
      JOIN unnest(${meters.map((m) => m.deviceType)}::text[], ${meters.map((m) => m.metric)}::text[],
                  ${meters.map((m) => m.carrier)}::text[], ${meters.map((m) => m.unit)}::text[])
           AS m(device_type, metric, carrier, unit)
        ON m.device_type = d.type AND m.metric = r.metric
     WHERE d."buildingId" IS NOT NULL
       AND (r."time" AT TIME ZONE ${timeZone})::date >= ${from}::date
     GROUP BY 1, 2, 3, 4`;
  if (totals.length === 0) return 0;
  const converted = totals.map((total) => ({
    ...total,
    ...convertEnergy(options.factors, total.carrier, total.quantity, Number(total.day.slice(0, 4))),
  }));
  return prisma.$executeRaw`
    INSERT INTO "EnergyDaily" ("buildingId", date, carrier, quantity, unit, "standardCoalKg", "co2Kg", "updatedAt")
    SELECT t.building, t.day, t.carrier::"EnergyCarrier", t.quantity, t.unit, t.coal, t.co2, now()
      FROM unnest(${converted.map((t) => t.buildingId)}::int[], ${converted.map((t) => t.day)}::date[],
                  ${converted.map((t) => t.carrier)}::text[], ${converted.map((t) => t.quantity)}::float8[],
                  ${converted.map((t) => t.unit)}::text[], ${converted.map((t) => t.standardCoalKg)}::float8[],
                  ${converted.map((t) => t.co2Kg)}::float8[])
           AS t(building, day, carrier, quantity, unit, coal, co2)
    ON CONFLICT ("buildingId", date, carrier) DO UPDATE
       SET quantity = EXCLUDED.quantity, unit = EXCLUDED.unit, "standardCoalKg" = EXCLUDED."standardCoalKg",
           "co2Kg" = EXCLUDED."co2Kg", "updatedAt" = now()`;
}
