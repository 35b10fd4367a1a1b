import { Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { footprintToLocal, polygonArea } from '../geo/footprint.ts';
import { createLocalProjection } from '../geo/projection.ts';
import { buildingAtVertex, extrudeBuildings, floorElevations } from './extrude-buildings.ts';

const projection = createLocalProjection({ lon: 116.727, lat: 39.909 });

/** A GeoJSON rectangle in WGS-84 (closed ring, as stored), optionally with a courtyard hole. */
function rectangle(lon: number, lat: number, dLon: number, dLat: number, hole = false): unknown {
  const ring = (x: number, y: number, w: number, h: number) => [
    [x, y],
    [x + w, y],
    [x + w, y + h],
    [x, y + h],
    [x, y],
  ];
  const coordinates = [ring(lon, lat, dLon, dLat)];
  if (hole) coordinates.push(ring(lon + dLon / 4, lat + dLat / 4, dLon / 2, dLat / 2).reverse());
  return { type: 'Polygon', coordinates };
}

function roofArea(positions: ArrayLike<number>, from: number, to: number, height: number): number {
  // Sum the triangles lying flat at roof height: the cap ExtrudeGeometry triangulated from the footprint.
  const a = new Vector3();
  const b = new Vector3();
  const c = new Vector3();
  let area = 0;
  for (let v = from; v < to; v += 3) {
    a.fromArray(positions as number[], v * 3);
    b.fromArray(positions as number[], v * 3 + 3);
    c.fromArray(positions as number[], v * 3 + 6);
    if ([a, b, c].every((p) => Math.abs(p.y - height) < 1e-3)) area += b.sub(a).cross(c.sub(a)).length() / 2;
  }
  return area;
}

describe('footprint extrusion', () => {
  const towers = [
    {
      footprint: footprintToLocal(rectangle(116.72, 39.905, 0.0008, 0.0005), projection),
      height: 45,
      floorsAbove: 12,
    },
    {
      footprint: footprintToLocal(rectangle(116.73, 39.91, 0.001, 0.0008, true), projection),
      height: 24,
      floorsAbove: 6,
    },
  ];
  const extrusion = extrudeBuildings(towers);
  const positions = extrusion.mesh.getAttribute('position').array;

  it('stands every building on the ground at its real height', () => {
    towers.forEach((tower, i) => {
      const ys: number[] = [];
      for (let v = extrusion.vertexStart[i] as number; v < (extrusion.vertexStart[i + 1] as number); v++) {
        ys.push(positions[v * 3 + 1] as number);
      }
      expect(Math.min(...ys)).toBeCloseTo(0, 3);
      expect(Math.max(...ys)).toBeCloseTo(tower.height, 3);
    });
  });

  it('covers the projected footprint: roof area equals the polygon area, courtyard left open', () => {
    towers.forEach((tower, i) => {
      const expected = tower.footprint.reduce((sum, polygon) => sum + polygonArea(polygon), 0);
      const area = roofArea(
        positions,
        extrusion.vertexStart[i] as number,
        extrusion.vertexStart[i + 1] as number,
        tower.height,
      );
      expect(area / expected).toBeCloseTo(1, 4);
    });
  });

  it('lays the footprint where the projection puts it (north is −z)', () => {
    const box = extrusion.mesh.boundingBox;
    const corners = [projection.toLocal(116.72, 39.905), projection.toLocal(116.731, 39.9108)];
    expect(box?.min.x).toBeCloseTo(corners[0]!.east, 2);
    expect(box?.max.x).toBeCloseTo(corners[1]!.east, 2);
    expect(box?.max.z).toBeCloseTo(-corners[0]!.north, 2);
    expect(box?.min.z).toBeCloseTo(-corners[1]!.north, 2);
  });

  it('draws one outline per floor slab, courtyards included', () => {
    // 12 floors × 4 edges, then 6 floors × (4 outer + 4 courtyard) edges; 2 vertices per edge.
    expect(extrusion.floorLines.getAttribute('position').count).toBe((12 * 4 + 6 * 8) * 2);
    expect(floorElevations(45, 12)).toHaveLength(12);
    expect(floorElevations(45, 12).at(-1)).toBe(45);
  });

  it('maps every vertex back to the building it belongs to, for picking', () => {
    const start1 = extrusion.vertexStart[1] as number;
    expect(buildingAtVertex(extrusion.vertexStart, 0)).toBe(0);
    expect(buildingAtVertex(extrusion.vertexStart, start1 - 1)).toBe(0);
    expect(buildingAtVertex(extrusion.vertexStart, start1)).toBe(1);
    expect(buildingAtVertex(extrusion.vertexStart, extrusion.vertexStart[2] as number)).toBe(-1);
  });

  it('rejects a footprint that is not a polygon, naming what it got', () => {
    expect(() => footprintToLocal({ type: 'Point', coordinates: [116, 39] }, projection)).toThrow(/"Point"/);
    expect(() =>
      footprintToLocal(
        {
          type: 'Polygon',
          coordinates: [
            [
              [116, 39],
              [116.1, 39],
            ],
          ],
        },
        projection,
      ),
    ).toThrow(/at least 3/);
  });
});
