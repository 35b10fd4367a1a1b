import type pg from 'pg';
import type { SqlExecutor } from '@district-hub/schema/database';
import type { AlertChangedEvent, ReadingEvent, VehiclePositionEvent } from '@district-hub/schema';
import type { SourceRecord, StateMessage } from '../sdk/types.ts';
import type { EntityMapping, EntityName, MappedEntity } from './mapping-types.ts';

export interface BatchInput {
  stream: string;
  mapping: EntityMapping;
  mappingOptions?: Record<string, unknown>;
  records: SourceRecord[];
  /** Per record, where it came from (`rooms.csv`, a topic), prefixed to rejection reasons. */
  origins?: (string | undefined)[];
  /** Per record, its row in that origin (`rooms.csv row 17`). */
  lines?: (number | undefined)[];
  /** The checkpoint these records complete: committed in the same transaction. */
  checkpoint?: StateMessage;
  /**
   * The stream's primary key fields in the source record: a record repeating another record's id with
   * different content (a source bug) is quarantined; an exact repeat is harmless and dropped.
   */
  primaryKey?: string[];
}

export interface BatchCounts {
  read: number;
  written: number;
  unchanged: number;
  rejected: number;
  deleted: number;
}

export interface BatchEvents {
  alerts: AlertChangedEvent[];
  positions: VehiclePositionEvent[];
  readings: ReadingEvent[];
}

export type RecordStatus = 'unchanged' | 'written' | 'rejected' | 'deleted';

/** One hub row a record mapped to (a record may map to several, of different entities). */
export interface Item {
  index: number;
  entity: EntityName;
  mapped: MappedEntity;
}

export interface Reject {
  index: number;
  reason: string;
  code: string;
  externalId?: string;
}

/** A mapped batch waiting for its transaction (`SyncWriter.prepareBatch`). */
export interface PreparedBatch {
  input: BatchInput;
  items: Item[];
  status: RecordStatus[];
  rejects: Reject[];
}

/** An item whose references resolved and whose row validated: the column values to write. */
export interface ReadyRow {
  item: Item;
  values: Record<string, unknown>;
}

/** What the steps of one batch's transaction share. */
export interface BatchScope {
  /** The writer's connection, inside the batch's transaction: COPY and savepoints. */
  client: pg.ClientBase;
  /** Kysely on that connection (`sqlDbOnClient`): every other statement of the batch. */
  db: SqlExecutor;
  /** Source name from hub.config.yaml; the `source` of every row written. */
  source: string;
  /** Per record of the batch, what became of it. */
  status: RecordStatus[];
  /** Marks the item's record rejected (once) with a reason a person can act on. */
  reject: (item: Item, reason: string, code: string) => void;
  /** The row-by-row retry: each statement under a savepoint, so only refused rows are rejected. */
  isolate: boolean;
}

export function countStatuses(status: RecordStatus[]): BatchCounts {
  const counts: BatchCounts = { read: status.length, written: 0, unchanged: 0, rejected: 0, deleted: 0 };
  for (const s of status) counts[s] += 1;
  return counts;
}
