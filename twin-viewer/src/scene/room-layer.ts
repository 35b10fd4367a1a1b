import { BoxGeometry, Matrix4, MeshLambertMaterial, Quaternion, Vector3 } from 'three';
import type { BuildingModel, RoomModel } from '../model/district-model.ts';
import { MarkerLayer } from './marker-layer.ts';
import { roomCategoryColor, roomStatusColor } from './palette.ts';

export type RoomColouring = 'category' | 'idle';

/** Vertical spread of an opened building: each floor drawn this many floor-heights above the one below. */
export const EXPLODE = 2.2;
const matrix = new Matrix4();
const position = new Vector3();
const size = new Vector3();
const noRotation = new Quaternion();

/**
 * A building opened into floors: its rooms as boxes (one InstancedMesh), floor above floor with air
 * between, laid out in a grid over the footprint's bounding box. The office-space system knows rooms by
 * number, area and floor but not by shape, so the grid shows composition, not architecture.
 */
export class RoomLayer {
  readonly markers = new MarkerLayer(new BoxGeometry(1, 1, 1), new MeshLambertMaterial(), 128);
  private rooms: RoomModel[] = [];

  open(building: BuildingModel, rooms: RoomModel[], colouring: RoomColouring): void {
    this.rooms = rooms;
    this.markers.count = rooms.length;
    const floorHeight = building.height / Math.max(1, building.floorsAbove);
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
    const byFloor = new Map<number, number[]>();
    rooms.forEach((room, i) => byFloor.set(room.floorLevel, [...(byFloor.get(room.floorLevel) ?? []), i]));
    for (const [level, indices] of byFloor) {
      const aspect = (maxE - minE) / Math.max(1, maxN - minN);
      const cols = Math.max(1, Math.ceil(Math.sqrt(indices.length * aspect)));
      const rows = Math.ceil(indices.length / cols);
      const cellE = (maxE - minE) / cols;
      const cellN = (maxN - minN) / rows;
      const base = (level > 0 ? level - 1 : level) * floorHeight * EXPLODE;
      indices.forEach((roomIndex, k) => {
        const col = k % cols;
        const row = Math.floor(k / cols);
        position.set(minE + (col + 0.5) * cellE, base + floorHeight * 0.4, -(minN + (row + 0.5) * cellN));
        size.set(cellE * 0.88, floorHeight * 0.8, cellN * 0.88);
        this.markers.mesh.setMatrixAt(roomIndex, matrix.compose(position, noRotation, size));
      });
    }
    this.colour(colouring);
  }

  colour(colouring: RoomColouring): void {
    this.rooms.forEach((room, i) => {
      const palette = colouring === 'idle' ? roomStatusColor[room.status] : roomCategoryColor[room.category];
      this.markers.setColorAt(i, palette ?? 0x8d99ae);
    });
    this.markers.commit();
  }

  roomAt(index: number): RoomModel | undefined {
    return this.rooms[index];
  }

  close(): void {
    this.rooms = [];
    this.markers.count = 0;
  }

  dispose(): void {
    this.markers.dispose();
  }
}
