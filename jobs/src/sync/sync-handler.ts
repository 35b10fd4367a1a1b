/** Counts so far of a run, as the handler reports them after each committed batch. */
export interface SyncJobProgress {
  runId: number | null;
  stream: string | null;
  read: number;
  written: number;
  unchanged: number;
  rejected: number;
  deleted: number;
}

export interface SyncHandlerInput {
  sourceId: string;
  full: boolean;
  trigger: string;
  /** Only these streams; default all of the source's. */
  streams?: string[];
  /** Aborted when the worker shuts down: the handler stops at its next batch boundary and throws. */
  signal: AbortSignal;
  /** Shows the counts on the job (Bull Board, `getJob().progress`). */
  onProgress: (progress: SyncJobProgress) => void;
}

/**
 * The work of one sync run. In the hub this is the connectors' `runSync` (see
 * `connectors-sync-handler.ts`), which also publishes `syncRunProgress` after each commit; tests and the
 * benchmark pass their own, so that the queue mechanics are tested and measured around the same contract.
 * It throws to fail the attempt: a `ConfigError` (or auth failure) is final, anything else is retried.
 */
export type SyncHandler = (input: SyncHandlerInput) => Promise<SyncJobResult>;

/** What a finished sync job returns; BullMQ keeps it as the job's return value. */
export interface SyncJobResult {
  runId: number | null;
  read: number;
  written: number;
  unchanged: number;
  rejected: number;
  deleted: number;
  /** Counts per stream, in read order, when the handler knows them (the connectors' does). */
  streams?: Record<string, Omit<SyncJobProgress, 'runId' | 'stream'>>;
}
