import { sql, type AliasedRawBuilder, type Expression, type SqlBool } from 'kysely';

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

/** One column of `unnestRows`: its values, and the PostgreSQL type of one value (`int`, `text`, `"EnergyCarrier"`). */
export interface UnnestColumn<T> {
  values: readonly T[];
  type: string;
}

/**
 * Rows given as one array per column, as a table `alias(column, …)` to select from or join:
 * `unnest($1::int[], $2::text[]) AS alias(a, b)`. One parameter per column however many rows, so the
 * statement's text depends on the columns alone: a batch of 10 rows and one of 10,000 are one statement.
 */
export function unnestRows<A extends string, R extends Record<string, unknown>>(
  alias: A,
  columns: { [K in keyof R]: UnnestColumn<R[K]> },
): AliasedRawBuilder<R, A> {
  const names = Object.keys(columns) as (keyof R & string)[];
  const arrays = names.map((name) => sql`${columns[name].values}::${sql.raw(columns[name].type)}[]`);
  const columnList = sql.join(names.map((name) => sql.ref(name)));
  return sql<R>`unnest(${sql.join(arrays)})`.as<A>(sql`${sql.table(alias)}(${columnList})`);
}
