/**
 * Anomalies the hub's alert rules should catch (issue 3, point 4), as state laid over the telemetry:
 * a leak sensor tripping, a lift stopping with a fault code, a smoke detector, an electricity meter
 * spiking, a device going silent. Leak, lift and smoke also publish a device alarm.
 */
import type { DeviceType } from '../district/types.ts';
import type { TelemetryData } from '../district/telemetry.ts';

export type AnomalyKind = 'leak' | 'elevator-fault' | 'smoke' | 'meter-spike' | 'silent';

export const ANOMALY_DEVICE: Record<AnomalyKind, DeviceType | null> = {
  leak: 'LEAK',
  'elevator-fault': 'ELEVATOR',
  smoke: 'FIRE',
  'meter-spike': 'METER_ELECTRIC',
  silent: null,
};

export const ALARMS: Partial<
  Record<
    AnomalyKind,
    {
      alarmType: string;
      alarmName: string;
      level: number;
      levelName: string;
      value: number;
      workOrder: string | null;
    }
  >
> = {
  leak: {
    alarmType: 'LEAK',
    alarmName: '漏水报警',
    level: 1,
    levelName: '紧急',
    value: 1,
    workOrder: '漏水处置',
  },
  'elevator-fault': {
    alarmType: 'ELEVATOR_FAULT',
    alarmName: '电梯故障',
    level: 2,
    levelName: '重要',
    value: 31,
    workOrder: '电梯故障维修',
  },
  smoke: {
    alarmType: 'SMOKE',
    alarmName: '烟感报警',
    level: 1,
    levelName: '紧急',
    value: 1,
    workOrder: null,
  },
};

export interface ActiveAnomaly {
  kind: AnomalyKind;
  alarmId: string | null;
  /** Samples left for a meter spike. */
  remaining: number;
  factor: number;
}

/** Lays an anomaly over a sample; returns the changed sample. */
export function overlay(data: TelemetryData, a: ActiveAnomaly): TelemetryData {
  switch (a.kind) {
    case 'leak':
      return { ...data, leak: 1 };
    case 'elevator-fault':
      return { ...data, running: 0, load: 0, door: 0, fault: 'E31' };
    case 'smoke':
      return { ...data, smoke: 1 };
    case 'meter-spike':
      return {
        ...data,
        p: Math.round(Number(data.p) * a.factor * 100) / 100,
        ia: Math.round(Number(data.ia) * a.factor * 100) / 100,
      };
    case 'silent':
      return data;
  }
}
