import type { SyncCounts, SyncRunProgress } from '@district-hub/schema';

export interface SyncHandlerInput {
  sourceId: string;
  full: boolean;
  trigger: string;
  /** Only these streams; default all of the source's. */
  streams?: string[];
  /** A full run may soft-delete more than the source's `maxDeleteShare`. */
  allowMassDelete?: boolean;
  /** Aborted when the worker shuts down: the handler stops at its next batch boundary and throws. */
  signal: AbortSignal;
  /** Shows the run's progress on the job (Bull Board, `getJob().progress`): what `syncRunProgress` publishes. */
  onProgress: (progress: SyncRunProgress) => void;
}

/**
 * The work of one sync run. In the hub this is the connectors' `runSync` (see
 * `connectors-sync-handler.ts`), which also publishes `syncRunProgress` after each commit; tests and the
 * benchmark pass their own, so that the queue mechanics are tested and measured around the same contract.
 * It throws to fail the attempt, with the run's `HubError`: a `ConfigError` (or auth failure) is final,
 * anything else is retried.
 */
export type SyncHandler = (input: SyncHandlerInput) => Promise<SyncJobResult>;

/** What a finished sync job returns; BullMQ keeps it as the job's return value. */
export interface SyncJobResult extends SyncCounts {
  runId: number | null;
  /** Counts per stream, in read order, when the handler knows them (the connectors' does). */
  streams?: Record<string, SyncCounts>;
}
