import type { JsonValue } from './types.ts';

/**
 * Cursor arithmetic shared by the kinds that read by a cursor field with the primary key as
 * tie-breaker (sql keyset paging, rest `updatedSince`).
 *
 * Worked example. A table ordered by (update_time, id):
 *
 *   id  update_time
 *   7   2024-03-01 08:00:00
 *   3   2024-03-01 09:00:00
 *   9   2024-03-01 09:00:00   ← the batch ends here: checkpoint {value: "2024-03-01 09:00:00", key: 9}
 *   4   2024-03-01 09:00:00
 *   2   2024-03-01 10:00:00
 *
 * The next page asks for `update_time > '09:00' OR (update_time = '09:00' AND id > 9)`, which starts at
 * id 4: rows that share a cursor value are neither skipped (a bare `>` would lose id 4) nor repeated (a
 * bare `>=` would re-read 3 and 9). A row updated after we passed it gets a larger update_time and
 * comes round again in a later run; its new content hash makes the writer update it, once.
 */
export interface KeysetCursor {
  /** Value of the cursor field of the last record covered, as the source spelled it. */
  value: string | number | null;
  /** Primary key of that record (tie-breaker). */
  key: string | number | null;
}

export function isKeysetCursor(
  value: JsonValue | null | undefined,
): value is { value: string | number; key: string | number } & JsonValue {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && 'value' in value && 'key' in value
  );
}

/** Compares two cursor values of the same field: numbers numerically, everything else as strings of one format. */
export function compareCursorValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
