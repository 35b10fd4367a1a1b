import { InvalidInputError } from '../../domain/domain-errors.ts';
import {
  readCarrierTotals,
  readDayTotals,
  readEnergyBase,
  readEnergyBenchmarks,
  type BenchmarkRow,
  type CarrierTotal,
  type DayTotal,
  type EnergyRange,
} from '../../domain/energy-reads.ts';
import { roundTo, fromHundredths, toHundredths } from '../../domain/exact-figures.ts';
import { EnergyCarrier } from '../../generated/prisma/enums.ts';
import { builder } from '../builder.ts';
import { listSize } from '../list-size.ts';
import { checkRange, TimeRange, type Range } from '../time-range.ts';

/*
 * The 公共机构 energy indicators (domain-brief.md §3.2): 综合能耗 in kgce over what the buildings bought
 * (electricity, heat, gas; PV offsets a purchase, so it is reported beside the total, not in it), per m²
 * of gross floor area (建筑面积) and per person (用能人数), CO₂ with each day's factor of its year (the
 * rollup's), the same days a year before, and the national baselines and targets.
 */

interface Totals {
  carriers: CarrierTotal[];
}

interface EnergySummary extends Totals {
  usableArea: number;
  buildingArea: number | null;
  persons: number;
  previous: Totals | null;
  benchmarks: BenchmarkRow[];
}

const PURCHASED = (c: CarrierTotal) => c.carrier !== 'PV';
const coalOf = (s: Totals) => s.carriers.filter(PURCHASED).reduce((sum, c) => sum + c.standardCoalKg, 0);
const co2Of = (s: Totals) => s.carriers.filter(PURCHASED).reduce((sum, c) => sum + c.co2Kg, 0);
const quantityOf = (s: Totals, carrier: EnergyCarrier) =>
  s.carriers.filter((c) => c.carrier === carrier).reduce((sum, c) => sum + c.quantity, 0);
const costOf = (s: Totals) =>
  fromHundredths(s.carriers.reduce((sum, c) => sum + (c.cost === null ? 0 : toHundredths(c.cost)), 0));
const ratio = (value: number, base: number | null) => (base !== null && base > 0 ? value / base : null);
const per = (value: number, base: number | null, places: number) => {
  const r = ratio(value, base);
  return r === null ? null : roundTo(r, places);
};
const change = (now: number, before: number) => (before > 0 ? roundTo(now / before - 1, 4) : null);

/** The summary's value of a benchmark's indicator, in the benchmark's unit. */
const ACTUALS: Record<string, (s: EnergySummary) => number | null> = {
  ENERGY_PER_M2: (s) => ratio(coalOf(s), s.buildingArea),
  ENERGY_PER_PERSON: (s) => ratio(coalOf(s), s.persons),
  WATER_PER_PERSON: (s) => ratio(quantityOf(s, 'WATER'), s.persons),
  CO2_PER_M2: (s) => ratio(co2Of(s), s.buildingArea),
};

const CarrierTotalRef = builder.objectRef<CarrierTotal>('EnergyCarrierTotal').implement({
  fields: (t) => ({
    carrier: t.exposeString('carrier'),
    unit: t.exposeString('unit'),
    quantity: t.float({ description: 'In `unit`, to 0.01.', resolve: (c) => roundTo(c.quantity, 2) }),
    standardCoalKg: t.float({ description: 'kgce, to 0.01.', resolve: (c) => roundTo(c.standardCoalKg, 2) }),
    co2Kg: t.float({ description: 'kgCO₂, to 0.01.', resolve: (c) => roundTo(c.co2Kg, 2) }),
    costYuan: t.float({
      nullable: true,
      description: '元 at the meters’ tariffs, to 0.01; null when the source gave no amount.',
      resolve: (c) => (c.cost === null ? null : fromHundredths(toHundredths(c.cost))),
    }),
  }),
});

