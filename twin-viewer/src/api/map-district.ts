import { footprintToLocal } from '../geo/footprint.ts';
import type { LocalPolygon } from '../geo/footprint.ts';
import { createLocalProjection } from '../geo/projection.ts';
import type { LocalProjection } from '../geo/projection.ts';
import type {
  AlertModel,
  BuildingModel,
  DeviceModel,
  DistrictModel,
  VehicleModel,
} from '../model/district-model.ts';
import type {
  TwinActiveAlertsQuery,
  TwinBuildingsQuery,
  TwinDevicesQuery,
  TwinDistrictQuery,
  TwinVehiclesQuery,
} from './generated/graphql.ts';
import type { NodeOf } from './paging.ts';

/** The wire shapes the mapper reads, as generated from operations.graphql (src/api/generated/). */
export type WireDistrict = TwinDistrictQuery['district'];
export type WireBuilding = NodeOf<TwinBuildingsQuery['buildings']>;
export type WireDevice = NodeOf<TwinDevicesQuery['devices']>;
export type WireVehicle = NodeOf<TwinVehiclesQuery['vehicles']>;
export type WireAlert = NodeOf<TwinActiveAlertsQuery['alerts']>;

export function mapAlert(wire: WireAlert): AlertModel {
  return {
    id: wire.id,
    severity: wire.severity,
    status: wire.status,
    kind: wire.kind,
    message: wire.message,
    raisedAt: wire.raisedAt,
    buildingId: wire.building?.id ?? null,
    deviceId: wire.device?.id ?? null,
  };
}

function mapBuilding(wire: WireBuilding, projection: LocalProjection): BuildingModel | null {
  let footprint: LocalPolygon[];
  try {
    footprint = footprintToLocal(wire.footprint, projection);
  } catch (error) {
    // One bad footprint must not blank the whole twin; the operator still finds the building by search.
    console.warn(`building ${wire.code}: footprint not drawn: ${(error as Error).message}`);
    return null;
  }
  return {
    id: wire.id,
    code: wire.code,
    name: wire.name,
    footprint,
    centroid: projection.toLocal(wire.centroidLon, wire.centroidLat),
    height: wire.height,
    floorsAbove: wire.floorsAbove,
    floorsBelow: wire.floorsBelow,
    grossArea: wire.grossArea,
  };
}

export interface WireTwin {
  district: WireDistrict | null;
  buildings: WireBuilding[];
  devices: WireDevice[];
  vehicles: WireVehicle[];
  alerts: WireAlert[];
}

/** Projects the hub's WGS-84 answers to local metres around the district centroid. */
export function mapDistrict(wire: WireTwin): { model: DistrictModel; projection: LocalProjection } {
  const fallback = wire.buildings.reduce(
    (sum, b) => ({
      lon: sum.lon + b.centroidLon / wire.buildings.length,
      lat: sum.lat + b.centroidLat / wire.buildings.length,
    }),
    { lon: 0, lat: 0 },
  );
  const projection = createLocalProjection({
    lon: wire.district?.centroidLon ?? fallback.lon,
    lat: wire.district?.centroidLat ?? fallback.lat,
  });
  const buildings = wire.buildings.flatMap((b) => mapBuilding(b, projection) ?? []);
  const centroidOf = new Map(buildings.map((b) => [b.id, b.centroid]));
  const devices: DeviceModel[] = wire.devices.flatMap((d) => {
    // Device x/y/z are metres from its building's centroid (east, north, up); unplaced devices are listed, not drawn.
    const centroid = d.building ? centroidOf.get(d.building.id) : undefined;
    if (!centroid || d.x === null || d.y === null) return [];
    return [
      {
        id: d.id,
        code: d.code,
        name: d.name,
        type: d.type,
        status: d.status,
        buildingId: d.building?.id ?? null,
        position: { east: centroid.east + d.x, north: centroid.north + d.y, up: d.z ?? 0 },
      },
    ];
  });
  const vehicles: VehicleModel[] = wire.vehicles.map((v) => ({
    id: v.id,
    plate: v.plate,
    energyType: v.energyType,
    status: v.status,
    position: v.latestPosition ? projection.toLocal(v.latestPosition.lon, v.latestPosition.lat) : null,
  }));
  let outline: LocalPolygon[] = [];
  try {
    outline = wire.district?.outline ? footprintToLocal(wire.district.outline, projection) : [];
  } catch (error) {
    console.warn(`district outline not drawn: ${(error as Error).message}`);
  }
  return {
    projection,
    model: {
      code: wire.district?.code ?? '',
      name: wire.district?.name ?? '',
      outline,
      buildings,
      devices,
      vehicles,
      alerts: wire.alerts.map(mapAlert),
    },
  };
}
