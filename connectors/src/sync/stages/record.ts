import { sql } from 'kysely';
import { HubError, SourceError } from '@district-hub/schema';
import type { SqlDb } from '@district-hub/schema/database';
import { describeError } from '../../sdk/upstream-error.ts';

/** Longest `SyncRun.error` kept: a driver's message can quote a whole statement. */
const MAX_ERROR_LENGTH = 2000;

/**
 * Stage 7, record: closes the run's `SyncRun` row, SUCCEEDED (and the source's `lastSyncAt`) or FAILED
 * with its error's message and code. The counts and cursors are in the row already: each batch added
 * its own in its transaction.
 */
export async function recordSucceeded(db: SqlDb, runId: number, source: string): Promise<void> {
  await db
    .updateTable('SyncRun')
    .set({ status: 'SUCCEEDED', finishedAt: sql`now()` })
    .where('SyncRun.id', '=', runId)
    .execute();
  await db
    .updateTable('Source')
    .set({ lastSyncAt: sql`now()`, updatedAt: sql`now()` })
    .where('Source.id', '=', source)
    .execute();
}

export async function recordFailed(db: SqlDb, runId: number, error: HubError): Promise<void> {
  await db
    .updateTable('SyncRun')
    .set({
      status: 'FAILED',
      finishedAt: sql`now()`,
      error: error.message.slice(0, MAX_ERROR_LENGTH),
      errorCode: error.code,
    })
    .where('SyncRun.id', '=', runId)
    .execute();
}

/**
 * Why a run failed, as the one error it carries from here on (its summary, the job's failure, the
 * `SyncRun` row): a `HubError` as raised, or anything else wrapped once, keeping it as the cause. A
 * cancelled run says so, whatever its read or write broke off with.
 */
export function runFailure(error: unknown, cancelled: boolean): HubError {
  if (cancelled) return new SourceError('connector/source_failed', 'cancelled', { cause: error });
  if (error instanceof HubError) return error;
  const code = (error as { code?: unknown }).code;
  // Connection exceptions (class 08) and an operator's shutdown (57P): the hub database went away.
  if (typeof code === 'string' && /^(08|57P)/.test(code))
    return new HubError('database/unreachable', describeError(error), { cause: error });
  return new SourceError('connector/source_failed', describeError(error), { cause: error });
}
