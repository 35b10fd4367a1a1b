import type pg from 'pg';
import { SourceError } from '@district-hub/schema';

/**
 * Which PostgreSQL advisory lock a run holds while it is RUNNING. Batch runs of a source share one
 * lock (never two at once); each live connector has its own, so following it never blocks the batch
 * runs of the same source, and two workers never follow the same connector.
 */
export function batchLockKey(source: string): string {
  return `hub-sync:${source}`;
}

export function liveLockKey(source: string, connectorIndex: number): string {
  return `hub-live:${source}:${connectorIndex}`;
}

/** `SyncRun.trigger` of a live run: which connector it follows, so its lock can be found again. */
export function liveTrigger(connectorIndex: number): string {
  return `live:${connectorIndex}`;
}

/** The lock a RUNNING run of `source` with this trigger holds while its process is alive. */
export function lockKeyOfRun(source: string, trigger: string | null): string {
  const live = /^live:(\d+)$/.exec(trigger ?? '');
  return live ? liveLockKey(source, Number(live[1])) : batchLockKey(source);
}

/** Another process holds the lock: a batch run of the source, or a follower of the connector. */
export class SyncBusyError extends SourceError {
  constructor(source: string, what: string) {
    super('connector/source_failed', `${what} of ${source} is already running`, { details: { source } });
  }
}

export async function tryLock(client: pg.ClientBase, key: string): Promise<boolean> {
  const result = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [
    key,
  ]);
  return result.rows[0]?.ok === true;
}

export async function unlock(client: pg.ClientBase, key: string): Promise<void> {
  await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
}

/**
 * Closes the RUNNING runs of `source` that hold `key` as FAILED "worker died": the caller holds `key`,
 * so no live process can be in them (a process that dies loses its session, and its locks with it).
 * Returns the ids closed.
 */
export async function closeOrphanedRuns(
  client: pg.ClientBase,
  source: string,
  key: string,
): Promise<number[]> {
  const running = await client.query<{ id: number; trigger: string | null }>(
    `SELECT id, trigger FROM "SyncRun" WHERE "sourceId" = $1 AND status = 'RUNNING'`,
    [source],
  );
  const orphans = running.rows.filter((run) => lockKeyOfRun(source, run.trigger) === key).map((r) => r.id);
  if (orphans.length === 0) return [];
  await client.query(
    `UPDATE "SyncRun" SET status = 'FAILED', "finishedAt" = now(), "errorCode" = 'connector/source_failed',
            error = 'worker died: the process running this sync ended without closing it (killed or lost its database connection); committed batches stay and the next run resumes from their cursor'
      WHERE id = ANY($1::int[]) AND status = 'RUNNING'`,
    [orphans],
  );
  return orphans;
}
