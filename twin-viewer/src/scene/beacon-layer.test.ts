import { Color, Matrix4, Quaternion, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { BeaconLayer } from './beacon-layer.ts';
import { severityColor } from './palette.ts';

function scaleOf(layer: BeaconLayer, index: number): number {
  const matrix = new Matrix4();
  const scale = new Vector3();
  layer.markers.mesh.getMatrixAt(index, matrix);
  matrix.decompose(new Vector3(), new Quaternion(), scale);
  return scale.x;
}

describe('alert beacons', () => {
  const beacons = [
    { alertId: 'a1', severity: 'CRITICAL' as const, x: 0, y: 40, z: 0 },
    { alertId: 'a2', severity: 'INFO' as const, x: 50, y: 20, z: -30 },
  ];

  it('hang one per alert, coloured by severity, and tell which alert was picked', () => {
    const layer = new BeaconLayer();
    layer.setBeacons(beacons);
    expect(layer.count).toBe(2);
    const colour = new Color();
    beacons.forEach((beacon, i) => {
      layer.markers.mesh.getColorAt(i, colour);
      expect(colour.getHex()).toBe(severityColor[beacon.severity]);
    });
    expect(layer.beaconAt(1)?.alertId).toBe('a2');
  });

  it('pulse faster the more severe the alert', () => {
    const layer = new BeaconLayer();
    layer.setBeacons(beacons);
    const swings = [0, 0];
    const last = [1, 1];
    // Four seconds at 100 samples a second: count how often each beacon's size crosses its rest size.
    for (let ms = 5; ms <= 4000; ms += 10) {
      expect(layer.step(ms)).toBe(true);
      for (const i of [0, 1]) {
        const above = scaleOf(layer, i) > 1;
        if (above !== (last[i] as number) > 1) swings[i] = (swings[i] as number) + 1;
        last[i] = scaleOf(layer, i);
      }
    }
    expect(swings[0]).toBeGreaterThan(2 * (swings[1] as number));
    expect(swings[1]).toBeGreaterThan(0);
  });

  it('stop animating once no alert is open', () => {
    const layer = new BeaconLayer();
    layer.setBeacons([]);
    expect(layer.step(1000)).toBe(false);
  });
});
