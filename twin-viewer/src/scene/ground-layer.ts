import {
  BufferAttribute,
  BufferGeometry,
  Group,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshLambertMaterial,
  PlaneGeometry,
} from 'three';
import type { LocalPolygon } from '../geo/footprint.ts';
import type { LocalPoint } from '../geo/projection.ts';

/** The district ground (a plane a margin beyond everything drawn) and its boundary outline. */
export function createGroundLayer(
  outline: readonly LocalPolygon[],
  extent: number,
): { group: Group; dispose(): void } {
  const group = new Group();
  const ground = new Mesh(
    new PlaneGeometry(extent * 2, extent * 2),
    new MeshLambertMaterial({ color: 0x1b2733 }),
  );
  ground.rotateX(-Math.PI / 2);
  ground.position.y = -0.05;
  ground.name = 'ground';
  const edges: number[] = [];
  for (const polygon of outline) {
    const ring = polygon.outer;
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i] as LocalPoint;
      const b = ring[(i + 1) % ring.length] as LocalPoint;
      edges.push(a.east, 0.2, -a.north, b.east, 0.2, -b.north);
    }
  }
  const lineGeometry = new BufferGeometry();
  lineGeometry.setAttribute('position', new BufferAttribute(new Float32Array(edges), 3));
  const line = new LineSegments(lineGeometry, new LineBasicMaterial({ color: 0x4fd1c5 }));
  line.name = 'district-outline';
  group.add(ground, line);
  return {
    group,
    dispose() {
      group.removeFromParent();
      ground.geometry.dispose();
      (ground.material as MeshLambertMaterial).dispose();
      lineGeometry.dispose();
      (line.material as LineBasicMaterial).dispose();
    },
  };
}
