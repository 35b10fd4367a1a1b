import { Group, LineBasicMaterial, LineSegments, Mesh, MeshLambertMaterial } from 'three';
import type { Raycaster, Vector3 } from 'three';
import type { BuildingModel } from '../model/district-model.ts';
import { buildingAtVertex, extrudeBuildings } from './extrude-buildings.ts';

const hits: { faceIndex?: number | null; distance: number }[] = [];

/** Every building of the district: one mesh, one line set (floor slabs), per-building vertex colours. */
export class BuildingLayer {
  readonly group = new Group();
  private readonly mesh: Mesh;
  private readonly lines: LineSegments;
  private readonly vertexStart: Int32Array;
  private readonly colors: Uint8Array;
  private readonly positions: Float32Array;

  constructor(readonly buildings: readonly BuildingModel[]) {
    const extrusion = extrudeBuildings(buildings);
    this.vertexStart = extrusion.vertexStart;
    this.colors = extrusion.mesh.getAttribute('color').array as Uint8Array;
    this.positions = extrusion.mesh.getAttribute('position').array as Float32Array;
    this.mesh = new Mesh(
      extrusion.mesh,
      new MeshLambertMaterial({
        vertexColors: true,
        polygonOffset: true,
        polygonOffsetFactor: 1,
        polygonOffsetUnits: 1,
      }),
    );
    this.mesh.name = 'buildings';
    this.lines = new LineSegments(
      extrusion.floorLines,
      new LineBasicMaterial({ color: 0x3a4a5c, transparent: true, opacity: 0.55 }),
    );
    this.lines.name = 'floor-lines';
    this.group.add(this.mesh, this.lines);
  }

  get count(): number {
    return this.buildings.length;
  }

  /** Paints building i; colours are 0xRRGGBB. Call `commitColors()` after a batch. */
  setColor(index: number, color: number): void {
    const r = (color >> 16) & 0xff;
    const g = (color >> 8) & 0xff;
    const b = color & 0xff;
    const end = (this.vertexStart[index + 1] as number) * 3;
    for (let i = (this.vertexStart[index] as number) * 3; i < end; i += 3) {
      this.colors[i] = r;
      this.colors[i + 1] = g;
      this.colors[i + 2] = b;
    }
  }

  /** The colour building i is painted (0xRRGGBB): its first vertex's, as all of its vertices share it. */
  colorOf(index: number): number {
    const i = (this.vertexStart[index] as number) * 3;
    return (
      ((this.colors[i] as number) << 16) |
      ((this.colors[i + 1] as number) << 8) |
      (this.colors[i + 2] as number)
    );
  }

  commitColors(): void {
    this.mesh.geometry.getAttribute('color').needsUpdate = true;
  }

  /**
   * Hides building i (while its floors are opened) by collapsing its triangles to a point: zero-area
   * triangles neither draw nor hit, and the district stays one mesh. Showing restores the saved positions.
   */
  hide(index: number): void {
    this.show();
    const from = (this.vertexStart[index] as number) * 3;
    const to = (this.vertexStart[index + 1] as number) * 3;
    this.hidden = { index, saved: this.positions.slice(from, to) };
    this.positions.fill(0, from, to);
    this.mesh.geometry.getAttribute('position').needsUpdate = true;
  }

  show(): void {
    if (!this.hidden) return;
    this.positions.set(this.hidden.saved, (this.vertexStart[this.hidden.index] as number) * 3);
    this.hidden = null;
    this.mesh.geometry.getAttribute('position').needsUpdate = true;
  }

  private hidden: { index: number; saved: Float32Array } | null = null;

  pick(raycaster: Raycaster): { index: number; distance: number } {
    hits.length = 0;
    this.mesh.raycast(raycaster, hits as never);
    let index = -1;
    let distance = Infinity;
    for (const hit of hits) {
      const building = buildingAtVertex(this.vertexStart, (hit.faceIndex ?? -1) * 3);
      if (hit.distance < distance && building >= 0) {
        index = building;
        distance = hit.distance;
      }
    }
    return { index, distance };
  }

  /** Scene position of building i's roof centre, written into `out` (labels, beacons, camera flights). */
  roofCentre(index: number, out: Vector3): Vector3 {
    const building = this.buildings[index] as BuildingModel;
    return out.set(building.centroid.east, building.height, -building.centroid.north);
  }

  dispose(): void {
    this.group.removeFromParent();
    this.mesh.geometry.dispose();
    (this.mesh.material as MeshLambertMaterial).dispose();
    this.lines.geometry.dispose();
    (this.lines.material as LineBasicMaterial).dispose();
  }
}
