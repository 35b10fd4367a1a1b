/*
 * 调剂 planning, as plain functions over areas in whole hundredths of a m² (党政机关办公用房管理办法:
 * idle space is reallocated rather than left empty, and over-standard space is given back). The reads
 * that feed them are in space-reallocation.ts; these take no database, so a small hand-made district
 * shows the right answer.
 */

export interface PlanRoom {
  id: number;
  buildingId: number;
  /** Usable area in hundredths of a m². */
  area: number;
}

/** Beyond this many candidate sets the search settles for the greedy answer. */
const EXACT_SEARCH_LIMIT = 200_000;

/**
 * The smallest set of rooms whose areas together cover `excess` (hundredths): fewest rooms, and of the
 * sets that few, the one that gives back least (so the agency keeps as much as its standard allows).
 * The k largest rooms hold the most area any k rooms can, so the fewest is the shortest prefix of the
 * rooms by size that covers the excess. Among k-room sets the least cover is searched exactly, largest
 * rooms first with bounds, up to `EXACT_SEARCH_LIMIT` steps; past that (a far-over agency with many
 * rooms) each pick of the prefix is swapped, from the smallest up, for the smallest room that still
 * covers. When all the rooms together cannot cover the excess, all of them.
 */
export function roomsToGiveBack<R extends PlanRoom>(rooms: readonly R[], excess: number): R[] {
  if (excess <= 0) return [];
  const bySize = [...rooms].sort((a, b) => b.area - a.area || a.id - b.id);
  let total = 0;
  let count = 0;
  while (count < bySize.length && total < excess) total += bySize[count++]!.area;
  if (total < excess) return bySize;
  const exact = leastCover(bySize, count, excess);
  return (exact ?? greedyCover(bySize, count, excess)).sort((a, b) => b.area - a.area || a.id - b.id);
}

/** The k-room set of least area that covers `excess`, or null when the search would take too long. */
function leastCover<R extends PlanRoom>(bySize: readonly R[], k: number, excess: number): R[] | null {
  // The most area j rooms from position i on can hold: the next j, as the rooms are sorted by size.
  const maxFrom = (i: number, j: number) => {
    let sum = 0;
    for (let n = 0; n < j; n++) sum += bySize[i + n]?.area ?? -Infinity;
    return sum;
  };
  let best: number[] | null = null;
  let bestSum = Infinity;
  let steps = 0;
  const picked: number[] = [];
  const walk = (from: number, sum: number): boolean => {
    if (++steps > EXACT_SEARCH_LIMIT) return false;
    if (picked.length === k) {
      if (sum >= excess && sum < bestSum) {
        bestSum = sum;
        best = [...picked];
      }
      return true;
    }
    for (let i = from; i <= bySize.length - (k - picked.length); i++) {
      const area = bySize[i]!.area;
      if (sum + area >= bestSum) continue;
      if (sum + maxFrom(i, k - picked.length) < excess) break;
      picked.push(i);
      const finished = walk(i + 1, sum + area);
      picked.pop();
      if (!finished) return false;
    }
    return true;
  };
  if (!walk(0, 0) || best === null) return null;
  return (best as number[]).map((i) => bySize[i]!);
}

function greedyCover<R extends PlanRoom>(bySize: readonly R[], k: number, excess: number): R[] {
  const chosen = bySize.slice(0, k);
  const spare = bySize.slice(k);
  let total = chosen.reduce((sum, room) => sum + room.area, 0);
  for (let i = chosen.length - 1; i >= 0; i--) {
    const rest = total - chosen[i]!.area;
    const smaller = spare
      .filter((room) => rest + room.area >= excess && room.area < chosen[i]!.area)
      .sort((a, b) => a.area - b.area || a.id - b.id)[0];
    if (!smaller) continue;
    spare.splice(spare.indexOf(smaller), 1, chosen[i]!);
    total = rest + smaller.area;
    chosen[i] = smaller;
  }
  return chosen;
}

export interface ShortAgency {
  agencyId: number;
  /** Hundredths of a m² still due under the standard. */
  shortfall: number;
  /** Buildings where the agency holds rooms now. */
  buildingIds: readonly number[];
}

export interface RoomOffer<R extends PlanRoom> {
  room: R;
  sameBuilding: boolean;
  /** Metres from the nearest of the agency's buildings (0 in one of them). */
  distanceM: number;
}

/**
 * Idle rooms for agencies short of space: the agencies with the largest shortfall choose first, and
 * each takes, among the rooms no one took yet, those that fit what it still lacks: rooms in a building
 * it is in first, then by distance from its nearest building, larger rooms before smaller at the same
 * distance. A room is offered to one agency only, so the offers can all be granted together.
 */
export function offerIdleRooms<R extends PlanRoom>(
  agencies: readonly ShortAgency[],
  idleRooms: readonly R[],
  distanceM: (fromBuildingId: number, toBuildingId: number) => number,
): Map<number, RoomOffer<R>[]> {
  const taken = new Set<number>();
  const offers = new Map<number, RoomOffer<R>[]>();
  const order = [...agencies].sort((a, b) => b.shortfall - a.shortfall || a.agencyId - b.agencyId);
  for (const agency of order) {
    const candidates = idleRooms
      .map((room) => ({
        room,
        sameBuilding: agency.buildingIds.includes(room.buildingId),
        distanceM: agency.buildingIds.length
          ? Math.min(...agency.buildingIds.map((b) => distanceM(b, room.buildingId)))
          : 0,
      }))
      .sort(
        (a, b) =>
          Number(b.sameBuilding) - Number(a.sameBuilding) ||
          a.distanceM - b.distanceM ||
          b.room.area - a.room.area ||
          a.room.id - b.room.id,
      );
    let remaining = agency.shortfall;
    const mine: RoomOffer<R>[] = [];
    for (const candidate of candidates) {
      if (taken.has(candidate.room.id) || candidate.room.area > remaining) continue;
      taken.add(candidate.room.id);
      mine.push(candidate);
      remaining -= candidate.room.area;
    }
    if (mine.length) offers.set(agency.agencyId, mine);
  }
  return offers;
}

/** Metres between two WGS-84 points a few kilometres apart (equirectangular: under 0.1 % off there). */
export function groundDistanceM(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const x = (b[0] - a[0]) * rad * Math.cos(((a[1] + b[1]) / 2) * rad);
  const y = (b[1] - a[1]) * rad;
  return Math.round(Math.hypot(x, y) * 6_371_008.8);
}
