/** What a sync job carries: which source, full or incremental, and who asked (scheduler, api, cli). */
export interface SyncJobData {
  sourceId: string;
  full: boolean;
  trigger: string;
}

/** The counts a finished sync job returns; BullMQ keeps them as the job's return value. */
export interface SyncJobResult {
  runId: number | null;
  readCount: number;
  writtenCount: number;
  unchangedCount: number;
  rejectedCount: number;
  deletedCount: number;
}
