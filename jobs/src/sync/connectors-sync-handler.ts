import type { EventBus, Logger } from '@district-hub/schema';
import type { HubConfig } from '@district-hub/connectors';
import { runSync } from '@district-hub/connectors';
import type { SyncHandler } from './sync-handler.ts';

export interface ConnectorsSyncHandlerOptions {
  databaseUrl: string;
  config: HubConfig;
  /** Receives `syncRunProgress` after each committed batch, and the readings, positions and alarms synced. */
  events: EventBus;
  /** The `sync` component's logger: the connectors' messages of every run, with its source and run. */
  logger?: Logger;
}

/**
 * The hub's sync handler: the connectors' `runSync`. It reports a source that failed mid-run as a FAILED
 * summary (its committed batches and cursor stay) carrying the run's `HubError`; here that error is
 * thrown as it is, so that BullMQ retries the run, resuming from the committed cursor, unless the
 * error is one a retry cannot fix (`sync-processor.ts`).
 */
export function connectorsSyncHandler(options: ConnectorsSyncHandlerOptions): SyncHandler {
  return async ({ sourceId, full, trigger, streams, allowMassDelete, signal, onProgress }) => {
    const summary = await runSync({
      databaseUrl: options.databaseUrl,
      config: options.config,
      events: options.events,
      logger: options.logger,
      source: sourceId,
      full,
      trigger,
      streams,
      allowMassDelete,
      signal,
      onProgress,
    });
    if (summary.error) throw summary.error;
    const { runId, read, written, unchanged, rejected, deleted } = summary;
    return { runId, read, written, unchanged, rejected, deleted, streams: summary.streams };
  };
}
