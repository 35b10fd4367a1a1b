import type pg from 'pg';
import type { JsonValue, SourceRecord, StateMessage } from '../sdk/types.ts';
import type { BatchCounts, BatchInput, Reject } from './batch-types.ts';
import { storableText } from './record-limits.ts';

/**
 * What a batch's transaction records besides its rows: the counts added to its `SyncRun`, the rejected
 * records quarantined in `RejectedRecord`, and the checkpoint committed as the stream's `SyncCursor`.
 */
export interface RunRef {
  client: pg.ClientBase;
  source: string;
  runId: number;
}

export async function addRunCounts(run: RunRef, counts: BatchCounts): Promise<void> {
  await run.client.query(
    `UPDATE "SyncRun" SET "readCount" = "readCount" + $2, "writtenCount" = "writtenCount" + $3,
            "unchangedCount" = "unchangedCount" + $4, "rejectedCount" = "rejectedCount" + $5,
            "deletedCount" = "deletedCount" + $6
      WHERE id = $1`,
    [run.runId, counts.read, counts.written, counts.unchanged, counts.rejected, counts.deleted],
  );
}

/** Commits a checkpoint: the stream's cursor, the run's `cursorAfter`, and the connector's own work. */
export async function commitCursor(run: RunRef, checkpoint: StateMessage): Promise<void> {
  const cursor = JSON.stringify(checkpoint.cursor ?? null);
  await run.client.query(
    `INSERT INTO "SyncCursor" ("sourceId", stream, cursor, "updatedAt") VALUES ($1, $2, $3::jsonb, now())
     ON CONFLICT ("sourceId", stream) DO UPDATE SET cursor = EXCLUDED.cursor, "updatedAt" = now()`,
    [run.source, checkpoint.stream, cursor],
  );
  await run.client.query(
    `UPDATE "SyncRun" SET "cursorAfter" = COALESCE("cursorAfter", '{}'::jsonb) || jsonb_build_object($2::text, $3::jsonb)
      WHERE id = $1`,
    [run.runId, checkpoint.stream, cursor],
  );
  await checkpoint.inTransaction?.(run.client as never);
}

/** The batch's rejects, with the raw record and the reason prefixed by where it came from (`rooms.csv row 17`). */
export async function insertRejects(run: RunRef, input: BatchInput, rejects: Reject[]): Promise<void> {
  if (rejects.length === 0) return;
  const payloads = rejects.map((r) => safeJson(input.records[r.index]));
  const reasons = rejects.map((r) => {
    const origin = input.origins?.[r.index];
    const line = input.lines?.[r.index];
    const reason = storableText(r.reason);
    return origin ? `${origin}${line === undefined ? '' : ` row ${line}`}: ${reason}` : reason;
  });
  await run.client.query(
    `INSERT INTO "RejectedRecord" (source, stream, "externalId", payload, reason, code, "runId")
     SELECT $1, $2, u.e, u.p, u.r, u.c, $3
       FROM unnest($4::text[], $5::jsonb[], $6::text[], $7::text[]) AS u(e, p, r, c)`,
    [
      run.source,
      input.stream,
      run.runId,
      rejects.map((r) => (r.externalId === undefined ? null : storableText(r.externalId))),
      payloads,
      reasons,
      rejects.map((r) => r.code),
    ],
  );
}

/** Input that never became a record (a file that is not a table): one reject, counted as read. */
export async function insertRawReject(
  run: RunRef,
  stream: string,
  payload: unknown,
  reason: string,
  code: string,
): Promise<void> {
  await run.client.query(
    `INSERT INTO "RejectedRecord" (source, stream, payload, reason, code, "runId") VALUES ($1, $2, $3::jsonb, $4, $5, $6)`,
    [run.source, stream, safeJson(payload as SourceRecord), storableText(reason), code, run.runId],
  );
  await run.client.query(
    `UPDATE "SyncRun" SET "readCount" = "readCount" + 1, "rejectedCount" = "rejectedCount" + 1 WHERE id = $1`,
    [run.runId],
  );
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
