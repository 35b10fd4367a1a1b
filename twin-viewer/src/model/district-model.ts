import type { LocalPolygon } from '../geo/footprint.ts';
import type { LocalPoint } from '../geo/projection.ts';

/**
 * What the scene draws, in local metres around the district centroid. The data layer maps the GraphQL
 * answers onto these; the scene never sees the wire format, so aligning with the API touches one mapper.
 */
export interface BuildingModel {
  /** Global GraphQL id. */
  id: string;
  code: string;
  name: string;
  footprint: LocalPolygon[];
  centroid: LocalPoint;
  height: number;
  floorsAbove: number;
  floorsBelow: number;
  grossArea: number | null;
}

export interface DeviceModel {
  id: string;
  code: string;
  name: string | null;
  type: string;
  status: string;
  buildingId: string | null;
  /** Local metres: east, north, up. */
  position: { east: number; north: number; up: number };
}

export interface VehicleModel {
  id: string;
  plate: string;
  energyType: string;
  status: string;
  position: LocalPoint | null;
}

export type Severity = 'CRITICAL' | 'MAJOR' | 'MINOR' | 'WARNING' | 'INFO';
export type AlertStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

export interface AlertModel {
  id: string;
  severity: Severity;
  status: AlertStatus;
  kind: string;
  message: string;
  raisedAt: string;
  buildingId: string | null;
  deviceId: string | null;
}

export interface DistrictModel {
  code: string;
  name: string;
  /** District boundary rings in local metres; empty when the source has none. */
  outline: LocalPolygon[];
  buildings: BuildingModel[];
  devices: DeviceModel[];
  vehicles: VehicleModel[];
  alerts: AlertModel[];
}

export interface RoomModel {
  id: string;
  number: string;
  name: string | null;
  category: string;
  status: string;
  usableArea: number;
  floorLevel: number;
  /**
   * Local metres of the room's middle (east, north) and of its floor (up), where the office-space
   * system places it; null when it does not, and the twin lays the room out itself.
   */
  position: { east: number; north: number; up: number } | null;
}
