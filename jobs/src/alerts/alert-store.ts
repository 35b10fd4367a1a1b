import { createHash } from 'node:crypto';
import type { PrismaClient, AlertRule, AlertRuleKind } from '@district-hub/schema';
import { alertChangedEvent, type AlertChangedEvent } from '@district-hub/schema';
import { deviceIncidentKey } from '@district-hub/connectors';
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
  /** The device's source and its code there: with the alert kind, the key of a device-reported incident. */
  source: string;
  externalId: string;
}

/** One open alert per rule and device: the identity a repeated evaluation finds again. */
export function ruleDedupeKey(ruleCode: string, deviceId: number): string {
  return `rule:${ruleCode}:device:${deviceId}`;
}

function namedAlertKind(rule: Pick<AlertRule, 'params'>): string | undefined {
  const params = rule.params as { alertKind?: unknown } | null;
  return typeof params?.alertKind === 'string' ? params.alertKind : undefined;
}

export function alertKindOf(rule: Pick<AlertRule, 'kind' | 'params'>): string {
  return namedAlertKind(rule) ?? KIND_BY_RULE[rule.kind];
}

/**
 * The key of the one open alert of (rule, device). A rule that names its alert kind (the leak rule:
 * `alertKind: LEAK`) watches for an incident that devices also report themselves as an alarm of that
 * type (a leak sensor publishes a LEAK alarm and a `leak` reading of 1 for the same water): its alert is
 * keyed like the device's alarm (`deviceIncidentKey`), so whichever arrives first opens the incident's
 * alert and the other updates it, and a dry reading or the alarm's clear resolves it. Keeping two keys
 * and skipping one side would leave an alert per leak that depends on arrival order, and dropping the
 * rule would miss leaks from sensors that only report readings. Other rules have a kind of their own.
 */
export function alertDedupeKey(rule: Pick<AlertRule, 'code' | 'params'>, device: AlertTarget): string {
  const kind = namedAlertKind(rule);
  return kind
    ? deviceIncidentKey(device.source, device.externalId, kind)
    : ruleDedupeKey(rule.code, device.id);
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
  const dedupeKey = alertDedupeKey(rule, device);
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
    // The device's own alarm words and grades its incident better than a rule over its readings.
    const ruleOwned = open.ruleId === rule.id;
    const updated = await tx.alert.update({
      where: { id: open.id },
      data: {
        lastSeenAt: condition.at,
        value: condition.value,
        ...(ruleOwned ? { message: condition.message, severity: rule.severity } : {}),
        occurrences: { increment: 1 },
      },
    });
    return alertChangedEvent(updated, 'UPDATED', condition.at);
  });
}
