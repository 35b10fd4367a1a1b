import { describe, expect, it } from 'vitest';
import { lastLocalDays } from './local-days.ts';

describe('local days of the district (UTC+8)', () => {
  it('ends the week with yesterday in Beijing, even when UTC is still on the previous date', () => {
    // 2026-11-23 01:30 in Beijing is 2026-11-22 17:30 UTC.
    const days = lastLocalDays(new Date('2026-11-22T17:30:00Z'), 7);
    expect(days).toHaveLength(7);
    // Instants whose date is the local date whether the hub reads them in UTC or in UTC+8.
    expect(days.at(-1)).toEqual({
      date: '2026-11-22',
      from: '2026-11-22T00:00:00.000Z',
      to: '2026-11-23T00:00:00.000Z',
    });
    expect(days[0]?.date).toBe('2026-11-16');
  });

  it('covers the week without gaps or overlaps', () => {
    const days = lastLocalDays(new Date('2026-03-01T04:00:00Z'), 7);
    for (let i = 1; i < days.length; i++) expect(days[i]?.from).toBe(days[i - 1]?.to);
    expect(days.map((d) => d.date)).toContain('2026-02-28');
  });
});
