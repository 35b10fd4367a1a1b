/**
 * The hub rolls energy up per local day of the district (Asia/Shanghai, UTC+8 all year: China keeps no
 * daylight saving) and keys each rollup by that local date.
 */
const DISTRICT_UTC_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export interface LocalDay {
  /** `yyyy-MM-dd` in district time. */
  date: string;
  /**
   * The range to ask `energySummary` for this day's rollup: 00:00 UTC of `date` and of the next date.
   * The hub compares a rollup's date with the date of these instants read in UTC; 00:00 UTC is 08:00 in
   * the district, so the same instants also name this day to a hub that reads them in district time.
   * (Local midnight, 16:00 UTC the day before, gave every bar the previous day's energy.)
   */
  from: string;
  to: string;
}

/** The `count` full local days before the one `now` falls in, oldest first. */
export function lastLocalDays(now: Date, count: number): LocalDay[] {
  const today = Math.floor((now.getTime() + DISTRICT_UTC_OFFSET_MS) / DAY_MS) * DAY_MS;
  return Array.from({ length: count }, (_, i) => {
    const day = today - (count - i) * DAY_MS;
    return {
      date: new Date(day).toISOString().slice(0, 10),
      from: new Date(day).toISOString(),
      to: new Date(day + DAY_MS).toISOString(),
    };
  });
}
