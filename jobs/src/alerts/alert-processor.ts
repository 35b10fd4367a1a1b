import type { Processor } from 'bullmq';
import type { PrismaClient, EventBus } from '@district-hub/schema';
import type { SqlDb } from '@district-hub/schema/database';
import type { AlertJobData } from './alert-job-data.ts';
import { evaluateDevice } from './evaluate-device.ts';
import { sweepHeartbeats } from './sweep-heartbeats.ts';

/** Evaluates rules and publishes each committed alert change; returns how many changed. */
export function createAlertProcessor(
  prisma: PrismaClient,
  sql: SqlDb,
  events: EventBus,
): Processor<AlertJobData, number> {
  return async (job) => {
    const changes =
      job.data.kind === 'device'
        ? await evaluateDevice(prisma, sql, job.data.deviceId)
        : await sweepHeartbeats(prisma, sql);
    for (const change of changes) await events.publish('alertChanged', change);
    return changes.length;
  };
}
