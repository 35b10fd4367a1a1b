import type { SyncRunStatus } from '../generated/prisma/enums.ts';

/**
 * What a sync run has done to its records: the one set of counts from the writer's batch through the
 * run's summary, the BullMQ job and the `syncRunProgress` event to the GraphQL subscription (whose
 * fields keep the `SyncRun` columns' names, `readCount` …).
 */
export interface SyncCounts {
  read: number;
  written: number;
  unchanged: number;
  rejected: number;
  deleted: number;
}

/** Where a run is: `started` (its `SyncRun` exists), `reading` (a batch committed), then `reconciling` and `done`. */
export type SyncPhase = 'started' | 'reading' | 'reconciling' | 'done';

/**
 * A sync run's progress, as the run reports it after each committed batch (`onProgress`), the job
 * keeps it (`job.progress`) and the hub publishes it (`syncRunProgress`): one type on every leg.
 */
export interface SyncRunProgress extends SyncCounts {
  runId: number;
  sourceId: string;
  /** The stream of the batch just committed; null at the start and for the totals at the end. */
  stream: string | null;
  status: SyncRunStatus;
  phase: SyncPhase;
  /** ISO-8601 time of the report. */
  at: string;
}

export function noCounts(): SyncCounts {
  return { read: 0, written: 0, unchanged: 0, rejected: 0, deleted: 0 };
}

/** Adds `more` into `into` and returns `into`. */
export function addCounts(into: SyncCounts, more: SyncCounts): SyncCounts {
  into.read += more.read;
  into.written += more.written;
  into.unchanged += more.unchanged;
  into.rejected += more.rejected;
  into.deleted += more.deleted;
  return into;
}
