import type { ColumnType } from 'kysely';
import pg from 'pg';

/** PostgreSQL's type OID of `date` (`pg_type.oid`), the one type whose default parsing is changed. */
const DATE_OID = 1082;

/**
 * A `date` column (`@db.Date`) as Prisma reads it: the day at UTC midnight. node-postgres' default
 * makes local midnight, so under `TZ=Asia/Shanghai` '2026-11-01' would read as 16:00Z on Oct 31.
 * The text is always `YYYY-MM-DD` (ISO `DateStyle`, which node-postgres sets); `infinity` has no
 * use in the hub's data.
 */
const parseDate = (text: string) => new Date(`${text}T00:00:00.000Z`);

/**
 * How values arrive from PostgreSQL in queries run through Kysely (`sql-db.ts`), per statement, so
 * neither the pool's other users (Prisma brings its own parsers) nor the global `pg.types` change.
 * Everything else keeps node-postgres' defaults, which the generated Kysely types declare:
 * `timestamptz` → Date, `numeric` (Decimal) and `int8` (BigInt, `count(*)`) → string, `json`/`jsonb`
 * → parsed JSON, enums → their label.
 */
export const SQL_VALUE_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID && format !== 'binary'
      ? parseDate
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * The Kysely type of a `@db.Date` column (`@kyselyType(CalendarDate)` in schema.prisma): read as the
 * Date `SQL_VALUE_TYPES` makes, written as 'YYYY-MM-DD'. Not a Date: node-postgres sends a Date in
 * the process's local time, so UTC midnight sent from a zone west of UTC would land on the day before.
 */
export type CalendarDate = ColumnType<Date, string, string>;
