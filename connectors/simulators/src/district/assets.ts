/**
 * Assets of the public property warehouse (公物仓) ledger and their transfers (调拨). Every vehicle is
 * an asset card (class 2030100, with its plate). Allocated rooms carry furniture and equipment cards
 * (one card per class and room, quantity = occupants, the way asset cards group like items); cards are
 * thinned evenly across rooms to the target, and the last tenth of the target is warehouse stock
 * (在仓) awaiting reallocation, plus a few idle and disposed items.
 */
import { ASSET_CLASSES, type AssetClassKey } from './names.ts';
import { round, type Rng } from './prng.ts';
import type { Agency, Allocation, Asset, AssetTransfer, Room, Vehicle } from './types.ts';
import { personName } from './vehicles.ts';
import { DAY_MS, localDate } from '../time.ts';

function kitFor(room: Room): AssetClassKey[] {
  if (room.use === '领导办公室') return ['desk', 'chair', 'laptop', 'cabinet', 'sofa', 'aircon'];
  if (room.use === '办公室') return ['desk', 'chair', 'desktop', 'cabinet', 'printer'];
  if (room.use === '会议室') return ['meetingTable', 'chair', 'projector', 'display', 'aircon'];
  if (room.use === '文印室') return ['copier', 'printer'];
  if (room.use === '接待室') return ['sofa', 'aircon'];
  if (room.use === '档案室' || room.use === '资料室') return ['cabinet'];
  return [];
}

export function generateAssets(
  rng: Rng,
  target: number,
  vehicles: readonly Vehicle[],
  rooms: readonly Room[],
  allocations: readonly Allocation[],
  agencies: readonly Agency[],
  referenceMs: number,
): { assets: Asset[]; transfers: AssetTransfer[] } {
  const assets: Asset[] = [];
  const referenceYear = Number(localDate(referenceMs).slice(0, 4));
  const seqByYear = new Map<number, number>();
  const tagFor = (acquired: string) => {
    const year = Number(acquired.slice(0, 4));
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    return `ZC${year}${String(seq).padStart(6, '0')}`;
  };
  const acquiredDate = (fromYear: number) =>
    localDate(Date.UTC(rng.int(fromYear, referenceYear - 1), 0, 1) + rng.int(0, 364) * DAY_MS);
  const condition = (): Asset['condition'] =>
    rng.weighted([
      ['良好', 70],
      ['一般', 22],
      ['较差', 6],
      ['待报废', 2],
    ] as const);
  const push = (a: Omit<Asset, 'index' | 'tag' | 'updatedAt'>) => {
    const asset = a as Asset;
    asset.index = assets.length;
    asset.tag = tagFor(a.acquiredAt);
    asset.updatedAt = referenceMs - rng.int(1, 500) * DAY_MS - rng.int(0, 86_399) * 1000;
    assets.push(asset);
  };

  for (const v of vehicles) {
    if (assets.length >= target) break;
    push({
      name: `${v.brand}${v.model.split(' ')[0]}`,
      classCode: ASSET_CLASSES.car.code,
      spec: v.model,
      agencyIndex: v.agencyIndex,
      roomId: null,
      plate: v.plate,
      status: v.status === 'RETIRED' ? 'DISPOSED' : 'IN_USE',
      acquiredAt: v.purchaseDate,
      originalValue: v.price,
      condition: v.status === 'RETIRED' ? '待报废' : '良好',
      quantity: 1,
    });
  }

  const roomsById = new Map(rooms.map((r) => [r.id, r]));
  const inRoomTarget = Math.max(0, Math.round(target * 0.9) - assets.length);
  let candidates = 0;
  for (const a of allocations) candidates += kitFor(roomsById.get(a.roomId) as Room).length;
  const keep = Math.min(1, inRoomTarget / Math.max(1, candidates));
  for (const alloc of allocations) {
    const room = roomsById.get(alloc.roomId) as Room;
    for (const key of kitFor(room)) {
      if (assets.length >= target) break;
      if (!rng.chance(keep)) continue;
      const cls = ASSET_CLASSES[key];
      const perPerson = key === 'desk' || key === 'chair' || key === 'desktop';
      const quantity =
        key === 'chair' && room.use === '会议室'
          ? rng.int(8, 24)
          : perPerson
            ? Math.max(1, alloc.occupants)
            : 1;
      push({
        name: cls.name,
        classCode: cls.code,
        spec: cls.spec.length ? rng.pick(cls.spec) : '',
        agencyIndex: alloc.agencyIndex,
        roomId: room.id,
        plate: null,
        status: rng.chance(0.04) ? 'IDLE' : 'IN_USE',
        acquiredAt: acquiredDate(2016),
        originalValue: round(rng.float(cls.value[0], cls.value[1]) * quantity, 2),
        condition: condition(),
        quantity,
      });
    }
  }

  const stockKinds: AssetClassKey[] = [
    'desk',
    'chair',
    'cabinet',
    'desktop',
    'printer',
    'aircon',
    'sofa',
    'projector',
  ];
  while (assets.length < target) {
    const key = rng.pick(stockKinds);
    const cls = ASSET_CLASSES[key];
    const disposed = rng.chance(0.08);
    push({
      name: cls.name,
      classCode: cls.code,
      spec: rng.pick(cls.spec),
      agencyIndex: null,
      roomId: null,
      plate: null,
      status: disposed ? 'DISPOSED' : 'IN_WAREHOUSE',
      acquiredAt: acquiredDate(2012),
      originalValue: round(rng.float(cls.value[0], cls.value[1]), 2),
      condition: disposed ? '待报废' : condition(),
      quantity: 1,
    });
  }

  // Transfers: about 3% of assets moved between agencies, into the warehouse, or out of it.
  const transfers: AssetTransfer[] = [];
  const transferCount = Math.round(assets.length * 0.03);
  const reasons = ['机构改革调整', '办公用房调整', '闲置资产调剂', '公物仓调剂出仓', '资产入仓'];
  for (let i = 0; i < transferCount; i++) {
    const asset = assets[rng.int(0, assets.length - 1)] as Asset;
    const toWarehouse = asset.agencyIndex !== null && rng.chance(0.3);
    const from = asset.agencyIndex;
    const to = toWarehouse ? null : rng.int(0, agencies.length - 1);
    const requestedAt = referenceMs - rng.int(2, 360) * DAY_MS - rng.int(0, 36_000) * 1000;
    const status = rng.weighted([
      ['COMPLETED', 60],
      ['APPROVED', 15],
      ['REQUESTED', 15],
      ['REJECTED', 10],
    ] as const);
    const decided = status !== 'REQUESTED';
    transfers.push({
      code: `DBD${localDate(requestedAt).replace(/-/g, '')}${String(i + 1).padStart(4, '0')}`,
      assetIndex: asset.index,
      fromAgencyIndex: from,
      toAgencyIndex: to,
      status,
      reason: toWarehouse ? '资产入仓' : from === null ? '公物仓调剂出仓' : rng.pick(reasons.slice(0, 3)),
      requestedAt,
      requestedBy: personName(rng),
      decidedAt: decided ? Math.min(referenceMs, requestedAt + rng.int(1, 10) * DAY_MS) : null,
      decidedBy: decided ? personName(rng) : null,
      note: status === 'REJECTED' ? '调入单位资产配置已达标准,不予调剂' : decided ? '同意' : null,
    });
  }
  return { assets, transfers };
}
