import { BoxGeometry, Matrix4, MeshLambertMaterial, Quaternion, Vector3 } from 'three';
import type { BuildingModel, RoomModel } from '../model/district-model.ts';
import { MarkerLayer } from './marker-layer.ts';
import { roomCategoryColor, roomStatusColor } from './palette.ts';

export type RoomColouring = 'category' | 'idle';

/** Vertical spread of an opened building: each floor drawn this many floor-heights above the one below. */
export const EXPLODE = 2.2;
/** Share of a room's cell its box fills, so neighbouring boxes read as separate rooms. */
const FILL = 0.88;
const matrix = new Matrix4();
const position = new Vector3();
const size = new Vector3();
const up = new Vector3(0, 1, 0);
const noRotation = new Quaternion();
const alongBuilding = new Quaternion();

/**
 * The direction of a footprint's longest edge, as an angle from east towards north: the axis rooms
 * line up along in a slab building.
 */
function mainAxis(building: BuildingModel): number {
  let longest = 0;
  let angle = 0;
  for (const { outer } of building.footprint) {
    outer.forEach((p, i) => {
      const q = outer[(i + 1) % outer.length] ?? p;
      const length = Math.hypot(q.east - p.east, q.north - p.north);
      if (length > longest) [longest, angle] = [length, Math.atan2(q.north - p.north, q.east - p.east)];
    });
  }
  return angle;
}

type RoomPlace = NonNullable<RoomModel['position']>;

function byFloor<T extends { level: number }>(rooms: T[]): Map<number, T[]> {
  const floors = new Map<number, T[]>();
  for (const room of rooms) {
    const floor = floors.get(room.level);
    if (floor) floor.push(room);
    else floors.set(room.level, [room]);
  }
  return floors;
}

/**
 * A building opened into floors: its rooms as boxes (one InstancedMesh), floor above floor with air
 * between. A room is drawn where the office-space system places it, as a square of its usable area
 * turned with the building (the source gives a room's middle and area, not its walls), shrunk where
 * its neighbours on the floor stand closer. Rooms the source does not place are laid out in a grid
 * over the footprint's bounding box, which shows composition, not architecture.
 */
export class RoomLayer {
  readonly markers = new MarkerLayer(new BoxGeometry(1, 1, 1), new MeshLambertMaterial(), 128);
  private rooms: RoomModel[] = [];
  private placed = 0;

  open(building: BuildingModel, rooms: RoomModel[], colouring: RoomColouring): void {
    this.rooms = rooms;
    this.markers.count = rooms.length;
    const floorHeight = building.height / Math.max(1, building.floorsAbove);
    const placed = rooms.flatMap((room, index) =>
      room.position ? [{ index, level: room.floorLevel, area: room.usableArea, at: room.position }] : [],
    );
    const unplaced = rooms.flatMap((room, index) =>
      room.position ? [] : [{ index, level: room.floorLevel }],
    );
    this.placed = placed.length;
    this.placeAsGiven(building, byFloor(placed), floorHeight);
    this.placeOnGrid(building, byFloor(unplaced), floorHeight);
    this.colour(colouring);
  }

  /** Each floor's placed rooms at their source position; O(n²) in a floor's rooms, a few dozen. */
  private placeAsGiven(
    building: BuildingModel,
    floors: Map<number, { index: number; area: number; at: RoomPlace }[]>,
    floorHeight: number,
  ): void {
    alongBuilding.setFromAxisAngle(up, mainAxis(building));
    for (const rooms of floors.values()) {
      for (const { index, area, at } of rooms) {
        let nearest = Infinity;
        for (const other of rooms)
          if (other.index !== index)
            nearest = Math.min(nearest, Math.hypot(other.at.east - at.east, other.at.north - at.north));
        const side = Math.min(Math.sqrt(area), nearest) * FILL;
        position.set(at.east, at.up * EXPLODE + floorHeight * 0.4, -at.north);
        size.set(side, floorHeight * 0.8, side);
        this.markers.mesh.setMatrixAt(index, matrix.compose(position, alongBuilding, size));
      }
    }
  }

  private placeOnGrid(
    building: BuildingModel,
    floors: Map<number, { index: number }[]>,
    floorHeight: number,
  ): void {
    let minE = Infinity;
    let maxE = -Infinity;
    let minN = Infinity;
    let maxN = -Infinity;
    for (const polygon of building.footprint) {
      for (const p of polygon.outer) {
        minE = Math.min(minE, p.east);
        maxE = Math.max(maxE, p.east);
        minN = Math.min(minN, p.north);
        maxN = Math.max(maxN, p.north);
      }
    }
    for (const [level, indices] of floors) {
      const aspect = (maxE - minE) / Math.max(1, maxN - minN);
      const cols = Math.max(1, Math.ceil(Math.sqrt(indices.length * aspect)));
      const rows = Math.ceil(indices.length / cols);
      const cellE = (maxE - minE) / cols;
      const cellN = (maxN - minN) / rows;
      const base = (level > 0 ? level - 1 : level) * floorHeight * EXPLODE;
      indices.forEach(({ index }, k) => {
        const col = k % cols;
        const row = Math.floor(k / cols);
        position.set(minE + (col + 0.5) * cellE, base + floorHeight * 0.4, -(minN + (row + 0.5) * cellN));
        size.set(cellE * FILL, floorHeight * 0.8, cellN * FILL);
        this.markers.mesh.setMatrixAt(index, matrix.compose(position, noRotation, size));
      });
    }
  }

  colour(colouring: RoomColouring): void {
    this.rooms.forEach((room, i) => {
      const palette = colouring === 'idle' ? roomStatusColor[room.status] : roomCategoryColor[room.category];
      this.markers.setColorAt(i, palette ?? 0x8d99ae);
    });
    this.markers.commit();
  }

  /** How many of the open building's rooms stand where the source places them. */
  get placedCount(): number {
    return this.placed;
  }

  roomAt(index: number): RoomModel | undefined {
    return this.rooms[index];
  }

  close(): void {
    this.rooms = [];
    this.placed = 0;
    this.markers.count = 0;
  }

  dispose(): void {
    this.markers.dispose();
  }
}
