import { createHash } from 'node:crypto';
import type { PrismaClient } from '@district-hub/schema/database/prisma-client';
import type { AlertRule, AlertRuleKind } from '@district-hub/schema/generated/prisma/client';
import { alertChangedEvent, type AlertChangedEvent } from '@district-hub/schema/events/index';
import type { Condition } from './rule-condition.ts';

/** `source` of alerts the rules raise; MQTT device alarms carry their own source. */
export const RULES_SOURCE = 'rules';

/** Alert `kind` per rule kind unless the rule's `params.alertKind` names another (e.g. `LEAK`). */
const KIND_BY_RULE: Record<AlertRuleKind, string> = {
  THRESHOLD: 'THRESHOLD',
  RATE_OF_CHANGE: 'METER_SPIKE',
  HEARTBEAT: 'DEVICE_OFFLINE',
};

export interface AlertTarget {
  id: number;
  buildingId: number | null;
  roomId: number | null;
}

/** One open alert per rule and device: the identity a repeated evaluation finds again. */
export function ruleDedupeKey(ruleCode: string, deviceId: number): string {
  return `rule:${ruleCode}:device:${deviceId}`;
}

export function alertKindOf(rule: Pick<AlertRule, 'kind' | 'params'>): string {
  const params = rule.params as { alertKind?: unknown } | null;
  return typeof params?.alertKind === 'string' ? params.alertKind : KIND_BY_RULE[rule.kind];
}

const OPEN_STATUSES = ['OPEN', 'ACKNOWLEDGED'] as const;

/**
 * Raises, updates or resolves the one alert of (rule, device) to match a condition, and returns the
 * change to publish once the transaction has committed (none when nothing changed). A transaction-level
 * advisory lock on the dedupe key serialises concurrent evaluations of the same pair (two workers, a
 * sweep beside a device job), which is what keeps "no duplicates" true without a unique index.
 * Evaluating the same readings twice changes nothing: an update needs newer evidence than the alert has.
 */
export async function applyCondition(
  prisma: PrismaClient,
  rule: AlertRule,
  device: AlertTarget,
  condition: Condition,
): Promise<AlertChangedEvent | null> {
  if (condition.state === 'undecided') return null;
  const dedupeKey = ruleDedupeKey(rule.code, device.id);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${dedupeKey}))`;
    const open = await tx.alert.findFirst({
      where: { dedupeKey, status: { in: [...OPEN_STATUSES] }, deletedAt: null },
      orderBy: { raisedAt: 'desc' },
    });
    if (condition.state === 'clear') {
      if (!open) return null;
      const resolved = await tx.alert.update({
        where: { id: open.id },
        data: {
          status: 'RESOLVED',
          resolvedAt: condition.at,
          resolvedBy: `rule:${rule.code}`,
          resolutionNote: 'condition cleared',
        },
      });
      return alertChangedEvent(resolved, 'RESOLVED', condition.at);
    }
    if (!open) {
      const kind = alertKindOf(rule);
      const raised = await tx.alert.create({
        data: {
          severity: rule.severity,
          kind,
          message: condition.message,
          dedupeKey,
          raisedAt: condition.at,
          lastSeenAt: condition.at,
          value: condition.value,
          deviceId: device.id,
          buildingId: device.buildingId,
          roomId: device.roomId,
          ruleId: rule.id,
          source: RULES_SOURCE,
          externalId: `${dedupeKey}@${condition.at.toISOString()}`,
          contentHash: createHash('sha256').update(`${dedupeKey}|${kind}|${rule.severity}`).digest('hex'),
        },
      });
      return alertChangedEvent(raised, 'RAISED', condition.at);
    }
    if (condition.at <= open.lastSeenAt) return null;
    const updated = await tx.alert.update({
      where: { id: open.id },
      data: {
        lastSeenAt: condition.at,
        value: condition.value,
        message: condition.message,
        severity: rule.severity,
        occurrences: { increment: 1 },
      },
    });
    return alertChangedEvent(updated, 'UPDATED', condition.at);
  });
}
