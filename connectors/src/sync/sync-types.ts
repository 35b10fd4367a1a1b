import type {
  AlertChangedEvent,
  EventBus,
  HubError,
  Logger,
  SyncCounts,
  SyncRunProgress,
} from '@district-hub/schema';
import type { HubConfig } from '../config/hub-config.ts';
import type { DeliveryCounts } from '../sdk/delivery-counts.ts';

/** Options of `runSync`, the one entry point the CLI, the jobs and the gateway's `triggerSync` call. */
export interface RunSyncOptions {
  /** PostgreSQL URL of the hub database. The sync opens one connection of its own (COPY and per-batch transactions). */
  databaseUrl: string;
  /** Loaded hub.config.yaml (`loadHubConfig()`); endpoints come only from here. */
  config: HubConfig;
  /** Source name in the config (`office-space`). */
  source: string;
  /** Full sync: read everything from the beginning and soft-delete what vanished. Default false (incremental). */
  full?: boolean;
  /**
   * A full run may soft-delete more than the source's `maxDeleteShare` of a stream's rows: an admin
   * confirmed that the source did remove them (`npx hub sync <source> --full --allow-mass-delete`).
   * Default false: such a run deletes nothing of that stream and raises an alert instead.
   */
  allowMassDelete?: boolean;
  /** Only these streams; default all of the source's streams. */
  streams?: string[];
  /** Cancels the run; it ends FAILED with "cancelled", its committed batches stay. */
  signal?: AbortSignal;
  /** Called once the run holds its lock and its `SyncRun` row exists (a follower is then following). */
  onStarted?: (runId: number) => void;
  /**
   * Called when the run has started, after every committed batch, before reconciling and at the end,
   * with what `syncRunProgress` publishes. Awaited: the next batch commits after it resolves.
   */
  onProgress?: (progress: SyncRunProgress) => void | Promise<void>;
  /**
   * Where the connectors' messages go (retries, skipped duplicate files, reconnects), each line with
   * the source and run: the `sync` component's logger in a worker, `live`'s for a follow. Default none.
   */
  logger?: Logger;
  /** Hub event bus: `alertChanged`, `syncRunProgress`, `vehiclePosition`, `reading` are published after commit. */
  events?: EventBus;
  /** Called after commit for every alert raised, repeated or resolved by the source (MQTT alarms). */
  onAlertChanged?: (event: AlertChangedEvent) => void;
  /** Recorded in `SyncRun.trigger`: `cli`, `schedule`, `api:<user>`, `test`. */
  trigger?: string;
  /**
   * Follow the live connector at this index of the source's `connectors` (its other connectors are not
   * read) until `signal` aborts, instead of ending after the configured idle time. Takes the
   * connector's own lock, not the source's, and records the run with trigger `live:<index>`.
   */
  follow?: { connector: number };
  /**
   * A follow's count of each live message's deliveries, kept by the caller across the follow's
   * restarts, so a message that keeps failing is quarantined after the connector's `maxDeliveries`.
   */
  deliveries?: DeliveryCounts;
  /**
   * A batch run also drains the source's live connectors that no worker is following (a one-off
   * catch-up, or tests without workers). Default false: batch runs leave live connectors to a follower.
   */
  includeLive?: boolean;
}

/** What `runSync` resolves with; it resolves (does not throw) when the source fails mid-run. */
export interface SyncSummary extends SyncCounts {
  runId: number;
  source: string;
  mode: 'FULL' | 'INCREMENTAL';
  status: 'SUCCEEDED' | 'FAILED';
  durationMs: number;
  /** Per stream counts, in read order. */
  streams: Record<string, SyncCounts>;
  warnings: string[];
  /** Why a FAILED run failed: the error it failed with, a `HubError` (see `runFailure`). */
  error?: HubError;
}
