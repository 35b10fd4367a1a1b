import type { EntityMapping } from '../../writer/mapping-types.ts';
import { idOf, oneOf, optionalText, optionalTime, text, time } from '../field-readers.ts';

const STATUS = { 待审批: 'REQUESTED', 已审批: 'APPROVED', 已驳回: 'REJECTED', 已完成: 'COMPLETED' } as const;
/** The warehouse itself, named as a unit in transfers (intake): no agency. */
const WAREHOUSE_NAMES = new Set(['公物仓']);

/**
 * Warehouse 调拨记录 → AssetTransfer keyed by 调拨单号. The asset resolves by its tag; the units are
 * named by full name (`Agency.name`), 公物仓 meaning the warehouse itself.
 */
export const warehouseTransfers: EntityMapping = {
  entity: 'AssetTransfer',
  description: 'warehouse 调拨记录 → AssetTransfer',
  externalIdOf: (r) => idOf(r, 'id'),
  map(record, context) {
    const from = optionalText(record, 'fromAgency');
    const to = optionalText(record, 'toAgency');
    const agency = (name: string | null) =>
      name && !WAREHOUSE_NAMES.has(name)
        ? { entity: 'Agency' as const, field: 'name', externalId: name }
        : null;
    return {
      externalId: text(record, 'id', '调拨单号'),
      fields: {
        status: oneOf(record, 'status', STATUS, '审批状态'),
        reason: optionalText(record, 'reason'),
        requestedAt: time(record, 'requestedAt', context.timeZone, '申请时间'),
        requestedBy: optionalText(record, 'requestedBy'),
        decidedAt: optionalTime(record, 'decidedAt', context.timeZone, '审批时间'),
        decidedBy: optionalText(record, 'decidedBy'),
        decisionNote: optionalText(record, 'decisionNote'),
      },
      refs: {
        assetId: { entity: 'Asset', externalId: text(record, 'assetTag', '资产编号') },
        fromAgencyId: agency(from),
        toAgencyId: agency(to),
      },
    };
  },
};
