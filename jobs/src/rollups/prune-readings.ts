import type { PrismaClient } from '@district-hub/schema/database/prisma-client';
import type { RollupOptions } from './rollup-options.ts';

/**
 * Deletes raw meter readings of whole local days older than `retentionDays`. Call it only after
 * `rollupEnergy` has covered those days (the rollup job does both in that order): their totals live on
 * in `EnergyDaily`. Whole days only, so a day is never rolled up again from half its readings.
 * Returns the readings deleted.
 */
export async function pruneReadings(
  prisma: PrismaClient,
  options: RollupOptions,
  now: Date = new Date(),
): Promise<number> {
  const { meters, timeZone, retentionDays } = options;
  if (retentionDays === null || meters.length === 0) return 0;
  return prisma.$executeRaw`
    DELETE FROM "Reading" r
     USING "Device" d,
           unnest(${meters.map((m) => m.deviceType)}::text[], ${meters.map((m) => m.metric)}::text[])
           AS m(device_type, metric)
     WHERE d.id = r."deviceId" AND m.device_type = d.type AND m.metric = r.metric
       AND r."time" < ((${now}::timestamptz AT TIME ZONE ${timeZone})::date - ${retentionDays}::int)::timestamp
                      AT TIME ZONE ${timeZone}`;
}
