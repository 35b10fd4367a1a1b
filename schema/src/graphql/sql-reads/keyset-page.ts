import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../database/sql-db.ts';

/** One column of a page's order; the last key must be unique (the id) so the order is total. */
export interface SortKey {
  column: string;
  descending: boolean;
}

/**
 * Which rows a connection page wants, with Prisma's cursor semantics (what `prismaConnectionHelpers`
 * computes from first/last/after/before): `take` rows after the cursor row in the order, or, when
 * negative, `-take` rows before it; the cursor row itself is never part of the page.
 */
export interface PageWindow {
  take: number;
  cursorId?: number;
}

/** What of a window shapes the statement: its direction, and whether a cursor row bounds it. */
export interface PageShape {
  backward: boolean;
  cursor: boolean;
}

/** A window's values: how many rows, after (or before) which row. */
export interface PageValues {
  limit: number;
  cursorId: number | null;
}

export const pageShape = (window: PageWindow): PageShape => ({
  backward: window.take < 0,
  cursor: window.cursorId !== undefined,
});

export const pageValues = (window: PageWindow): PageValues => ({
  limit: Math.abs(window.take),
  cursorId: window.cursorId ?? null,
});

/**
 * One page of `query` (rows of `table`, read under the table's own name) by keyset: the cursor row's
 * own sort values (found by id, as Prisma does, whether or not it still matches the filter) bound the
 * page, so a page costs an index walk from the cursor rather than an OFFSET over every row before it.
 * A backward page is read in reverse order; `pageRows` turns it around.
 */
export function keysetPage<Table extends keyof DB & string, Row>(
  query: SelectQueryBuilder<DB, Table, Row>,
  table: Table,
  sort: readonly SortKey[],
  shape: PageShape,
  values: PageValues,
): SelectQueryBuilder<DB, Table, Row> {
  const column = (alias: string, key: SortKey) => sql.ref(`${alias}.${key.column}`);
  let page = query;
  if (shape.cursor) {
    const cursorRow = sql`(SELECT ${sql.join(sort.map((key) => sql.ref(key.column)))}
      FROM ${sql.table(table)} WHERE id = ${values.cursorId})`;
    // Joining `c` widens the query's scope, not its rows: the page keeps the type it was given.
    page = page.crossJoin(cursorRow.as('c')).where((eb) =>
      // Rows strictly beyond the cursor row `c` in the sort (before it, reading backward).
      eb.or(
        sort.map((key, index) =>
          eb.and([
            ...sort.slice(0, index).map((prior) => eb(column(table, prior), '=', column('c', prior))),
            eb(column(table, key), key.descending !== shape.backward ? '<' : '>', column('c', key)),
          ]),
        ),
      ),
    ) as unknown as SelectQueryBuilder<DB, Table, Row>;
  }
  for (const key of sort)
    page = page.orderBy(column(table, key), key.descending !== shape.backward ? 'desc' : 'asc');
  return page.limit(values.limit);
}

/** The rows of a page read by `keysetPage`, in the connection's order. */
export function pageRows<Row>(rows: Row[], shape: PageShape): Row[] {
  return shape.backward ? rows.reverse() : rows;
}
