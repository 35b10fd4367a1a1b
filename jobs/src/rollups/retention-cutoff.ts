import type { RollupOptions } from './rollup-options.ts';

/**
 * The first local day whose raw meter readings retention keeps (`YYYY-MM-DD`), or null when readings
 * are kept for ever. Days before it are pruned whole, so no day is rolled up from part of its readings.
 */
export function retentionCutoffDay(
  options: Pick<RollupOptions, 'retentionDays' | 'timeZone'>,
  now: Date,
): string | null {
  if (options.retentionDays === null) return null;
  // The Swedish locale writes dates as YYYY-MM-DD; the zone makes it the district's calendar day.
  const today = now.toLocaleDateString('sv-SE', { timeZone: options.timeZone });
  const cutoff = new Date(`${today}T00:00:00Z`);
  cutoff.setUTCDate(cutoff.getUTCDate() - options.retentionDays);
  return cutoff.toISOString().slice(0, 10);
}
