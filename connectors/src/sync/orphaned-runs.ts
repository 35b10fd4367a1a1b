import pg from 'pg';
import { sqlDbOnClient } from '@district-hub/schema/database';
import { closeOrphanedRuns, lockKeyOfRun, tryLock, unlock } from './sync-lock.ts';

/**
 * Closes every SyncRun left RUNNING by a process that died (SIGKILL, a lost machine) as FAILED
 * "worker died: …", on worker start. A run holds its advisory lock for as long as it is RUNNING and a
 * dead process's session loses its locks, so a RUNNING run whose lock this sweep can take is an orphan;
 * one whose lock is held is in progress elsewhere and is left alone. Runs also close the orphans of
 * their own lock when they start (a stalled job retried), see `runSync`. Returns the ids closed.
 */
export async function closeOrphanedSyncRuns(databaseUrl: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'hub-jobs:orphans' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const running = await sqlDbOnClient(client)
      .selectFrom('SyncRun')
      .select(['SyncRun.sourceId', 'SyncRun.trigger'])
      .distinct()
      .where('SyncRun.status', '=', 'RUNNING')
      .execute();
    const sourceOf = new Map(running.map((run) => [lockKeyOfRun(run.sourceId, run.trigger), run.sourceId]));
    const closed: number[] = [];
    for (const [key, source] of sourceOf) {
      if (!(await tryLock(client, key))) continue;
      try {
        closed.push(...(await closeOrphanedRuns(client, source, key)));
      } finally {
        await unlock(client, key);
      }
    }
    return closed;
  } finally {
    await client.end().catch(() => undefined);
  }
}
