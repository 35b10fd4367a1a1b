import { ConeGeometry, MeshBasicMaterial } from 'three';
import type { Severity } from '../model/district-model.ts';
import { MarkerLayer } from './marker-layer.ts';
import { severityColor, severityPulseHz } from './palette.ts';

export interface Beacon {
  alertId: string;
  severity: Severity;
  x: number;
  y: number;
  z: number;
}

/**
 * Open alerts as beacons (inverted cones) hovering above their device or building, pulsing faster the
 * more severe they are. One InstancedMesh; the pulse rewrites matrices in place each frame.
 */
export class BeaconLayer {
  readonly markers: MarkerLayer;
  private beacons: Beacon[] = [];

  constructor() {
    // 18 m across and 24 m tall: readable from the opening view of a whole district on a wall screen.
    const cone = new ConeGeometry(9, 24, 12);
    cone.rotateX(Math.PI);
    this.markers = new MarkerLayer(cone, new MeshBasicMaterial({ transparent: true, opacity: 0.9 }), 32);
  }

  setBeacons(beacons: Beacon[]): void {
    this.beacons = beacons;
    this.markers.count = beacons.length;
    beacons.forEach((beacon, i) => {
      this.markers.setAt(i, beacon.x, beacon.y, beacon.z);
      this.markers.setColorAt(i, severityColor[beacon.severity]);
    });
    this.markers.commit();
  }

  get count(): number {
    return this.beacons.length;
  }

  beaconAt(index: number): Beacon | undefined {
    return this.beacons[index];
  }

  /** Frame step: scales each beacon by its severity's pulse; keeps running while any beacon is shown. */
  readonly step = (now: number): boolean => {
    const seconds = now / 1000;
    for (let i = 0; i < this.beacons.length; i++) {
      const beacon = this.beacons[i] as Beacon;
      const scale = 1 + 0.35 * Math.sin(seconds * Math.PI * 2 * severityPulseHz[beacon.severity]);
      this.markers.setAt(i, beacon.x, beacon.y + scale * 2, beacon.z, scale);
    }
    this.markers.commit();
    return this.beacons.length > 0 && this.markers.mesh.visible;
  };

  dispose(): void {
    this.markers.dispose();
  }
}
