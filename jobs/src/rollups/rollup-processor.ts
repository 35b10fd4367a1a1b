import type { Processor } from 'bullmq';
import type { PrismaClient } from '@district-hub/schema';
import type { RollupJobData } from './rollup-job-data.ts';
import type { RollupOptions } from './rollup-options.ts';
import { rollupEnergy } from './rollup-energy.ts';
import { pruneReadings } from './prune-readings.ts';

/** Rolls up first, then prunes: a reading is deleted only once its day's total is stored. */
export function createRollupProcessor(
  prisma: PrismaClient,
  options: RollupOptions,
): Processor<RollupJobData, { rows: number; pruned: number }> {
  return async (job) => {
    const rows = await rollupEnergy(prisma, options, job.data.fromDate);
    const pruned = await pruneReadings(prisma, options);
    return { rows, pruned };
  };
}
