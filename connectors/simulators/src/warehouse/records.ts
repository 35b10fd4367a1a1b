/**
 * The asset system's ledgers as it exports them (资产台账, 调拨记录): Chinese headers, Chinese status
 * names, holders by full name and credit code, the location as free text (`A区1号楼512室`).
 */
import type { Agency, Asset, AssetTransfer, Building, District, Room } from '../district/types.ts';
import type { FieldRoles } from '../shared/corrupt.ts';
import type { Cell } from '../shared/tabular.ts';
import { localDateTime } from '../time.ts';

export const ASSET_HEADERS = [
  '资产编号',
  '资产名称',
  '资产分类代码',
  '规格型号',
  '数量',
  '原值(元)',
  '取得日期',
  '使用状态',
  '使用状况',
  '使用单位',
  '单位编码',
  '存放地点',
  '车牌号',
  '更新时间',
] as const;

export const TRANSFER_HEADERS = [
  '调拨单号',
  '资产编号',
  '资产名称',
  '调出单位',
  '调入单位',
  '调拨原因',
  '申请时间',
  '申请人',
  '审批状态',
  '审批时间',
  '审批人',
  '审批意见',
] as const;

export const ASSET_ROLES: FieldRoles = {
  measure: '原值(元)',
  unit: '元',
  date: '取得日期',
  building: '存放地点',
  text: '资产名称',
  id: '资产编号',
};

export const TRANSFER_ROLES: FieldRoles = {
  measure: '资产编号',
  unit: '',
  date: '申请时间',
  building: '调入单位',
  text: '调出单位',
  id: '调拨单号',
};

const ASSET_STATUS = { IN_USE: '在用', IDLE: '闲置', IN_WAREHOUSE: '在仓', DISPOSED: '已处置' } as const;
const TRANSFER_STATUS = {
  REQUESTED: '待审批',
  APPROVED: '已审批',
  REJECTED: '已驳回',
  COMPLETED: '已完成',
} as const;
export const WAREHOUSE_HOLDER = '公物仓';

export type Row = Record<string, Cell>;

export function assetRow(d: District, a: Asset, rooms: ReadonlyMap<number, Room>): Row {
  const agency = a.agencyIndex === null ? null : (d.agencies[a.agencyIndex] as Agency);
  const room = a.roomId === null ? null : rooms.get(a.roomId);
  const building = room ? (d.buildings[room.buildingIndex] as Building) : null;
  return {
    资产编号: a.tag,
    资产名称: a.name,
    资产分类代码: a.classCode,
    规格型号: a.spec,
    数量: a.quantity,
    '原值(元)': a.originalValue.toFixed(2),
    取得日期: a.acquiredAt,
    使用状态: ASSET_STATUS[a.status],
    使用状况: a.condition,
    使用单位: agency?.name ?? '',
    单位编码: agency?.creditCode ?? '',
    存放地点:
      building && room
        ? `${building.name}${room.number}室`
        : a.status === 'IN_WAREHOUSE'
          ? '公物仓集中仓'
          : '',
    车牌号: a.plate ?? '',
    更新时间: localDateTime(a.updatedAt),
  };
}

export function transferRow(d: District, t: AssetTransfer): Row {
  const asset = d.assets[t.assetIndex] as Asset;
  const name = (i: number | null) => (i === null ? WAREHOUSE_HOLDER : (d.agencies[i] as Agency).name);
  return {
    调拨单号: t.code,
    资产编号: asset.tag,
    资产名称: asset.name,
    调出单位: name(t.fromAgencyIndex),
    调入单位: name(t.toAgencyIndex),
    调拨原因: t.reason,
    申请时间: localDateTime(t.requestedAt),
    申请人: t.requestedBy,
    审批状态: TRANSFER_STATUS[t.status],
    审批时间: t.decidedAt === null ? null : localDateTime(t.decidedAt),
    审批人: t.decidedBy,
    审批意见: t.note,
  };
}
