import { describe, expect, it } from 'vitest';
import { createLocalProjection } from './projection.ts';

// The Beijing sub-centre administrative district, where the demo district sits.
const origin = { lon: 116.727, lat: 39.909 };

describe('local projection around the district centroid', () => {
  const projection = createLocalProjection(origin);

  it('puts the centroid at the origin', () => {
    const p = projection.toLocal(origin.lon, origin.lat);
    expect(p.east).toBe(0);
    expect(p.north).toBe(0);
  });

  it('returns the same lon/lat after a round trip through local metres', () => {
    for (const [dLon, dLat] of [
      [0.01, 0.005],
      [-0.02, 0.013],
      [0.0001, -0.0203],
    ] as const) {
      const p = projection.toLocal(origin.lon + dLon, origin.lat + dLat);
      const back = projection.toLonLat(p.east, p.north);
      expect(back.lon).toBeCloseTo(origin.lon + dLon, 10);
      expect(back.lat).toBeCloseTo(origin.lat + dLat, 10);
    }
  });

  it('matches the WGS-84 length of a degree at 40°N (111,034.6 m north, 85,394.3 m east)', () => {
    // Reference lengths from the ellipsoid's radii of curvature at 40°, as tabulated for WGS-84.
    const at40 = createLocalProjection({ lon: 116, lat: 40 });
    expect(at40.toLocal(116, 40.01).north * 100).toBeCloseTo(111_034.6, 0);
    expect(at40.toLocal(116.01, 40).east * 100).toBeCloseTo(85_394.3, 0);
  });

  it('points east and north the right way', () => {
    expect(projection.toLocal(origin.lon + 0.001, origin.lat).east).toBeGreaterThan(0);
    expect(projection.toLocal(origin.lon, origin.lat + 0.001).north).toBeGreaterThan(0);
  });

  it('refuses an origin that is not a real place', () => {
    expect(() => createLocalProjection({ lon: Number.NaN, lat: 0 })).toThrow(/finite lon\/lat/);
    expect(() => createLocalProjection({ lon: 0, lat: 90 })).toThrow(/off the poles/);
  });
});
