import { sql } from 'kysely';
import type { SqlDb } from '@district-hub/schema/database';
import type { ResolvedConnector, ResolvedStream } from '../../config/hub-config.ts';
import type { JsonValue, StreamStates } from '../../sdk/types.ts';
import type { SyncRequest } from '../sync-request.ts';
import type { HeldLocks } from './lock.ts';

/** One connector of the run with the streams it reads, in config order. */
export interface ReadStep {
  connector: ResolvedConnector;
  streams: ResolvedStream[];
}

/** What a run will do, decided under its lock and recorded as its `SyncRun` row. */
export interface SyncPlan {
  runId: number;
  /** Each stream's committed cursor when the run started (`SyncRun.cursorBefore`). */
  state: StreamStates;
  steps: ReadStep[];
}

/**
 * Stage 2, plan: the connectors and streams to read (the followed connector; or the batch ones, plus
 * the live ones the lock stage drained), each stream's cursor, and the run's `SyncRun` row (RUNNING,
 * `cursorBefore`). The `Source` row is created or brought in line with the config first.
 */
export async function planRun(db: SqlDb, request: SyncRequest, locks: HeldLocks): Promise<SyncPlan> {
  const { source } = request;
  const connectors = request.followed
    ? [request.followed]
    : [...source.connectors.filter((c) => !c.live), ...locks.drained].sort((a, b) => a.index - b.index);
  const kind = [...new Set(source.connectors.map((c) => c.kind))].join('+');
  await db
    .insertInto('Source')
    .values({ id: source.name, kind, displayName: source.displayName ?? null, updatedAt: sql`now()` })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        kind: eb.ref('excluded.kind'),
        displayName: eb.ref('excluded.displayName'),
        updatedAt: sql`now()`,
      })),
    )
    .execute();
  const cursors = await db
    .selectFrom('SyncCursor')
    .select(['SyncCursor.stream', 'SyncCursor.cursor'])
    .where('SyncCursor.sourceId', '=', source.name)
    .execute();
  const state: StreamStates = Object.fromEntries(cursors.map((r) => [r.stream, r.cursor as JsonValue]));
  const run = await db
    .insertInto('SyncRun')
    .values({
      sourceId: source.name,
      mode: request.mode,
      status: 'RUNNING',
      cursorBefore: JSON.stringify(state),
      trigger: request.trigger,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const steps = connectors
    .map((connector) => ({
      connector,
      streams: connector.config.streams.filter((s) => request.wanted(s.name)),
    }))
    .filter((step) => step.streams.length > 0);
  return { runId: run.id, state, steps };
}
