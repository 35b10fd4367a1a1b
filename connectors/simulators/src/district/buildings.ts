/**
 * Buildings and floors: zones of six buildings (two rows of three) on a grid around the district's
 * centroid, each a rectangular slab of 6–16 storeys over one or two basement levels. Office-space
 * codes read `FZX-A01` (zone A, building 1); the logistics system numbers the same buildings 1号楼, 2号楼 …
 */
import { CITY } from './names.ts';
import { rectangleRing, offset } from './geometry.ts';
import { round, type Rng } from './prng.ts';
import { shareOf } from './space-knobs.ts';
import type { Building, Floor, LonLat } from './types.ts';

const ZONE_WIDTH_M = 340;
const ZONE_HEIGHT_M = 260;
const SLOT_OFFSETS: readonly [number, number][] = [
  [-105, 62],
  [0, 62],
  [105, 62],
  [-105, -62],
  [0, -62],
  [105, -62],
];

/** A, B, … Z, AA, AB, … */
export function zoneLetters(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

export const GROUND_FLOOR_HEIGHT = 4.5;
export const UPPER_FLOOR_HEIGHT = 3.9;
export const BASEMENT_FLOOR_HEIGHT = 4.2;

export function floorName(level: number): string {
  return level < 0 ? `B${-level}` : `${level}F`;
}

export function floorElevation(level: number): number {
  if (level < 0) return round(level * BASEMENT_FLOOR_HEIGHT, 2);
  if (level === 1) return 0;
  return round(GROUND_FLOOR_HEIGHT + (level - 2) * UPPER_FLOOR_HEIGHT, 2);
}

export function generateBuildings(
  rng: Rng,
  count: number,
  centroid: LonLat,
  referenceMs: number,
): { buildings: Building[]; floors: Floor[] } {
  const zones = Math.ceil(count / SLOT_OFFSETS.length);
  const perRow = Math.ceil(Math.sqrt(zones));
  const rows = Math.ceil(zones / perRow);
  const districtRotation = 8;
  const buildings: Building[] = [];
  const floors: Floor[] = [];
  for (let index = 0; index < count; index++) {
    const zoneIndex = Math.floor(index / SLOT_OFFSETS.length);
    const slot = index % SLOT_OFFSETS.length;
    const zone = zoneLetters(zoneIndex);
    const zoneE = ((zoneIndex % perRow) - (perRow - 1) / 2) * ZONE_WIDTH_M;
    const zoneN = ((rows - 1) / 2 - Math.floor(zoneIndex / perRow)) * ZONE_HEIGHT_M;
    const [slotE, slotN] = SLOT_OFFSETS[slot] as [number, number];
    const centre = offset(centroid, zoneE + slotE + rng.float(-4, 4), zoneN + slotN + rng.float(-4, 4));
    const lengthM = round(rng.float(56, 84), 1);
    const depthM = round(rng.float(17, 22), 1);
    const rotationDeg = round(districtRotation + rng.float(-2, 2), 1);
    const floorsAbove = rng.int(6, 16);
    const floorsBelow = rng.chance(0.35) ? 2 : 1;
    const height = round(GROUND_FLOOR_HEIGHT + (floorsAbove - 1) * UPPER_FLOOR_HEIGHT + 1.5, 1);
    const yearBuilt = rng.int(2016, 2019);
    const number = index + 1;
    const inZone = slot + 1;
    buildings.push({
      index,
      code: `FZX-${zone}${String(inZone).padStart(2, '0')}`,
      number,
      name: `${zone}区${inZone}号楼`,
      zone,
      address: `${CITY}通州区行政办公区${zone}区${inZone}号楼`,
      footprint: rectangleRing(centre, lengthM, depthM, rotationDeg),
      centroid: centre,
      rotationDeg,
      lengthM,
      depthM,
      floorsAbove,
      floorsBelow,
      height,
      grossArea: round(lengthM * depthM * (floorsAbove + floorsBelow), 1),
      yearBuilt,
      ownership: 'REGISTERED',
      certificateNo: `京(${yearBuilt + 1})通州区不动产权第${String(rng.int(10000, 99999)).padStart(7, '0')}号`,
      hasPv: rng.chance(0.6),
      elevators: 2 + Math.floor(floorsAbove / 5),
      updatedAt: referenceMs - rng.int(30, 900) * 86_400_000 - rng.int(0, 86_399) * 1000,
    });
    for (let level = -floorsBelow; level <= floorsAbove; level++) {
      if (level === 0) continue;
      floors.push({
        buildingIndex: index,
        level,
        name: floorName(level),
        elevation: floorElevation(level),
        height: level < 0 ? BASEMENT_FLOOR_HEIGHT : level === 1 ? GROUND_FLOOR_HEIGHT : UPPER_FLOOR_HEIGHT,
        grossArea: round(lengthM * depthM, 1),
      });
    }
  }
  return { buildings, floors };
}

/**
 * 权属统一登记: most titles are registered to the bureau; `share` of the buildings are not yet, most of
 * them pending (applied for) and one in three never applied for. Those have no certificate number.
 */
export function registerOwnership(rng: Rng, buildings: Building[], share: number): void {
  const missing = rng.shuffle(buildings).slice(0, shareOf(share, buildings.length));
  missing.forEach((building, i) => {
    building.ownership = i % 3 === 2 ? 'UNREGISTERED' : 'PENDING';
    building.certificateNo = null;
  });
}
