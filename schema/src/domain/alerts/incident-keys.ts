/*
 * The dedupe key of an alert names one incident: while an alert of that key is active, every report of
 * the incident (a device's repeated alarm, a rule's new evidence) changes that alert instead of adding
 * one. The keys are built here only, so the sync writer and the alert rules cannot drift apart.
 */

/**
 * One incident of one device: its source, its code there, and the kind of alarm
 * (`logistics:LS-0101-01:LEAK`). A device's own alarm and a rule that watches the same device for the
 * same kind (the leak rule, `alertKind: LEAK`) both key their alert by it, so one leak is one alert.
 */
export function deviceIncidentKey(source: string, deviceCode: string, kind: string): string {
  return `${source}:${deviceCode}:${kind}`;
}

/** One breach of one rule on one device, for rules whose kind no device reports itself. */
export function ruleIncidentKey(ruleCode: string, deviceId: number): string {
  return `rule:${ruleCode}:device:${deviceId}`;
}
