import { sql, type ExpressionBuilder } from 'kysely';
import type { DB, SqlExecutor } from '../database/sql-db.ts';
import { instant, localDate } from '../database/sql-expressions.ts';
import type { EnergyCarrier } from '../generated/kysely/enums.ts';
import { DISTRICT_TIME_ZONE } from './district-time-zone.ts';
import { allocationInForce } from './sql-rules.ts';

/*
 * The energy reports' reads: the daily rollups summed over district dates, the areas and people they
 * are divided by, and the national benchmarks the migrations ship. Sums leave PostgreSQL as numbers
 * (float8) or, for money, as exact decimal text.
 */

export interface CarrierTotal {
  carrier: EnergyCarrier;
  unit: string;
  quantity: number;
  standardCoalKg: number;
  co2Kg: number;
  /** 元, exact decimal text; null when no row of the carrier carries a cost. */
  cost: string | null;
}

export interface EnergyRange {
  from: Date;
  to: Date;
  /** Building code; null for the whole district. */
  building: string | null;
}

/** The district date of an instant, `yearsBack` years earlier: `[from, to)` reads as those dates. */
function districtDate(at: Date, yearsBack: number) {
  const date = localDate(instant(at), DISTRICT_TIME_ZONE);
  return yearsBack === 0 ? date : sql<Date>`(${date} - make_interval(years => ${yearsBack}))::date`;
}

/** Rows of one building, or of the whole district. */
const inBuilding = (building: string | null) => (eb: ExpressionBuilder<DB, 'Building'>) =>
  building === null ? eb.lit(true) : eb('Building.code', '=', building);

/** Rollup totals per carrier of the days in the range, or of the same days `yearsBack` years before. */
export function readCarrierTotals(
  db: SqlExecutor,
  range: EnergyRange,
  yearsBack = 0,
): Promise<CarrierTotal[]> {
  return db
    .selectFrom('EnergyDaily')
    .innerJoin('Building', 'Building.id', 'EnergyDaily.buildingId')
    .select([
      'EnergyDaily.carrier',
      'EnergyDaily.unit',
      sql<number>`sum("EnergyDaily".quantity)::float8`.as('quantity'),
      sql<number>`coalesce(sum("EnergyDaily"."standardCoalKg"), 0)::float8`.as('standardCoalKg'),
      sql<number>`coalesce(sum("EnergyDaily"."co2Kg"), 0)::float8`.as('co2Kg'),
      sql<string | null>`sum("EnergyDaily".cost)::text`.as('cost'),
    ])
    .where('EnergyDaily.date', '>=', districtDate(range.from, yearsBack))
    .where('EnergyDaily.date', '<', districtDate(range.to, yearsBack))
    .groupBy(['EnergyDaily.carrier', 'EnergyDaily.unit'])
    .where(inBuilding(range.building))
    .orderBy('EnergyDaily.carrier')
    .execute();
}

export interface DayTotal {
  /** `YYYY-MM-DD`, a district date. */
  date: string;
  carrier: EnergyCarrier;
  quantity: number;
  standardCoalKg: number;
  cost: string | null;
}

/** Rollup totals per district date and carrier in the range, oldest first. */
export function readDayTotals(db: SqlExecutor, range: EnergyRange): Promise<DayTotal[]> {
  return db
    .selectFrom('EnergyDaily')
    .innerJoin('Building', 'Building.id', 'EnergyDaily.buildingId')
    .select([
      sql<string>`to_char("EnergyDaily".date, 'YYYY-MM-DD')`.as('date'),
      'EnergyDaily.carrier',
      sql<number>`sum("EnergyDaily".quantity)::float8`.as('quantity'),
      sql<number>`coalesce(sum("EnergyDaily"."standardCoalKg"), 0)::float8`.as('standardCoalKg'),
      sql<string | null>`sum("EnergyDaily".cost)::text`.as('cost'),
    ])
    .where('EnergyDaily.date', '>=', districtDate(range.from, 0))
    .where('EnergyDaily.date', '<', districtDate(range.to, 0))
    .groupBy(['EnergyDaily.date', 'EnergyDaily.carrier'])
    .orderBy('EnergyDaily.date')
    .where(inBuilding(range.building))
    .orderBy('EnergyDaily.carrier')
    .execute();
}

export interface EnergyBase {
  /** m² of usable room area, exact decimal text. */
  usableArea: string | null;
  /** m² of gross floor area (建筑面积) of the buildings whose area is known, exact decimal text. */
  buildingArea: string | null;
  persons: number | null;
}

/** What the indicators divide by: the live buildings' areas and the occupants of allocations in force at `at`. */
export async function readEnergyBase(
  db: SqlExecutor,
  building: string | null,
  at: Date,
): Promise<EnergyBase> {
  const [u, g, p] = await Promise.all([
    db
      .selectFrom('Room')
      .innerJoin('Building', 'Building.id', 'Room.buildingId')
      .select(sql<string | null>`sum("Room"."usableArea")::text`.as('area'))
      .where('Room.deletedAt', 'is', null)
      .where('Building.deletedAt', 'is', null)
      .where(inBuilding(building))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('Building')
      .select(sql<string | null>`sum("Building"."grossArea")::text`.as('area'))
      .where('Building.deletedAt', 'is', null)
      .where(inBuilding(building))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('RoomAllocation')
      .innerJoin('Room', 'Room.id', 'RoomAllocation.roomId')
      .innerJoin('Building', 'Building.id', 'Room.buildingId')
      .select((eb) => eb.cast<number | null>(eb.fn.sum('RoomAllocation.occupants'), 'integer').as('persons'))
      .where(allocationInForce(at))
      .where('Room.deletedAt', 'is', null)
      .where(inBuilding(building))
      .executeTakeFirstOrThrow(),
  ]);
  return { usableArea: u.area, buildingArea: g.area, persons: p.persons };
}

export interface BenchmarkRow {
  indicator: string;
  kind: 'BASELINE' | 'TARGET';
  year: number;
  unit: string;
  value: string | null;
  change: string | null;
  baseYear: number | null;
  edition: string;
}

/** The national benchmarks the migrations ship (baselines, then targets, by indicator and year). */
export function readEnergyBenchmarks(db: SqlExecutor): Promise<BenchmarkRow[]> {
  return db
    .selectFrom('EnergyBenchmark')
    .select([
      'EnergyBenchmark.indicator',
      'EnergyBenchmark.kind',
      'EnergyBenchmark.year',
      'EnergyBenchmark.unit',
      sql<string | null>`"EnergyBenchmark".value::text`.as('value'),
      sql<string | null>`"EnergyBenchmark".change::text`.as('change'),
      'EnergyBenchmark.baseYear',
      'EnergyBenchmark.edition',
    ])
    .orderBy('EnergyBenchmark.kind')
    .orderBy('EnergyBenchmark.indicator')
    .orderBy('EnergyBenchmark.year')
    .execute();
}
