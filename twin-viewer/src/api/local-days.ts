/**
 * The hub rolls energy up per local day of the district (Asia/Shanghai, UTC+8 all year: China keeps no
 * daylight saving), so day ranges sent to it start at local midnight.
 */
const DISTRICT_UTC_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export interface LocalDay {
  /** `yyyy-MM-dd` in district time. */
  date: string;
  /** ISO-8601 instants of the day's local midnight and the next one. */
  from: string;
  to: string;
}

/** The `count` full local days before the one `now` falls in, oldest first. */
export function lastLocalDays(now: Date, count: number): LocalDay[] {
  const todayStart =
    Math.floor((now.getTime() + DISTRICT_UTC_OFFSET_MS) / DAY_MS) * DAY_MS - DISTRICT_UTC_OFFSET_MS;
  return Array.from({ length: count }, (_, i) => {
    const from = todayStart - (count - i) * DAY_MS;
    return {
      date: new Date(from + DISTRICT_UTC_OFFSET_MS).toISOString().slice(0, 10),
      from: new Date(from).toISOString(),
      to: new Date(from + DAY_MS).toISOString(),
    };
  });
}
