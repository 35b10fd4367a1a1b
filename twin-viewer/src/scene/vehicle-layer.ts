import { BoxGeometry, MeshLambertMaterial } from 'three';
import { MarkerLayer } from './marker-layer.ts';

const VEHICLE_Y = 1.2;
/** Glide time when only one fix is known; later glides last as long as the gap between fixes (capped). */
const DEFAULT_GLIDE_MS = 1000;
const MAX_GLIDE_MS = 10_000;
/** Scratch result of `positionAt`, so the frame step allocates nothing. */
const drawn = { x: 0, z: 0 };

/**
 * Vehicles as one InstancedMesh. Each live fix starts a glide from where the marker is drawn now to the
 * new position, lasting as long as the last gap between fixes, so a car moves smoothly between updates
 * instead of jumping. State lives in preallocated typed arrays: the frame step allocates nothing.
 */
export class VehicleLayer {
  readonly markers = new MarkerLayer(new BoxGeometry(4.5, 2.4, 4.5), new MeshLambertMaterial(), 64);
  private readonly indexById = new Map<string, number>();
  private ids: string[] = [];
  private state = new Float64Array(0);
  private moving = 0;

  /** Per vehicle: x0, z0, x1, z1, t0, t1, lastFixAt. */
  private static readonly STRIDE = 7;

  setVehicles(vehicles: readonly { id: string; east: number; north: number; color: number }[]): void {
    this.ids = vehicles.map((v) => v.id);
    this.indexById.clear();
    this.state = new Float64Array(vehicles.length * VehicleLayer.STRIDE);
    this.markers.count = vehicles.length;
    vehicles.forEach((vehicle, i) => {
      this.indexById.set(vehicle.id, i);
      const s = i * VehicleLayer.STRIDE;
      this.state.set([vehicle.east, -vehicle.north, vehicle.east, -vehicle.north, 0, 0, -1], s);
      this.markers.setAt(i, vehicle.east, VEHICLE_Y, -vehicle.north);
      this.markers.setColorAt(i, vehicle.color);
    });
    this.markers.commit();
  }

  idAt(index: number): string | undefined {
    return this.ids[index];
  }

  indexOf(id: string): number {
    return this.indexById.get(id) ?? -1;
  }

  /** Starts a glide to a new fix; returns false for a vehicle this layer does not know. */
  moveTo(id: string, east: number, north: number, now: number): boolean {
    const i = this.indexById.get(id);
    if (i === undefined) return false;
    const s = i * VehicleLayer.STRIDE;
    const st = this.state;
    const { x, z } = this.positionAt(i, now);
    const last = st[s + 6] as number;
    const glide = last < 0 ? DEFAULT_GLIDE_MS : Math.min(MAX_GLIDE_MS, Math.max(200, now - last));
    st[s] = x;
    st[s + 1] = z;
    st[s + 2] = east;
    st[s + 3] = -north;
    st[s + 4] = now;
    st[s + 5] = now + glide;
    st[s + 6] = now;
    this.moving = Math.max(this.moving, now + glide);
    return true;
  }

  private progress(i: number, now: number): number {
    const s = i * VehicleLayer.STRIDE;
    const t0 = this.state[s + 4] as number;
    const t1 = this.state[s + 5] as number;
    return t1 <= t0 ? 1 : Math.min(1, Math.max(0, (now - t0) / (t1 - t0)));
  }

  /** Frame step: places every vehicle on its glide; true while any glide is still running. */
  readonly step = (now: number): boolean => {
    for (let i = 0; i < this.ids.length; i++) {
      const { x, z } = this.positionAt(i, now);
      this.markers.setAt(i, x, VEHICLE_Y, z);
    }
    this.markers.commit();
    return now < this.moving;
  };

  /** Where vehicle i is drawn at `now`, in scene x/z; the returned object is reused by the next call. */
  positionAt(index: number, now: number): { x: number; z: number } {
    const s = index * VehicleLayer.STRIDE;
    const t = this.progress(index, now);
    const st = this.state;
    drawn.x = (st[s] as number) + ((st[s + 2] as number) - (st[s] as number)) * t;
    drawn.z = (st[s + 1] as number) + ((st[s + 3] as number) - (st[s + 1] as number)) * t;
    return drawn;
  }

  dispose(): void {
    this.markers.dispose();
  }
}
