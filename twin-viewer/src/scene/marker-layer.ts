import {
  Color,
  DynamicDrawUsage,
  InstancedBufferAttribute,
  InstancedMesh,
  Matrix4,
  Quaternion,
  Vector3,
} from 'three';
import type { BufferGeometry, Material, Raycaster } from 'three';

const scratchMatrix = new Matrix4();
const scratchPosition = new Vector3();
const scratchScale = new Vector3();
const identityRotation = new Quaternion();
const scratchColor = new Color();
const hits: { instanceId?: number; distance: number }[] = [];

/**
 * Markers of one geometry and one material as a single InstancedMesh: one draw call however many
 * devices, vehicles or beacons there are. Capacity grows by doubling (the old mesh is disposed), so a
 * live feed that adds markers reallocates O(log n) times and steady state allocates nothing.
 */
export class MarkerLayer {
  mesh: InstancedMesh;
  private capacity: number;

  constructor(
    private readonly geometry: BufferGeometry,
    private readonly material: Material,
    initialCapacity = 64,
  ) {
    this.capacity = Math.max(1, initialCapacity);
    this.mesh = this.createMesh(this.capacity);
  }

  private createMesh(capacity: number): InstancedMesh {
    const mesh = new InstancedMesh(this.geometry, this.material, capacity);
    mesh.instanceMatrix.setUsage(DynamicDrawUsage);
    mesh.instanceColor = new InstancedBufferAttribute(new Float32Array(capacity * 3), 3);
    mesh.instanceColor.setUsage(DynamicDrawUsage);
    mesh.count = 0;
    // Instances move (vehicles, pulses); a stale bounding sphere would cull or mis-pick them.
    mesh.frustumCulled = false;
    return mesh;
  }

  /** Makes room for `count` instances; returns true when the mesh object was replaced (re-add it to the scene). */
  reserve(count: number): boolean {
    if (count <= this.capacity) return false;
    let capacity = this.capacity;
    while (capacity < count) capacity *= 2;
    const next = this.createMesh(capacity);
    next.instanceMatrix.array.set(this.mesh.instanceMatrix.array);
    next.instanceColor?.array.set(this.mesh.instanceColor?.array ?? []);
    next.count = this.mesh.count;
    next.visible = this.mesh.visible;
    const parent = this.mesh.parent;
    parent?.remove(this.mesh);
    parent?.add(next);
    this.mesh.dispose();
    this.mesh = next;
    this.capacity = capacity;
    return true;
  }

  set count(count: number) {
    this.reserve(count);
    this.mesh.count = count;
  }

  get count(): number {
    return this.mesh.count;
  }

  setAt(index: number, x: number, y: number, z: number, scale = 1): void {
    scratchPosition.set(x, y, z);
    scratchScale.setScalar(scale);
    scratchMatrix.compose(scratchPosition, identityRotation, scratchScale);
    this.mesh.setMatrixAt(index, scratchMatrix);
  }

  setColorAt(index: number, color: number): void {
    this.mesh.setColorAt(index, scratchColor.setHex(color));
  }

  /** Marks matrices and colours for upload; call once after a batch of `setAt`/`setColorAt`. */
  commit(): void {
    this.mesh.instanceMatrix.needsUpdate = true;
    if (this.mesh.instanceColor) this.mesh.instanceColor.needsUpdate = true;
  }

  /** The nearest instance under the ray, or −1; InstancedMesh raycasts each instance's own matrix. */
  pick(raycaster: Raycaster): { index: number; distance: number } {
    if (!this.mesh.visible || this.mesh.count === 0) return { index: -1, distance: Infinity };
    hits.length = 0;
    this.mesh.raycast(raycaster, hits as never);
    let best = -1;
    let distance = Infinity;
    for (const hit of hits) {
      if (hit.distance < distance && hit.instanceId !== undefined) {
        best = hit.instanceId;
        distance = hit.distance;
      }
    }
    return { index: best, distance };
  }

  dispose(): void {
    this.mesh.removeFromParent();
    this.mesh.dispose();
    this.geometry.dispose();
    this.material.dispose();
  }
}
