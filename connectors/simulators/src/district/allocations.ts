/**
 * Room allocations (分配使用): agencies in turn take the office rooms left for allocation, floor by floor,
 * plus the meeting, print and archive rooms on the floors they occupy. An agency meant to be within its
 * standard stops before a room would take it over; an over-standard one (超标) goes on to its factor.
 * Offices still free at the end stay idle, ready for 调剂.
 */
import type { Rng } from './prng.ts';
import { entitlement } from './ranks.ts';
import { shareOf, type SpaceKnobs } from './space-knobs.ts';
import type { Agency, Allocation, Room } from './types.ts';
import { DAY_MS, localDate } from '../time.ts';

const SHARED_SERVICE_USES = new Set(['会议室', '文印室', '档案室', '资料室', '接待室', '储藏室']);

/** The multiple of its entitlement each kind of agency aims at. */
const FACTORS = { WITHIN: [0.9, 0.99], OVER: [1.12, 1.3], FAR_OVER: [1.5, 1.8] } as const;

/** The entitlement multiple the district's agencies aim at on average, for sizing their staff. */
export function meanSpaceFactor(knobs: SpaceKnobs): number {
  const mean = (kind: keyof typeof FACTORS) => (FACTORS[kind][0] + FACTORS[kind][1]) / 2;
  const within = Math.max(0, 1 - knobs.overStandardShare - knobs.farOverStandardShare);
  return (
    within * mean('WITHIN') +
    knobs.overStandardShare * mean('OVER') +
    knobs.farOverStandardShare * mean('FAR_OVER')
  );
}

/** Picks which agencies are over standard and far over it, and the factor each aims at. */
export function planAllocationTargets(rng: Rng, agencies: Agency[], knobs: SpaceKnobs): void {
  const order = rng.shuffle(agencies);
  const far = Math.min(order.length, shareOf(knobs.farOverStandardShare, order.length));
  const over = Math.min(order.length - far, shareOf(knobs.overStandardShare, order.length));
  order.forEach((agency, i) => {
    agency.spaceTarget = i < far ? 'FAR_OVER' : i < far + over ? 'OVER' : 'WITHIN';
    const [low, high] = FACTORS[agency.spaceTarget];
    agency.spaceFactor = rng.float(low, high);
  });
}

export function generateAllocations(
  rng: Rng,
  rooms: Room[],
  agencies: readonly Agency[],
  referenceMs: number,
): Allocation[] {
  const allocations: Allocation[] = [];
  const offices = rooms.filter((r) => r.category === 'OFFICE' && r.status === 'IN_USE');
  const floorKey = (r: Room) => `${r.buildingIndex}:${r.level}`;
  const servicesByFloor = new Map<string, Room[]>();
  for (const r of rooms) {
    if (r.category === 'SERVICE' && SHARED_SERVICE_USES.has(r.use) && r.level > 1) {
      const list = servicesByFloor.get(floorKey(r)) ?? [];
      list.push(r);
      servicesByFloor.set(floorKey(r), list);
    }
  }
  let id = 1;
  let cursor = 0;
  const allocate = (room: Room, agency: Agency, occupants: number) => {
    const from = referenceMs - rng.int(60, 2200) * DAY_MS;
    allocations.push({
      id: id++,
      roomId: room.id,
      agencyIndex: agency.index,
      occupants,
      validFrom: localDate(from),
      certificateNo: `京机管配字〔${localDate(from).slice(0, 4)}〕${String(id).padStart(5, '0')}号`,
      updatedAt: Math.max(from, referenceMs - rng.int(1, 400) * DAY_MS - rng.int(0, 86_399) * 1000),
    });
    room.status = 'IN_USE';
  };
  const held = new Map<Agency, number>();
  for (const agency of agencies) {
    const standard = entitlement(agency.staffing);
    const target = standard * agency.spaceFactor;
    const cap = agency.spaceTarget === 'WITHIN' ? standard : Infinity;
    const staff = agency.staffing.reduce((s, x) => s + x.count, 0);
    const perPerson = target / Math.max(1, staff);
    let area = 0;
    const floorsTaken = new Set<string>();
    while (area < target && cursor < offices.length) {
      const room = offices[cursor] as Room;
      if (area + room.usableArea > cap) break;
      cursor += 1;
      const occupants =
        room.use === '领导办公室' ? 1 : Math.max(1, Math.round(room.usableArea / Math.max(9, perPerson)));
      allocate(room, agency, occupants);
      area += room.usableArea;
      const key = floorKey(room);
      if (!floorsTaken.has(key)) {
        floorsTaken.add(key);
        for (const s of servicesByFloor.get(key) ?? []) allocate(s, agency, 0);
        servicesByFloor.delete(key);
      }
    }
    held.set(agency, area);
  }
  // Staff counts are whole people, so the agencies' demand misses the supply by a little: offices left
  // at the end go to agencies within standard that have room for them, and only the rest stay idle,
  // so the last building is not the district's idle store.
  const within = agencies.filter((agency) => agency.spaceTarget === 'WITHIN');
  for (const room of offices.slice(cursor)) {
    const taker = within.find(
      (agency) => (held.get(agency) ?? 0) + room.usableArea <= entitlement(agency.staffing),
    );
    if (taker) {
      allocate(room, taker, 1);
      held.set(taker, (held.get(taker) ?? 0) + room.usableArea);
    } else {
      room.status = 'IDLE';
    }
  }
  return allocations;
}
