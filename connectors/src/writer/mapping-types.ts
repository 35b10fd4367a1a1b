import type { SourceRecord } from '../sdk/types.ts';

/**
 * Per-source mapping modules turn a source record into hub entities. A mapping is a pure function of
 * the record (plus options from hub.config.yaml): it cleans and converts values with the normalizers,
 * names references by the source's own identifiers, and throws `RecordRejectedError` with a reason a
 * person can act on when the record cannot be used. The writer resolves the references, validates the
 * result against the table, hashes it and upserts it.
 */

/** Hub tables the writer knows how to write (see `entity-tables.ts`). */
export type EntityName =
  | 'Building'
  | 'Floor'
  | 'Room'
  | 'Agency'
  | 'AgencyHeadcount'
  | 'RoomAllocation'
  | 'Vehicle'
  | 'Trip'
  | 'VehiclePosition'
  | 'MaintenanceRecord'
  | 'Device'
  | 'Reading'
  | 'Alert'
  | 'WorkOrder'
  | 'MeterDaily'
  | 'Asset'
  | 'AssetTransfer';

/**
 * A reference to another hub entity by a source's identifier, resolved through the `ExternalRef`
 * crosswalk, then the entity's own (source, externalId); or by a unique column (`field`).
 */
export interface EntityRef {
  entity: EntityName;
  /** The identifier as the source spells it (`FZX-A01`, `1号楼`, `V0012`). */
  externalId: string;
  /** Whose identifier it is; default the mapping's own source. */
  source?: string;
  /** Resolve by this unique column instead (`code` of Building or Agency). */
  field?: string;
  /**
   * Resolve by `field` among the rows whose `column` points at another resolved entity: logistics'
   * room `512` of `1号楼` is the Room with number 512 whose buildingId is that building's id.
   */
  within?: { column: string; ref: EntityRef };
  /** When the reference cannot be resolved, store null instead of rejecting the record. */
  optional?: boolean;
}

/** Another name of the entity just written, registered in the crosswalk (`1号楼` in logistics). */
export interface CrosswalkAlias {
  source: string;
  externalId: string;
}

export interface MappedEntity {
  /** Default: the mapping's `entity`. */
  entity?: EntityName;
  /** The source's id of the record; with the source, the key of the upsert. Absent for keyed tables (Reading). */
  externalId?: string;
  /** Column values of the hub table (WGS-84 coordinates, hub units, zoned times). */
  fields: Record<string, unknown>;
  /** Foreign-key columns to fill from references: `{ buildingId: { entity: 'Building', externalId: 'FZX-A01' } }`. */
  refs?: Record<string, EntityRef | null | undefined>;
  aliases?: CrosswalkAlias[];
  /** The source reports this record deleted: the entity gets `deletedAt`, nothing else changes. */
  deleted?: boolean;
  /** Alerts: the alarm was cleared at the source; the open alert with this dedupe key is resolved. */
  cleared?: boolean;
  /**
   * Writes no row: registers `aliases` for the existing entity `link` resolves to (the vehicle
   * platform's unit code `DW0002` for the agency office space created under its credit code).
   */
  link?: EntityRef;
}

export interface MapContext {
  source: string;
  stream: string;
  /** Zone of the source's local times. */
  timeZone: string;
  /** `mappingOptions` of the stream in hub.config.yaml. */
  options: Record<string, unknown>;
}

export interface EntityMapping<R extends SourceRecord = SourceRecord> {
  /** The main table written; full syncs reconcile deletes on it. */
  entity: EntityName;
  /** Human description for `hub check` and docs. */
  description?: string;
  /** The id of a record before mapping, for rejection rows (`RejectedRecord.externalId`). */
  externalIdOf?(record: R): string | undefined;
  map(record: R, context: MapContext): MappedEntity | MappedEntity[] | null;
}
