import { sql } from 'kysely';
import type pg from 'pg';
import { SourceError } from '@district-hub/schema';
import { sqlDbOnClient } from '@district-hub/schema/database';

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

/*
 * Advisory locks belong to the session: each statement goes to the caller's own connection
 * (`sqlDbOnClient`), never to a pooled one.
 */
export async function tryLock(client: pg.ClientBase, key: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(hashtext(${key})) AS ok`.execute(
    sqlDbOnClient(client),
  );
  return rows[0]?.ok === true;
}

export async function unlock(client: pg.ClientBase, key: string): Promise<void> {
  await sql`SELECT pg_advisory_unlock(hashtext(${key}))`.execute(sqlDbOnClient(client));
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
  const db = sqlDbOnClient(client);
  const running = await db
    .selectFrom('SyncRun')
    .select(['SyncRun.id', 'SyncRun.trigger'])
    .where('SyncRun.sourceId', '=', source)
    .where('SyncRun.status', '=', 'RUNNING')
    .execute();
  const orphans = running.filter((run) => lockKeyOfRun(source, run.trigger) === key).map((r) => r.id);
  if (orphans.length === 0) return [];
  await db
    .updateTable('SyncRun')
    .set({
      status: 'FAILED',
      finishedAt: sql<Date>`now()`,
      errorCode: 'connector/source_failed',
      error:
        'worker died: the process running this sync ended without closing it (killed or lost its database connection); committed batches stay and the next run resumes from their cursor',
    })
    .where('SyncRun.id', 'in', orphans)
    .where('SyncRun.status', '=', 'RUNNING')
    .execute();
  return orphans;
}
