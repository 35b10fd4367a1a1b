import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../testing/graphql-clients.ts';
import { seedDistrict } from '../testing/seed-district.ts';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.ts';

let db: TestDatabase;
let gateway: TestGateway;

// A small fixed history (what the rollup leaves in EnergyDaily), each row's coal, CO₂ and cost written
// out: B001 and B002 over 1–2 March 2026, the same days of 2025, and a day after the range.
const history = [
  ['B001', '2026-03-01', 'ELECTRICITY', 1000, 'kWh', 122.9, 636.1, '809.50'],
  ['B001', '2026-03-02', 'ELECTRICITY', 600, 'kWh', 73.74, 381.66, '485.70'],
  ['B001', '2026-03-01', 'PV', 100, 'kWh', 12.29, 63.61, null],
  ['B002', '2026-03-01', 'HEAT', 10, 'GJ', 341.20842, 1100, '880.00'],
  ['B002', '2026-03-02', 'WATER', 30, 'm³', null, null, '285.00'],
  ['B001', '2026-03-03', 'ELECTRICITY', 9999, 'kWh', 1228.88, 6360.36, '8094.19'],
  ['B001', '2025-03-01', 'ELECTRICITY', 1200, 'kWh', 147.48, 813.12, '900.00'],
  ['B001', '2025-03-02', 'WATER', 20, 'm³', null, null, '190.00'],
] as const;

beforeAll(async () => {
  db = await createTestDatabase();
  // Three buildings; rooms of 12, 13 and 14 m² on two floors each; every other room allocated to one person.
  const { buildings } = await seedDistrict(db.prisma);
  const gross = ['1000.00', '2000.00', '3000.50'];
  for (const [i, building] of buildings.entries())
    await db.prisma.building.update({ where: { id: building.id }, data: { grossArea: gross[i] } });
  const id = (code: string) => buildings.find((b) => b.code === code)!.id;
  await db.prisma.energyDaily.createMany({
    data: history.map(([code, date, carrier, quantity, unit, standardCoalKg, co2Kg, cost]) => ({
      buildingId: id(code),
      date: new Date(`${date}T00:00:00Z`),
      carrier,
      quantity,
      unit,
      standardCoalKg,
      co2Kg,
      cost,
    })),
  });
  gateway = await startTestGateway({ databaseUrl: db.url });
});

afterAll(async () => {
  await gateway?.close();
  await db?.drop();
});

const query = async <T>(text: string, variables: Record<string, unknown>) => {
  const response = await postGraphQL<T>(gateway.url, gateway.keys.INTEGRATOR, text, variables);
  expect(response.body.errors).toBeUndefined();
  return response.body.data as T;
};

const MARCH_1_2 = { from: '2026-03-01T00:00:00+08:00', to: '2026-03-03T00:00:00+08:00' };

describe('energySummary on a small fixed history', () => {
  it('equals the hand computation: totals without PV, per m² of gross floor area, per person, cost', async () => {
    const { energySummary: s } = await query<{ energySummary: Record<string, unknown> }>(
      `query($r: TimeRange!) { energySummary(range: $r) {
        electricityKwh waterM3 heatGj pvKwh gasM3 standardCoalKg co2Kg costYuan areaM2 buildingAreaM2 persons
        standardCoalKgPerM2 standardCoalKgPerPerson co2KgPerM2 waterM3PerPerson
        yearOnYear { standardCoalKg electricityKwh waterM3 co2Kg standardCoalKgChange electricityKwhChange waterM3Change co2KgChange }
      } }`,
      { r: MARCH_1_2 },
    );
    // 122.9 + 73.74 + 341.20842 kgce; 636.1 + 381.66 + 1100 kgCO₂; 809.50 + 485.70 + 880.00 + 285.00 元.
    // 6,000.5 m² of gross floor area, 9 people, 6 × (12 + 13 + 14) m² of rooms.
    expect(s).toEqual({
      electricityKwh: 1600,
      waterM3: 30,
      heatGj: 10,
      pvKwh: 100,
      gasM3: 0,
      standardCoalKg: 537.85,
      co2Kg: 2117.76,
      costYuan: 2460.2,
      areaM2: 234,
      buildingAreaM2: 6000.5,
      persons: 9,
      standardCoalKgPerM2: 0.0896, // 537.84842 / 6000.5 = 0.089634
      standardCoalKgPerPerson: 59.7609, // 537.84842 / 9
      co2KgPerM2: 0.3529, // 2117.76 / 6000.5
      waterM3PerPerson: 3.3333,
      yearOnYear: {
        standardCoalKg: 147.48,
        electricityKwh: 1200,
        waterM3: 20,
        co2Kg: 813.12,
        standardCoalKgChange: 2.6469, // 537.84842 / 147.48 − 1
        electricityKwhChange: 0.3333,
        waterM3Change: 0.5,
        co2KgChange: 1.6045, // 2117.76 / 813.12 − 1
      },
    });
  });

  it('narrows to one building, and sets each national benchmark beside the range’s value', async () => {
    const { energySummary: s } = await query<{
      energySummary: { standardCoalKgPerM2: number; benchmarks: Record<string, unknown>[] };
    }>(
      `query($r: TimeRange!) { energySummary(range: $r, building: "B001") {
        standardCoalKgPerM2 benchmarks { indicator kind year value change actual ratio meets }
      } }`,
      { r: MARCH_1_2 },
    );
    expect(s.standardCoalKgPerM2).toBe(0.1966); // (122.9 + 73.74) / 1000
    const perM2 = s.benchmarks.filter((b) => b.indicator === 'ENERGY_PER_M2');
    expect(perM2).toEqual([
      {
        indicator: 'ENERGY_PER_M2',
        kind: 'BASELINE',
        year: 2020,
        value: 18.48,
        change: null,
        actual: 0.1966,
        ratio: 0.0106,
        meets: true,
      },
      {
        indicator: 'ENERGY_PER_M2',
        kind: 'TARGET',
        year: 2025,
        value: 17.556,
        change: -0.05,
        actual: 0.1966,
        ratio: 0.0112,
        meets: true,
      },
    ]);
    // The CO₂ target is a change only: no value to meet.
    expect(s.benchmarks.find((b) => b.indicator === 'CO2_PER_M2')).toMatchObject({
      value: null,
      meets: null,
    });
  });

  it('gives a chart its bars: one per district date with rollups', async () => {
    const { energyDays } = await query<{ energyDays: Record<string, unknown>[] }>(
      'query($r: TimeRange!) { energyDays(range: $r) { date electricityKwh heatGj waterM3 pvKwh standardCoalKg costYuan } }',
      { r: MARCH_1_2 },
    );
    expect(energyDays).toEqual([
      {
        date: '2026-03-01',
        electricityKwh: 1000,
        heatGj: 10,
        waterM3: 0,
        pvKwh: 100,
        standardCoalKg: 464.11,
        costYuan: 1689.5,
      },
      {
        date: '2026-03-02',
        electricityKwh: 600,
        heatGj: 0,
        waterM3: 30,
        pvKwh: 0,
        standardCoalKg: 73.74,
        costYuan: 770.7,
      },
    ]);
    const tooLong = await postGraphQL(
      gateway.url,
      gateway.keys.INTEGRATOR,
      'query($r: TimeRange!) { energyDays(range: $r) { date } }',
      {
        r: { from: '2025-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' },
      },
    );
    expect(tooLong.body.errors?.[0]?.message).toMatch(/at most 367 days/);
  });
});
