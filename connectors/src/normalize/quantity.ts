import { RecordRejectedError } from '@district-hub/schema';
import { toHalfWidth } from './full-width.ts';

/**
 * Quantities as sources write them: `35.5`, `３５．５`, `35.5㎡`, `35.5 平方米`, `1,234 kWh`, `12度`,
 * `3.2立方米`, `2339.68元`. Cleaned where the meaning is unambiguous (full-width digits, thousands separators, a unit
 * suffix of the expected dimension, converted to the hub's unit: m², kWh, m³, km, kW, 元); rejected where it
 * is not (a range `30-40`, an approximation `约35`, a unit of another dimension, two numbers), with a
 * reason naming the value, so a person can fix it at the source.
 */
export type Dimension = 'area' | 'energy' | 'volume' | 'distance' | 'power' | 'money' | 'count';

/** The hub's unit per dimension. */
export const HUB_UNITS: Record<Dimension, string> = {
  area: 'm²',
  energy: 'kWh',
  volume: 'm³',
  distance: 'km',
  power: 'kW',
  money: '元',
  count: '',
};

/** Suffix (lower-cased, spaces removed) → factor to the hub unit. */
const UNITS: Record<Dimension, Record<string, number>> = {
  area: { 'm²': 1, m2: 1, '㎡': 1, 平方米: 1, 平米: 1, sqm: 1, 'm^2': 1 },
  // 度 is the everyday name of a kWh on Chinese electricity bills.
  energy: { kwh: 1, 'kw·h': 1, 'kw.h': 1, 度: 1, 千瓦时: 1, mwh: 1000, wh: 0.001 },
  volume: { 'm³': 1, m3: 1, '㎥': 1, 立方米: 1, 立方: 1, 方: 1, l: 0.001, 升: 0.001 },
  distance: { km: 1, 公里: 1, 千米: 1, m: 0.001, 米: 0.001 },
  power: { kw: 1, 千瓦: 1, w: 0.001, 瓦: 0.001, mw: 1000 },
  // Asset ledgers often keep values in 万元 (ten thousand yuan).
  money: { 元: 1, 万元: 10_000, cny: 1, rmb: 1 },
  count: { 个: 1, 台: 1, 人: 1, 辆: 1, 间: 1, 件: 1 },
};

const NUMBER = /^([+-]?\d+(?:\.\d+)?)(.*)$/;

export interface ParseQuantityOptions {
  /** Field name used in the rejection reason. */
  field?: string;
  /** Whether null/empty is allowed (returns null); default false. */
  optional?: boolean;
}

export function parseQuantity(
  raw: unknown,
  dimension: Dimension,
  options: ParseQuantityOptions & { optional: true },
): number | null;
export function parseQuantity(raw: unknown, dimension: Dimension, options?: ParseQuantityOptions): number;
export function parseQuantity(
  raw: unknown,
  dimension: Dimension,
  options: ParseQuantityOptions = {},
): number | null {
  const field = options.field ?? dimension;
  const reject = (why: string): never => {
    throw new RecordRejectedError(`${field}: ${why}`, { field, value: raw });
  };
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
    if (options.optional) return null;
    return reject(`is empty; expected a number in ${HUB_UNITS[dimension] || 'units'}`);
  }
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return reject(`${raw} is not a finite number`);
    return raw;
  }
  const text = toHalfWidth(String(raw)).trim().replace(/\s+/g, '');
  // Thousands separators only in the canonical 1,234,567.8 shape; "1,5" (a decimal comma) is ambiguous.
  const unseparated = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?/.test(text) ? text.replace(/,/g, '') : text;
  const match = NUMBER.exec(unseparated);
  if (!match) return reject(`"${String(raw)}" is not a number`);
  const value = Number(match[1]);
  const suffix = (match[2] ?? '').toLowerCase();
  if (suffix === '') return value;
  const factor = UNITS[dimension][suffix];
  if (factor !== undefined) return value * factor;
  for (const [other, units] of Object.entries(UNITS)) {
    if (other !== dimension && units[suffix] !== undefined) {
      return reject(`"${String(raw)}" is in ${suffix}, a unit of ${other}; expected ${HUB_UNITS[dimension]}`);
    }
  }
  return reject(
    `"${String(raw)}" has an unknown or ambiguous suffix "${match[2]}"; expected a plain number in ${HUB_UNITS[dimension] || 'units'}`,
  );
}

/** An integer count (`12`, `１２`, `12人`); rejects fractions. */
export function parseInteger(raw: unknown, options: ParseQuantityOptions = {}): number | null {
  const value = parseQuantity(raw, 'count', { ...options, optional: true } as ParseQuantityOptions & {
    optional: true;
  });
  if (value === null) {
    if (options.optional) return null;
    throw new RecordRejectedError(`${options.field ?? 'value'}: is empty; expected an integer`, {
      field: options.field,
      value: raw,
    });
  }
  if (!Number.isInteger(value)) {
    throw new RecordRejectedError(`${options.field ?? 'value'}: "${String(raw)}" is not a whole number`, {
      field: options.field,
      value: raw,
    });
  }
  return value;
}
