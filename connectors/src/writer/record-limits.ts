/**
 * How long a text a record may carry, checked in validation so that a record a source got wrong is
 * quarantined with a reason instead of failing its batch in PostgreSQL. A key (`externalId`, an
 * alert's `dedupeKey`, any column a unique index covers) goes into a btree index, whose entries are
 * limited to about 2,700 bytes (SQLSTATE 54000, "index row size exceeds btree maximum"): 512
 * characters of up to 4 UTF-8 bytes each stay under it with room for the alert writer's `@time`
 * suffix. Other text is capped so one record cannot carry megabytes into a row (a device that sends
 * its firmware as a message).
 */
export const RECORD_LIMITS = {
  /** Longest key, in characters. */
  maxKeyLength: 512,
  /** Longest other text value, in characters. */
  maxTextLength: 10_000,
} as const;

/** Columns whose values are keys: indexed, compared, part of another key. */
export const KEY_COLUMNS: ReadonlySet<string> = new Set([
  'externalId',
  'dedupeKey',
  'code',
  'metric',
  'number',
  'plate',
]);

/** Why a text value is too long for its column, or null. */
export function textTooLong(column: string, value: string): string | null {
  const limit = KEY_COLUMNS.has(column) ? RECORD_LIMITS.maxKeyLength : RECORD_LIMITS.maxTextLength;
  if (value.length <= limit) return null;
  const kind = KEY_COLUMNS.has(column) ? 'a key' : 'a text';
  return `is ${value.length} characters long; ${kind} may have at most ${limit} (starts "${value.slice(0, 40)}…")`;
}

/**
 * Text made storable: PostgreSQL's text and jsonb cannot hold U+0000 (SQLSTATE 22021 / 22P05), so a
 * quarantined record's payload or reason shows it as U+2400 (␀) instead of failing the quarantine.
 */
export function storableText(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '\u2400') : value;
}
