import type { AlertSeverity, AlertStatus } from '../generated/prisma/enums.ts';
import type { SyncRunProgress } from './sync-progress.ts';

/**
 * Every event the hub publishes, keyed by name: the one map publishers and subscribers share.
 * Payloads are plain JSON (times as ISO-8601 strings) so they cross Redis unchanged; they carry the
 * fields subscribers filter on (building, agency, source, device) so a filter needs no database read.
 * Publish only after the write an event describes has committed: a subscriber that reads the row back
 * must find it.
 */
export interface HubEventMap {
  /** An alert was raised, repeated, acknowledged or resolved (MQTT alarms, alert rules, mutations). */
  alertChanged: AlertChangedEvent;
  /** A sync run started, committed a batch or finished (jobs). */
  syncRunProgress: SyncRunProgress;
  /** A vehicle reported a GPS fix (fleet connector), already in WGS-84. */
  vehiclePosition: VehiclePositionEvent;
  /** A device reported a telemetry sample (MQTT connector). */
  reading: ReadingEvent;
}

export type HubEventName = keyof HubEventMap;

export const hubEventNames = [
  'alertChanged',
  'syncRunProgress',
  'vehiclePosition',
  'reading',
] as const satisfies readonly HubEventName[];

export type AlertChange = 'RAISED' | 'REPEATED' | 'ACKNOWLEDGED' | 'RESOLVED';

export interface AlertChangedEvent {
  alertId: number;
  change: AlertChange;
  status: AlertStatus;
  severity: AlertSeverity;
  kind: string;
  buildingId: number | null;
  deviceId: number | null;
  /** ISO-8601 time of the change. */
  at: string;
}

export interface VehiclePositionEvent {
  vehicleId: number;
  agencyId: number | null;
  time: string;
  lon: number;
  lat: number;
  speedKmh: number | null;
  heading: number | null;
}

export interface ReadingEvent {
  deviceId: number;
  metric: string;
  value: number;
  unit: string | null;
  time: string;
}
