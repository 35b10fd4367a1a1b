// The public surface of @district-hub/jobs: what the gateway's entry (`--role`), the CLI and Bull Board use.
export {
  createQueueBackend,
  type QueueBackend,
  type QueueBackendKind,
  type QueueBackendOptions,
} from './queue-backend.ts';
export { openJobQueues, type JobQueues, type JobQueuesOptions } from './job-queues.ts';
export { syncQueueName, ALERTS_QUEUE, ROLLUPS_QUEUE } from './queue-names.ts';
export {
  startWorkers,
  WORKER_DEFAULTS,
  type StartWorkersOptions,
  type RunningWorkers,
  type WorkerTuning,
} from './start-workers.ts';
export { enqueueSync, type EnqueueSyncRequest } from './sync/enqueue-sync.ts';
export {
  scheduleSources,
  syncSchedulers,
  SYNC_SCHEDULER_IDS,
  type ScheduleConfigSource,
} from './sync/schedule-sources.ts';
export type { SyncHandler, SyncHandlerInput, SyncJobResult } from './sync/sync-handler.ts';
export type { SyncJobData } from './sync/sync-job-data.ts';
export { SYNC_JOB_DEFAULTS, type SyncJobOptions } from './sync/sync-job-options.ts';
export { UnknownSourceError } from './sync/unknown-source-error.ts';
export {
  enqueueDeviceEvaluation,
  heartbeatSweepScheduler,
  DEFAULT_HEARTBEAT_SWEEP_MS,
} from './alerts/alert-triggers.ts';
export { seedDefaultAlertRules, DEFAULT_ALERT_RULES } from './alerts/default-alert-rules.ts';
export { rollupScheduler, DEFAULT_ROLLUP_PATTERN } from './rollups/schedule-rollups.ts';
export { ROLLUP_DEFAULTS, type RollupOptions, type MeterMetric } from './rollups/rollup-options.ts';
export {
  DEFAULT_ENERGY_FACTORS,
  convertEnergy,
  gridFactorFor,
  type EnergyFactors,
} from './rollups/energy-factors.ts';
export { startJobs, type StartJobsOptions, type RunningJobs } from './start-jobs.ts';
export { applySchedulers, type SchedulerSpec } from './job-schedulers.ts';
export { connectorsSyncHandler, type ConnectorsSyncHandlerOptions } from './sync/connectors-sync-handler.ts';
export {
  startLiveIngest,
  LIVE_INGEST_DEFAULTS,
  type LiveIngest,
  type LiveIngestOptions,
  type LiveIngestTuning,
  type LiveFollowerState,
} from './live/live-ingest.ts';
