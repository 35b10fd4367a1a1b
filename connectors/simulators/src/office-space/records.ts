/**
 * The office-space system's records, in its own vocabulary (README.md, "Office-space management
 * system"): Chinese category and status names, `FZX-A01` building codes, door numbers, agencies by
 * unified social credit code, staffing by GB/T 12407 rank, times as Beijing wall-clock text.
 */
import { GBT12407_RANKS } from '../district/ranks.ts';
import type { Agency, Allocation, Building, District, Floor, Room } from '../district/types.ts';
import { Collection, type Stored } from '../shared/collection.ts';
import type { FieldRoles } from '../shared/corrupt.ts';
import { localDateTime } from '../time.ts';

export const CATEGORY_NAMES = {
  OFFICE: '办公室',
  SERVICE: '服务用房',
  EQUIPMENT: '设备用房',
  ANCILLARY: '附属用房',
};
export const ROOM_STATUS_NAMES = { IN_USE: '在用', IDLE: '闲置', RENOVATING: '维修改造', LENT_OUT: '出借' };
const OWNERSHIP_NAMES = { REGISTERED: '已登记', PENDING: '待登记', UNREGISTERED: '未登记' };
const RANK_NAMES = new Map<string, string>(GBT12407_RANKS.map((r) => [r.code, r.name]));

export interface BuildingRecord {
  id: number;
  code: string;
  name: string;
  zone: string;
  address: string;
  floorsAbove: number;
  floorsBelow: number;
  height: number;
  grossArea: number | string;
  yearBuilt: number;
  ownershipStatus: string;
  certificateNo: string | null;
  centroid: { lng: number; lat: number };
  footprint: { type: 'Polygon'; coordinates: [number, number][][] };
  updatedAt: string;
}

export interface FloorRecord {
  id: number;
  buildingCode: string;
  floorNo: number | string;
  floorName: string;
  elevation: number;
  height: number;
  area: number | string;
  updatedAt: string;
}

export interface RoomRecord {
  id: number;
  roomCode: string;
  buildingCode: string;
  floorNo: number;
  roomNo: string;
  category: string;
  usage: string;
  usableArea: number | string;
  buildingArea: number;
  status: string;
  position: { x: number; y: number; z: number };
  updatedAt: string;
}

export interface AgencyRecord {
  id: number;
  creditCode: string;
  name: string;
  shortName: string;
  orgType: string;
  adminLevel: string;
  parentCreditCode: string | null;
  approvedStaff: number | string;
  staffing: { rankCode: string; rankName: string; count: number }[];
  updatedAt: string;
}

export interface AllocationRecord {
  id: number;
  roomId: number;
  roomCode: string;
  buildingCode: string;
  agencyCode: string;
  agencyName: string;
  occupants: number | string;
  startDate: string;
  endDate: string | null;
  certificateNo: string;
  updatedAt: string;
}

export function roomCode(building: Building, room: Room): string {
  return `${building.code}-${room.number}`;
}

export function floorLabel(level: number): string {
  return level < 0 ? `地下${-level}层` : `${level}层`;
}

export function buildingRecord(b: Building): BuildingRecord {
  return {
    id: b.index + 1,
    code: b.code,
    name: b.name,
    zone: b.zone,
    address: b.address,
    floorsAbove: b.floorsAbove,
    floorsBelow: b.floorsBelow,
    height: b.height,
    grossArea: b.grossArea,
    yearBuilt: b.yearBuilt,
    ownershipStatus: OWNERSHIP_NAMES[b.ownership],
    certificateNo: b.certificateNo,
    centroid: { lng: b.centroid[0], lat: b.centroid[1] },
    footprint: { type: 'Polygon', coordinates: [b.footprint.map(([x, y]) => [x, y] as [number, number])] },
    updatedAt: localDateTime(b.updatedAt),
  };
}

export function floorRecord(id: number, b: Building, f: Floor): FloorRecord {
  return {
    id,
    buildingCode: b.code,
    floorNo: f.level,
    floorName: floorLabel(f.level),
    elevation: f.elevation,
    height: f.height,
    area: f.grossArea,
    updatedAt: localDateTime(b.updatedAt),
  };
}

