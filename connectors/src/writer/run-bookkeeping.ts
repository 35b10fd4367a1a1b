import { unnestRows, type SqlExecutor } from '@district-hub/schema/database';
import { sql } from 'kysely';
import type pg from 'pg';
import type { JsonValue, SourceRecord, StateMessage } from '../sdk/types.ts';
import type { BatchCounts, BatchInput, Reject } from './batch-types.ts';
import { storableText } from './record-limits.ts';

/**
 * What a batch's transaction records besides its rows: the counts added to its `SyncRun`, the rejected
 * records quarantined in `RejectedRecord`, and the checkpoint committed as the stream's `SyncCursor`.
 */
export interface RunRef {
  /** The batch's connection: a checkpoint's own work (`inTransaction`) runs on it. */
  client: pg.ClientBase;
  /** Kysely on `client`, inside the batch's transaction. */
  db: SqlExecutor;
  source: string;
  runId: number;
}

export async function addRunCounts(run: RunRef, counts: BatchCounts): Promise<void> {
  await run.db
    .updateTable('SyncRun')
    .set((eb) => ({
      readCount: eb('SyncRun.readCount', '+', counts.read),
      writtenCount: eb('SyncRun.writtenCount', '+', counts.written),
      unchangedCount: eb('SyncRun.unchangedCount', '+', counts.unchanged),
      rejectedCount: eb('SyncRun.rejectedCount', '+', counts.rejected),
      deletedCount: eb('SyncRun.deletedCount', '+', counts.deleted),
    }))
    .where('SyncRun.id', '=', run.runId)
    .execute();
}

/** Commits a checkpoint: the stream's cursor, the run's `cursorAfter`, and the connector's own work. */
export async function commitCursor(run: RunRef, checkpoint: StateMessage): Promise<void> {
  const cursor = sql<unknown>`${JSON.stringify(checkpoint.cursor ?? null)}::jsonb`;
  await run.db
    .insertInto('SyncCursor')
    .values({ sourceId: run.source, stream: checkpoint.stream, cursor, updatedAt: sql`now()` })
    .onConflict((oc) =>
      oc.columns(['sourceId', 'stream']).doUpdateSet((eb) => ({
        cursor: eb.ref('excluded.cursor'),
        updatedAt: sql`now()`,
      })),
    )
    .execute();
  await run.db
    .updateTable('SyncRun')
    .set({
      cursorAfter: sql`COALESCE("cursorAfter", '{}'::jsonb) || jsonb_build_object(${checkpoint.stream}::text, ${cursor})`,
    })
    .where('SyncRun.id', '=', run.runId)
    .execute();
  await checkpoint.inTransaction?.(run.client as never);
}

/** The batch's rejects, with the raw record and the reason prefixed by where it came from (`rooms.csv row 17`). */
export async function insertRejects(run: RunRef, input: BatchInput, rejects: Reject[]): Promise<void> {
  if (rejects.length === 0) return;
  const reasons = rejects.map((r) => {
    const origin = input.origins?.[r.index];
    const line = input.lines?.[r.index];
    const reason = storableText(r.reason);
    return origin ? `${origin}${line === undefined ? '' : ` row ${line}`}: ${reason}` : reason;
  });
  const rows = unnestRows<'u', { e: string | null; p: string; r: string; c: string }>('u', {
    e: {
      values: rejects.map((r) => (r.externalId === undefined ? null : storableText(r.externalId))),
      type: 'text',
    },
    p: { values: rejects.map((r) => safeJson(input.records[r.index])), type: 'jsonb' },
    r: { values: reasons, type: 'text' },
    c: { values: rejects.map((r) => r.code), type: 'text' },
  });
  await run.db
    .insertInto('RejectedRecord')
    .columns(['source', 'stream', 'externalId', 'payload', 'reason', 'code', 'runId'])
    .expression((eb) =>
      eb
        .selectFrom(rows)
        .select([
          eb.val(run.source).as('source'),
          eb.val(input.stream).as('stream'),
          'u.e',
          'u.p',
          'u.r',
          'u.c',
          eb.val(run.runId).as('runId'),
        ]),
    )
    .execute();
}

/** Input that never became a record (a file that is not a table): one reject, counted as read. */
export async function insertRawReject(
  run: RunRef,
  stream: string,
  payload: unknown,
  reason: string,
  code: string,
): Promise<void> {
  await run.db
    .insertInto('RejectedRecord')
    .values({
      source: run.source,
      stream,
      payload: sql`${safeJson(payload as SourceRecord)}::jsonb`,
      reason: storableText(reason),
      code,
      runId: run.runId,
    })
    .execute();
  await addRunCounts(run, { read: 1, written: 0, unchanged: 0, rejected: 1, deleted: 0 });
}

/** The raw record as JSON for `RejectedRecord.payload` (Dates as ISO, bigints, buffers and NULs as text). */
function safeJson(record: SourceRecord | undefined): string {
  return JSON.stringify(record ?? null, (_key, value: unknown) => {
    if (typeof value === 'string') return storableText(value);
    if (typeof value === 'bigint') return value.toString();
    if (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer') {
      return `<${((value as { data?: unknown[] }).data ?? []).length} bytes>`;
    }
    return value as JsonValue;
  });
}
