/**
 * The office-space system's periodic exports (导出台账): rooms and allocations as GBK CSV with Chinese
 * headers, and allocations again as XLSX, the way such systems hand data to other departments. Rows carry
 * the same values as the API; record-level fault knobs apply per row, file-level ones per file.
 */
import type { Faults } from '../faults.ts';
import { applyRecordFaults } from '../faults.ts';
import { deliverFile, encodeCsv, encodeXlsx, type Cell } from '../shared/tabular.ts';
import { compactDateTime } from '../time.ts';
import { corruptRecord, type FieldRoles } from '../shared/corrupt.ts';
import type { OfficeSpaceStore } from './records.ts';

export const ROOM_EXPORT_HEADERS = [
  '房间编码',
  '楼栋编码',
  '楼栋名称',
  '楼层',
  '房间号',
  '用房类别',
  '房间用途',
  '使用面积(㎡)',
  '建筑面积(㎡)',
  '使用状态',
  '更新时间',
] as const;

export const ALLOCATION_EXPORT_HEADERS = [
  '分配编号',
  '房间编码',
  '楼栋编码',
  '房间号',
  '使用单位',
  '统一社会信用代码',
  '使用人数',
  '分配日期',
  '截止日期',
  '分配凭证号',
  '更新时间',
] as const;

type Row = Record<string, Cell>;

const ROOM_ROLES: FieldRoles = {
  measure: '使用面积(㎡)',
  unit: '㎡',
  date: '更新时间',
  building: '楼栋编码',
  text: '房间号',
  id: '房间编码',
};
const ALLOCATION_ROLES: FieldRoles = {
  measure: '使用人数',
  unit: '人',
  date: '分配日期',
  building: '楼栋编码',
  text: '使用单位',
  id: '分配编号',
};

export function roomExportRows(store: OfficeSpaceStore): Row[] {
  const names = new Map([...store.buildings.ordered()].map((b) => [b.record.code, b.record.name]));
  return store.rooms.ordered().map(({ record: r }) => ({
    房间编码: r.roomCode,
    楼栋编码: r.buildingCode,
    楼栋名称: names.get(r.buildingCode) ?? '',
    楼层: r.floorNo,
    房间号: r.roomNo,
    用房类别: r.category,
    房间用途: r.usage,
    '使用面积(㎡)': r.usableArea,
    '建筑面积(㎡)': r.buildingArea,
    使用状态: r.status,
    更新时间: r.updatedAt,
  }));
}

export function allocationExportRows(store: OfficeSpaceStore): Row[] {
  return store.allocations.ordered().map(({ record: a }) => ({
    分配编号: a.id,
    房间编码: a.roomCode,
    楼栋编码: a.buildingCode,
    房间号: a.roomCode.slice(a.buildingCode.length + 1),
    使用单位: a.agencyName,
    统一社会信用代码: a.agencyCode,
    使用人数: a.occupants,
    分配日期: a.startDate,
    截止日期: a.endDate,
    分配凭证号: a.certificateNo,
    更新时间: a.updatedAt,
  }));
}

function toCells(rows: readonly Row[], headers: readonly string[]): Cell[][] {
  return rows.map((r) => headers.map((h) => r[h] ?? null));
}

/** Writes the three export files; returns their paths. */
export async function writeOfficeSpaceExports(
  store: OfficeSpaceStore,
  dir: string,
  faults: Faults,
  nowMs: number,
): Promise<string[]> {
  const stamp = compactDateTime(nowMs);
  const rooms = applyRecordFaults(roomExportRows(store), faults, (r, k, p) =>
    corruptRecord(r, k, p, ROOM_ROLES),
  );
  const allocations = applyRecordFaults(allocationExportRows(store), faults, (r, k, p) =>
    corruptRecord(r, k, p, ALLOCATION_ROLES),
  );
  const allocationCells = toCells(allocations, ALLOCATION_EXPORT_HEADERS);
  return [
    await deliverFile(
      dir,
      `房间台账_${stamp}.csv`,
      encodeCsv(ROOM_EXPORT_HEADERS, toCells(rooms, ROOM_EXPORT_HEADERS), 'gbk'),
      faults,
    ),
    await deliverFile(
      dir,
      `分配台账_${stamp}.csv`,
      encodeCsv(ALLOCATION_EXPORT_HEADERS, allocationCells, 'gbk'),
      faults,
    ),
    await deliverFile(
      dir,
      `分配台账_${stamp}.xlsx`,
      await encodeXlsx('分配台账', ALLOCATION_EXPORT_HEADERS, allocationCells, nowMs),
      faults,
    ),
  ];
}
