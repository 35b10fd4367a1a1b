/**
 * Time as the simulated systems write it: Beijing time (UTC+8, no daylight saving since 1991), as local
 * wall-clock text without a zone, the habit of Chinese business systems and their DATETIME columns.
 */

const OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;

/** `2025-06-30 10:12:00` in Beijing time. */
export function localDateTime(epochMs: number): string {
  const iso = new Date(epochMs + OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** `2025-06-30` in Beijing time. */
export function localDate(epochMs: number): string {
  return new Date(epochMs + OFFSET_MS).toISOString().slice(0, 10);
}

/** `20250630101200` in Beijing time, for file names and document numbers. */
export function compactDateTime(epochMs: number): string {
  return localDateTime(epochMs).replace(/[-: ]/g, '');
}

/**
 * Parses Beijing wall-clock text (`2025-06-30 10:12:00`, `2025-06-30T10:12:00`, `2025-06-30`) or an
 * ISO 8601 instant with a zone (`2025-06-30T02:12:00Z`, `…+08:00`). Returns NaN when it is neither.
 */
export function parseBeijingTime(text: string): number {
  const t = text.trim();
  if (/[zZ]$|[+-]\d\d:?\d\d$/.test(t)) return Date.parse(t);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/.exec(t);
  if (!m) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = m;
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, +ms.padEnd(3, '0'));
  const back = new Date(utc);
  if (back.getUTCMonth() !== +mo! - 1 || back.getUTCDate() !== +d!) return Number.NaN;
  return utc - OFFSET_MS;
}

/** Start of the Beijing calendar day that holds `epochMs`. */
export function beijingDayStart(epochMs: number): number {
  return Math.floor((epochMs + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** Hour of day in Beijing, fractional (10.5 = 10:30). */
export function beijingHour(epochMs: number): number {
  return ((((epochMs + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 3600_000;
}

/** 0 Sunday … 6 Saturday, in Beijing. */
export function beijingWeekday(epochMs: number): number {
  return new Date(epochMs + OFFSET_MS).getUTCDay();
}
