/**
 * WGS-84 ⇄ GCJ-02 ("Mars coordinates"), the datum of Chinese map stacks and many vehicle platforms.
 * The hub stores WGS-84 (ARCHITECTURE.md, "Coordinates are stored in WGS-84"); a source speaking GCJ-02
 * is converted here, at the connector.
 *
 * Forward transform: the published Krasovsky-ellipsoid formula (a = 6378245.0, ee = 0.00669342162296594323),
 * see shared/design/DOMAIN.md "Positions". There is no closed-form inverse: `gcj02ToWgs84` iterates
 * w ← w − (toGcj(w) − g), which converges in 3–5 steps to under 1e-9° (≈ 0.1 mm); the often-copied
 * one-step inverse is about 1 m off.
 */

const A = 6378245.0;
// 0.00669342162296594323 as published; the double nearest to it.
const EE = 0.006693421622965943;

export interface LonLat {
  lon: number;
  lat: number;
}

/** Whether the offset applies: GCJ-02 is defined only inside China's bounding box; outside it equals WGS-84. */
export function isInsideChina(lon: number, lat: number): boolean {
  return lon >= 73.66 && lon <= 135.05 && lat >= 3.86 && lat <= 53.55;
}

function transformLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function transformLng(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

/** WGS-84 → GCJ-02. Unchanged outside China. */
export function wgs84ToGcj02(lon: number, lat: number): LonLat {
  if (!isInsideChina(lon, lat)) return { lon, lat };
  const x = lon - 105.0;
  const y = lat - 35.0;
  const radLat = (lat / 180.0) * Math.PI;
  const sin = Math.sin(radLat);
  const magic = 1 - EE * sin * sin;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (transformLat(x, y) * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (transformLng(x, y) * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lon: lon + dLng, lat: lat + dLat };
}

/** Default stopping step of the inverse, in degrees (≈ 0.1 mm on the ground). */
export const GCJ02_INVERSE_TOLERANCE_DEG = 1e-9;

/**
 * GCJ-02 → WGS-84 by fixed-point iteration: starting from w = g, w ← w − (toGcj(w) − g) until the step
 * is below `tolerance` degrees (at most 30 steps; it converges in a handful because the offset varies
 * slowly, |∂offset/∂position| ≈ 1e-4). Unchanged outside China.
 */
export function gcj02ToWgs84(lon: number, lat: number, tolerance = GCJ02_INVERSE_TOLERANCE_DEG): LonLat {
  if (!isInsideChina(lon, lat)) return { lon, lat };
  let wLon = lon;
  let wLat = lat;
  for (let i = 0; i < 30; i += 1) {
    const g = wgs84ToGcj02(wLon, wLat);
    const dLon = g.lon - lon;
    const dLat = g.lat - lat;
    wLon -= dLon;
    wLat -= dLat;
    if (Math.abs(dLon) < tolerance && Math.abs(dLat) < tolerance) break;
  }
  return { lon: wLon, lat: wLat };
}

/** Great-circle distance in metres (haversine on a 6,371,008.8 m sphere): for checks and tests. */
export function distanceMetres(a: LonLat, b: LonLat): number {
  const R = 6371008.8;
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLon = (b.lon - a.lon) * toRad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}
