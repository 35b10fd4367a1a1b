import type { PrismaClient, AlertRule, AlertChangedEvent } from '@district-hub/schema';
import type { SqlDb } from '@district-hub/schema/database';
import { applyCondition, type AlertTarget } from './rule-alerts.ts';
import {
  heartbeatCondition,
  rateCondition,
  thresholdCondition,
  type Condition,
  type Sample,
} from './rule-condition.ts';

/** Window of a RATE_OF_CHANGE rule unless its `params.windowSeconds` says otherwise. */
const DEFAULT_RATE_WINDOW_SECONDS = 300;

const SAMPLE = { time: true, value: true } as const;

/**
 * Evaluates every enabled rule that applies to each of these devices against its newest readings, and
 * returns the alert changes made (already committed). Called after the devices reported, so a heartbeat
 * alert one had is resolved here too. Devices deleted or unknown are skipped.
 */
export async function evaluateDevices(
  prisma: PrismaClient,
  sql: SqlDb,
  deviceIds: readonly number[],
  now: Date = new Date(),
): Promise<AlertChangedEvent[]> {
  const [devices, rules] = await Promise.all([
    prisma.device.findMany({
      where: { id: { in: [...deviceIds] }, deletedAt: null },
      orderBy: { id: 'asc' },
    }),
    prisma.alertRule.findMany({ where: { enabled: true }, orderBy: { id: 'asc' } }),
  ]);
  const changes: AlertChangedEvent[] = [];
  for (const device of devices) {
    for (const rule of rules) {
      if (rule.deviceType !== null && rule.deviceType !== device.type) continue;
      const condition = await conditionFor(prisma, rule, device, now);
      const change = await applyCondition(sql, rule, device satisfies AlertTarget, condition);
      if (change) changes.push(change);
    }
  }
  return changes;
}

async function conditionFor(
  prisma: PrismaClient,
  rule: AlertRule,
  device: { id: number; heartbeatSeconds: number | null; lastSeenAt: Date | null; syncedAt: Date },
  now: Date,
): Promise<Condition> {
  if (rule.kind === 'HEARTBEAT') {
    if (device.heartbeatSeconds === null) return { state: 'undecided' };
    const newest = await prisma.reading.findFirst({
      where: { deviceId: device.id },
      orderBy: { time: 'desc' },
      select: SAMPLE,
    });
    return heartbeatCondition(rule, device.heartbeatSeconds, lastHeard(device, newest?.time), now);
  }
  if (!rule.metric) return { state: 'undecided' };
  const series = { deviceId: device.id, metric: rule.metric };
  const latest = await prisma.reading.findFirst({ where: series, orderBy: { time: 'desc' }, select: SAMPLE });
  if (!latest) return { state: 'undecided' };
  if (rule.kind === 'THRESHOLD') {
    const start = new Date(latest.time.getTime() - rule.durationSeconds * 1000);
    const [before, window] = await Promise.all([
      prisma.reading.findFirst({
        where: { ...series, time: { lte: start } },
        orderBy: { time: 'desc' },
        select: SAMPLE,
      }),
      prisma.reading.findMany({
        where: { ...series, time: { gt: start } },
        orderBy: { time: 'asc' },
        select: SAMPLE,
      }),
    ]);
    return thresholdCondition(rule, before ?? undefined, window);
  }
  const params = rule.params as { windowSeconds?: unknown } | null;
  const windowSeconds =
    typeof params?.windowSeconds === 'number' ? params.windowSeconds : DEFAULT_RATE_WINDOW_SECONDS;
  const first = await prisma.reading.findFirst({
    where: { ...series, time: { gte: new Date(latest.time.getTime() - windowSeconds * 1000) } },
    orderBy: { time: 'asc' },
    select: SAMPLE,
  });
  return rateCondition(
    rule,
    [first, latest].filter((sample): sample is Sample => sample !== null),
  );
}

/** The newer of the device's own `lastSeenAt` and its newest reading; first sync time if neither. */
export function lastHeard(
  device: { lastSeenAt: Date | null; syncedAt: Date },
  newestReading: Date | undefined,
): Date {
  const candidates = [device.lastSeenAt, newestReading].filter((time): time is Date => time instanceof Date);
  return candidates.length > 0
    ? new Date(Math.max(...candidates.map((time) => time.getTime())))
    : device.syncedAt;
}
