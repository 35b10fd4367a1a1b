import { Color, Matrix4, Quaternion, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import type { BuildingModel, RoomModel } from '../model/district-model.ts';
import { roomCategoryColor, roomStatusColor } from './palette.ts';
import { EXPLODE, RoomLayer } from './room-layer.ts';

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
  position: null,
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

function boxOf(layer: RoomLayer, index: number): { centre: Vector3; size: Vector3; turn: Quaternion } {
  const matrix = new Matrix4();
  layer.markers.mesh.getMatrixAt(index, matrix);
  const box = { centre: new Vector3(), size: new Vector3(), turn: new Quaternion() };
  matrix.decompose(box.centre, box.turn, box.size);
  return box;
}

const heightOf = (layer: RoomLayer, index: number) => boxOf(layer, index).centre.y;

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

  it('draws a room where the source places it, turned with the building, and lays out the rest', () => {
    // 202 sits 21 m west and 4 m north of the centroid (30, 10) on floor 2, 4 m up; 203 is unplaced.
    const placed = { ...room(2, 2, 'OFFICE', 'IN_USE'), position: { east: 9, north: 14, up: 4 } };
    const unplaced = room(3, 2, 'OFFICE', 'IN_USE');
    const layer = new RoomLayer();
    layer.open(building, [placed, unplaced], 'category');
    expect(layer.placedCount).toBe(1);
    const box = boxOf(layer, 0);
    // Scene axes: x east, y up, z south (three.js), with floors spread EXPLODE times apart.
    expect(box.centre.x).toBeCloseTo(9);
    expect(box.centre.z).toBeCloseTo(-14);
    expect(box.centre.y).toBeCloseTo(4 * EXPLODE + (12 / 3) * 0.4);
    // A square of its 20 m² (it has no neighbour closer than that), less the gap between boxes.
    expect(box.size.x).toBeCloseTo(Math.sqrt(20) * 0.88);
    expect(box.size.z).toBeCloseTo(Math.sqrt(20) * 0.88);
    // The footprint runs east-west: no turn.
    expect(box.turn.angleTo(new Quaternion())).toBeCloseTo(0);
    // The unplaced room keeps the grid over the footprint (60 × 20 m from the origin), on its floor.
    const grid = boxOf(layer, 1).centre;
    expect(grid.x).toBeGreaterThan(0);
    expect(grid.x).toBeLessThan(60);
    expect(-grid.z).toBeGreaterThan(0);
    expect(-grid.z).toBeLessThan(20);
    expect(grid.y).toBeCloseTo(box.centre.y);
  });

  it('turns placed rooms with a building whose long side is not east-west', () => {
    const turned: BuildingModel = {
      ...building,
      footprint: [
        {
          // 60 × 20 m, long side running north-east (45°).
          outer: [
            { east: 0, north: 0 },
            { east: 42.43, north: 42.43 },
            { east: 28.28, north: 56.57 },
            { east: -14.14, north: 14.14 },
          ],
          holes: [],
        },
      ],
    };
    const layer = new RoomLayer();
    const place = (n: number, east: number, north: number) => ({
      ...room(n, 1, 'OFFICE', 'IN_USE'),
      position: { east, north, up: 0 },
    });
    layer.open(turned, [place(1, 10, 10), place(2, 12, 12)], 'category');
    const box = boxOf(layer, 0);
    expect(box.turn.angleTo(new Quaternion())).toBeCloseTo(Math.PI / 4);
    // Neighbours 2.83 m apart: the box shrinks to that, not to its 4.5 m square, so rooms do not overlap.
    expect(box.size.x).toBeCloseTo(Math.hypot(2, 2) * 0.88);
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