const YearOnYearRef = builder.objectRef<Totals & { current: Totals }>('EnergyYearOnYear').implement({
  description:
    'The same district dates one year earlier, and the change to this range as a share (−0.05 is −5 %).',
  fields: (t) => ({
    standardCoalKg: t.float({
      description: 'kgce a year earlier, to 0.01.',
      resolve: (y) => roundTo(coalOf(y), 2),
    }),
    co2Kg: t.float({ description: 'kgCO₂ a year earlier, to 0.01.', resolve: (y) => roundTo(co2Of(y), 2) }),
    electricityKwh: t.float({
      description: 'kWh a year earlier, to 0.01.',
      resolve: (y) => roundTo(quantityOf(y, 'ELECTRICITY'), 2),
    }),
    waterM3: t.float({
      description: 'm³ a year earlier, to 0.01.',
      resolve: (y) => roundTo(quantityOf(y, 'WATER'), 2),
    }),
    standardCoalKgChange: t.float({
      nullable: true,
      description: 'Share, to 4 places; null when the year before had none.',
      resolve: (y) => change(coalOf(y.current), coalOf(y)),
    }),
    co2KgChange: t.float({
      nullable: true,
      description: 'Share, to 4 places.',
      resolve: (y) => change(co2Of(y.current), co2Of(y)),
    }),
    electricityKwhChange: t.float({
      nullable: true,
      description: 'Share, to 4 places.',
      resolve: (y) => change(quantityOf(y.current, 'ELECTRICITY'), quantityOf(y, 'ELECTRICITY')),
    }),
    waterM3Change: t.float({
      nullable: true,
      description: 'Share, to 4 places.',
      resolve: (y) => change(quantityOf(y.current, 'WATER'), quantityOf(y, 'WATER')),
    }),
  }),
});

const BenchmarkRef = builder
  .objectRef<BenchmarkRow & { actual: number | null }>('EnergyBenchmarkComparison')
  .implement({
    description:
      'A national public-institution indicator (the baseline of a year, or a target against it) beside the range’s own value. The figures are per year: compare a range of a whole year.',
    fields: (t) => ({
      indicator: t.exposeString('indicator', {
        description:
          'ENERGY_PER_M2 (kgce/m²), ENERGY_PER_PERSON (kgce/person), WATER_PER_PERSON (m³/person), CO2_PER_M2.',
      }),
      kind: t.exposeString('kind', { description: 'BASELINE or TARGET.' }),
      year: t.exposeInt('year'),
      unit: t.exposeString('unit'),
      value: t.float({
        nullable: true,
        description: 'The benchmark, to 4 places; null for a target given only as a change.',
        resolve: (b) => (b.value === null ? null : roundTo(Number(b.value), 4)),
      }),
      change: t.float({
        nullable: true,
        description: 'A target’s change against its base year, to 4 places (−0.05 is −5 %).',
        resolve: (b) => (b.change === null ? null : roundTo(Number(b.change), 4)),
      }),
      baseYear: t.exposeInt('baseYear', { nullable: true }),
      edition: t.exposeString('edition'),
      actual: t.float({
        nullable: true,
        description: 'The range’s value, to 4 places.',
        resolve: (b) => (b.actual === null ? null : roundTo(b.actual, 4)),
      }),
      ratio: t.float({
        nullable: true,
        description: 'actual ÷ value (unrounded), to 4 places (0.95 is 5 % under it).',
        resolve: (b) =>
          b.actual === null || b.value === null ? null : roundTo(b.actual / Number(b.value), 4),
      }),
      meets: t.boolean({
        nullable: true,
        description: 'actual ≤ value; null when either is unknown.',
        resolve: (b) => (b.actual === null || b.value === null ? null : b.actual <= Number(b.value)),
      }),
    }),
  });

