import type { SqlClient } from '../../database/sql-pool.ts';
import type { SqlParams } from './sql-params.ts';

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

export interface PageQuery {
  /** Table name as created by the migrations (quoted here). */
  table: string;
  /** SQL select list over the alias `t`, e.g. `t.*`. */
  columns: string;
  /** Conditions over `t`, joined with AND; their values are already in `params`. */
  where: string[];
  params: SqlParams;
  sort: SortKey[];
  window: PageWindow;
}

/**
 * Reads one page by keyset: the cursor row's own sort values (found by id, as Prisma does, whether or
 * not it still matches the filter) bound the page, so a page costs an index walk from the cursor
 * rather than an OFFSET over every row before it. A backward page is read in reverse order and
 * turned around, so rows always come back in the connection's order.
 */
export async function readKeysetPage<Row>(sql: SqlClient, query: PageQuery): Promise<Row[]> {
  const { params, window } = query;
  const backward = window.take < 0;
  const conditions = [...query.where];
  let from = `"${query.table}" t`;
  if (window.cursorId !== undefined) {
    const cursorColumns = query.sort.map((key) => `"${key.column}"`).join(', ');
    from += `, (SELECT ${cursorColumns} FROM "${query.table}" WHERE id = ${params.add(window.cursorId)}) c`;
    conditions.push(afterCursor(query.sort, backward));
  }
  const order = query.sort
    .map((key) => `t."${key.column}" ${key.descending !== backward ? 'DESC' : 'ASC'}`)
    .join(', ');
  const text =
    `SELECT ${query.columns} FROM ${from}` +
    (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '') +
    ` ORDER BY ${order} LIMIT ${params.add(Math.abs(window.take))}`;
  const { rows } = await sql.query(text, params.values);
  return (backward ? rows.reverse() : rows) as Row[];
}

/** Rows strictly beyond the cursor row `c` in the sort (before it, reading backward). */
function afterCursor(sort: SortKey[], backward: boolean): string {
  const alternatives = sort.map((key, index) => {
    const equal = sort.slice(0, index).map((prior) => `t."${prior.column}" = c."${prior.column}"`);
    const beyond = key.descending !== backward ? '<' : '>';
    return [...equal, `t."${key.column}" ${beyond} c."${key.column}"`].join(' AND ');
  });
  return `(${alternatives.map((alternative) => `(${alternative})`).join(' OR ')})`;
}
