import { BoxGeometry, InstancedMesh, Matrix4, MeshLambertMaterial } from 'three';
import { mapDistrict } from '../src/api/map-district.ts';
import type { WireTwin } from '../src/api/map-district.ts';
import { TwinScene } from '../src/scene/twin-scene.ts';
import { TwinView } from '../src/scene/twin-view.ts';
import { renderAlertList } from '../src/ui/alert-list.ts';

export interface BenchResult {
  firstFrameMs: number;
  frameMs: number;
  drawCalls: number;
  instances: number;
}

const canvas = document.querySelector('#twin') as HTMLCanvasElement;
const overlay = document.querySelector('#overlay') as HTMLElement;

function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

/** The twin: fetch the district as the app would (JSON over HTTP), map it, draw it, then time frames. */
let view: TwinView | null = null;
let wire: WireTwin | null = null;

async function benchTwin(fixtureUrl: string, frames: number): Promise<BenchResult> {
  wire = (await (await fetch(fixtureUrl)).json()) as WireTwin;
  view = new TwinView(canvas, overlay);
  view.load(mapDistrict(wire).model);
  while (view.twin.frames === 0) await nextFrame();
  const firstFrameMs = performance.now();
  const frameMs = view.twin.measureFrames(frames);
  const stats = view.stats();
  return {
    firstFrameMs,
    frameMs,
    drawCalls: stats.drawCalls,
    instances: stats.buildings + stats.devices + stats.vehicles + stats.beacons,
  };
}

/**
 * The baseline: the same number of instances as one InstancedMesh of plain boxes over the same area,
 * one material, no lines, labels or animation. The twin should cost little more than this.
 */
async function benchBare(instances: number, extent: number, frames: number): Promise<BenchResult> {
  const twin = new TwinScene(canvas);
  const mesh = new InstancedMesh(
    new BoxGeometry(8, 8, 8),
    new MeshLambertMaterial({ color: 0xc5d0dc }),
    instances,
  );
  const matrix = new Matrix4();
  const side = Math.ceil(Math.sqrt(instances));
  for (let i = 0; i < instances; i++) {
    mesh.setMatrixAt(
      i,
      matrix.makeTranslation(
        ((i % side) / side - 0.5) * extent,
        4,
        (Math.floor(i / side) / side - 0.5) * extent,
      ),
    );
  }
  twin.scene.add(mesh);
  twin.camera.position.set(0, extent * 0.9, extent * 1.3);
  twin.controls.target.set(0, 0, 0);
  twin.camera.far = extent * 10;
  twin.camera.updateProjectionMatrix();
  twin.invalidate();
  while (twin.frames === 0) await nextFrame();
  const firstFrameMs = performance.now();
  const frameMs = twin.measureFrames(frames);
  return { firstFrameMs, frameMs, drawCalls: twin.renderer.info.render.calls, instances };
}

/**
 * A live feed as the hub sends it: every vehicle reports a new fix each second and alerts come and go
 * (beacons and the alert list redrawn, as the app does on each change), so the memory check sees the
 * steady state of a wall screen left running.
 */
function startLive(): void {
  const twin = view;
  const district = wire && mapDistrict(wire).model;
  if (!twin || !district) throw new Error('call benchTwin first');
  let tick = 0;
  setInterval(() => {
    tick += 1;
    for (const vehicle of district.vehicles) {
      if (vehicle.position)
        twin.moveVehicle(vehicle.id, vehicle.position.east + (tick % 20) * 3, vehicle.position.north);
    }
    const alerts = district.alerts.filter((_, i) => (i + tick) % 3 !== 0);
    twin.setAlerts(alerts);
    renderAlertList(
      alertList,
      alerts,
      (alert) => alert.kind,
      (alert) => twin.flyToAlert(alert),
    );
  }, 1000);
}
const alertList = document.querySelector('#alert-list') as HTMLElement;

function liveStats(): { frames: number; geometries: number; textures: number; domNodes: number } {
  if (!view) throw new Error('call benchTwin first');
  return {
    frames: view.twin.frames,
    ...view.twin.renderer.info.memory,
    domNodes: document.getElementsByTagName('*').length,
  };
}

Object.assign(window, { benchTwin, benchBare, startLive, liveStats });
