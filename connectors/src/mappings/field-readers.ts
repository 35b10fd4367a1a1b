import { RecordRejectedError } from '@district-hub/schema';
import { cleanText } from '../normalize/full-width.ts';
import { parseInteger, parseQuantity, type Dimension } from '../normalize/quantity.ts';
import { parseLocalDate, parseZonedTime } from '../normalize/zoned-time.ts';
import type { SourceRecord } from '../sdk/types.ts';

/**
 * Small readers the mapping modules share: each reads one field of a source record, cleans it where
 * the meaning is unambiguous and throws `RecordRejectedError` naming the field and the value where it
 * is not. `label` is the field as the source calls it, so the reason matches what a person sees there.
 */
export function text(record: SourceRecord, field: string, label = field): string {
  const value = cleanText(record[field]);
  if (value === null) throw new RecordRejectedError(`${label}: is empty`, { field: label });
  return value;
}

export function optionalText(record: SourceRecord, field: string): string | null {
  return cleanText(record[field]);
}

export function quantity(record: SourceRecord, field: string, dimension: Dimension, label = field): number {
  return parseQuantity(record[field], dimension, { field: label });
}

export function optionalQuantity(
  record: SourceRecord,
  field: string,
  dimension: Dimension,
  label = field,
): number | null {
  return parseQuantity(record[field], dimension, { field: label, optional: true });
}

export function integer(record: SourceRecord, field: string, label = field): number {
  return parseInteger(record[field], { field: label }) as number;
}

export function optionalInteger(record: SourceRecord, field: string, label = field): number | null {
  return parseInteger(record[field], { field: label, optional: true });
}

export function time(record: SourceRecord, field: string, zone: string, label = field): Date {
  return parseZonedTime(record[field], { field: label, zone });
}

export function optionalTime(record: SourceRecord, field: string, zone: string, label = field): Date | null {
  return parseZonedTime(record[field], { field: label, zone, optional: true });
}

export function date(record: SourceRecord, field: string, zone: string, label = field): Date | null {
  return parseLocalDate(record[field], { field: label, zone, optional: true });
}

/** Money in 元 as text for a numeric column: `12,345.60` → "12345.6", `2.5万元` → "25000". */
export function optionalDecimal(record: SourceRecord, field: string, label = field): string | null {
  const value = parseQuantity(record[field], 'money', { field: label, optional: true });
  return value === null ? null : String(Math.round(value * 100) / 100);
}

/** A code of the source's vocabulary translated to the hub's, or a rejection listing what is known. */
export function oneOf<T extends string>(
  record: SourceRecord,
  field: string,
  table: Record<string, T>,
  label = field,
): T {
  const raw = cleanText(record[field]);
  if (raw === null) throw new RecordRejectedError(`${label}: is empty`, { field: label });
  const hit = table[raw];
  if (hit === undefined) {
    throw new RecordRejectedError(`${label}: "${raw}" is not one of ${Object.keys(table).join(', ')}`, {
      field: label,
      value: raw,
    });
  }
  return hit;
}

/** The id of a record as text (numbers and strings alike), or undefined. */
export function idOf(record: SourceRecord, field: string): string | undefined {
  const value = cleanText(record[field]);
  return value ?? undefined;
}

/** The source's last-change time, validated though not stored: an impossible date marks a broken record. */
export function checkUpdatedAt(record: SourceRecord, field: string, zone: string, label = field): void {
  if (record[field] !== undefined && record[field] !== null && record[field] !== '')
    time(record, field, zone, label);
}

/** A length in metres (heights, elevations): a plain number, or with `m`/`米`; other units are rejected. */
export function metres(record: SourceRecord, field: string, label = field): number {
  const km = parseQuantity(record[field], 'distance', { field: label });
  const raw = cleanText(record[field]) ?? '';
  // A bare number means metres here, not the hub's km: only an explicit km/公里 is read as km.
  return /(km|公里|千米)$/i.test(raw) ? km * 1000 : /(m|米)$/i.test(raw) ? km * 1000 : km;
}

/** Metres from a building's centroid: x east, y north, z up (the frame of `Device` and `Room`). */
export interface LocalPosition {
  x: number;
  y: number;
  z: number;
}

/**
 * How far from its building's centroid a position may lie and still be inside a building: the longest
 * office buildings are a few hundred metres, the deepest basements tens of metres, the tallest towers
 * about 600 m. Anything beyond is a unit or frame mistake at the source (degrees, centimetres, a
 * district-wide origin), not a place.
 */
const LOCAL_POSITION_LIMITS = { horizontalM: 500, belowM: 100, aboveM: 600 } as const;
const AXES = ['x', 'y', 'z'] as const;

/**
 * A `{x, y, z}` position in metres from the building's centroid, all three or none: null when the
 * source gives none, a rejection naming the axes when it gives some, or a place outside any building.
 */
export function optionalLocalPosition(
  record: SourceRecord,
  field: string,
  label = field,
): LocalPosition | null {
  const raw = record[field];
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new RecordRejectedError(`${label}: ${JSON.stringify(raw)} is not an object {x, y, z}`, {
      field: label,
      value: raw,
    });
  const axes = raw as SourceRecord;
  const given = AXES.filter((axis) => cleanText(axes[axis]) !== null);
  if (given.length === 0) return null;
  if (given.length < AXES.length) {
    const missing = AXES.filter((axis) => !given.includes(axis));
    throw new RecordRejectedError(
      `${label}: gives ${given.join(', ')} without ${missing.join(', ')}; a position needs x, y and z`,
      { field: label, value: raw },
    );
  }
  const [x, y, z] = AXES.map((axis) => metres(axes, axis, `${label}.${axis}`)) as [number, number, number];
  const { horizontalM, belowM, aboveM } = LOCAL_POSITION_LIMITS;
  if (Math.hypot(x, y) > horizontalM || z < -belowM || z > aboveM)
    throw new RecordRejectedError(
      `${label}: (${x}, ${y}, ${z}) m is outside any building: a position is at most ${horizontalM} m ` +
        `from the building's centroid, ${belowM} m below and ${aboveM} m above its ground floor`,
      { field: label, value: raw },
    );
  return { x, y, z };
}
