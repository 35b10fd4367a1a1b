/**
 * WGS-84 lon/lat ↔ local metres (east, north) on the plane tangent at an origin (the district centroid).
 *
 * A district spans a few kilometres, so an equirectangular projection scaled by the ellipsoid's radii of
 * curvature at the origin is accurate to centimetres there; a full ENU transform would buy nothing visible.
 * Radii: meridional M = a(1−e²)/(1−e² sin²φ)^{3/2}, prime vertical N = a/√(1−e² sin²φ)
 * (NGA.STND.0036, WGS-84 parameters a = 6378137 m, f = 1/298.257223563).
 */
const A = 6_378_137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const DEG = Math.PI / 180;

export interface LonLat {
  lon: number;
  lat: number;
}

export interface LocalPoint {
  /** Metres east of the origin. */
  east: number;
  /** Metres north of the origin. */
  north: number;
}

export interface LocalProjection {
  readonly origin: LonLat;
  toLocal(lon: number, lat: number): LocalPoint;
  toLonLat(east: number, north: number): LonLat;
}

export function createLocalProjection(origin: LonLat): LocalProjection {
  if (!Number.isFinite(origin.lon) || !Number.isFinite(origin.lat) || Math.abs(origin.lat) >= 90) {
    throw new RangeError(
      `projection origin must be a finite lon/lat off the poles; got ${origin.lon}, ${origin.lat}`,
    );
  }
  const phi = origin.lat * DEG;
  const w = 1 - E2 * Math.sin(phi) ** 2;
  const metresPerDegNorth = ((A * (1 - E2)) / (w * Math.sqrt(w))) * DEG;
  const metresPerDegEast = (A / Math.sqrt(w)) * Math.cos(phi) * DEG;
  return {
    origin: { lon: origin.lon, lat: origin.lat },
    toLocal: (lon, lat) => ({
      east: (lon - origin.lon) * metresPerDegEast,
      north: (lat - origin.lat) * metresPerDegNorth,
    }),
    toLonLat: (east, north) => ({
      lon: origin.lon + east / metresPerDegEast,
      lat: origin.lat + north / metresPerDegNorth,
    }),
  };
}
