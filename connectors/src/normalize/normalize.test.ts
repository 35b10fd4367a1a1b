import { describe, expect, it } from 'vitest';
import { RecordRejectedError } from '@district-hub/schema';
import { toHalfWidth } from './full-width.ts';
import { parseInteger, parseQuantity } from './quantity.ts';
import { parseLocalDate, parseZonedTime } from './zoned-time.ts';

describe('full-width digits and unit suffixes', () => {
  it('folds full-width digits and punctuation but leaves Chinese text alone', () => {
    expect(toHalfWidth('３５．５㎡ 会议室Ａ')).toBe('35.5㎡ 会议室A');
  });

  it('cleans numbers whose meaning is unambiguous, converting to the hub unit', () => {
    expect(parseQuantity('３５．５', 'area')).toBe(35.5);
    expect(parseQuantity('35.5㎡', 'area')).toBe(35.5);
    expect(parseQuantity(' 35.5 平方米 ', 'area')).toBe(35.5);
    expect(parseQuantity('1,234.5 kWh', 'energy')).toBe(1234.5);
    expect(parseQuantity('12度', 'energy')).toBe(12);
    expect(parseQuantity('1.5 MWh', 'energy')).toBe(1500);
    expect(parseQuantity('3.2立方米', 'volume')).toBe(3.2);
    expect(parseQuantity(42, 'area')).toBe(42);
    expect(parseQuantity('2339.68元', 'money')).toBe(2339.68);
    expect(parseQuantity('2.5万元', 'money')).toBe(25_000);
    expect(parseInteger('１２人')).toBe(12);
  });

  it('rejects what is ambiguous, naming the value', () => {
    const cases: Array<[string, RegExp]> = [
      ['30-40', /unknown or ambiguous/],
      ['约35', /not a number/],
      ['35 kWh', /unit of energy/],
      ['1,5', /ambiguous/],
      ['', /is empty/],
    ];
    for (const [raw, reason] of cases) {
      let error: unknown;
      try {
        parseQuantity(raw, 'area', { field: 'usableArea' });
      } catch (e) {
        error = e;
      }
      expect(error, raw).toBeInstanceOf(RecordRejectedError);
      expect((error as Error).message).toMatch(/^usableArea: /);
      expect((error as Error).message).toMatch(reason);
    }
    expect(() => parseInteger('12.5')).toThrow(/not a whole number/);
  });
});

describe('zoned times', () => {
  it('reads local times as Asia/Shanghai unless the source says otherwise', () => {
    expect(parseZonedTime('2024-03-01 08:00:00').toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(parseZonedTime('2024/3/1 8:05').toISOString()).toBe('2024-03-01T00:05:00.000Z');
    expect(parseZonedTime('2024年3月1日 08时30分').toISOString()).toBe('2024-03-01T00:30:00.000Z');
    expect(parseZonedTime('２０２４-03-01T08:00:00.250').toISOString()).toBe('2024-03-01T00:00:00.250Z');
    expect(parseZonedTime('2024-03-01T08:00:00Z').toISOString()).toBe('2024-03-01T08:00:00.000Z');
    expect(parseZonedTime('2024-03-01T08:00:00+09:00').toISOString()).toBe('2024-02-29T23:00:00.000Z');
    expect(parseZonedTime('2024-07-01 12:00', { zone: 'Europe/Berlin' }).toISOString()).toBe(
      '2024-07-01T10:00:00.000Z',
    );
    expect(parseZonedTime(1709251200).toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(parseZonedTime(new Date(Date.UTC(2024, 2, 1, 8))).toISOString()).toBe('2024-03-01T00:00:00.000Z');
  });

  it('rejects impossible or unreadable times', () => {
    expect(() => parseZonedTime('2024-02-30 08:00')).toThrow(/not a calendar date/);
    expect(() => parseZonedTime('yesterday', { field: 'startedAt' })).toThrow(/^startedAt: /);
    expect(parseZonedTime('', { optional: true })).toBeNull();
  });

  it('keeps the local calendar date for DATE columns', () => {
    expect(parseLocalDate('2024-03-01 00:30')!.toISOString()).toBe('2024-03-01T00:00:00.000Z');
  });
});
