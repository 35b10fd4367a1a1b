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
import { ROLLUP_DEFAULTS, type MeterMetric, type RollupOptions } from './rollup-options.ts';
import { retentionCutoffDay } from './retention-cutoff.ts';

/** The local calendar day of an instant, computed apart from the SQL under test. */
const shanghaiDay = (time: Date) => time.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const shanghaiNoon = (day: string, hour = 12) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const dayBefore = (day: string, days = 1) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

const INTERVAL_METERS: MeterMetric[] = [
  {
    deviceType: 'METER_ELECTRIC',
    metric: 'kwh_15min',
    carrier: 'ELECTRICITY',
    unit: 'kWh',
    kind: 'interval',
  },
  { deviceType: 'METER_WATER', metric: 'm3_15min', carrier: 'WATER', unit: 'm³', kind: 'interval' },
];

describe.each(BACKENDS)('energy rollups on the %s queue backend', (kind) => {
  let ctx: JobTestContext;
  let running: RunningWorkers | undefined;
  let tracker: ReturnType<typeof trackJobs>;
  const retentionDays = 30;

  beforeEach(async () => {
    ctx = await createJobTestContext(kind);
  });

  afterEach(async () => {
    await running?.close();
    await ctx.cleanup();
  });

  async function work(rollup: Partial<RollupOptions>) {
    ({ running, tracker } = await startTestWorkers(ctx, { kinds: ['rollups'], rollup }));
  }

  async function runRollup(): Promise<void> {
    const job = await ctx.queues.rollups.add('rollup', {});
    expect((await tracker.finished(job.id!)).error).toBeUndefined();
  }

  it('stores the sum of each day’s interval readings per building and carrier, with coal and CO₂', async () => {
    await work({ meters: INTERVAL_METERS, retentionDays: null });
    const prisma = ctx.db.prisma;
    const buildings = [await createBuilding(prisma, 'A'), await createBuilding(prisma, 'B')];
    const meters = [];
    for (const building of buildings) {
      for (const [i, meter] of [INTERVAL_METERS[0]!, INTERVAL_METERS[0]!, INTERVAL_METERS[1]!].entries()) {
        const device = await createDevice(prisma, {
          code: `M${i}-${building.id}`,
          type: meter.deviceType,
          buildingId: building.id,
        });
        meters.push({ ...meter, id: device.id, buildingId: building.id });
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
      readings.push({ deviceId: thermometer.id, metric: 'temp', value: 99, time, source: 'test' });
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
    expect(grid).toMatchObject({ scope: 'north-china', dataYear: 2023 });
    for (const row of rows) {
      const quantity = expected.get(
        `${row.buildingId}|${row.date.toISOString().slice(0, 10)}|${row.carrier}`,
      )!;
      expect(row.quantity).toBeCloseTo(quantity, 9);
      if (row.carrier === 'ELECTRICITY') {
        expect(row.unit).toBe('kWh');
        expect(row.standardCoalKg).toBeCloseTo(
          quantity * DEFAULT_ENERGY_FACTORS.standardCoal.ELECTRICITY!.value,
          9,
        );
        expect(row.co2Kg).toBeCloseTo(quantity * grid.kgCo2PerKwh, 9);
      } else {
        expect(row).toMatchObject({ unit: 'm³', standardCoalKg: null, co2Kg: null });
      }
    }
  });

  it('counts a register meter’s increase per day, from the last reading before the day, and nothing for a reset', async () => {
    await work({ retentionDays: null });
    const prisma = ctx.db.prisma;
    const building = await createBuilding(prisma, 'R');
    const meter = await createDevice(prisma, {
      code: 'DB-1',
      type: 'METER_ELECTRIC',
      buildingId: building.id,
    });
    const series: [Date, number][] = [
      [shanghaiNoon('2026-05-01', 9), 1000],
      [shanghaiNoon('2026-05-01', 21), 1040],
      [shanghaiNoon('2026-05-02', 3), 1055], // 15 kWh used across midnight belong to May 2
      [shanghaiNoon('2026-05-02', 15), 1090],
      [shanghaiNoon('2026-05-02', 18), 5], // meter replaced: no consumption counted
      [shanghaiNoon('2026-05-02', 22), 25],
    ];
    await prisma.reading.createMany({
      data: series.map(([time, value]) => ({
        deviceId: meter.id,
        metric: 'ep',
        value,
        time,
        source: 'mqtt',
      })),
    });
    await runRollup();
    const rows = await prisma.energyDaily.findMany({ orderBy: { date: 'asc' } });
    expect(rows.map((row) => [row.date.toISOString().slice(0, 10), row.carrier, row.quantity])).toEqual([
      ['2026-05-01', 'ELECTRICITY', 40],
      ['2026-05-02', 'ELECTRICITY', 15 + 35 + 20],
    ]);
  });

  it('deletes raw meter readings past retention only after their days are rolled up, and keeps those totals', async () => {
    await work({ retentionDays });
    const prisma = ctx.db.prisma;
    const building = await createBuilding(prisma, 'C');
    const meter = await createDevice(prisma, { code: 'E', type: 'METER_ELECTRIC', buildingId: building.id });
    const thermometer = await createDevice(prisma, { code: 'T', type: 'ENV', buildingId: building.id });
    const cutoff = retentionCutoffDay({ ...ROLLUP_DEFAULTS, retentionDays }, new Date())!;
    const old = dayBefore(cutoff, 3);
    const lastPruned = dayBefore(cutoff);
    await prisma.reading.createMany({
      data: [
        { deviceId: meter.id, metric: 'ep', value: 100, time: shanghaiNoon(old, 8), source: 'test' },
        { deviceId: meter.id, metric: 'ep', value: 112, time: shanghaiNoon(old, 20), source: 'test' },
        { deviceId: meter.id, metric: 'ep', value: 130, time: shanghaiNoon(lastPruned), source: 'test' },
        { deviceId: meter.id, metric: 'ep', value: 150, time: shanghaiNoon(cutoff), source: 'test' },
        { deviceId: thermometer.id, metric: 'temp', value: 21, time: shanghaiNoon(old), source: 'test' },
      ],
    });
    const totals = async () =>
      (await prisma.energyDaily.findMany({ orderBy: { date: 'asc' } })).map((row) => [
        row.date.toISOString().slice(0, 10),
        row.quantity,
      ]);
    const expected = [
      [old, 12],
      [lastPruned, 18],
      [cutoff, 20],
    ];

    await runRollup();
    expect(await totals()).toEqual(expected);
    const kept = await prisma.reading.findMany({ orderBy: { time: 'asc' } });
    expect(kept.map((reading) => [reading.metric, reading.value])).toEqual([
      ['temp', 21],
      ['ep', 150],
    ]);

    // The cutoff day has lost the reading before it; a later run must not shrink its total to nothing.
    await runRollup();
    expect(await totals()).toEqual(expected);
  });

  it('takes a day a source’s meter statistics cover from them, with cost, and the other days from readings', async () => {
    await work({ retentionDays: null });
    const prisma = ctx.db.prisma;
    const building = await createBuilding(prisma, 'M');
    const meter = await createDevice(prisma, {
      code: 'DB-M',
      type: 'METER_ELECTRIC',
      buildingId: building.id,
    });
    // Readings on May 1 (40 kWh) and May 2 (30 kWh); the export covers May 2 (two meters) and May 3.
    await prisma.reading.createMany({
      data: (
        [
          ['2026-05-01', 9, 1000],
          ['2026-05-01', 21, 1040],
          ['2026-05-02', 9, 1050],
          ['2026-05-02', 21, 1070],
        ] as const
      ).map(([day, hour, value]) => ({
        deviceId: meter.id,
        metric: 'ep',
        value,
        time: shanghaiNoon(day, hour),
        source: 'mqtt',
      })),
    });
    const meterDay = (
      code: string,
      day: string,
      quantity: number,
      cost: string | null,
      carrier: 'ELECTRICITY' | 'PV' = 'ELECTRICITY',
    ) => ({
      buildingId: building.id,
      meterCode: code,
      date: new Date(`${day}T00:00:00Z`),
      carrier,
      quantity,
      unit: 'kWh',
      unitPrice: cost === null ? null : '0.8095',
      cost,
      source: 'logistics',
      externalId: `${code}-${day}`,
      contentHash: 'h',
    });
    await prisma.meterDaily.createMany({
      data: [
        meterDay('DB-1', '2026-05-02', 1000, '809.50'),
        meterDay('DB-2', '2026-05-02', 200.5, '162.30'),
        meterDay('DB-1', '2026-05-03', 900, '728.55'),
        meterDay('GF-1', '2026-05-03', 50, null, 'PV'),
      ],
    });
    await runRollup();
    await runRollup(); // the same rows: nothing moves
    const rows = await prisma.energyDaily.findMany({ orderBy: [{ date: 'asc' }, { carrier: 'asc' }] });
    expect(
      rows.map((r) => [r.date.toISOString().slice(0, 10), r.carrier, r.quantity, r.cost?.toFixed(2) ?? null]),
    ).toEqual([
      ['2026-05-01', 'ELECTRICITY', 40, null],
      ['2026-05-02', 'ELECTRICITY', 1200.5, '971.80'],
      ['2026-05-03', 'ELECTRICITY', 900, '728.55'],
      ['2026-05-03', 'PV', 50, null],
    ]);
    const grid = gridFactorFor(DEFAULT_ENERGY_FACTORS, 2026)!;
    expect(rows[1]!.standardCoalKg).toBeCloseTo(1200.5 * 0.1229, 9);
    expect(rows[1]!.co2Kg).toBeCloseTo(1200.5 * grid.kgCo2PerKwh, 9);

    // A source's correction, synced after the rollup, is summed by the next one.
    await prisma.meterDaily.updateMany({
      where: { externalId: 'DB-1-2026-05-03' },
      data: { quantity: 950, cost: '769.03', syncedAt: new Date() },
    });
    await runRollup();
    const corrected = await prisma.energyDaily.findFirstOrThrow({
      where: { date: new Date('2026-05-03T00:00:00Z'), carrier: 'ELECTRICITY' },
    });
    expect([corrected.quantity, corrected.cost?.toFixed(2)]).toEqual([950, '769.03']);
  });
});
