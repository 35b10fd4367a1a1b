import { describe, expect, it } from 'vitest';
import { mapDistrict } from './map-district.ts';
import type { WireBuilding, WireTwin } from './map-district.ts';

const square = (lon: number, lat: number, d = 0.0005) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + d, lat],
      [lon + d, lat + d],
      [lon, lat + d],
      [lon, lat],
    ],
  ],
});

const building = (
  id: string,
  lon: number,
  lat: number,
  footprint: unknown = square(lon, lat),
): WireBuilding => ({
  id,
  code: `FZX-${id}`,
  name: `${id}号楼`,
  footprint,
  centroidLon: lon + 0.00025,
  centroidLat: lat + 0.00025,
  floorsAbove: 8,
  floorsBelow: 1,
  height: 32,
  grossArea: 12000,
});

function twin(buildings: WireBuilding[]): WireTwin {
  return {
    district: { code: 'FZX', name: '行政办公区', centroidLon: 116.727, centroidLat: 39.909, outline: null },
    buildings,
    devices: [
      {
        id: 'd1',
        code: 'LS-01-05-001',
        name: null,
        type: 'LEAK',
        status: 'ONLINE',
        x: 12,
        y: -4,
        z: 18,
        building: { id: 'A' },
      },
      {
        id: 'd2',
        code: 'LS-09-01-001',
        name: null,
        type: 'LEAK',
        status: 'ONLINE',
        x: null,
        y: null,
        z: null,
        building: null,
      },
    ],
    vehicles: [
      {
        id: 'v1',
        plate: '京AD12345',
        energyType: 'BEV',
        status: 'AVAILABLE',
        latestPosition: { lon: 116.727, lat: 39.909, time: '2026-11-29T08:00:00.000Z' },
      },
      { id: 'v2', plate: '京A54321', energyType: 'ICE', status: 'AVAILABLE', latestPosition: null },
    ],
    alerts: [],
  };
}

describe('mapping the hub answers onto the scene model', () => {
  it('places a device at its building centroid plus its local offset (east, north, up)', () => {
    const { model } = mapDistrict(twin([building('A', 116.726, 39.908)]));
    const a = model.buildings[0]!;
    expect(model.devices).toHaveLength(1);
    expect(model.devices[0]!.position.east).toBeCloseTo(a.centroid.east + 12, 6);
    expect(model.devices[0]!.position.north).toBeCloseTo(a.centroid.north - 4, 6);
    expect(model.devices[0]!.position.up).toBe(18);
  });

  it('centres local metres on the district centroid, so a vehicle there stands at the origin', () => {
    const { model } = mapDistrict(twin([building('A', 116.726, 39.908)]));
    expect(model.vehicles[0]!.position!.east).toBeCloseTo(0, 9);
    expect(model.vehicles[0]!.position!.north).toBeCloseTo(0, 9);
    expect(model.vehicles[1]!.position).toBeNull();
  });

  it('draws the other buildings when one footprint is broken', () => {
    const { model } = mapDistrict(
      twin([
        building('A', 116.726, 39.908),
        building('B', 116.728, 39.91, { type: 'Point', coordinates: [116, 39] }),
      ]),
    );
    expect(model.buildings.map((b) => b.id)).toEqual(['A']);
  });
});
