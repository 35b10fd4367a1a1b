import type { PrismaClient } from '@district-hub/schema';
import type { RollupOptions } from './rollup-options.ts';
import { meterColumns } from './rollup-energy.ts';
import { retentionCutoffDay } from './retention-cutoff.ts';

/**
 * Deletes raw meter readings of whole local days before the retention cutoff. Call it only after
 * `rollupEnergy` has covered those days (the rollup job does both in that order): their totals live on
 * in `EnergyDaily`. Returns the readings deleted.
 */
export async function pruneReadings(
  prisma: PrismaClient,
  options: RollupOptions,
  now: Date = new Date(),
): Promise<number> {
  const cutoff = retentionCutoffDay(options, now);
  if (cutoff === null || options.meters.length === 0) return 0;
  const m = meterColumns(options.meters);
  return prisma.$executeRaw`
    DELETE FROM "Reading" r
     USING "Device" d, unnest(${m.types}::text[], ${m.metrics}::text[]) AS m(device_type, metric)
     WHERE d.id = r."deviceId" AND m.device_type = d.type AND m.metric = r.metric
       AND r."time" < ${cutoff}::date::timestamp AT TIME ZONE ${options.timeZone}`;
}
