import { sql } from 'kysely';

/**
 * `count(*)` as a JavaScript number. PostgreSQL counts in `bigint`, which node-postgres returns as a
 * string (and Kysely's `fn.countAll()` types as `string | number | bigint`); a count of rows fits an
 * `int`, so the cast makes the value what the type says.
 */
export const COUNT_ROWS = sql<number>`count(*)::int`;

/** `value` as the start of a LIKE pattern: its own `%`, `_` and `\` match literally. */
export function likePrefix(value: string): string {
  return `${value.replace(/[\\%_]/g, '\\$&')}%`;
}
