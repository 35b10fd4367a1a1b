import type { SqlExecutor } from '../database/sql-db.ts';
import { likePrefix } from '../database/sql-expressions.ts';
import { allocationInForce } from './sql-rules.ts';

/**
 * Where a matching idle asset is (公物仓, 行政事业性国有资产管理条例 2021: reallocate before buying):
 * idle at another holder in a building the asking agency is in (the virtual warehouse next door), in the
 * physical warehouse, or idle at a holder in another building (virtual, but a move across the district).
 */
export type AssetMatchSource = 'VIRTUAL_SAME_BUILDING' | 'PHYSICAL_WAREHOUSE' | 'VIRTUAL_ELSEWHERE';

const RANK: Record<AssetMatchSource, number> = {
  VIRTUAL_SAME_BUILDING: 0,
  PHYSICAL_WAREHOUSE: 1,
  VIRTUAL_ELSEWHERE: 2,
};

export interface AssetMatch {
  assetId: number;
  source: AssetMatchSource;
}

/**
 * Idle assets of a GB/T 14885 class (a code or its prefix) for an agency, in the order to offer them:
 * next door first, then the warehouse, then across the district; oldest-tagged first within each. An
 * empty answer means nothing idle fits: a purchase is the way. At most `limit` matches.
 */
export async function matchIdleAssets(
  db: SqlExecutor,
  options: { classCode: string; agencyId: number; at: Date; limit: number },
): Promise<AssetMatch[]> {
  const [buildings, assets] = await Promise.all([
    db
      .selectFrom('RoomAllocation')
      .innerJoin('Room', 'Room.id', 'RoomAllocation.roomId')
      .select('Room.buildingId')
      .distinct()
      .where(allocationInForce(options.at))
      .where('Room.deletedAt', 'is', null)
      .where('RoomAllocation.agencyId', '=', options.agencyId)
      .execute(),
    db
      .selectFrom('Asset')
      .leftJoin('Room', 'Room.id', 'Asset.roomId')
      .select(['Asset.id', 'Asset.status', 'Asset.tag', 'Asset.holderAgencyId', 'Room.buildingId'])
      .where('Asset.deletedAt', 'is', null)
      .where('Asset.classCode', 'like', likePrefix(options.classCode))
      .where((eb) =>
        eb.or([
          eb('Asset.status', '=', 'IN_WAREHOUSE'),
          eb.and([
            eb('Asset.status', '=', 'IDLE'),
            eb('Asset.holderAgencyId', 'is not', null),
            eb('Asset.holderAgencyId', '!=', options.agencyId),
          ]),
        ]),
      )
      .execute(),
  ]);
  const mine = new Set(buildings.map((row) => row.buildingId));
  return assets
    .map((asset) => ({
      assetId: asset.id,
      tag: asset.tag,
      source: (asset.status === 'IN_WAREHOUSE'
        ? 'PHYSICAL_WAREHOUSE'
        : asset.buildingId !== null && mine.has(asset.buildingId)
          ? 'VIRTUAL_SAME_BUILDING'
          : 'VIRTUAL_ELSEWHERE') as AssetMatchSource,
    }))
    .sort((a, b) => RANK[a.source] - RANK[b.source] || a.tag.localeCompare(b.tag) || a.assetId - b.assetId)
    .slice(0, options.limit)
    .map(({ assetId, source }) => ({ assetId, source }));
}
