import { sql } from 'kysely';
import type { EnergyCarrier } from '@district-hub/schema';
import { unnestRows, type SqlDb } from '@district-hub/schema/database';
import { convertEnergy } from './energy-factors.ts';
import type { RollupOptions } from './rollup-options.ts';

/** One `EnergyDaily` row as the rollups compute it. */
export interface EnergyDayRow {
  buildingId: number;
  /** The local calendar day, `YYYY-MM-DD`. */
  day: string;
  carrier: EnergyCarrier;
  unit: string;
  quantity: number;
  /** 元, exact decimal text; null where nothing is bought. */
  cost: string | null;
  standardCoalKg: number | null;
  co2Kg: number | null;
}

/**
 * A sync stamps its rows with the time its transaction began, which can be before a rollup that ran
 * while it was still open (a batch commits within seconds): a key is summed again while one of its rows
 * is younger than its rollup plus this margin, so none is missed and a year of history is summed twice
 * at most, not on every run.
 */
const COMMIT_MARGIN = '10 minutes';

/**
 * `EnergyDaily` from the sources' daily meter statistics: per building, day and carrier, the sum of its
 * meters' quantities and amounts, with standard coal and CO₂ of the day's year. It sums the keys not
 * rolled up yet, those with a row synced since (`COMMIT_MARGIN`), and every day from `fromDay` if given.
 * Returns the rows written.
 */
export async function rollupMeterDays(db: SqlDb, options: RollupOptions, fromDay?: string): Promise<number> {
  const totals = await db
    .selectFrom('MeterDaily')
    .select((eb) => [
      'MeterDaily.buildingId',
      sql<string>`to_char(${eb.ref('MeterDaily.date')}, 'YYYY-MM-DD')`.as('day'),
      'MeterDaily.carrier',
      eb.fn.min('MeterDaily.unit').as('unit'),
      sql<number>`sum(${eb.ref('MeterDaily.quantity')})::float8`.as('quantity'),
      sql<string | null>`sum(${eb.ref('MeterDaily.cost')})::text`.as('cost'),
    ])
    .leftJoin('EnergyDaily', (join) =>
      join
        .onRef('EnergyDaily.buildingId', '=', 'MeterDaily.buildingId')
        .onRef('EnergyDaily.date', '=', 'MeterDaily.date')
        .onRef('EnergyDaily.carrier', '=', 'MeterDaily.carrier'),
    )
    .where('MeterDaily.deletedAt', 'is', null)
    .groupBy(['MeterDaily.buildingId', 'MeterDaily.date', 'MeterDaily.carrier', 'EnergyDaily.updatedAt'])
    .having((eb) =>
      eb.or([
        eb('EnergyDaily.updatedAt', 'is', null),
        eb(
          eb.fn.max('MeterDaily.syncedAt'),
          '>',
          sql<Date>`${eb.ref('EnergyDaily.updatedAt')} - ${COMMIT_MARGIN}::interval`,
        ),
        eb('MeterDaily.date', '>=', sql<Date>`${fromDay ?? 'infinity'}::date`),
      ]),
    )
    .execute();
  if (totals.length === 0) return 0;
  const rows = totals.map((total) => ({
    ...total,
    ...convertEnergy(options.factors, total.carrier, total.quantity, Number(total.day.slice(0, 4))),
  }));
  return writeEnergyDays(db, rows, { keptDay: null, withCost: true });
}

/**
 * Upserts `EnergyDaily` rows in one statement (one array per column). `keptDay`'s stored row is left
 * as it is; `withCost: false` leaves the stored cost alone (the readings know no prices).
 */
export async function writeEnergyDays(
  db: SqlDb,
  rows: readonly EnergyDayRow[],
  options: { keptDay: string | null; withCost: boolean },
): Promise<number> {
  const t = unnestRows<'t', Omit<EnergyDayRow, 'day'> & { date: string }>('t', {
    buildingId: { values: rows.map((r) => r.buildingId), type: 'int' },
    date: { values: rows.map((r) => r.day), type: 'date' },
    carrier: { values: rows.map((r) => r.carrier), type: '"EnergyCarrier"' },
    unit: { values: rows.map((r) => r.unit), type: 'text' },
    quantity: { values: rows.map((r) => r.quantity), type: 'float8' },
    cost: { values: rows.map((r) => r.cost), type: 'numeric' },
    standardCoalKg: { values: rows.map((r) => r.standardCoalKg), type: 'float8' },
    co2Kg: { values: rows.map((r) => r.co2Kg), type: 'float8' },
  });
  const columns = ['buildingId', 'date', 'carrier', 'quantity', 'unit', 'standardCoalKg', 'co2Kg'] as const;
  const written = [...columns, ...(options.withCost ? (['cost'] as const) : [])];
  const result = await db
    .insertInto('EnergyDaily')
    .columns([...written, 'updatedAt'])
    .expression((eb) =>
      eb
        .selectFrom(t)
        .select([...written.map((column) => `t.${column}` as const), sql<Date>`now()`.as('updatedAt')]),
    )
    .onConflict((oc) =>
      oc
        .columns(['buildingId', 'date', 'carrier'])
        .doUpdateSet((eb) => ({
          quantity: eb.ref('excluded.quantity'),
          unit: eb.ref('excluded.unit'),
          standardCoalKg: eb.ref('excluded.standardCoalKg'),
          co2Kg: eb.ref('excluded.co2Kg'),
          ...(options.withCost ? { cost: eb.ref('excluded.cost') } : {}),
          updatedAt: sql<Date>`now()`,
        }))
        .where(sql<boolean>`${sql.ref('EnergyDaily.date')} IS DISTINCT FROM ${options.keptDay}::date`),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** `buildingId/day/carrier` of every key the meter statistics cover from `fromDay` on. */
export async function meterDayKeys(db: SqlDb, fromDay: string): Promise<Set<string>> {
  const keys = await db
    .selectFrom('MeterDaily')
    .select((eb) =>
      sql<string>`${eb.ref('MeterDaily.buildingId')} || '/' || to_char(${eb.ref('MeterDaily.date')}, 'YYYY-MM-DD') || '/' || ${eb.ref('MeterDaily.carrier')}`.as(
        'key',
      ),
    )
    .distinct()
    .where('MeterDaily.deletedAt', 'is', null)
    .where('MeterDaily.date', '>=', sql<Date>`${fromDay}::date`)
    .execute();
  return new Set(keys.map((k) => k.key));
}
