import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * `count(*)` as a JavaScript number. PostgreSQL counts in `bigint`, which node-postgres returns as a
 * string (and Kysely's `fn.countAll()` types as `string | number | bigint`); a count of rows fits an
 * `int`, so the cast makes the value what the type says.
 */
export const COUNT_ROWS = sql<number>`count(*)::int`;

/** The rows of a group for which `condition` holds, as a number like `COUNT_ROWS`. */
export function countRowsWhere(condition: Expression<SqlBool>) {
  return sql<number>`(count(*) FILTER (WHERE ${condition}))::int`;
}

/** `value` as the start of a LIKE pattern: its own `%`, `_` and `\` match literally. */
export function likePrefix(value: string): string {
  return `${value.replace(/[\\%_]/g, '\\$&')}%`;
}

/**
 * Seconds from `earlier` to `later` (null when either is null). `extract(epoch …)` is a `numeric`,
 * which node-postgres returns as a string; as `float8` it is a number, and so are its sums and averages.
 */
export function secondsBetween(earlier: Expression<Date | null>, later: Expression<Date | null>) {
  return sql<number | null>`extract(epoch FROM (${later} - ${earlier}))::float8`;
}

/**
 * `at` as a `timestamptz` value. A bare parameter has no type, so an operator between it and a column
 * (`$1 - "purchaseDate"`) would be ambiguous to PostgreSQL.
 */
export function instant(at: Date) {
  return sql<Date>`${at}::timestamptz`;
}

/** The calendar date `at` falls on in `timeZone` (an IANA name), as a `date`. */
export function localDate(at: Expression<Date>, timeZone: string) {
  return sql<Date>`(${at} AT TIME ZONE ${timeZone})::date`;
}
