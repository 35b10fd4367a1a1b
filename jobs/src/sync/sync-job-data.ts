/** What a sync job carries: which source, full or incremental, and who asked (`schedule`, `api:<user>`, `cli`). */
export interface SyncJobData {
  sourceId: string;
  full: boolean;
  trigger: string;
}
