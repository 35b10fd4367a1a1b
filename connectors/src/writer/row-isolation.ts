import type pg from 'pg';
import { forgetStagingTables } from './stage-and-upsert.ts';

/**
 * SQLSTATE classes that say nothing about the row: the connection or the server is gone or busy
 * (08 connection exception, 53 insufficient resources, 57 operator intervention, 58 system error,
 * XX internal error) or the transaction lost a race (40, deadlock or serialization), which a retry
 * of the run fixes. Every other failure of a row's statement is the row's, whatever its class (22
 * data, 23 integrity, 54 a key over the btree limit, 42 a value the statement cannot take).
 */
const NOT_THE_ROW = /^(08|40|53|57|58|XX)/;

/**
 * Whether an error of a batch's transaction may be the fault of some of its rows, so that retrying
 * it row by row (`savepoint`) finds and quarantines them: any error PostgreSQL raised with a SQLSTATE
 * outside `NOT_THE_ROW`.
 */
export function isRowLevelError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !NOT_THE_ROW.test(code);
}

/**
 * Runs one row's statements under a savepoint: a row that fails in isolation for any reason but the
 * database going away (`NOT_THE_ROW`) is rolled back alone and reported to `onRowError`, so the batch
 * goes on; if the connection cannot even roll back to the savepoint, the original error ends the
 * transaction.
 */
export async function savepoint<T>(
  client: pg.ClientBase,
  work: () => Promise<T>,
  onRowError: (error: unknown) => void,
): Promise<T | undefined> {
  await client.query('SAVEPOINT hub_row');
  try {
    const result = await work();
    await client.query('RELEASE SAVEPOINT hub_row');
    return result;
  } catch (error) {
    forgetStagingTables(client);
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_THE_ROW.test(code)) throw error;
    await client.query('ROLLBACK TO SAVEPOINT hub_row').catch(() => {
      throw error;
    });
    onRowError(error);
    return undefined;
  }
}

/** The quarantine reason of a row the database refused: its SQLSTATE, message and detail. */
export function dbReason(error: unknown): string {
  const e = error as { message?: string; detail?: string; code?: unknown };
  const detail = e.detail ? ` (${e.detail})` : '';
  const state = typeof e.code === 'string' ? ` (SQLSTATE ${e.code})` : '';
  return `the database refused the row${state}: ${e.message ?? String(error)}${detail}`;
}
