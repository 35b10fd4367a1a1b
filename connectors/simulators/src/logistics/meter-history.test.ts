import { describe, expect, it } from 'vitest';
import { generateDistrict } from '../district/district.ts';
import { meterHistory, type MeterDayRecord } from './meter-history.ts';

const district = generateDistrict({ seed: 'meter-history-test', scale: 0.5 });
const NOW = Date.parse('2026-12-04T12:00:00+08:00');
const rows = meterHistory(district, NOW, 365);

/** Standard coal per unit (DOMAIN.md): electricity at calorific equivalent, gas at 38,931 kJ/m³, heat by definition. */
const KGCE = { dian: 0.1229, ranqi: 1.2143, reli: 1e6 / 29_307.6 } as Record<string, number>;

const sum = (list: readonly MeterDayRecord[]) => list.reduce((s, r) => s + r.usage, 0);
const ofType = (type: string) => rows.filter((r) => r.energyType === type);
const weekday = (r: MeterDayRecord) => new Date(`${r.statDate}T12:00:00Z`).getUTCDay();
const month = (r: MeterDayRecord) => Number(r.statDate.slice(5, 7));

describe('the logistics platform’s daily meter history', () => {
  it('holds the 365 closed days before today, the same for the same seed', () => {
    const days = new Set(rows.map((r) => r.statDate));
    expect(days.size).toBe(365);
    expect([...days].sort().at(0)).toBe('2025-12-04');
    expect([...days].sort().at(-1)).toBe('2026-12-03');
    expect(meterHistory(district, NOW, 365)).toEqual(rows);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    // Every building has its electricity, water and heat meters; PV only where the roof has panels.
    const buildings = district.buildings.length;
    expect(new Set(ofType('dian').map((r) => r.building)).size).toBe(buildings);
    expect(new Set(ofType('reli').map((r) => r.building)).size).toBe(buildings);
    const pv = new Set(ofType('guangfu').map((r) => r.building)).size;
    expect(pv).toBe(district.buildings.filter((b) => b.hasPv).length);
    expect(pv).toBeLessThan(buildings);
  });

  it('leaves yesterday out until the platform closes it after midnight', () => {
    const justAfterMidnight = Date.parse('2026-12-04T00:00:01+08:00');
    const early = meterHistory(district, justAfterMidnight, 365);
    expect(early.length).toBeLessThan(rows.length);
    expect(early.every((r) => r.statDate !== '2026-12-03' || r.updateTime <= '2026-12-04 00:00:01')).toBe(
      true,
    );
  });

  it('heats in winter, cools in summer, and runs on base load at weekends', () => {
    const heat = ofType('reli');
    expect(sum(heat.filter((r) => month(r) === 1))).toBeGreaterThan(0);
    expect(sum(heat.filter((r) => month(r) === 7))).toBe(0);
    const electricity = ofType('dian');
    const mean = (list: MeterDayRecord[]) => sum(list) / list.length;
    const weekdays = electricity.filter((r) => weekday(r) >= 1 && weekday(r) <= 5);
    const weekends = electricity.filter((r) => weekday(r) === 0 || weekday(r) === 6);
    expect(mean(weekdays)).toBeGreaterThan(1.8 * mean(weekends));
    // Cooling: July's weekdays draw more than April's.
    expect(mean(weekdays.filter((r) => month(r) === 7))).toBeGreaterThan(
      1.2 * mean(weekdays.filter((r) => month(r) === 4)),
    );
  });

  it('has the magnitudes of a Beijing office district: 80–120 kWh and 10–30 kgce per m² a year', () => {
    const area = district.buildings.reduce((s, b) => s + b.grossArea, 0);
    const kwhPerM2 = sum(ofType('dian')) / area;
    expect(kwhPerM2).toBeGreaterThan(80);
    expect(kwhPerM2).toBeLessThan(120);
    const kgce = rows.reduce((s, r) => s + r.usage * (KGCE[r.energyType] ?? 0), 0) / area;
    expect(kgce).toBeGreaterThan(10);
    expect(kgce).toBeLessThan(30);
  });

  it('bills each row at its meter’s tariff; PV buys nothing', () => {
    for (const r of rows.slice(0, 2000)) {
      if (r.energyType === 'guangfu') expect(r.amount).toBeNull();
      else expect(Math.abs(r.amount! - r.usage * r.unitPrice!)).toBeLessThanOrEqual(0.0051);
    }
    const tariffs = new Map<string, Set<number | null>>();
    for (const r of rows) tariffs.set(r.meterCode, (tariffs.get(r.meterCode) ?? new Set()).add(r.unitPrice));
    expect([...tariffs.values()].every((t) => t.size === 1)).toBe(true);
  });
});
