import { Matrix4, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { VehicleLayer } from './vehicle-layer.ts';

function drawnAt(layer: VehicleLayer, index: number): Vector3 {
  const matrix = new Matrix4();
  layer.markers.mesh.getMatrixAt(index, matrix);
  return new Vector3().setFromMatrixPosition(matrix);
}

describe('vehicles moving with live positions', () => {
  const start = () => {
    const layer = new VehicleLayer();
    layer.setVehicles([
      { id: 'v1', east: 0, north: 0, color: 0xffffff },
      { id: 'v2', east: 50, north: 50, color: 0xffffff },
    ]);
    return layer;
  };

  it('glides between fixes instead of jumping, and stops on the new position', () => {
    const layer = start();
    layer.moveTo('v1', 100, 0, 1000);
    layer.step(1000);
    expect(drawnAt(layer, 0).x).toBeCloseTo(0);
    expect(layer.step(1500)).toBe(true);
    const halfway = drawnAt(layer, 0).x;
    expect(halfway).toBeGreaterThan(10);
    expect(halfway).toBeLessThan(90);
    expect(layer.step(2000)).toBe(false);
    expect(drawnAt(layer, 0).x).toBeCloseTo(100);
  });

  it('starts the next glide from where the marker is drawn, so a fix mid-glide does not snap', () => {
    const layer = start();
    layer.moveTo('v1', 100, 0, 0);
    layer.step(500);
    const before = drawnAt(layer, 0).x;
    layer.moveTo('v1', 100, 100, 500);
    layer.step(500);
    expect(drawnAt(layer, 0).x).toBeCloseTo(before);
    // North is −z in the scene; the glide now heads there.
    layer.step(5000);
    expect(drawnAt(layer, 0).z).toBeCloseTo(-100);
  });

  it('paces glides by the gap between fixes, so a car reporting every 5 s moves all the time', () => {
    const layer = start();
    layer.moveTo('v2', 60, 50, 0);
    layer.moveTo('v2', 70, 50, 5000);
    layer.step(7500);
    const x = drawnAt(layer, 1).x;
    expect(x).toBeGreaterThan(60);
    expect(x).toBeLessThan(70);
  });

  it('ignores fixes of vehicles it does not draw', () => {
    const layer = start();
    expect(layer.moveTo('unknown', 1, 1, 0)).toBe(false);
    expect(layer.markers.count).toBe(2);
  });
});
