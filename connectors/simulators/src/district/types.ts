/**
 * The generated district: one world, in neutral terms, that every simulator translates into its own
 * system's vocabulary (codes, names, formats). Times are epoch milliseconds; dates `yyyy-MM-dd`.
 * Coordinates are WGS-84 `[lon, lat]`; building-local positions are metres from the building's
 * centroid (x east, y north, z up).
 */
import type { GbRankCode } from './ranks.ts';

export type LonLat = [number, number];

export interface DistrictInfo {
  code: string;
  name: string;
  centroid: LonLat;
  seed: string;
  scale: number;
  /** Every generated timestamp is at or before this instant (ISO 8601). */
  referenceTime: string;
}

export interface Building {
  index: number;
  /** Office-space system code, e.g. `FZX-A01`. */
  code: string;
  /** Logistics numbering: `1` is `1号楼`. */
  number: number;
  /** Office-space name, e.g. `A区1号楼`. */
  name: string;
  zone: string;
  address: string;
  /** GeoJSON Polygon ring (closed, counter-clockwise), WGS-84. */
  footprint: LonLat[];
  centroid: LonLat;
  /** Degrees counter-clockwise from east of the building's long axis. */
  rotationDeg: number;
  lengthM: number;
  depthM: number;
  floorsAbove: number;
  floorsBelow: number;
  height: number;
  grossArea: number;
  yearBuilt: number;
  ownership: 'REGISTERED' | 'PENDING' | 'UNREGISTERED';
  certificateNo: string | null;
  hasPv: boolean;
  elevators: number;
  updatedAt: number;
}

export interface Floor {
  buildingIndex: number;
  /** 1 … floorsAbove above ground; -1, -2 below. */
  level: number;
  /** `B1`, `1F`, … */
  name: string;
  elevation: number;
  height: number;
  grossArea: number;
}

export type RoomCategory = 'OFFICE' | 'SERVICE' | 'EQUIPMENT' | 'ANCILLARY';
export type RoomStatus = 'IN_USE' | 'IDLE' | 'RENOVATING' | 'LENT_OUT';

export interface Room {
  /** Office-space system primary key. */
  id: number;
  buildingIndex: number;
  level: number;
  /** Door number as painted on the door: `512`, `B103`. */
  number: string;
  category: RoomCategory;
  /** Use name (房间用途): 办公室, 会议室, 变配电室, … */
  use: string;
  usableArea: number;
  buildingArea: number;
  status: RoomStatus;
  x: number;
  y: number;
  z: number;
  updatedAt: number;
}

export interface Agency {
  index: number;
  /** 统一社会信用代码 (GB 32100-2015), valid check character. */
  creditCode: string;
  name: string;
  shortName: string;
  /** 机关 / 事业单位 / 群团组织. */
  kind: '机关' | '事业单位' | '群团组织';
  parentIndex: number | null;
  /** 编制数 (approved establishment). */
  approvedStaff: number;
  /** Actual staff by GB/T 12407 职务级别 code. */
  staffing: { rank: GbRankCode; count: number }[];
  /** Vehicle platform's own unit code, e.g. `DW0007`. */
  vehicleUnitCode: string;
  /**
   * What the generator meant the agency's office area to be against its standard: within it, over it
   * (12–30 % more) or far over it (50–80 % more). The generator's own truth, which no system exports:
   * tests compare the reports with it.
   */
  spaceTarget: 'WITHIN' | 'OVER' | 'FAR_OVER';
  /** Allocated office area aimed at, as a multiple of the agency's entitlement. */
  spaceFactor: number;
  updatedAt: number;
}

export interface Allocation {
  id: number;
  roomId: number;
  agencyIndex: number;
  occupants: number;
  validFrom: string;
  /** 分配使用凭证 number. */
  certificateNo: string;
  updatedAt: number;
}

export type EnergyType = 'BEV' | 'PHEV' | 'HEV' | 'ICE' | 'FCEV';
export type VehicleUseCategory =
  'CONFIDENTIAL_COURIER' | 'EMERGENCY' | 'LAW_ENFORCEMENT' | 'SPECIAL_TECHNICAL' | 'OTHER';

export interface Vehicle {
  index: number;
  /** `京A12345`, new-energy `京AD12345` (D pure electric, F other new energy). */
  plate: string;
  /** JT/T 697.7 plate colour: 1 blue, 5 green. */
  plateColor: 1 | 5;
  vin: string;
  brand: string;
  model: string;
  body: string;
  energy: EnergyType;
  displacement: number | null;
  seats: number;
  purchaseDate: string;
  price: number;
  useCategory: VehicleUseCategory;
  agencyIndex: number;
  status: 'AVAILABLE' | 'MAINTENANCE' | 'RETIRED';
  /** Odometer at the reference time. */
  odometerKm: number;
  /** SIM number of the JT/T 808 terminal. */
  terminalNo: string;
  driver: string;
  updatedAt: number;
}

export interface MaintenanceRecord {
  id: number;
  vehicleIndex: number;
  date: string;
  kind: string;
  description: string;
  cost: number;
  odometerKm: number;
  shop: string;
  updatedAt: number;
}

/** Hub device types (schema `Device.type`). */
export type DeviceType =
  'METER_ELECTRIC' | 'METER_WATER' | 'FIRE' | 'ELEVATOR' | 'HVAC' | 'LEAK' | 'ACCESS' | 'PV' | 'ENV';

export interface Device {
  index: number;
  /** Logistics device code, e.g. `DB-01-05-003`. */
  code: string;
  type: DeviceType;
  name: string;
  buildingIndex: number;
  level: number;
  roomId: number | null;
  x: number;
  y: number;
  z: number;
  model: string;
  vendor: string;
  installDate: string;
  heartbeatSeconds: number;
  /** Scale of the device's load (kW for electric meters, m³/h for water, kWp for PV). */
  capacity: number;
}

export type AssetStatus = 'IN_USE' | 'IDLE' | 'IN_WAREHOUSE' | 'DISPOSED';

export interface Asset {
  index: number;
  /** 资产编号, e.g. `ZC2019000123`. */
  tag: string;
  name: string;
  classCode: string;
  spec: string;
  agencyIndex: number | null;
  roomId: number | null;
  /** Plate, when the asset is a vehicle. */
  plate: string | null;
  status: AssetStatus;
  acquiredAt: string;
  originalValue: number;
  condition: '良好' | '一般' | '较差' | '待报废';
  quantity: number;
  updatedAt: number;
}

export interface AssetTransfer {
  /** 调拨单号. */
  code: string;
  assetIndex: number;
  fromAgencyIndex: number | null;
  toAgencyIndex: number | null;
  status: 'REQUESTED' | 'APPROVED' | 'REJECTED' | 'COMPLETED';
  reason: string;
  requestedAt: number;
  requestedBy: string;
  decidedAt: number | null;
  decidedBy: string | null;
  note: string | null;
}

export interface District {
  info: DistrictInfo;
  buildings: Building[];
  floors: Floor[];
  rooms: Room[];
  agencies: Agency[];
  allocations: Allocation[];
  vehicles: Vehicle[];
  maintenance: MaintenanceRecord[];
  devices: Device[];
  assets: Asset[];
  transfers: AssetTransfer[];
}
