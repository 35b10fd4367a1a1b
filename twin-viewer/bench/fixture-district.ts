import { generateDistrict } from '@district-hub/simulators';
import type { WireTwin } from '../src/api/map-district.ts';

/**
 * The deterministic demo district (connectors' generator) in the wire shape of the viewer's queries, so
 * the benchmark page runs the same mapping and scene code as the app without a hub. Vehicles get a
 * position spread over the district and about one device in a hundred an open alert, as in the demo.
 */
export function fixtureTwin(scale: number): WireTwin {
  const district = generateDistrict({ scale });
  const [lon0, lat0] = district.info.centroid;
  const buildingId = (index: number) => `B${index}`;
  const spread = 0.004 * Math.sqrt(scale);
  const severities = ['CRITICAL', 'MAJOR', 'MINOR', 'WARNING'] as const;
  return {
    district: {
      code: district.info.code,
      name: district.info.name,
      centroidLon: lon0,
      centroidLat: lat0,
      outline: null,
    },
    buildings: district.buildings.map((b) => ({
      id: buildingId(b.index),
      code: b.code,
      name: b.name,
      footprint: { type: 'Polygon', coordinates: [b.footprint] },
      centroidLon: b.centroid[0],
      centroidLat: b.centroid[1],
      floorsAbove: b.floorsAbove,
      floorsBelow: b.floorsBelow,
      height: b.height,
      grossArea: b.grossArea,
    })),
    devices: district.devices.map((d) => ({
      id: `D${d.index}`,
      code: d.code,
      name: d.name,
      type: d.type,
      status: 'ONLINE',
      x: d.x,
      y: d.y,
      z: d.z,
      building: { id: buildingId(d.buildingIndex) },
    })),
    vehicles: district.vehicles.map((v) => ({
      id: `V${v.index}`,
      plate: v.plate,
      energyType: v.energy,
      status: v.status,
      latestPosition: {
        lon: lon0 + Math.sin(v.index * 12.9898) * spread * 1.3,
        lat: lat0 + Math.cos(v.index * 78.233) * spread,
        time: district.info.referenceTime,
      },
    })),
    alerts: district.devices
      .filter((d) => d.index % 100 === 7)
      .map((d, i) => ({
        id: `A${d.index}`,
        severity: severities[i % severities.length] as (typeof severities)[number],
        status: 'OPEN',
        kind: 'THRESHOLD',
        message: `${d.name} 告警`,
        raisedAt: district.info.referenceTime,
        building: { id: buildingId(d.buildingIndex) },
        device: { id: `D${d.index}` },
      })),
  };
}
