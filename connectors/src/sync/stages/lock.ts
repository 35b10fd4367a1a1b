import type pg from 'pg';
import type { Logger } from '@district-hub/schema';
import type { ResolvedConnector } from '../../config/hub-config.ts';
import { closeOrphanedRuns, liveLockKey, SyncBusyError, tryLock, unlock } from '../sync-lock.ts';
import type { SyncRequest } from '../sync-request.ts';

/** The locks a run holds from its start to its end, and the live connectors it may drain under them. */
export interface HeldLocks {
  /** Live connectors a batch run with `includeLive` drains: those no worker follows. */
  drained: ResolvedConnector[];
  /** Why a live connector was left out (a worker follows it). */
  warnings: string[];
  release(): Promise<void>;
}

/**
 * Stage 1, lock: takes the run's advisory lock (`SyncBusyError` when another run of the source, or a
 * follower of the connector, holds it), closes the runs a dead process left RUNNING under it, and for
 * `includeLive` the lock of each live connector nobody follows.
 */
export async function lockRun(
  client: pg.ClientBase,
  request: SyncRequest,
  includeLive: boolean,
  log: Logger,
): Promise<HeldLocks> {
  const { source, followed } = request;
  const held: string[] = [];
  const release = async () => {
    for (const key of held.splice(0)) await unlock(client, key).catch(() => undefined);
  };
  try {
    if (!(await tryLock(client, request.lockKey))) {
      throw new SyncBusyError(source.name, followed ? `a follower of ${followed.path}` : 'a sync');
    }
    held.push(request.lockKey);
    const orphans = await closeOrphanedRuns(client, source.name, request.lockKey);
    if (orphans.length > 0)
      log.warn({ runs: orphans }, `closed run(s) ${orphans.join(', ')} left RUNNING by a worker that died`);
    const drained: ResolvedConnector[] = [];
    const warnings: string[] = [];
    if (!followed && includeLive) {
      for (const live of source.connectors.filter((c) => c.live)) {
        // A worker following it holds its session on the source; reading it here too would fight for it.
        const key = liveLockKey(source.name, live.index);
        if (await tryLock(client, key)) {
          held.push(key);
          drained.push(live);
        } else {
          warnings.push(`${live.path} is followed by a worker; this run left it to the follower`);
        }
      }
    }
    return { drained, warnings, release };
  } catch (error) {
    await release();
    throw error;
  }
}
