import type { Severity } from '../model/district-model.ts';

/** Building state: no open alert, a warning-band alert, a critical-band alert (BACnet life/property safety). */
export const buildingStateColor = { normal: 0xc5d0dc, warning: 0xf0b429, critical: 0xe5484d } as const;

export type BuildingState = keyof typeof buildingStateColor;

export function stateForSeverity(severity: Severity): BuildingState {
  return severity === 'CRITICAL' || severity === 'MAJOR' ? 'critical' : 'warning';
}

export const severityColor: Record<Severity, number> = {
  CRITICAL: 0xff2d2d,
  MAJOR: 0xff7a1a,
  MINOR: 0xffc53d,
  WARNING: 0xf5e663,
  INFO: 0x5fb3ff,
};

/** Pulses per second: the more severe, the faster the beacon beats. */
export const severityPulseHz: Record<Severity, number> = {
  CRITICAL: 2,
  MAJOR: 1.4,
  MINOR: 0.9,
  WARNING: 0.7,
  INFO: 0.4,
};

export const severityRank: Record<Severity, number> = {
  CRITICAL: 0,
  MAJOR: 1,
  MINOR: 2,
  WARNING: 3,
  INFO: 4,
};

/** Device marker colour by type (types as the logistics platform names them). */
const deviceTypeColor: Record<string, number> = {
  METER_ELECTRIC: 0x4cc9f0,
  METER_WATER: 0x4895ef,
  FIRE: 0xf72585,
  ELEVATOR: 0xb5179e,
  HVAC: 0x80ed99,
  LEAK: 0x00b4d8,
  ACCESS: 0xffd166,
  PV: 0xfee440,
  ENV: 0x9ef01a,
};

export function deviceColor(type: string): number {
  return deviceTypeColor[type] ?? 0xadb5bd;
}

export const roomCategoryColor: Record<string, number> = {
  OFFICE: 0x5b8def,
  SERVICE: 0x43c59e,
  EQUIPMENT: 0xe8a33d,
  ANCILLARY: 0xa37be0,
};

export const roomStatusColor: Record<string, number> = {
  IN_USE: 0x8d99ae,
  IDLE: 0xff4d6d,
  RENOVATING: 0xf9c74f,
  LENT_OUT: 0x90be6d,
};

/** Blue → yellow → red for a share in [0, 1] (energy intensity, idle share). */
export function heatColor(share: number): number {
  const t = Math.min(1, Math.max(0, share));
  const r = t < 0.5 ? Math.round(80 + t * 2 * 175) : 255;
  const g = t < 0.5 ? Math.round(140 + t * 2 * 90) : Math.round(230 - (t - 0.5) * 2 * 190);
  const b = t < 0.5 ? Math.round(230 - t * 2 * 170) : Math.round(60 - (t - 0.5) * 2 * 40);
  return (r << 16) | (g << 8) | b;
}