const EnergySummaryRef = builder.objectRef<EnergySummary>('EnergySummary').implement({
  description:
    'Consumption from the daily rollups (their coal and CO₂ factors are of each day’s year, with the edition recorded), with the 公共机构 indicators per m² of gross floor area and per person, the year before and the national benchmarks.',
  fields: (t) => ({
    carriers: t.field({
      type: [CarrierTotalRef],
      extensions: listSize(Object.keys(EnergyCarrier).length),
      resolve: (s) => s.carriers,
    }),
    electricityKwh: t.float({
      description: 'Bought from the grid, to 0.01.',
      resolve: (s) => roundTo(quantityOf(s, 'ELECTRICITY'), 2),
    }),
    waterM3: t.float({ description: 'To 0.01.', resolve: (s) => roundTo(quantityOf(s, 'WATER'), 2) }),
    gasM3: t.float({ description: 'To 0.01.', resolve: (s) => roundTo(quantityOf(s, 'GAS'), 2) }),
    heatGj: t.float({
      description: 'District heat, to 0.01.',
      resolve: (s) => roundTo(quantityOf(s, 'HEAT'), 2),
    }),
    pvKwh: t.float({
      description: 'Generated on the roofs, to 0.01: it offsets a purchase, so it is not in the totals.',
      resolve: (s) => roundTo(quantityOf(s, 'PV'), 2),
    }),
    standardCoalKg: t.float({
      description: '综合能耗 of the purchased carriers (PV excluded), kgce, to 0.01.',
      resolve: (s) => roundTo(coalOf(s), 2),
    }),
    co2Kg: t.float({
      description: 'kgCO₂ of the purchased carriers, each day at the grid factor of its year, to 0.01.',
      resolve: (s) => roundTo(co2Of(s), 2),
    }),
    costYuan: t.float({
      description: '元 at the meters’ tariffs, where the source gave amounts, to 0.01.',
      resolve: (s) => costOf(s),
    }),
    areaM2: t.float({
      description: 'Usable area of the rooms of the buildings covered, m², to 0.01.',
      resolve: (s) => s.usableArea,
    }),
    buildingAreaM2: t.float({
      nullable: true,
      description:
        'Gross floor area (建筑面积) of the buildings covered that record one, m², to 0.01: the per-m² base.',
      resolve: (s) => s.buildingArea,
    }),
    persons: t.exposeInt('persons', { description: 'Occupants of current allocations in those buildings.' }),
    standardCoalKgPerM2: t.float({
      nullable: true,
      description: 'kgce per m² of gross floor area, to 4 places.',
      resolve: (s) => per(coalOf(s), s.buildingArea, 4),
    }),
    standardCoalKgPerPerson: t.float({
      nullable: true,
      description: 'kgce per person, to 4 places.',
      resolve: (s) => per(coalOf(s), s.persons, 4),
    }),
    co2KgPerM2: t.float({
      nullable: true,
      description: 'kgCO₂ per m² of gross floor area, to 4 places.',
      resolve: (s) => per(co2Of(s), s.buildingArea, 4),
    }),
    waterM3PerPerson: t.float({
      nullable: true,
      description: 'm³ per person, to 4 places.',
      resolve: (s) => per(quantityOf(s, 'WATER'), s.persons, 4),
    }),
    yearOnYear: t.field({
      type: YearOnYearRef,
      nullable: true,
      description: 'The same dates a year earlier; null when no rollup falls in them.',
      resolve: (s) => (s.previous && s.previous.carriers.length > 0 ? { ...s.previous, current: s } : null),
    }),
    benchmarks: t.field({
      type: [BenchmarkRef],
      extensions: listSize(20),
      description: 'The national baselines and targets the migrations ship, each beside the range’s value.',
      resolve: (s) => s.benchmarks.map((b) => ({ ...b, actual: ACTUALS[b.indicator]?.(s) ?? null })),
    }),
  }),
});

function energyRange(args: { range: Range; building?: string | null }): EnergyRange {
  const range = checkRange(args.range);
  return { from: range.from, to: range.to, building: args.building ?? null };
}

/** The arguments of both energy fields: a range of district dates, and a building or the district. */
const energyArgs = (t: Parameters<Parameters<typeof builder.queryField>[1]>[0]) => ({
  range: t.arg({
    type: TimeRange,
    required: true,
    description: 'Days whose date falls in [from, to), both read as district (Asia/Shanghai) dates.',
  }),
  building: t.arg.string({ required: false, description: 'Building code; default the whole district.' }),
});

