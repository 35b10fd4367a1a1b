/**
 * Rooms: each floor is a double-loaded corridor slab. A central core (stairs, lifts, toilets, a store
 * and a weak-current room) splits each side into two runs of structural bays; special rooms are placed
 * first (meeting rooms, plant rooms, a canteen on the ground floor of the zone's first building, leaders'
 * offices on the top floors), ordinary offices fill the rest. Door numbers run along the corridor:
 * `512` is the 12th room of 5F, `B103` the 3rd of B1.
 */
import { floorElevation } from './buildings.ts';
import { rotate } from './geometry.ts';
import { USES, type UseKey } from './names.ts';
import { round, type Rng } from './prng.ts';
import { shareOf, type SpaceKnobs } from './space-knobs.ts';
import type { Building, Room } from './types.ts';

const CORRIDOR_M = 2.4;
const CORE_HALF_M = 7;
const WALL_M = 0.24;
/** Usable-to-building area of a room, the apportioned share of corridors, walls and cores included. */
const BUILDING_AREA_FACTOR = 1.32;

interface Slot {
  use: UseKey;
  bays: number;
}

function floorProgram(rng: Rng, b: Building, level: number): Slot[] {
  const slot = (use: UseKey): Slot => ({ use, bays: rng.int(USES[use].bays[0], USES[use].bays[1]) });
  const inZone = Number(b.code.slice(-2));
  const out: Slot[] = [];
  if (level === -1) {
    out.push(slot('power'), slot('fireControl'), slot('pump'), slot('tank'), slot('storage'));
    if (b.floorsBelow === 1) out.push(slot('chiller'));
    if (rng.chance(0.3)) out.push(slot('boiler'));
    if (b.floorsBelow === 1) out.push(slot('civilDefence'));
    out.push({ use: 'garage', bays: 999 });
  } else if (level < -1) {
    out.push(slot('civilDefence'), slot('chiller'), slot('storage'), { use: 'garage', bays: 999 });
  } else if (level === 1) {
    out.push(slot('reception'), slot('mailroom'), slot('guard'), slot('staffRoom'), slot('meeting'));
    if (inZone === 1) out.push(slot('canteen'));
  } else {
    if (level === b.floorsAbove) {
      out.push(slot('liftMachine'), slot('archive'), slot('reading'));
      if (inZone === 2) out.push(slot('computer'));
    }
    out.push(slot('meeting'));
    if (rng.chance(0.5)) out.push(slot('meeting'));
    if (rng.chance(0.5)) out.push(slot('print'));
    if (level >= b.floorsAbove - 1) {
      const leaders = rng.int(3, 6);
      for (let i = 0; i < leaders; i++) out.push(slot('leaderOffice'));
    }
  }
  return out;
}

