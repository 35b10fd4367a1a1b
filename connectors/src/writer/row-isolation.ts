import type pg from 'pg';
import { forgetStagingTables } from './stage-and-upsert.ts';

/** SQLSTATE classes that mean "this row is bad" (data exception, integrity violation), not "the database is gone". */
export function isRowLevelError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/**
 * Runs one row's statements under a savepoint: a row the database refuses is rolled back alone and
 * reported to `onRowError`; any other error ends the transaction.
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
    await client.query('ROLLBACK TO SAVEPOINT hub_row');
    forgetStagingTables(client);
    if (!isRowLevelError(error)) throw error;
    onRowError(error);
    return undefined;
  }
}

export function dbReason(error: unknown): string {
  const e = error as { message?: string; detail?: string; constraint?: string };
  const detail = e.detail ? ` (${e.detail})` : '';
  return `the database refused the row: ${e.message ?? String(error)}${detail}`;
}
