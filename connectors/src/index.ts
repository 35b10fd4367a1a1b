/** Public surface of @district-hub/connectors: the sync entry point, config, SDK contract and geo. */
export { runSync, type RunSyncOptions, type SyncSummary } from './sync/run-sync.ts';
export { checkSource, type ConnectorCheck } from './sync/check-source.ts';
export {
  loadHubConfig,
  parseHubConfig,
  getSource,
  defaultConfigPath,
  durationMs,
} from './config/load-config.ts';
export type { HubConfig, SourceConfig, ScheduleConfig, ResolvedStream } from './config/hub-config.ts';
export { SourceConnector } from './sdk/source-connector.ts';
export { DeliveryCounts } from './sdk/delivery-counts.ts';
export type * from './sdk/types.ts';
export type * from './writer/mapping-types.ts';
export { registerMapping, findMapping, mappingNames } from './mappings/registry.ts';
export { connectorFor } from './kinds/registry.ts';
export { SyncBusyError, tryLock, lockKeyOfRun } from './sync/sync-lock.ts';
export { closeOrphanedSyncRuns } from './sync/orphaned-runs.ts';
export { connectThrowaway } from './kinds/mqtt/mqtt-session.ts';
export type { MqttConfig } from './kinds/mqtt/mqtt-spec.ts';
