import { sql } from 'kysely';
import type { SqlDb } from '@district-hub/schema/database';
import type { RollupOptions } from './rollup-options.ts';
import { meterTable } from './rollup-energy.ts';
import { retentionCutoffDay } from './retention-cutoff.ts';

/**
 * Deletes raw meter readings of whole local days before the retention cutoff. Call it only after
 * `rollupEnergy` has covered those days (the rollup job does both in that order): their totals live on
 * in `EnergyDaily`. Returns the readings deleted.
 */
export async function pruneReadings(
  db: SqlDb,
  options: RollupOptions,
  now: Date = new Date(),
): Promise<number> {
  const cutoff = retentionCutoffDay(options, now);
  if (cutoff === null || options.meters.length === 0) return 0;
  const result = await db
    .deleteFrom('Reading')
    .using(['Device', meterTable(options.meters)])
    .whereRef('Device.id', '=', 'Reading.deviceId')
    .whereRef('m.deviceType', '=', 'Device.type')
    .whereRef('m.metric', '=', 'Reading.metric')
    // The instant the cutoff day begins in the district's zone.
    .where('Reading.time', '<', sql<Date>`${cutoff}::date::timestamp AT TIME ZONE ${options.timeZone}`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
