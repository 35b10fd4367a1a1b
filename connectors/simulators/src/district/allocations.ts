/**
 * Room allocations (分配使用): agencies in turn take office rooms floor by floor until their allocated
 * office area reaches their entitlement times a factor near 1 (about one agency in ten is over standard,
 * 超标, so compliance checks have something to find), plus the meeting, print and archive rooms on the
 * floors they occupy. A few rooms are skipped as idle (闲置) or under renovation; what is left at the end
 * of the district stays idle, ready for 调剂.
 */
import type { Rng } from './prng.ts';
import { entitlement } from './ranks.ts';
import type { Agency, Allocation, Room } from './types.ts';
import { DAY_MS, localDate } from '../time.ts';

const SHARED_SERVICE_USES = new Set(['会议室', '文印室', '档案室', '资料室', '接待室', '储藏室']);

export function generateAllocations(
  rng: Rng,
  rooms: Room[],
  agencies: readonly Agency[],
  referenceMs: number,
): Allocation[] {
  const allocations: Allocation[] = [];
  const offices = rooms.filter((r) => r.category === 'OFFICE');
  const floorKey = (r: Room) => `${r.buildingIndex}:${r.level}`;
  const servicesByFloor = new Map<string, Room[]>();
  for (const r of rooms) {
    if (r.category === 'SERVICE' && SHARED_SERVICE_USES.has(r.use) && r.level > 1) {
      const list = servicesByFloor.get(floorKey(r)) ?? [];
      list.push(r);
      servicesByFloor.set(floorKey(r), list);
    }
  }
  for (const r of offices) r.status = 'IDLE';
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
  for (const agency of agencies) {
    const overStandard = rng.chance(0.1);
    const factor = overStandard ? rng.float(1.12, 1.3) : rng.float(0.88, 1.02);
    const target = entitlement(agency.staffing) * factor;
    const staff = agency.staffing.reduce((s, x) => s + x.count, 0);
    const perPerson = target / Math.max(1, staff);
    let area = 0;
    const floorsTaken = new Set<string>();
    while (area < target && cursor < offices.length) {
      const room = offices[cursor++] as Room;
      if (rng.chance(0.04)) {
        room.status = rng.chance(0.5) ? 'RENOVATING' : 'IDLE';
        continue;
      }
      if (rng.chance(0.01)) {
        room.status = 'LENT_OUT';
        continue;
      }
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
  }
  return allocations;
}
