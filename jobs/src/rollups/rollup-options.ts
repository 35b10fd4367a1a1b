import type { EnergyCarrier } from '@district-hub/schema';
import { z } from 'zod';
import { resolveOptions } from '../defined-options.ts';
import { DEFAULT_ENERGY_FACTORS, type EnergyFactors } from './energy-factors.ts';
import { DISTRICT_TIME_ZONE } from '@district-hub/schema';

/**
 * Which readings measure consumption of which carrier. A `register` reading is the meter's running total
 * (the logistics feed's `ep`, `total`, `eTotal`): a day uses the increase over its readings, from the
 * last reading before it. An `interval` reading is the quantity used since the previous one: a day uses
 * their sum.
 */
export interface MeterMetric {
  deviceType: string;
  metric: string;
  carrier: EnergyCarrier;
  unit: string;
  kind: 'register' | 'interval';
}

export interface RollupOptions {
  /** Zone whose calendar days the rollup sums over; default `Asia/Shanghai`, where the district is. */
  timeZone: string;
  /** Meter readings that roll up; default the registers of the logistics feed's electric, water and PV meters. */
  meters: MeterMetric[];
  /** Standard coal and CO₂ factors with their editions; default `DEFAULT_ENERGY_FACTORS`. */
  factors: EnergyFactors;
  /**
   * Days of raw meter readings kept after they have been rolled up; null keeps them for ever. Default 90,
   * enough to recompute a quarter after a late correction, while the daily rows stay for good.
   */
  retentionDays: number | null;
}

export const ROLLUP_DEFAULTS: RollupOptions = {
  timeZone: DISTRICT_TIME_ZONE,
  meters: [
    { deviceType: 'METER_ELECTRIC', metric: 'ep', carrier: 'ELECTRICITY', unit: 'kWh', kind: 'register' },
    { deviceType: 'METER_WATER', metric: 'total', carrier: 'WATER', unit: 'm³', kind: 'register' },
    { deviceType: 'PV', metric: 'eTotal', carrier: 'PV', unit: 'kWh', kind: 'register' },
  ],
  factors: DEFAULT_ENERGY_FACTORS,
  retentionDays: 90,
};

const schema = z.object({
  timeZone: z.string().refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Asia/Shanghai'),
  meters: z.array(
    z.object({
      deviceType: z.string().min(1),
      metric: z.string().min(1),
      carrier: z.enum(['ELECTRICITY', 'WATER', 'GAS', 'HEAT', 'PV']),
      unit: z.string().min(1),
      kind: z.enum(['register', 'interval']),
    }),
  ),
  factors: z.custom<EnergyFactors>((value) => typeof value === 'object' && value !== null),
  retentionDays: z.int().min(1).nullable(),
});

export function resolveRollupOptions(input: Partial<RollupOptions> = {}): RollupOptions {
  return resolveOptions('rollup options', schema, ROLLUP_DEFAULTS, input);
}