export function generateRooms(
  rng: Rng,
  buildings: readonly Building[],
  referenceMs: number,
  firstId = 100001,
): Room[] {
  const rooms: Room[] = [];
  let id = firstId;
  for (const b of buildings) {
    const br = rng.fork(`building:${b.index}`);
    const bay = round(br.float(3.4, 4.0), 2);
    const roomDepth = round((b.depthM - CORRIDOR_M) / 2, 2);
    const runLength = b.lengthM / 2 - CORE_HALF_M - 0.5;
    const baysPerRun = Math.max(1, Math.floor(runLength / bay));
    // Runs walked around the corridor: south-west, south-east, north-east, north-west.
    const runs: { start: number; dir: 1 | -1; v: number }[] = [
      { start: -b.lengthM / 2 + 0.5, dir: 1, v: -(CORRIDOR_M / 2 + roomDepth / 2) },
      { start: CORE_HALF_M, dir: 1, v: -(CORRIDOR_M / 2 + roomDepth / 2) },
      { start: b.lengthM / 2 - 0.5, dir: -1, v: CORRIDOR_M / 2 + roomDepth / 2 },
      { start: -CORE_HALF_M, dir: -1, v: CORRIDOR_M / 2 + roomDepth / 2 },
    ];
    for (let level = -b.floorsBelow; level <= b.floorsAbove; level++) {
      if (level === 0) continue;
      const z = floorElevation(level);
      const prefix = level < 0 ? `B${-level}` : String(level);
      let seq = 0;
      const push = (use: UseKey, widthM: number, depthM: number, u: number, v: number) => {
        seq += 1;
        const usable = round((widthM - WALL_M) * (depthM - WALL_M), 2);
        const [x, y] = rotate(u, v, b.rotationDeg);
        rooms.push({
          id: id++,
          buildingIndex: b.index,
          level,
          number: `${prefix}${String(seq).padStart(2, '0')}`,
          category: USES[use].category,
          use: USES[use].name,
          usableArea: usable,
          buildingArea: round(usable * BUILDING_AREA_FACTOR, 2),
          status: 'IN_USE',
          x: round(x, 2),
          y: round(y, 2),
          z,
          updatedAt: referenceMs - br.int(1, 700) * 86_400_000 - br.int(0, 86_399) * 1000,
        });
      };
      const program = floorProgram(br, b, level);
      let p = 0;
      for (const run of runs) {
        let free = baysPerRun;
        let pos = run.start;
        while (free > 0) {
          const next = program[p];
          let use: UseKey;
          let bays: number;
          if (next && next.use === 'garage') {
            use = 'garage';
            bays = Math.min(free, br.int(USES.garage.bays[0], USES.garage.bays[1]));
          } else if (next) {
            use = next.use;
            bays = Math.min(free, next.bays);
            p += 1;
          } else {
            use = br.chance(0.12) ? 'leaderOffice' : 'office';
            bays = Math.min(
              free,
              br.weighted([
                [1, 62],
                [2, 34],
                [3, 4],
              ] as const),
            );
            if (use === 'leaderOffice' && level < b.floorsAbove - 3) use = 'office';
          }
          const width = bays * bay;
          push(use, width, roomDepth, pos + (run.dir * width) / 2, run.v);
          pos += run.dir * width;
          free -= bays;
        }
      }
      // The core: two toilets, a store and a weak-current room above ground; a store below.
      if (level > 0) {
        push('toilet', 4.2, roomDepth, -CORE_HALF_M + 2.1, -(CORRIDOR_M / 2 + roomDepth / 2));
        push('toilet', 4.2, roomDepth, CORE_HALF_M - 2.1, -(CORRIDOR_M / 2 + roomDepth / 2));
        push('storage', 2.4, 3.2, -CORE_HALF_M + 1.2, CORRIDOR_M / 2 + 1.6);
        push('telecom', 2.4, 3.2, CORE_HALF_M - 1.2, CORRIDOR_M / 2 + 1.6);
      } else {
        push('storage', 3.0, 4.0, 0, CORRIDOR_M / 2 + 2);
      }
    }
  }
  return rooms;
}

/**
 * Sets aside the office rooms no agency gets: in each building a share of its office area idle (闲置)
 * around `idleOfficeShare`, far more in the outlier buildings, and a few rooms under renovation or lent
 * out. Rooms are taken in a shuffled order until the building's share is reached, so idle rooms are
 * spread over its floors. Returns the office area left for allocation, m².
 */
export function setAsideRooms(rng: Rng, rooms: Room[], buildingCount: number, knobs: SpaceKnobs): number {
  const outliers = new Set(
    rng.shuffle([...Array(buildingCount).keys()]).slice(0, shareOf(knobs.idleOutlierShare, buildingCount)),
  );
  let supply = 0;
  for (let b = 0; b < buildingCount; b++) {
    const offices = rooms.filter((r) => r.buildingIndex === b && r.category === 'OFFICE');
    const officeArea = offices.reduce((sum, r) => sum + r.usableArea, 0);
    const share = outliers.has(b) ? rng.float(0.3, 0.45) : rng.float(0.5, 1.5) * knobs.idleOfficeShare;
    let idle = 0;
    for (const room of rng.shuffle(offices)) {
      if (idle + room.usableArea <= share * officeArea) {
        room.status = 'IDLE';
        idle += room.usableArea;
      } else if (rng.chance(0.015)) {
        room.status = 'RENOVATING';
      } else if (rng.chance(0.005)) {
        room.status = 'LENT_OUT';
      } else {
        supply += room.usableArea;
      }
    }
  }
  return supply;
}
