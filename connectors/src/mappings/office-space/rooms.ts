import type { EntityMapping } from '../../writer/mapping-types.ts';
import { checkUpdatedAt, idOf, integer, oneOf, optionalText, quantity, text } from '../field-readers.ts';

const CATEGORY = {
  办公室: 'OFFICE',
  服务用房: 'SERVICE',
  设备用房: 'EQUIPMENT',
  附属用房: 'ANCILLARY',
} as const;
const STATUS = { 在用: 'IN_USE', 闲置: 'IDLE', 维修改造: 'RENOVATING', 出借: 'LENT_OUT' } as const;

/**
 * Office space rooms → Room, from the API (`rooms`) and from the GBK ledger export (房间台账), whose
 * Chinese headers hub.config.yaml maps to the API's field names: one mapping, so both load the same
 * rooms with the same content hash. Keyed by `roomCode` (`FZX-A01-512`), which both carry.
 */
export const officeSpaceRooms: EntityMapping = {
  entity: 'Room',
  description: 'office-space rooms (API or 房间台账 export) → Room',
  externalIdOf: (r) => idOf(r, 'roomCode'),
  map(record, context) {
    const roomCode = text(record, 'roomCode');
    const buildingCode = text(record, 'buildingCode');
    const level = integer(record, 'floorNo');
    const number = text(record, 'roomNo');
    checkUpdatedAt(record, 'updatedAt', context.timeZone);
    const usage = optionalText(record, 'usage');
    return {
      externalId: roomCode,
      fields: {
        number,
        name: usage,
        usableArea: quantity(record, 'usableArea', 'area'),
        category: oneOf(record, 'category', CATEGORY),
        subtype: usage,
        status: oneOf(record, 'status', STATUS),
      },
      refs: {
        buildingId: { entity: 'Building', externalId: buildingCode },
        floorId: { entity: 'Floor', externalId: `${buildingCode}/${level}`, optional: true },
      },
    };
  },
};
