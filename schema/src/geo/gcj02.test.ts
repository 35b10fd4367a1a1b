import { describe, expect, it } from 'vitest';
import { distanceMetres, gcj02ToWgs84, wgs84ToGcj02 } from './gcj02.ts';

// Reference point from shared/design/DOMAIN.md: WGS (116.7270, 39.9090) → GCJ (116.7330603, 39.9102167).
describe('GCJ-02 ⇄ WGS-84', () => {
  it('matches the reference point forward, about 534 m of offset', () => {
    const g = wgs84ToGcj02(116.727, 39.909);
    expect(g.lon).toBeCloseTo(116.7330603, 6);
    expect(g.lat).toBeCloseTo(39.9102167, 6);
    expect(distanceMetres({ lon: 116.727, lat: 39.909 }, g)).toBeGreaterThan(500);
    expect(distanceMetres({ lon: 116.727, lat: 39.909 }, g)).toBeLessThan(560);
  });

  it('converts the reference GCJ-02 point back to WGS-84 to well under a metre', () => {
    const w = gcj02ToWgs84(116.7330603, 39.9102167);
    expect(distanceMetres(w, { lon: 116.727, lat: 39.909 })).toBeLessThan(0.05);
  });

  it('round-trips points across China to under a millimetre', () => {
    const points = [
      [116.397, 39.908], // Beijing
      [121.4737, 31.2304], // Shanghai
      [113.2644, 23.1291], // Guangzhou
      [87.6168, 43.8256], // Ürümqi
      [91.1409, 29.6456], // Lhasa
      [126.535, 45.8038], // Harbin
    ] as const;
    for (const [lon, lat] of points) {
      const g = wgs84ToGcj02(lon, lat);
      const back = gcj02ToWgs84(g.lon, g.lat);
      expect(distanceMetres(back, { lon, lat })).toBeLessThan(0.001);
      expect(Math.abs(back.lon - lon)).toBeLessThan(1e-8);
    }
  });

  it('leaves points outside China unchanged', () => {
    expect(wgs84ToGcj02(2.35, 48.85)).toEqual({ lon: 2.35, lat: 48.85 });
    expect(gcj02ToWgs84(-74, 40.7)).toEqual({ lon: -74, lat: 40.7 });
  });
});
