/**
 * `devices`: evaluate every rule that applies to each of these devices after they reported
 * (latency-sensitive; one job for the devices heard in one short window);
 * `device`: the same for one device, as hubs queued it before the window (such jobs may still wait in a
 * queue kept across an upgrade);
 * `sweep`: look for devices silent past their heartbeat (scheduled, since silence sends no event).
 */
export type AlertJobData =
  { kind: 'devices'; deviceIds: number[] } | { kind: 'device'; deviceId: number } | { kind: 'sweep' };
