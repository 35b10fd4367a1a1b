import { RecordRejectedError } from '@district-hub/schema';
import type { EntityMapping, EntityRef } from '../../writer/mapping-types.ts';
import { checkUpdatedAt, date, idOf, oneOf, optionalDecimal, optionalText, text } from '../field-readers.ts';
import { buildingCodeFromName } from '../office-space/building-numbering.ts';

const STATUS = { 在用: 'IN_USE', 闲置: 'IDLE', 在仓: 'IN_WAREHOUSE', 已处置: 'DISPOSED' } as const;

/**
 * Warehouse 资产台账 (CSV in GBK or UTF-8 with BOM, or XLSX; headers mapped in hub.config.yaml) →
 * Asset keyed by 资产编号. The holder resolves by 单位编码 (credit code, `Agency.code`); 存放地点
 * `A区1号楼512室` resolves to office space's room `FZX-A01-512` (the office-space code prefix is
 * `mappingOptions.buildingCodePrefix`, default `FZX-`); an empty location or the warehouse itself (`公物仓…`) stores no room.
 */
export const warehouseAssets: EntityMapping = {
  entity: 'Asset',
  description: 'warehouse 资产台账 → Asset',
  externalIdOf: (r) => idOf(r, 'tag'),
  map(record, context) {
    const tag = text(record, 'tag', '资产编号');
    checkUpdatedAt(record, 'updatedAt', context.timeZone, '更新时间');
    const agency = optionalText(record, 'agencyCode');
    const location = optionalText(record, 'location');
    return {
      externalId: tag,
      fields: {
        tag,
        name: text(record, 'name', '资产名称'),
        classCode: text(record, 'classCode', '资产分类代码'),
        status: oneOf(record, 'status', STATUS, '使用状态'),
        acquiredAt: date(record, 'acquiredAt', context.timeZone, '取得日期'),
        originalValue: optionalDecimal(record, 'originalValue', '原值(元)'),
        condition: optionalText(record, 'condition'),
      },
      refs: {
        holderAgencyId: agency ? { entity: 'Agency', field: 'code', externalId: agency } : null,
        roomId:
          location && !isWarehouse(location)
            ? roomRef(location, String(context.options.buildingCodePrefix ?? 'FZX-'))
            : null,
      },
    };
  },
};

/** `公物仓集中仓` and the like: the asset sits in the warehouse itself, in no office room. */
function isWarehouse(location: string): boolean {
  return location.startsWith('公物仓');
}

function roomRef(location: string, prefix: string): EntityRef {
  const m = /^(.+号楼)(.+?)室?$/.exec(location);
  const code = m ? buildingCodeFromName(m[1]!, prefix) : undefined;
  if (!m || !code) {
    throw new RecordRejectedError(
      `存放地点: "${location}" is not a location we can read (expected e.g. A区1号楼512室)`,
    );
  }
  return { entity: 'Room', source: 'office-space', externalId: `${code}-${m[2]}` };
}
