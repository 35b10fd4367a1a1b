import type { AlertRule, AlertRuleKind, AlertChangedEvent } from '@district-hub/schema';
import { clearIncident, deviceIncidentKey, reportIncident, ruleIncidentKey } from '@district-hub/schema';
import type { SqlDb } from '@district-hub/schema/database';
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

function namedAlertKind(rule: Pick<AlertRule, 'params'>): string | undefined {
  const params = rule.params as { alertKind?: unknown } | null;
  return typeof params?.alertKind === 'string' ? params.alertKind : undefined;
}

export function alertKindOf(rule: Pick<AlertRule, 'kind' | 'params'>): string {
  return namedAlertKind(rule) ?? KIND_BY_RULE[rule.kind];
}

/**
 * The incident key of (rule, device). A rule that names its alert kind (the leak rule:
 * `alertKind: LEAK`) watches for an incident that devices also report themselves as an alarm of that
 * type (a leak sensor publishes a LEAK alarm and a `leak` reading of 1 for the same water): its alert is
 * keyed like the device's alarm (`deviceIncidentKey`), so whichever arrives first raises the incident's
 * alert and the other repeats it, and a dry reading or the alarm's clear resolves it. Keeping two keys
 * and skipping one side would leave an alert per leak that depends on arrival order, and dropping the
 * rule would miss leaks from sensors that only report readings. Other rules have a key of their own.
 */
export function alertDedupeKey(rule: Pick<AlertRule, 'code' | 'params'>, device: AlertTarget): string {
  const kind = namedAlertKind(rule);
  return kind
    ? deviceIncidentKey(device.source, device.externalId, kind)
    : ruleIncidentKey(rule.code, device.id);
}

/**
 * Raises, repeats or resolves the alert of (rule, device) to match a condition, through the one alert
 * lifecycle in the rule's own transaction, and returns the change to publish once it has committed
 * (none when nothing changed). Evaluating the same readings twice changes nothing: a repeat needs newer
 * evidence than the alert has.
 */
export function applyCondition(
  sql: SqlDb,
  rule: AlertRule,
  device: AlertTarget,
  condition: Condition,
): Promise<AlertChangedEvent | null> {
  if (condition.state === 'undecided') return Promise.resolve(null);
  const key = alertDedupeKey(rule, device);
  return sql.transaction().execute((tx) =>
    condition.state === 'clear'
      ? clearIncident(tx, { key, at: condition.at, by: `rule:${rule.code}`, note: 'condition cleared' })
      : reportIncident(tx, {
          key,
          at: condition.at,
          source: RULES_SOURCE,
          ruleId: rule.id,
          kind: alertKindOf(rule),
          severity: rule.severity,
          message: condition.message,
          value: condition.value,
          deviceId: device.id,
          buildingId: device.buildingId,
          roomId: device.roomId,
        }),
  );
}