builder.queryField('energySummary', (t) =>
  t.field({
    type: EnergySummaryRef,
    args: energyArgs(t),
    resolve: async (_root, args, context) => {
      const range = energyRange(args);
      const [carriers, previous, base, benchmarks] = await Promise.all([
        readCarrierTotals(context.sql, range),
        readCarrierTotals(context.sql, range, 1),
        readEnergyBase(context.sql, range.building, new Date()),
        readEnergyBenchmarks(context.sql),
      ]);
      const area = (value: string | null) => (value === null ? null : fromHundredths(toHundredths(value)));
      return {
        carriers,
        previous: { carriers: previous },
        usableArea: area(base.usableArea) ?? 0,
        buildingArea: area(base.buildingArea),
        persons: base.persons ?? 0,
        benchmarks,
      };
    },
  }),
);

/** The longest range `energyDays` answers: a leap year and a day. */
const MAX_DAYS = 367;

const daysIn = (range: Range) => Math.ceil((range.to.getTime() - range.from.getTime()) / 86_400_000) + 1;

interface EnergyDay {
  date: string;
  rows: DayTotal[];
}

const dayQuantity = (d: EnergyDay, carrier: EnergyCarrier) =>
  roundTo(
    d.rows.filter((r) => r.carrier === carrier).reduce((sum, r) => sum + r.quantity, 0),
    2,
  );

const EnergyDayRef = builder.objectRef<EnergyDay>('EnergyDay').implement({
  description: 'One district date’s rollups (a chart’s bar).',
  fields: (t) => ({
    date: t.exposeString('date', { description: 'YYYY-MM-DD, a district date.' }),
    electricityKwh: t.float({ description: 'To 0.01.', resolve: (d) => dayQuantity(d, 'ELECTRICITY') }),
    waterM3: t.float({ description: 'To 0.01.', resolve: (d) => dayQuantity(d, 'WATER') }),
    gasM3: t.float({ description: 'To 0.01.', resolve: (d) => dayQuantity(d, 'GAS') }),
    heatGj: t.float({ description: 'To 0.01.', resolve: (d) => dayQuantity(d, 'HEAT') }),
    pvKwh: t.float({ description: 'To 0.01.', resolve: (d) => dayQuantity(d, 'PV') }),
    standardCoalKg: t.float({
      description: 'kgce of the purchased carriers, to 0.01.',
      resolve: (d) =>
        roundTo(
          d.rows.filter((r) => r.carrier !== 'PV').reduce((s, r) => s + r.standardCoalKg, 0),
          2,
        ),
    }),
    costYuan: t.float({
      description: '元, to 0.01.',
      resolve: (d) =>
        fromHundredths(d.rows.reduce((s, r) => s + (r.cost === null ? 0 : toHundredths(r.cost)), 0)),
    }),
  }),
});

builder.queryField('energyDays', (t) =>
  t.field({
    type: [EnergyDayRef],
    description: `The rollups of each district date in the range that has any, oldest first; at most ${MAX_DAYS} days.`,
    extensions: listSize((args) => {
      const range = args.range as Range | undefined;
      if (!range) return MAX_DAYS;
      const days = daysIn(range);
      if (days > MAX_DAYS) throw new InvalidInputError(`range: at most ${MAX_DAYS} days`, 'range');
      return Math.max(1, days);
    }),
    args: energyArgs(t),
    resolve: async (_root, args, context) => {
      const range = energyRange(args);
      if (daysIn(range) > MAX_DAYS) throw new InvalidInputError(`range: at most ${MAX_DAYS} days`, 'range');
      const rows = await readDayTotals(context.sql, range);
      const days = new Map<string, DayTotal[]>();
      for (const row of rows) days.set(row.date, [...(days.get(row.date) ?? []), row]);
      return [...days].map(([date, dayRows]) => ({ date, rows: dayRows }));
    },
  }),
);
