import type { SyncRunProgressEvent } from '@district-hub/schema/events/index';
import type { SyncJobResult } from './sync-job-data.ts';

/** Counts so far of a run, as the connectors report them after each committed batch. */
export type SyncProgress = Omit<SyncRunProgressEvent, 'at'>;

export interface SyncHandlerInput {
  sourceId: string;
  full: boolean;
  trigger: string;
  /** Aborted when the worker shuts down: the handler stops at its next batch boundary and throws. */
  signal: AbortSignal;
  onProgress: (progress: SyncProgress) => Promise<void>;
}

/**
 * The work of one sync run. In the hub this is the connectors' `runSync`; tests and the benchmark pass
 * their own, so that the queue mechanics are measured and tested around the same contract.
 */
export type SyncHandler = (input: SyncHandlerInput) => Promise<SyncJobResult>;
