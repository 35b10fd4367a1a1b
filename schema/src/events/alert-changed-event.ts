import type { AlertChange, AlertChangedEvent } from './event-map.ts';

type AlertRow = Pick<AlertChangedEvent, 'status' | 'severity' | 'kind' | 'buildingId' | 'deviceId'> & {
  id: number;
};

/** The `alertChanged` payload for an alert row, so every publisher (MQTT, rules, mutations) agrees. */
export function alertChangedEvent(
  alert: AlertRow,
  change: AlertChange,
  at: Date = new Date(),
): AlertChangedEvent {
  return {
    alertId: alert.id,
    change,
    status: alert.status,
    severity: alert.severity,
    kind: alert.kind,
    buildingId: alert.buildingId,
    deviceId: alert.deviceId,
    at: at.toISOString(),
  };
}
