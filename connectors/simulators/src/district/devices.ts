/**
 * IoT devices of the smart-logistics system. Every building gets a main electricity meter in its
 * switch room, a main water meter in its pump room, lifts, and PV inverters on roofs that have panels;
 * every floor a floor meter, an air-conditioning unit, a leak sensor in a toilet or plant room and a
 * smoke detector. The rest of the target count is spread round-robin over the floors (more smoke
 * detectors, environment sensors, access readers, water meters). Codes read `DB-01-05-003`:
 * type prefix · building number · floor (`05`, `B1`) · sequence on that floor.
 */
import { round, type Rng } from './prng.ts';
import type { Building, Device, DeviceType, Room } from './types.ts';
import { DAY_MS, localDate } from '../time.ts';

export const DEVICE_TYPES: Record<
  DeviceType,
  { prefix: string; name: string; vendor: string; model: string; heartbeatSeconds: number }
> = {
  METER_ELECTRIC: {
    prefix: 'DB',
    name: '智能电表',
    vendor: '安科瑞',
    model: 'DTSD1352',
    heartbeatSeconds: 60,
  },
  METER_WATER: {
    prefix: 'SB',
    name: '远传水表',
    vendor: '宁波水表',
    model: 'LXSY-50E',
    heartbeatSeconds: 300,
  },
  FIRE: { prefix: 'YG', name: '烟感探测器', vendor: '海湾安全', model: 'JTY-GD-G3T', heartbeatSeconds: 600 },
  ELEVATOR: { prefix: 'DT', name: '电梯', vendor: '康力电梯', model: 'KLK2', heartbeatSeconds: 30 },
  HVAC: { prefix: 'KT', name: '空调机组', vendor: '格力', model: 'GMV-H450WM', heartbeatSeconds: 60 },
  LEAK: { prefix: 'LS', name: '漏水传感器', vendor: '汉威', model: 'HW-LS01', heartbeatSeconds: 600 },
  ACCESS: { prefix: 'MJ', name: '门禁控制器', vendor: '海康威视', model: 'DS-K1T671', heartbeatSeconds: 300 },
  PV: { prefix: 'GF', name: '光伏逆变器', vendor: '华为', model: 'SUN2000-100KTL', heartbeatSeconds: 60 },
  ENV: {
    prefix: 'HJ',
    name: '温湿度CO2传感器',
    vendor: '建大仁科',
    model: 'RS-CO2WS',
    heartbeatSeconds: 120,
  },
};

const EXTRA_CYCLE: readonly DeviceType[] = [
  'FIRE',
  'ENV',
  'ACCESS',
  'FIRE',
  'LEAK',
  'ENV',
  'HVAC',
  'FIRE',
  'METER_WATER',
  'ACCESS',
];

/** Floor part of a device code: `05`, `B1`, `RF` (roof, above the top floor). */
export function deviceFloorCode(level: number, floorsAbove: number): string {
  if (level > floorsAbove) return 'RF';
  return level < 0 ? `B${-level}` : String(level).padStart(2, '0');
}

/** Floor as the logistics system writes it in topics and payloads: `5F`, `B1`, `RF`. */
export function logisticsFloorName(level: number, floorsAbove: number): string {
  if (level > floorsAbove) return 'RF';
  return level < 0 ? `B${-level}` : `${level}F`;
}

