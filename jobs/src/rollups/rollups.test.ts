import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  createJobTestContext,
  startTestWorkers,
  type JobTestContext,
} from '../testing/job-test-context.ts';
import { createBuilding, createDevice } from '../testing/fixtures.ts';
import type { trackJobs } from '../testing/job-tracker.ts';
import type { RunningWorkers } from '../start-workers.ts';
import { DEFAULT_ENERGY_FACTORS, gridFactorFor } from './energy-factors.ts';

/** The local calendar day of an instant, computed apart from the SQL under test. */
const shanghaiDay = (time: Date) => time.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

describe.each(BACKENDS)('energy rollups on the %s queue backend', (kind) => {
  let ctx: JobTestContext;
  let running: RunningWorkers;
  let tracker: ReturnType<typeof trackJobs>;
  const retentionDays = 30;

  beforeEach(async () => {
    ctx = await createJobTestContext(kind);
    ({ running, tracker } = await startTestWorkers(ctx, { kinds: ['rollups'], rollup: { retentionDays } }));
  });

  afterEach(async () => {
    await running.close();
    await ctx.cleanup();
  });

  async function runRollup(): Promise<void> {
    const job = await ctx.queues.rollups.add('rollup', {});
    expect((await tracker.finished(job.id!)).error).toBeUndefined();
  }

  it('stores the sum of each day’s meter readings per building and carrier, with coal and CO₂', async () => {
    const prisma = ctx.db.prisma;
    const buildings = [await createBuilding(prisma, 'A'), await createBuilding(prisma, 'B')];
    const kinds = [
      { code: 'Ea', type: 'METER_ELECTRIC', metric: 'energy_kwh', carrier: 'ELECTRICITY' },
      { code: 'Eb', type: 'METER_ELECTRIC', metric: 'energy_kwh', carrier: 'ELECTRICITY' },
      { code: 'W', type: 'METER_WATER', metric: 'water_m3', carrier: 'WATER' },
    ];
    const meters = [];
    for (const building of buildings) {
      for (const { code, type, metric, carrier } of kinds) {
        const device = await createDevice(prisma, {
          code: `${code}-${building.id}`,
          type,
          buildingId: building.id,
        });
        meters.push({ id: device.id, buildingId: building.id, metric, carrier });
      }
    }
    const thermometer = await createDevice(prisma, { code: 'T', type: 'ENV', buildingId: buildings[0]!.id });
    // Every 45 minutes over three days around local midnights (16:00Z), so days split at the right hour.
    const start = Date.parse('2026-03-01T12:10:00Z');
    const readings = [];
    for (let step = 0; step < 96; step += 1) {
      const time = new Date(start + step * 45 * 60_000);
      for (const [m, meter] of meters.entries()) {
        readings.push({
          deviceId: meter.id,
          metric: meter.metric,
          value: ((step * 7 + m * 3) % 11) + 0.25,
          time,
          source: 'test',
        });
      }
      readings.push({ deviceId: thermometer.id, metric: 'temperature', value: 99, time, source: 'test' });
    }
    await prisma.reading.createMany({ data: readings });

    await runRollup();
    await runRollup(); // a second run changes nothing

    const expected = new Map<string, number>();
    for (const reading of readings) {
      const meter = meters.find((m) => m.id === reading.deviceId);
      if (!meter) continue;
      const key = `${meter.buildingId}|${shanghaiDay(reading.time)}|${meter.carrier}`;
      expected.set(key, (expected.get(key) ?? 0) + reading.value);
    }
    const rows = await prisma.energyDaily.findMany();
    expect(rows).toHaveLength(expected.size);
    const grid = gridFactorFor(DEFAULT_ENERGY_FACTORS, 2026)!;
    for (const row of rows) {
      const quantity = expected.get(
        `${row.buildingId}|${row.date.toISOString().slice(0, 10)}|${row.carrier}`,
      );
      expect(row.quantity).toBeCloseTo(quantity!, 9);
      if (row.carrier === 'ELECTRICITY') {
        expect(row.unit).toBe('kWh');
        expect(row.standardCoalKg).toBeCloseTo(
          quantity! * DEFAULT_ENERGY_FACTORS.standardCoal.ELECTRICITY!.value,
          9,
        );
        expect(row.co2Kg).toBeCloseTo(quantity! * grid.kgCo2PerKwh, 9);
      } else {
        expect(row).toMatchObject({ unit: 'm³', standardCoalKg: null, co2Kg: null });
      }
    }
    expect(grid).toMatchObject({ scope: 'north-china', dataYear: 2023 });
  });

  it('deletes raw meter readings past retention only after their days are rolled up', async () => {
    const prisma = ctx.db.prisma;
    const building = await createBuilding(prisma, 'C');
    const meter = await createDevice(prisma, { code: 'E', type: 'METER_ELECTRIC', buildingId: building.id });
    const thermometer = await createDevice(prisma, { code: 'T', type: 'ENV', buildingId: building.id });
    const old = new Date(Date.now() - (retentionDays + 5) * 86_400_000);
    const recent = new Date(Date.now() - 86_400_000);
    await prisma.reading.createMany({
      data: [
        { deviceId: meter.id, metric: 'energy_kwh', value: 12, time: old, source: 'test' },
        { deviceId: meter.id, metric: 'energy_kwh', value: 5, time: recent, source: 'test' },
        { deviceId: thermometer.id, metric: 'temperature', value: 21, time: old, source: 'test' },
      ],
    });

    await runRollup();

    const kept = await prisma.reading.findMany({ orderBy: { time: 'asc' } });
    expect(kept.map((reading) => [reading.metric, reading.value])).toEqual([
      ['temperature', 21],
      ['energy_kwh', 5],
    ]);
    const daily = await prisma.energyDaily.findMany({ orderBy: { date: 'asc' } });
    expect(daily.map((row) => [row.date.toISOString().slice(0, 10), row.quantity])).toEqual([
      [shanghaiDay(old), 12],
      [shanghaiDay(recent), 5],
    ]);
  });
});
