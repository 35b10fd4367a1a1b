import type { Processor } from 'bullmq';
import type { SqlDb } from '@district-hub/schema/database';
import type { RollupJobData } from './rollup-job-data.ts';
import type { RollupOptions } from './rollup-options.ts';
import { rollupEnergy } from './rollup-energy.ts';
import { pruneReadings } from './prune-readings.ts';

/** Rolls up first, then prunes: a reading is deleted only once its day's total is stored. */
export function createRollupProcessor(
  sql: SqlDb,
  options: RollupOptions,
): Processor<RollupJobData, { rows: number; pruned: number }> {
  return async (job) => {
    const rows = await rollupEnergy(sql, options, job.data.fromDate);
    const pruned = await pruneReadings(sql, options);
    return { rows, pruned };
  };
}
