import { OctahedronGeometry, MeshLambertMaterial, Vector3 } from 'three';
import type {
  AlertModel,
  BuildingModel,
  DeviceModel,
  DistrictModel,
  RoomModel,
} from '../model/district-model.ts';
import { BeaconLayer } from './beacon-layer.ts';
import type { Beacon } from './beacon-layer.ts';
import { BuildingLayer } from './building-layer.ts';
import { flyTo } from './camera-flight.ts';
import { createGroundLayer } from './ground-layer.ts';
import { LabelLayer } from './label-layer.ts';
import { MarkerLayer } from './marker-layer.ts';
import { buildingStateColor, deviceColor, heatColor, severityRank, stateForSeverity } from './palette.ts';
import { EXPLODE, RoomLayer } from './room-layer.ts';
import type { RoomColouring } from './room-layer.ts';
import { TwinScene } from './twin-scene.ts';
import { VehicleLayer } from './vehicle-layer.ts';

export type LayerName = 'alerts' | 'devices' | 'vehicles' | 'energy' | 'idle';
export type Picked = { kind: 'building' | 'device' | 'vehicle' | 'alert' | 'room'; id: string } | null;

const target = new Vector3();

/**
 * The district twin as the app sees it: load a model, feed it alerts and vehicle fixes, switch layers,
 * pick what is under the pointer, fly to things. Everything three.js stays behind this class.
 */
export class TwinView {
  readonly twin: TwinScene;
  private readonly labels: LabelLayer;
  private buildings: BuildingLayer | null = null;
  private ground: ReturnType<typeof createGroundLayer> | null = null;
  private readonly devices = new MarkerLayer(new OctahedronGeometry(2.2), new MeshLambertMaterial(), 256);
  readonly vehicles = new VehicleLayer();
  private readonly beacons = new BeaconLayer();
  private readonly rooms = new RoomLayer();
  private district: DistrictModel | null = null;
  private buildingIndex = new Map<string, number>();
  private deviceIds: string[] = [];
  private deviceById = new Map<string, DeviceModel>();
  private alerts: AlertModel[] = [];
  private shading: { mode: 'state' | 'energy' | 'idle'; values: Map<string, number> } = {
    mode: 'state',
    values: new Map(),
  };
  private openedBuilding = -1;

  constructor(canvas: HTMLCanvasElement, overlay: HTMLElement) {
    this.twin = new TwinScene(canvas);
    this.labels = new LabelLayer(overlay);
    this.twin.scene.add(
      this.devices.mesh,
      this.vehicles.markers.mesh,
      this.beacons.markers.mesh,
      this.rooms.markers.mesh,
    );
    this.twin.onRendered = () =>
      this.labels.update(
        this.twin.camera,
        this.twin.canvas.clientWidth,
        this.twin.canvas.clientHeight,
        this.readableDistance(),
      );
  }

  private readableDistance(): number {
    return this.twin.camera.position.distanceTo(this.twin.controls.target) * 1.8;
  }

  load(district: DistrictModel): void {
    this.buildings?.dispose();
    this.ground?.dispose();
    this.district = district;
    this.buildings = new BuildingLayer(district.buildings);
    this.buildingIndex = new Map(district.buildings.map((b, i) => [b.id, i]));
    const extent = Math.max(
      300,
      ...district.buildings.map((b) => Math.hypot(b.centroid.east, b.centroid.north) + 200),
    );
    this.ground = createGroundLayer(district.outline, extent);
    this.twin.scene.add(this.ground.group, this.buildings.group);
    this.labels.setLabels(
      district.buildings.map((b) => ({
        text: b.name,
        code: b.code,
        x: b.centroid.east,
        y: b.height,
        z: -b.centroid.north,
      })),
    );
    this.setDevices(district.devices);
    this.vehicles.setVehicles(
      district.vehicles.flatMap((v) =>
        v.position ? [{ id: v.id, ...v.position, color: v.energyType === 'ICE' ? 0xe9ecef : 0x52b788 }] : [],
      ),
    );
    this.setAlerts(district.alerts);
    this.twin.camera.position.set(0, extent * 0.9, extent * 1.3);
    this.twin.controls.target.set(0, 0, 0);
    this.twin.camera.far = extent * 10;
    this.twin.camera.updateProjectionMatrix();
    this.twin.animate(this.vehicles.step, { ambient: true });
  }

