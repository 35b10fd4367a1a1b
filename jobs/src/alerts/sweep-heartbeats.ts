import { ACTIVE_ALERT_WHERE, type PrismaClient, type AlertChangedEvent } from '@district-hub/schema';
import type { SqlDb } from '@district-hub/schema/database';
import { alertDedupeKey, applyCondition } from './rule-alerts.ts';
import { lastHeard } from './evaluate-device.ts';
import { heartbeatCondition } from './rule-condition.ts';

/**
 * Checks every device that has a heartbeat against the HEARTBEAT rules. Silence produces no reading
 * and so no event; this runs on a schedule instead. Only breaches and the resolution of alerts that
 * are open cost a write, so an all-quiet district costs three queries.
 */
export async function sweepHeartbeats(
  prisma: PrismaClient,
  sql: SqlDb,
  now: Date = new Date(),
): Promise<AlertChangedEvent[]> {
  const rules = await prisma.alertRule.findMany({
    where: { enabled: true, kind: 'HEARTBEAT' },
    orderBy: { id: 'asc' },
  });
  if (rules.length === 0) return [];
  const devices = await prisma.device.findMany({
    where: { deletedAt: null, heartbeatSeconds: { not: null } },
    select: {
      id: true,
      type: true,
      buildingId: true,
      roomId: true,
      source: true,
      externalId: true,
      heartbeatSeconds: true,
      lastSeenAt: true,
      syncedAt: true,
    },
  });
  const [newest, open] = await Promise.all([
    prisma.reading.groupBy({
      by: ['deviceId'],
      _max: { time: true },
      where: { deviceId: { in: devices.map((d) => d.id) } },
    }),
    prisma.alert.findMany({
      where: {
        ruleId: { in: rules.map((rule) => rule.id) },
        ...ACTIVE_ALERT_WHERE,
      },
      select: { dedupeKey: true },
    }),
  ]);
  const newestByDevice = new Map(newest.map((row) => [row.deviceId, row._max.time ?? undefined]));
  const openKeys = new Set(open.map((alert) => alert.dedupeKey));
  const changes: AlertChangedEvent[] = [];
  for (const rule of rules) {
    for (const device of devices) {
      if (rule.deviceType && rule.deviceType !== device.type) continue;
      const condition = heartbeatCondition(
        rule,
        device.heartbeatSeconds!,
        lastHeard(device, newestByDevice.get(device.id)),
        now,
      );
      if (condition.state === 'clear' && !openKeys.has(alertDedupeKey(rule, device))) continue;
      const change = await applyCondition(sql, rule, device, condition);
      if (change) changes.push(change);
    }
  }
  return changes;
}
