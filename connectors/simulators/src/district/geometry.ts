/**
 * Local metres ⇄ WGS-84 around a point, by the equirectangular approximation: exact to centimetres over
 * a district of a few kilometres, which is all the generator needs.
 */
import type { LonLat } from './types.ts';

const METRES_PER_DEGREE = 111_320;

/** The point `east`, `north` metres from `origin`, rounded to 1e-7° (about 1 cm). */
export function offset(origin: LonLat, east: number, north: number): LonLat {
  const lat = origin[1] + north / METRES_PER_DEGREE;
  const lon = origin[0] + east / (METRES_PER_DEGREE * Math.cos((origin[1] * Math.PI) / 180));
  return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
}

/** Rotates building-local (u along the long axis, v across it) into east/north by `deg`. */
export function rotate(u: number, v: number, deg: number): [number, number] {
  const r = (deg * Math.PI) / 180;
  return [u * Math.cos(r) - v * Math.sin(r), u * Math.sin(r) + v * Math.cos(r)];
}

/** Closed counter-clockwise ring (GeoJSON right-hand rule) of a rotated rectangle. */
export function rectangleRing(centre: LonLat, length: number, depth: number, rotationDeg: number): LonLat[] {
  const corners: [number, number][] = [
    [-length / 2, -depth / 2],
    [length / 2, -depth / 2],
    [length / 2, depth / 2],
    [-length / 2, depth / 2],
  ];
  const ring = corners.map(([u, v]) => {
    const [e, n] = rotate(u, v, rotationDeg);
    return offset(centre, e, n);
  });
  ring.push(ring[0] as LonLat);
  return ring;
}
