import { Color, Matrix4, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import type { BuildingModel, RoomModel } from '../model/district-model.ts';
import { roomCategoryColor, roomStatusColor } from './palette.ts';
import { RoomLayer } from './room-layer.ts';

const building: BuildingModel = {
  id: 'b1',
  code: 'FZX-01',
  name: '1号楼',
  footprint: [
    {
      outer: [
        { east: 0, north: 0 },
        { east: 60, north: 0 },
        { east: 60, north: 20 },
        { east: 0, north: 20 },
      ],
      holes: [],
    },
  ],
  centroid: { east: 30, north: 10 },
  height: 12,
  floorsAbove: 3,
  floorsBelow: 0,
  grossArea: 3600,
};

const room = (n: number, floorLevel: number, category: string, status: string): RoomModel => ({
  id: `r${n}`,
  number: `${floorLevel}0${n}`,
  name: null,
  category,
  status,
  usableArea: 20,
  floorLevel,
});

const rooms = [
  room(1, 1, 'OFFICE', 'IN_USE'),
  room(2, 1, 'SERVICE', 'IDLE'),
  room(3, 2, 'EQUIPMENT', 'RENOVATING'),
  room(4, 3, 'OFFICE', 'IDLE'),
];

function colourOf(layer: RoomLayer, index: number): number {
  const colour = new Color();
  layer.markers.mesh.getColorAt(index, colour);
  return colour.getHex();
}

function heightOf(layer: RoomLayer, index: number): number {
  const matrix = new Matrix4();
  layer.markers.mesh.getMatrixAt(index, matrix);
  return new Vector3().setFromMatrixPosition(matrix).y;
}

describe('a building opened into floors', () => {
  it('draws one box per room, floor above floor, inside the footprint', () => {
    const layer = new RoomLayer();
    layer.open(building, rooms, 'category');
    expect(layer.markers.count).toBe(4);
    expect(heightOf(layer, 0)).toBe(heightOf(layer, 1));
    expect(heightOf(layer, 2)).toBeGreaterThan(heightOf(layer, 0));
    expect(heightOf(layer, 3)).toBeGreaterThan(heightOf(layer, 2));
    expect(layer.roomAt(3)?.number).toBe('304');
  });

  it('colours rooms by category, then by idle status, on the same boxes', () => {
    const layer = new RoomLayer();
    layer.open(building, rooms, 'category');
    rooms.forEach((r, i) => expect(colourOf(layer, i)).toBe(roomCategoryColor[r.category]));
    layer.colour('idle');
    rooms.forEach((r, i) => expect(colourOf(layer, i)).toBe(roomStatusColor[r.status]));
    expect(colourOf(layer, 1)).toBe(colourOf(layer, 3));
  });

  it('draws nothing once closed', () => {
    const layer = new RoomLayer();
    layer.open(building, rooms, 'idle');
    layer.close();
    expect(layer.markers.count).toBe(0);
    expect(layer.roomAt(0)).toBeUndefined();
  });
});
