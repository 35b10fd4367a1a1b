/**
 * `device`: evaluate every rule that applies to one device after it reported (latency-sensitive);
 * `sweep`: look for devices silent past their heartbeat (scheduled, since silence sends no event).
 */
export type AlertJobData = { kind: 'device'; deviceId: number } | { kind: 'sweep' };
