import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { readSpaceCompliance, readSpaceStandard } from './space-report-reads.ts';

// What the migrations ship, read from a freshly migrated database: nothing here inserts reference data.
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

/** The 2014 standard's columns as DOMAIN.md gives them (发改投资〔2014〕2674号), name → m² per person. */
const COLUMNS = {
  CENTRAL: { 部级正职: 54, 部级副职: 42, '正司(局)级': 24, '副司(局)级': 18, 处级: 12, 处级以下: 9 },
  PROVINCIAL: {
    省级正职: 54,
    省级副职: 42,
    '正厅(局)级': 30,
    '副厅(局)级': 24,
    正处级: 18,
    副处级: 12,
    处级以下: 9,
  },
  MUNICIPAL: { 市级正职: 42, 市级副职: 30, '正局(处)级': 24, '副局(处)级': 18, '局(处)级以下': 9 },
  COUNTY: { 县级正职: 30, 县级副职: 24, 正科级: 18, 副科级: 12, 科级以下: 9 },
};

describe('reference data shipped in the migrations', () => {
  it('holds the 2014 office-space standard for all four levels, each row with its Chinese name', async () => {
    const rows = await readSpaceStandard(db.sql, '2014');
    for (const [level, column] of Object.entries(COLUMNS)) {
      const names = Object.fromEntries(
        rows
          .filter((row) => row.adminLevel === level)
          .map((row) => [row.rankName, Number(row.areaPerPerson)]),
      );
      expect(names, level).toEqual(column);
    }
    const documents = await db.prisma.spaceStandard.findMany({
      distinct: ['document'],
      select: { document: true },
    });
    expect(documents).toEqual([{ document: '党政机关办公用房建设标准（发改投资〔2014〕2674号）' }]);
  });

  it('places each national grade in its row at each level: 乡科级正职 is 正科级 at 县级, 处级以下 at 省级', async () => {
    const rows = await readSpaceStandard(db.sql, '2014');
    const row = (level: string, rank: string) =>
      rows.find((r) => r.adminLevel === level && r.rank === rank)?.rankName ?? null;
    expect(row('COUNTY', 'SECTION_PRINCIPAL')).toBe('正科级');
    expect(row('PROVINCIAL', 'SECTION_PRINCIPAL')).toBe('处级以下');
    expect(row('MUNICIPAL', 'BUREAU_PRINCIPAL')).toBe('市级正职');
    expect(row('CENTRAL', 'DIVISION_DEPUTY')).toBe('处级');
    expect(row('MUNICIPAL', 'PROVINCIAL_PRINCIPAL')).toBeNull();
  });

  it('holds conversion factors, grid CO₂ factors by scope and data year, and the national baselines and targets', async () => {
    const coal = await db.prisma.energyConversionFactor.findMany({ where: { target: 'STANDARD_COAL' } });
    expect(Object.fromEntries(coal.map((f) => [f.carrier, f.value.toNumber()]))).toEqual({
      ELECTRICITY: 0.1229,
      PV: 0.1229,
      GAS: 1.2143,
      HEAT: 34.120842,
    });
    const grid = await db.prisma.gridEmissionFactor.findMany({ where: { basis: 'average' } });
    const factor = (scope: string, year: number) =>
      grid.find((f) => f.scope === scope && f.dataYear === year)?.kgCo2PerKwh.toNumber();
    expect([factor('national', 2023), factor('national', 2022), factor('north-china', 2023)]).toEqual([
      0.5306, 0.5366, 0.6361,
    ]);
    expect([factor('north-china', 2022), factor('tianjin', 2022)]).toEqual([0.6776, 0.7041]);
    const benchmarks = await db.prisma.energyBenchmark.findMany({
      orderBy: [{ year: 'asc' }, { indicator: 'asc' }],
    });
    expect(
      benchmarks.map((b) => [
        b.indicator,
        b.kind,
        b.year,
        b.value?.toNumber() ?? null,
        b.change?.toNumber() ?? null,
      ]),
    ).toEqual([
      ['ENERGY_PER_M2', 'BASELINE', 2020, 18.48, null],
      ['ENERGY_PER_PERSON', 'BASELINE', 2020, 329.56, null],
      ['WATER_PER_PERSON', 'BASELINE', 2020, 21.53, null],
      ['CO2_PER_M2', 'TARGET', 2025, null, -0.07],
      ['ENERGY_PER_M2', 'TARGET', 2025, 17.556, -0.05],
      ['ENERGY_PER_PERSON', 'TARGET', 2025, 309.7864, -0.06],
      ['WATER_PER_PERSON', 'TARGET', 2025, 20.2382, -0.06],
    ]);
  });

  it('takes a new edition as rows, without code: compliance reads whichever edition it is asked for', async () => {
    const agency = await db.prisma.agency.create({
      data: {
        code: 'ED-1',
        name: '县财政局',
        adminLevel: 'COUNTY',
        source: 't',
        externalId: 'ed1',
        contentHash: 'x',
      },
    });
    await db.prisma.agencyHeadcount.create({
      data: { agencyId: agency.id, rank: 'SECTION_PRINCIPAL', count: 2 },
    });
    await db.prisma.spaceStandard.create({
      data: {
        edition: '2030',
        adminLevel: 'COUNTY',
        rank: 'SECTION_PRINCIPAL',
        rankName: '正科级',
        areaPerPerson: 16.5,
      },
    });
    const at = new Date();
    const [in2014] = await readSpaceCompliance(db.sql, { edition: '2014', at, agencyCode: 'ED-1' });
    const [in2030] = await readSpaceCompliance(db.sql, { edition: '2030', at, agencyCode: 'ED-1' });
    expect([in2014!.standardArea, in2030!.standardArea]).toEqual([36, 33]);
  });
});
