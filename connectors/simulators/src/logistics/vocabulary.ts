/**
 * How the smart-logistics system names things: pinyin device types, `1号楼` buildings, `lou01` topic
 * segments, `5F`/`B1`/`RF` floors, and the records it publishes (README.md, "Smart-logistics system").
 */
import { logisticsFloorName } from '../district/devices.ts';
import type { Building, DeviceType, District, Device, Room } from '../district/types.ts';
import { localDate } from '../time.ts';

export const VENDOR_TYPES: Record<DeviceType, string> = {
  METER_ELECTRIC: 'dianbiao',
  METER_WATER: 'shuibiao',
  FIRE: 'yangan',
  ELEVATOR: 'dianti',
  HVAC: 'kongtiao',
  LEAK: 'loushui',
  ACCESS: 'menjin',
  PV: 'guangfu',
  ENV: 'huanjing',
};

export function buildingName(b: Building): string {
  return `${b.number}号楼`;
}

export function buildingSegment(b: Building, count: number): string {
  return `lou${String(b.number).padStart(Math.max(2, String(count).length), '0')}`;
}

export type MessageKind = 'birth' | 'telemetry' | 'alarm';

export interface DeviceView {
  device: Device;
  building: Building;
  floor: string;
  room: string | null;
  /** `<root>/<building>/<floor>/<type>/<code>/` */
  topicBase: string;
}

/** Topic names are built here and nowhere else. */
export function deviceViews(d: District, topicRoot: string): DeviceView[] {
  const rooms = new Map<number, Room>(d.rooms.map((r) => [r.id, r]));
  return d.devices.map((device) => {
    const building = d.buildings[device.buildingIndex] as Building;
    const floor = logisticsFloorName(device.level, building.floorsAbove);
    const room = device.roomId === null ? null : (rooms.get(device.roomId)?.number ?? null);
    return {
      device,
      building,
      floor,
      room,
      topicBase: `${topicRoot}/${buildingSegment(building, d.buildings.length)}/${floor}/${VENDOR_TYPES[device.type]}/${device.code}/`,
    };
  });
}

export function birthPayload(v: DeviceView, ms: number) {
  const { device } = v;
  return {
    deviceCode: device.code,
    deviceType: VENDOR_TYPES[device.type],
    deviceName: device.name,
    building: buildingName(v.building),
    floor: v.floor,
    room: v.room,
    position: { x: device.x, y: device.y, z: device.z },
    vendor: device.vendor,
    model: device.model,
    installDate: device.installDate,
    reportInterval: device.heartbeatSeconds,
    ts: ms,
  };
}

export function workOrderDay(ms: number): string {
  return localDate(ms).replace(/-/g, '');
}
