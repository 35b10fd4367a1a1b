import type { LocalPoint, LocalProjection } from './projection.ts';

/** One polygon of a footprint in local metres: an outer ring and its holes, rings not closed (no repeated first point). */
export interface LocalPolygon {
  outer: LocalPoint[];
  holes: LocalPoint[][];
}

type Position = readonly number[];

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && value.length >= 2 && Number.isFinite(value[0]) && Number.isFinite(value[1]);
}

function ringToLocal(ring: unknown, projection: LocalProjection): LocalPoint[] {
  if (!Array.isArray(ring) || !ring.every(isPosition)) {
    throw new TypeError('a footprint ring must be an array of [lon, lat] positions');
  }
  const points = ring.map(([lon, lat]) => projection.toLocal(lon as number, lat as number));
  // GeoJSON closes rings by repeating the first position (RFC 7946 §3.1.6); triangulation wants it once.
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length > 1 && first && last && first.east === last.east && first.north === last.north)
    points.pop();
  if (points.length < 3)
    throw new RangeError(`a footprint ring needs at least 3 distinct positions; got ${points.length}`);
  return points;
}

function polygonToLocal(rings: unknown, projection: LocalProjection): LocalPolygon {
  if (!Array.isArray(rings) || rings.length === 0)
    throw new TypeError('a footprint polygon needs an outer ring');
  const [outer, ...holes] = rings.map((ring) => ringToLocal(ring, projection));
  return { outer: outer as LocalPoint[], holes };
}

/** A GeoJSON Polygon or MultiPolygon in WGS-84 (as stored in `Building.footprint`) projected to local metres. */
export function footprintToLocal(geojson: unknown, projection: LocalProjection): LocalPolygon[] {
  const geometry = geojson as { type?: unknown; coordinates?: unknown } | null;
  if (geometry?.type === 'Polygon') return [polygonToLocal(geometry.coordinates, projection)];
  if (geometry?.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)) {
    return geometry.coordinates.map((polygon) => polygonToLocal(polygon, projection));
  }
  throw new TypeError(
    `a footprint must be a GeoJSON Polygon or MultiPolygon; got ${JSON.stringify(geometry?.type)}`,
  );
}

/** Signed area by the shoelace formula, positive when counter-clockwise (east→north). */
export function ringArea(ring: readonly LocalPoint[]): number {
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as LocalPoint;
    const b = ring[(i + 1) % ring.length] as LocalPoint;
    twice += a.east * b.north - b.east * a.north;
  }
  return twice / 2;
}

export function polygonArea(polygon: LocalPolygon): number {
  return (
    Math.abs(ringArea(polygon.outer)) - polygon.holes.reduce((sum, hole) => sum + Math.abs(ringArea(hole)), 0)
  );
}
