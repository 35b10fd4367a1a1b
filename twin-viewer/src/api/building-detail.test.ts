import { describe, expect, it } from 'vitest';
import type { BuildingModel } from '../model/district-model.ts';
import { mapRoom } from './building-detail.ts';
import type { WireRoom } from './building-detail.ts';

const building: BuildingModel = {
  id: 'b1',
  code: 'FZX-A01',
  name: 'A区1号楼',
  footprint: [],
  centroid: { east: -140.5, north: 62.25 },
  height: 32,
  floorsAbove: 8,
  floorsBelow: 1,
  grossArea: 12000,
};

const wireRoom = (position: WireRoom['position']): WireRoom => ({
  id: 'r1',
  number: '512',
  name: '办公室',
  usableArea: 18.5,
  category: 'OFFICE',
  status: 'IN_USE',
  floor: { level: 5 },
  position,
  allocations: [],
});

describe("a building's rooms in the scene's frame", () => {
  it("places a room at its building's centroid plus the source's offset (east, north, up)", () => {
    const room = mapRoom(wireRoom({ x: -21.35, y: 4.8, z: 16.2 }), building);
    expect(room.position).toEqual({ east: -140.5 - 21.35, north: 62.25 + 4.8, up: 16.2 });
    expect(room).toMatchObject({ number: '512', floorLevel: 5 });
  });

  it('keeps a room the source does not place, without a position', () => {
    expect(mapRoom(wireRoom(null), building).position).toBeNull();
  });
});