  private setDevices(devices: readonly DeviceModel[]): void {
    this.deviceIds = devices.map((d) => d.id);
    this.deviceById = new Map(devices.map((d) => [d.id, d]));
    this.devices.count = devices.length;
    devices.forEach((device, i) => {
      this.devices.setAt(i, device.position.east, device.position.up + 1.5, -device.position.north);
      this.devices.setColorAt(i, deviceColor(device.type));
    });
    this.devices.commit();
  }

  /** Open alerts drive building colours and beacons; resolved ones drop out. */
  setAlerts(alerts: readonly AlertModel[]): void {
    this.alerts = alerts.filter((a) => a.status !== 'RESOLVED');
    const beacons: Beacon[] = [];
    for (const alert of this.alerts) {
      if (this.anchorOf(alert, target))
        beacons.push({ alertId: alert.id, severity: alert.severity, x: target.x, y: target.y, z: target.z });
    }
    this.beacons.setBeacons(beacons);
    this.paintBuildings();
    if (beacons.length > 0) this.twin.animate(this.beacons.step, { ambient: true });
    this.twin.invalidate();
  }

  /**
   * Where an alert's beacon hangs: over its device, clear of the device's building (a leak sensor on 1F
   * would otherwise light up inside the walls, unseen), else above its building's roof.
   */
  anchorOf(alert: AlertModel, out: Vector3): boolean {
    const device = alert.deviceId ? this.deviceById.get(alert.deviceId) : undefined;
    if (device) {
      const building = this.district?.buildings[this.buildingIndex.get(device.buildingId ?? '') ?? -1];
      const up = Math.max(device.position.up + 14, (building?.height ?? 0) + 16);
      out.set(device.position.east, up, -device.position.north);
      return true;
    }
    const index = alert.buildingId ? this.buildingIndex.get(alert.buildingId) : undefined;
    if (index === undefined || !this.buildings) return false;
    this.buildings.roofCentre(index, out).y += 16;
    return true;
  }

  setShading(mode: 'state' | 'energy' | 'idle', values: Map<string, number> = new Map()): void {
    this.shading = { mode, values };
    this.paintBuildings();
  }

  private paintBuildings(): void {
    const layer = this.buildings;
    if (!layer || !this.district) return;
    if (this.shading.mode === 'state') {
      const worst = new Map<string, number>();
      for (const alert of this.alerts) {
        if (!alert.buildingId) continue;
        worst.set(alert.buildingId, Math.min(worst.get(alert.buildingId) ?? 9, severityRank[alert.severity]));
      }
      this.district.buildings.forEach((b, i) => {
        const rank = worst.get(b.id);
        const state = rank === undefined ? 'normal' : stateForSeverity(rank <= 1 ? 'CRITICAL' : 'WARNING');
        layer.setColor(i, buildingStateColor[state]);
      });
    } else {
      const max = Math.max(1e-9, ...this.shading.values.values());
      this.district.buildings.forEach((b, i) =>
        layer.setColor(i, heatColor((this.shading.values.get(b.id) ?? 0) / max)),
      );
    }
    layer.commitColors();
    this.twin.invalidate();
  }

  setLayer(name: 'alerts' | 'devices' | 'vehicles', visible: boolean): void {
    const mesh = { alerts: this.beacons.markers, devices: this.devices, vehicles: this.vehicles.markers }[
      name
    ].mesh;
    mesh.visible = visible;
    if (name === 'alerts' && visible) this.twin.animate(this.beacons.step, { ambient: true });
    this.twin.invalidate();
  }

  moveVehicle(id: string, east: number, north: number): void {
    if (this.vehicles.moveTo(id, east, north, performance.now()))
      this.twin.animate(this.vehicles.step, { ambient: true });
  }

  openBuilding(id: string, rooms: RoomModel[], colouring: RoomColouring): void {
    const index = this.buildingIndex.get(id);
    const building = this.district?.buildings[index ?? -1];
    if (index === undefined || !building || !this.buildings) return;
    this.buildings.hide(index);
    this.openedBuilding = index;
    this.rooms.open(building, rooms, colouring);
    const explodedHeight = building.height * EXPLODE;
    target.set(building.centroid.east, explodedHeight / 2, -building.centroid.north);
    this.twin.animate(
      flyTo(
        this.twin.camera,
        this.twin.controls,
        target,
        Math.max(150, explodedHeight * 2.2),
        performance.now(),
      ),
    );
  }

  colourRooms(colouring: RoomColouring): void {
    this.rooms.colour(colouring);
    this.twin.invalidate();
  }

  closeBuilding(): void {
    this.buildings?.show();
    this.rooms.close();
    this.openedBuilding = -1;
    this.twin.invalidate();
  }

