import type { Processor } from 'bullmq';
import type { PrismaClient, EventBus } from '@district-hub/schema';
import type { SqlDb } from '@district-hub/schema/database';
import type { AlertJobData } from './alert-job-data.ts';
import { evaluateDevices } from './evaluate-device.ts';
import { sweepHeartbeats } from './sweep-heartbeats.ts';

/** Evaluates rules and publishes each committed alert change; returns how many changed. */
export function createAlertProcessor(
  prisma: PrismaClient,
  sql: SqlDb,
  events: EventBus,
): Processor<AlertJobData, number> {
  return async (job) => {
    const { data } = job;
    const changes =
      data.kind === 'sweep'
        ? await sweepHeartbeats(prisma, sql)
        : await evaluateDevices(prisma, sql, data.kind === 'devices' ? data.deviceIds : [data.deviceId]);
    for (const change of changes) await events.publish('alertChanged', change);
    return changes.length;
  };
}
