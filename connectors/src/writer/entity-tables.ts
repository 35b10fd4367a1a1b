import type { EntityName } from './mapping-types.ts';

/**
 * How each hub table is written.
 * - `entity`: keyed by (source, externalId), content-hashed, soft-deleted (`deletedAt`); a row whose hash
 *   is unchanged is not touched, so a second sync writes nothing.
 * - `append`: keyed by (source, externalId), immutable facts (GPS fixes): a repeat is a no-op.
 * - `keyed`: keyed by natural columns; `update` says whether a changed row is updated (headcounts) or
 *   a repeat ignored (readings: a duplicate MQTT delivery is a no-op).
 * - `alert`: one active alert per `dedupeKey`, through the one alert lifecycle (`device-alarms.ts`).
 */
export type TableStrategy =
  | { kind: 'entity' }
  | { kind: 'append' }
  | { kind: 'keyed'; conflict: string[]; update: boolean }
  | { kind: 'alert' };

export const ENTITY_TABLES: Record<EntityName, TableStrategy> = {
  Building: { kind: 'entity' },
  Floor: { kind: 'entity' },
  Room: { kind: 'entity' },
  Agency: { kind: 'entity' },
  AgencyHeadcount: { kind: 'keyed', conflict: ['agencyId', 'rank'], update: true },
  RoomAllocation: { kind: 'entity' },
  Vehicle: { kind: 'entity' },
  Trip: { kind: 'entity' },
  VehiclePosition: { kind: 'append' },
  MaintenanceRecord: { kind: 'entity' },
  Device: { kind: 'entity' },
  Reading: { kind: 'keyed', conflict: ['deviceId', 'metric', 'time'], update: false },
  Alert: { kind: 'alert' },
  WorkOrder: { kind: 'entity' },
  MeterDaily: { kind: 'entity' },
  Asset: { kind: 'entity' },
  AssetTransfer: { kind: 'entity' },
};

/** Columns the writer fills itself; a mapping never sets them. */
export const WRITER_COLUMNS = new Set(['id', 'source', 'externalId', 'contentHash', 'syncedAt', 'deletedAt']);
