/** What a sync job carries: which source, full or incremental, and who asked (`schedule`, `api:<user>`, `cli`). */
export interface SyncJobData {
  sourceId: string;
  full: boolean;
  trigger: string;
  /** Only these streams of the source (`npx hub sync --stream`); default all. */
  streams?: string[];
  /** An admin confirmed a full run's mass delete (`npx hub sync --full --allow-mass-delete`). */
  allowMassDelete?: boolean;
}
