import { ConfigError, SourceError, type ErrorCode } from '@district-hub/schema';
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
 * summary (its committed batches and cursor stay); here that becomes a thrown error so that BullMQ
 * retries it, resuming from the committed cursor, unless the error is one a retry cannot fix.
 */
export function connectorsSyncHandler(options: ConnectorsSyncHandlerOptions): SyncHandler {
  return async ({ sourceId, full, trigger, streams, signal, onProgress }) => {
    const summary = await runSync({
      databaseUrl: options.databaseUrl,
      config: options.config,
      events: options.events,
      logger: options.logger,
      source: sourceId,
      full,
      trigger,
      streams,
      signal,
      onProgress: ({ runId, stream, read, written, unchanged, rejected, deleted }) =>
        onProgress({ runId, stream, read, written, unchanged, rejected, deleted }),
    });
    if (summary.status === 'FAILED') {
      const { message, code } = summary.error ?? { message: 'sync failed', code: 'connector/source_failed' };
      if (code === 'config/invalid') throw new ConfigError(message, { sourceId, runId: summary.runId });
      throw new SourceError(code as ErrorCode, message, { details: { sourceId, runId: summary.runId } });
    }
    const { runId, read, written, unchanged, rejected, deleted } = summary;
    return { runId, read, written, unchanged, rejected, deleted, streams: summary.streams };
  };
}
