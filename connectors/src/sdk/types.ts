/**
 * The connector contract, in the spirit of Airbyte's protocol: `spec` (a runtime-validated config
 * schema), `check` (can we connect, with a precise reason when not), `discover` (the streams, each with
 * its primary key and cursor field), `read` (an async generator of record batches and state
 * checkpoints). Types only; the abstract base is `source-connector.ts`.
 */
import type { DeliveryCounts } from './delivery-counts.ts';

/** A JSON value, as cursors are stored in `SyncCursor.cursor` and `SyncRun.cursorBefore/After`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One record as the source system gave it, before mapping. Kept verbatim in `RejectedRecord.payload`. */
export type SourceRecord = Record<string, unknown>;

export type ConnectorKind = 'rest' | 'sql' | 'file' | 'mqtt';

export type SyncModeName = 'full' | 'incremental';

/** What `discover` returns for each stream. */
export interface StreamDescriptor {
  name: string;
  /** Field(s) of the source record that identify it; the first one is its external id unless the mapping says otherwise. */
  primaryKey: string[];
  /** Field whose value only grows when a record changes (`updatedAt`, `update_time`); absent: full reads only. */
  cursorField?: string;
  /** Whether the stream can resume from a cursor. */
  supportsIncremental: boolean;
}

/** A stream selected for a read, with the mode of this run. */
export interface ConfiguredStream {
  name: string;
  mode: SyncModeName;
}

/** Per-stream cursors, as committed; a stream absent from the map has never committed a checkpoint. */
export type StreamStates = Record<string, JsonValue | null>;

/**
 * A message of `read`. Records come in batches; a `state` message says "every record yielded before me
 * for this stream is covered by this cursor". The writer commits the cursor in the same transaction as
 * the records it covers, so a crash never loses or repeats a checkpoint.
 */
export type ReadMessage = RecordsMessage | StateMessage | RejectMessage | LogMessage;

export interface RecordsMessage {
  type: 'records';
  stream: string;
  records: SourceRecord[];
  /** Where the records came from, for rejection reasons (a file name and row, a topic). */
  origin?: string;
  /** Per record, where it came from; overrides `origin`. */
  origins?: string[];
  /** Per record, its row in its origin (`rooms.csv row 17` in rejection reasons). */
  lines?: number[];
}

/** Input that is not even a record (an undecodable file, a payload that is not JSON): quarantined as is. */
export interface RejectMessage {
  type: 'reject';
  stream: string;
  payload: unknown;
  reason: string;
  code: string;
}

export interface StateMessage {
  type: 'state';
  stream: string;
  cursor: JsonValue | null;
  /**
   * Work to do inside the transaction that commits this checkpoint, on the writer's connection (the
   * file kind records the file's checksum in `ImportedFile` there).
   */
  inTransaction?: (tx: TransactionClient) => Promise<void>;
  /** Work to do once that transaction has committed (archive a file, acknowledge MQTT messages). */
  afterCommit?: () => Promise<void> | void;
}

export interface LogMessage {
  type: 'log';
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** The slice of a pg client a connector may use inside a checkpoint's transaction. */
export interface TransactionClient {
  query(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/** The result of `check`: ok, or a precise reason a person can act on. */
export type CheckResult =
  | { ok: true; details?: string }
  | { ok: false; reason: string; code: string; details?: Record<string, unknown> };

/**
 * What the run asks of one read, beside the streams and their state: passed to every `read`, so a
 * connector keeps no per-run state of its own and one instance serves every run.
 */
export interface ReadOptions {
  /**
   * Keep listening until `context.signal` aborts, instead of ending once the source is drained (a live
   * kind such as `mqtt` otherwise ends after its idle time). Set when a worker follows the connector.
   */
  follow: boolean;
  /**
   * Deliveries so far of each live message, kept across the follow's restarts: a message delivered
   * more often than the connector allows (`mqtt` `maxDeliveries`) is quarantined and acknowledged.
   * Absent: each read counts from scratch.
   */
  deliveries?: DeliveryCounts;
}

/** Services the runner gives a connector for one read. */
export interface ReadContext {
  /** The source's name in hub.config.yaml (`office-space`). */
  source: string;
  /** Aborts the read (the run is then FAILED with "cancelled"). */
  signal: AbortSignal;
  /** Time zone of the source's local times (default Asia/Shanghai). */
  timeZone: string;
  /** The `SyncRun` this read belongs to. */
  runId: number;
  /** Whether a file with this checksum was already imported for this source (the file kind). */
  isFileImported(checksum: string): Promise<boolean>;
  log(level: LogMessage['level'], message: string): void;
}
