import { RecordRejectedError } from '@district-hub/schema';
import { toHalfWidth } from './full-width.ts';

/**
 * Times as sources write them, stored zoned (timestamptz). A time without an offset is read in the
 * source's zone, `Asia/Shanghai` unless the source config says otherwise (China has kept UTC+8 without
 * daylight saving since 1991, but the zone is resolved through Intl so another zone works too).
 *
 * Accepted: ISO 8601 with or without offset (`2024-03-01T08:00:00+08:00`, `2024-03-01 08:00:00`),
 * slashes (`2024/3/1 8:00`), Chinese (`2024年3月1日 08时00分`), a date alone, epoch milliseconds or
 * seconds (numbers), and Date objects (from XLSX: their UTC fields are the wall-clock time as typed).
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const LOCAL =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:\.(\d{1,6}))?秒?)?分?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const offsetCache = new Map<string, Intl.DateTimeFormat>();

const dayMemo = new Map<string, number | null>();
const DAY = 86_400_000;

/**
 * Offset in minutes of `zone` at the UTC instant `utcMs`. Intl's formatToParts is too slow to call per
 * record, so offsets are memoised per zone and UTC day when the day starts and ends on the same offset
 * (every day in Asia/Shanghai since 1991); a day with a transition is computed exactly each time.
 */
export function zoneOffsetMinutes(zone: string, utcMs: number): number {
  const day = Math.floor(utcMs / DAY);
  const key = `${zone}@${day}`;
  let offset = dayMemo.get(key);
  if (offset === undefined) {
    if (dayMemo.size > 100_000) dayMemo.clear();
    const start = computeOffsetMinutes(zone, day * DAY);
    const end = computeOffsetMinutes(zone, (day + 1) * DAY - 1000);
    offset = start === end ? start : null;
    dayMemo.set(key, offset);
  }
  return offset ?? computeOffsetMinutes(zone, utcMs);
}

function computeOffsetMinutes(zone: string, utcMs: number): number {
  let fmt = offsetCache.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetCache.set(zone, fmt);
  }
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(utcMs)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/** The instant of a wall-clock time in `zone` (fields as in Date.UTC). */
export function wallClockToInstant(
  zone: string,
  y: number,
  mo: number,
  d: number,
  h = 0,
  mi = 0,
  s = 0,
  ms = 0,
): Date {
  const naive = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Two passes settle the offset at the instant itself (matters only at DST edges).
  let offset = zoneOffsetMinutes(zone, naive);
  offset = zoneOffsetMinutes(zone, naive - offset * 60000);
  return new Date(naive - offset * 60000);
}

export interface ParseTimeOptions {
  field?: string;
  zone?: string;
  optional?: boolean;
}

export function parseZonedTime(raw: unknown, options: ParseTimeOptions & { optional: true }): Date | null;
export function parseZonedTime(raw: unknown, options?: ParseTimeOptions): Date;
export function parseZonedTime(raw: unknown, options: ParseTimeOptions = {}): Date | null {
  const zone = options.zone ?? DEFAULT_TIME_ZONE;
  const field = options.field ?? 'time';
  const reject = (why: string): never => {
    throw new RecordRejectedError(`${field}: ${why}`, { field, value: raw });
  };
  if (raw === null || raw === undefined || raw === '') {
    if (options.optional) return null;
    return reject('is empty; expected a date and time');
  }
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return reject('is not a valid date');
    return wallClockToInstant(
      zone,
      raw.getUTCFullYear(),
      raw.getUTCMonth() + 1,
      raw.getUTCDate(),
      raw.getUTCHours(),
      raw.getUTCMinutes(),
      raw.getUTCSeconds(),
      raw.getUTCMilliseconds(),
    );
  }
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return reject(`${raw} is not a time`);
    // Below 1e11 it can only be epoch seconds (1e11 ms is 1973; 1e11 s is year 5138).
    return new Date(raw < 1e11 ? raw * 1000 : raw);
  }
  const text = toHalfWidth(String(raw)).trim();
  const m = LOCAL.exec(text);
  if (!m)
    return reject(`"${String(raw)}" is not a date-time we can read (expected e.g. 2024-03-01 08:00:00)`);
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const nums = [Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)] as const;
  if (
    nums[1] < 1 ||
    nums[1] > 12 ||
    nums[2] < 1 ||
    nums[2] > 31 ||
    nums[3] > 23 ||
    nums[4] > 59 ||
    nums[5] > 60
  ) {
    return reject(`"${String(raw)}" has a field out of range`);
  }
  if (tz) {
    const offset =
      tz.toUpperCase() === 'Z'
        ? 0
        : (tz[0] === '-' ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(-2)));
    return new Date(Date.UTC(nums[0], nums[1] - 1, nums[2], nums[3], nums[4], nums[5], ms) - offset * 60000);
  }
  const result = wallClockToInstant(zone, nums[0], nums[1], nums[2], nums[3], nums[4], nums[5], ms);
  if (Number.isNaN(result.getTime())) return reject(`"${String(raw)}" is not a valid date`);
  // Reject impossible calendar dates (2024-02-30) instead of letting them roll over.
  const check = new Date(Date.UTC(nums[0], nums[1] - 1, nums[2]));
  if (check.getUTCMonth() !== nums[1] - 1) return reject(`"${String(raw)}" is not a calendar date`);
  return result;
}

/** A calendar date (DATE column): the local date in `zone`, returned as UTC midnight of that date. */
export function parseLocalDate(raw: unknown, options: ParseTimeOptions = {}): Date | null {
  const instant = parseZonedTime(raw, { ...options, optional: true } as ParseTimeOptions & {
    optional: true;
  });
  if (!instant) {
    if (options.optional) return null;
    throw new RecordRejectedError(`${options.field ?? 'date'}: is empty; expected a date`, { value: raw });
  }
  const zone = options.zone ?? DEFAULT_TIME_ZONE;
  const local = new Date(instant.getTime() + zoneOffsetMinutes(zone, instant.getTime()) * 60000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}