  get opened(): string | null {
    return this.district?.buildings[this.openedBuilding]?.id ?? null;
  }

  /** What lies under a client-space point: the nearest of beacons, vehicles, devices, rooms, buildings. */
  pickAt(clientX: number, clientY: number): Picked {
    const ray = this.twin.aim(clientX, clientY);
    const candidates: [Picked, { index: number; distance: number }][] = [];
    const beacon = this.beacons.markers.pick(ray);
    candidates.push([{ kind: 'alert', id: this.beacons.beaconAt(beacon.index)?.alertId ?? '' }, beacon]);
    const vehicle = this.vehicles.markers.pick(ray);
    candidates.push([{ kind: 'vehicle', id: this.vehicles.idAt(vehicle.index) ?? '' }, vehicle]);
    const device = this.devices.pick(ray);
    candidates.push([{ kind: 'device', id: this.deviceIds[device.index] ?? '' }, device]);
    const room = this.rooms.markers.pick(ray);
    candidates.push([{ kind: 'room', id: this.rooms.roomAt(room.index)?.id ?? '' }, room]);
    const building = this.buildings?.pick(ray) ?? { index: -1, distance: Infinity };
    candidates.push([{ kind: 'building', id: this.district?.buildings[building.index]?.id ?? '' }, building]);
    let best: Picked = null;
    let distance = Infinity;
    for (const [picked, hit] of candidates) {
      if (hit.index >= 0 && hit.distance < distance) {
        best = picked;
        distance = hit.distance;
      }
    }
    return best;
  }

  flyToBuilding(id: string): void {
    const index = this.buildingIndex.get(id);
    if (index === undefined || !this.buildings) return;
    const building = this.district?.buildings[index] as BuildingModel;
    this.buildings.roofCentre(index, target).y = building.height / 2;
    this.twin.animate(
      flyTo(
        this.twin.camera,
        this.twin.controls,
        target,
        Math.max(120, building.height * 3),
        performance.now(),
      ),
    );
  }

  flyToAlert(alert: AlertModel): void {
    if (!this.anchorOf(alert, target)) return;
    this.twin.animate(flyTo(this.twin.camera, this.twin.controls, target, 140, performance.now()));
  }

  flyToVehicle(id: string): void {
    const index = this.vehicles.indexOf(id);
    if (index < 0) return;
    const at = this.vehicles.positionAt(index, performance.now());
    this.twin.animate(
      flyTo(this.twin.camera, this.twin.controls, target.set(at.x, 0, at.z), 120, performance.now()),
    );
  }

  /** Client-space pixel of a building's mid-height centre (tests click it; search highlights it). */
  screenPointOf(buildingId: string): { x: number; y: number } | null {
    const index = this.buildingIndex.get(buildingId);
    const building = this.district?.buildings[index ?? -1];
    if (!building) return null;
    target
      .set(building.centroid.east, building.height / 2, -building.centroid.north)
      .project(this.twin.camera);
    const rect = this.twin.canvas.getBoundingClientRect();
    return {
      x: rect.left + ((target.x + 1) / 2) * rect.width,
      y: rect.top + ((1 - target.y) / 2) * rect.height,
    };
  }

  /** The colour a building is painted (alert state or heat shading), 0xRRGGBB; null for an unknown id. */
  buildingColourOf(buildingId: string): number | null {
    const index = this.buildingIndex.get(buildingId);
    return index === undefined || !this.buildings ? null : this.buildings.colorOf(index);
  }

  setLabelsVisible(visible: boolean): void {
    this.labels.setVisible(visible);
  }

  stats(): {
    buildings: number;
    devices: number;
    vehicles: number;
    beacons: number;
    /** Room boxes of the building opened into floors. */
    rooms: number;
    /** Of those, the boxes drawn where the source places the room (the rest are laid out on a grid). */
    placedRooms: number;
    shown: Record<'alerts' | 'devices' | 'vehicles', boolean>;
    shading: 'state' | 'energy' | 'idle';
    drawCalls: number;
    frames: number;
  } {
    return {
      buildings: this.buildings?.count ?? 0,
      devices: this.devices.count,
      vehicles: this.vehicles.markers.count,
      beacons: this.beacons.count,
      rooms: this.rooms.markers.count,
      placedRooms: this.rooms.placedCount,
      shown: {
        alerts: this.beacons.markers.mesh.visible,
        devices: this.devices.mesh.visible,
        vehicles: this.vehicles.markers.mesh.visible,
      },
      shading: this.shading.mode,
      drawCalls: this.twin.renderer.info.render.calls,
      frames: this.twin.frames,
    };
  }
}