export function roomRecord(b: Building, r: Room, updatedMs: number): RoomRecord {
  return {
    id: r.id,
    roomCode: roomCode(b, r),
    buildingCode: b.code,
    floorNo: r.level,
    roomNo: r.number,
    category: CATEGORY_NAMES[r.category],
    usage: r.use,
    usableArea: r.usableArea,
    buildingArea: r.buildingArea,
    status: ROOM_STATUS_NAMES[r.status],
    position: { x: r.x, y: r.y, z: r.z },
    updatedAt: localDateTime(updatedMs),
  };
}

export function agencyRecord(a: Agency, agencies: readonly Agency[]): AgencyRecord {
  return {
    id: a.index + 1,
    creditCode: a.creditCode,
    name: a.name,
    shortName: a.shortName,
    orgType: a.kind,
    adminLevel: '省级',
    parentCreditCode: a.parentIndex === null ? null : (agencies[a.parentIndex] as Agency).creditCode,
    approvedStaff: a.approvedStaff,
    staffing: a.staffing.map((s) => ({
      rankCode: s.rank,
      rankName: RANK_NAMES.get(s.rank) ?? s.rank,
      count: s.count,
    })),
    updatedAt: localDateTime(a.updatedAt),
  };
}

export function allocationRecord(a: Allocation, room: RoomRecord, agency: Agency): AllocationRecord {
  return {
    id: a.id,
    roomId: a.roomId,
    roomCode: room.roomCode,
    buildingCode: room.buildingCode,
    agencyCode: agency.creditCode,
    agencyName: agency.name,
    occupants: a.occupants,
    startDate: a.validFrom,
    endDate: null,
    certificateNo: a.certificateNo,
    updatedAt: localDateTime(a.updatedAt),
  };
}

export interface OfficeSpaceStore {
  buildings: Collection<BuildingRecord>;
  floors: Collection<FloorRecord>;
  rooms: Collection<RoomRecord>;
  agencies: Collection<AgencyRecord>;
  allocations: Collection<AllocationRecord>;
}

export function buildStore(d: District): OfficeSpaceStore {
  const stored = <T extends { id: number }>(record: T, updatedMs: number): Stored<T> => ({
    id: record.id,
    updatedMs,
    record,
  });
  const roomRecords = new Map<number, RoomRecord>();
  const rooms = new Collection<RoomRecord>(
    d.rooms.map((r) => {
      const rec = roomRecord(d.buildings[r.buildingIndex] as Building, r, r.updatedAt);
      roomRecords.set(r.id, rec);
      return stored(rec, r.updatedAt);
    }),
  );
  return {
    buildings: new Collection(d.buildings.map((b) => stored(buildingRecord(b), b.updatedAt))),
    floors: new Collection(
      d.floors.map((f, i) => {
        const b = d.buildings[f.buildingIndex] as Building;
        return stored(floorRecord(i + 1, b, f), b.updatedAt);
      }),
    ),
    rooms,
    agencies: new Collection(d.agencies.map((a) => stored(agencyRecord(a, d.agencies), a.updatedAt))),
    allocations: new Collection(
      d.allocations.map((a) =>
        stored(
          allocationRecord(a, roomRecords.get(a.roomId) as RoomRecord, d.agencies[a.agencyIndex] as Agency),
          a.updatedAt,
        ),
      ),
    ),
  };
}

export const FIELD_ROLES: Record<keyof OfficeSpaceStore, FieldRoles> = {
  buildings: {
    measure: 'grossArea',
    unit: '㎡',
    date: 'updatedAt',
    building: 'code',
    text: 'name',
    id: 'id',
  },
  floors: {
    measure: 'area',
    unit: '㎡',
    date: 'updatedAt',
    building: 'buildingCode',
    text: 'floorName',
    id: 'id',
  },
  rooms: {
    measure: 'usableArea',
    unit: '㎡',
    date: 'updatedAt',
    building: 'buildingCode',
    text: 'roomNo',
    id: 'id',
  },
  agencies: {
    measure: 'approvedStaff',
    unit: '人',
    date: 'updatedAt',
    building: 'creditCode',
    text: 'name',
    id: 'id',
  },
  allocations: {
    measure: 'occupants',
    unit: '人',
    date: 'startDate',
    building: 'buildingCode',
    text: 'agencyName',
    id: 'id',
  },
};