export function generateDevices(
  rng: Rng,
  target: number,
  buildings: readonly Building[],
  rooms: readonly Room[],
): Device[] {
  const devices: Device[] = [];
  const roomsByFloor = new Map<string, Room[]>();
  for (const r of rooms) {
    const key = `${r.buildingIndex}:${r.level}`;
    const list = roomsByFloor.get(key) ?? [];
    list.push(r);
    roomsByFloor.set(key, list);
  }
  const seqs = new Map<string, number>();
  const numberWidth = Math.max(2, String(buildings.length).length);
  const add = (type: DeviceType, b: Building, level: number, room: Room | null, capacity: number) => {
    const t = DEVICE_TYPES[type];
    const floor = deviceFloorCode(level, b.floorsAbove);
    const key = `${b.index}:${floor}:${t.prefix}`;
    const seq = (seqs.get(key) ?? 0) + 1;
    seqs.set(key, seq);
    const bno = String(b.number).padStart(numberWidth, '0');
    const z = room ? room.z : level > b.floorsAbove ? b.height : 0;
    devices.push({
      index: devices.length,
      code: `${t.prefix}-${bno}-${floor}-${String(seq).padStart(3, '0')}`,
      type,
      name: `${b.number}号楼${logisticsFloorName(level, b.floorsAbove)}${t.name}${String(seq).padStart(2, '0')}`,
      buildingIndex: b.index,
      level,
      roomId: room ? room.id : null,
      x: room ? round(room.x + rng.float(-1, 1), 2) : 0,
      y: room ? round(room.y + rng.float(-1, 1), 2) : 0,
      z: round(z + (type === 'FIRE' ? 3.2 : type === 'LEAK' ? 0.05 : 1.4), 2),
      model: t.model,
      vendor: t.vendor,
      installDate: localDate(Date.UTC(b.yearBuilt, 6, 1) + rng.int(0, 700) * DAY_MS),
      heartbeatSeconds: t.heartbeatSeconds,
      capacity,
    });
  };
  const findRoom = (list: readonly Room[], uses: readonly string[]): Room | null =>
    list.find((r) => uses.includes(r.use)) ?? null;
  const floorSlots: { b: Building; level: number; rooms: Room[] }[] = [];
  for (const b of buildings) {
    const basement = roomsByFloor.get(`${b.index}:-1`) ?? [];
    add('METER_ELECTRIC', b, -1, findRoom(basement, ['变配电室']), round(rng.float(400, 1200), 0));
    add('METER_WATER', b, -1, findRoom(basement, ['水泵房']), round(rng.float(8, 30), 1));
    for (let i = 0; i < b.elevators; i++) add('ELEVATOR', b, 1, null, b.floorsAbove);
    // Elevator cars stand in the core, beside each other, not in a room.
    for (let i = devices.length - b.elevators, k = 0; i < devices.length; i++, k++) {
      const d = devices[i] as Device;
      d.x = round(-3 + k * 2.2, 2);
      d.y = 0;
      d.z = 0;
    }
    if (b.hasPv) add('PV', b, b.floorsAbove + 1, null, round(rng.float(60, 160), 0));
    for (let level = -b.floorsBelow; level <= b.floorsAbove; level++) {
      if (level === 0) continue;
      const list = roomsByFloor.get(`${b.index}:${level}`) ?? [];
      if (level > 0) {
        add('METER_ELECTRIC', b, level, findRoom(list, ['通信机房', '储藏室']), round(rng.float(25, 70), 0));
        add('HVAC', b, level, rng.pick(list), round(rng.float(28, 56), 0));
        add('LEAK', b, level, findRoom(list, ['卫生间']), 0);
      } else {
        add('LEAK', b, level, findRoom(list, ['水泵房', '水箱间', '制冷机房', '储藏室']), 0);
      }
      add('FIRE', b, level, rng.pick(list), 0);
      floorSlots.push({ b, level, rooms: list });
    }
  }
  for (let i = 0; devices.length < target && floorSlots.length > 0; i++) {
    const slot = floorSlots[i % floorSlots.length] as (typeof floorSlots)[number];
    const type = EXTRA_CYCLE[Math.floor(i / floorSlots.length) % EXTRA_CYCLE.length] as DeviceType;
    const capacity = type === 'METER_WATER' ? round(rng.float(1, 4), 1) : type === 'HVAC' ? 36 : 0;
    add(type, slot.b, slot.level, slot.rooms.length ? rng.pick(slot.rooms) : null, capacity);
  }
  return devices;
}
