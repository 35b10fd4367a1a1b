import { BufferAttribute, BufferGeometry, ExtrudeGeometry, Path, Shape, Vector2 } from 'three';
import type { LocalPolygon } from '../geo/footprint.ts';
import type { LocalPoint } from '../geo/projection.ts';

export interface ExtrusionInput {
  footprint: LocalPolygon[];
  height: number;
  floorsAbove: number;
}

/**
 * All buildings as ONE non-indexed mesh geometry (one draw call whatever the district size) plus one
 * line geometry of floor outlines. `vertexStart[i]..vertexStart[i+1]` are building i's vertices, so a
 * raycast's face index maps back to its building and recolouring touches only its range.
 * Scene axes: x east, y up, z south (three.js is right-handed with y up, so north is −z).
 */
export interface DistrictExtrusion {
  mesh: BufferGeometry;
  floorLines: BufferGeometry;
  vertexStart: Int32Array;
}

function toShape(polygon: LocalPolygon): Shape {
  // Shape space is (east, north); rotating the extrusion −90° about x sends (e, n, h) to (e, h, −n).
  const shape = new Shape(polygon.outer.map((p) => new Vector2(p.east, p.north)));
  shape.holes = polygon.holes.map((hole) => new Path(hole.map((p) => new Vector2(p.east, p.north))));
  return shape;
}

function extrudeOne(input: ExtrusionInput): BufferGeometry {
  const geometry = new ExtrudeGeometry(input.footprint.map(toShape), {
    depth: input.height,
    bevelEnabled: false,
  });
  geometry.rotateX(-Math.PI / 2);
  return geometry;
}

/** Elevations of the floor lines: every slab above ground, including the roof edge. */
export function floorElevations(height: number, floorsAbove: number): number[] {
  const floors = Math.max(1, Math.round(floorsAbove));
  return Array.from({ length: floors }, (_, i) => ((i + 1) * height) / floors);
}

function pushRing(out: number[], ring: readonly LocalPoint[], up: number): void {
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as LocalPoint;
    const b = ring[(i + 1) % ring.length] as LocalPoint;
    out.push(a.east, up, -a.north, b.east, up, -b.north);
  }
}

export function extrudeBuildings(buildings: readonly ExtrusionInput[]): DistrictExtrusion {
  const parts = buildings.map(extrudeOne);
  const vertexStart = new Int32Array(buildings.length + 1);
  parts.forEach((part, i) => {
    vertexStart[i + 1] = (vertexStart[i] as number) + part.getAttribute('position').count;
  });
  const total = vertexStart[buildings.length] as number;
  const position = new Float32Array(total * 3);
  const normal = new Float32Array(total * 3);
  parts.forEach((part, i) => {
    part.computeVertexNormals();
    const offset = (vertexStart[i] as number) * 3;
    position.set(part.getAttribute('position').array as Float32Array, offset);
    normal.set(part.getAttribute('normal').array as Float32Array, offset);
    part.dispose();
  });
  const mesh = new BufferGeometry();
  mesh.setAttribute('position', new BufferAttribute(position, 3));
  mesh.setAttribute('normal', new BufferAttribute(normal, 3));
  mesh.setAttribute('color', new BufferAttribute(new Uint8Array(total * 3).fill(255), 3, true));
  mesh.computeBoundingSphere();
  mesh.computeBoundingBox();

  const lines: number[] = [];
  for (const building of buildings) {
    for (const up of floorElevations(building.height, building.floorsAbove)) {
      for (const polygon of building.footprint) {
        pushRing(lines, polygon.outer, up);
        for (const hole of polygon.holes) pushRing(lines, hole, up);
      }
    }
  }
  const floorLines = new BufferGeometry();
  floorLines.setAttribute('position', new BufferAttribute(new Float32Array(lines), 3));
  return { mesh, floorLines, vertexStart };
}

/** The building whose vertex range holds `vertex` (binary search over `vertexStart`), or −1. */
export function buildingAtVertex(vertexStart: Int32Array, vertex: number): number {
  let lo = 0;
  let hi = vertexStart.length - 2;
  if (hi < 0 || vertex < 0 || vertex >= (vertexStart[hi + 1] as number)) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((vertexStart[mid] as number) <= vertex) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
