import type { EntityMapping } from '../../writer/mapping-types.ts';
import {
  checkUpdatedAt,
  idOf,
  integer,
  oneOf,
  optionalLocalPosition,
  optionalText,
  quantity,
  text,
} from '../field-readers.ts';

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
 * rooms. Keyed by `roomCode` (`FZX-A01-512`), which both carry.
 *
 * The API places each room (`position {x, y, z}`, metres from the building's centroid, east/north/up:
 * connectors/src/simulators/README.md); the ledger export has no such columns. A record without the
 * field leaves the stored position as it is (the export must not erase what the API said), while
 * `position: null` says the room has none.
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
    const position = optionalLocalPosition(record, 'position');
    // Present, even as null, only when the record has the field: the writer neither writes nor hashes
    // a column the fields do not name.
    const placement =
      'position' in record ? { x: position?.x ?? null, y: position?.y ?? null, z: position?.z ?? null } : {};
    return {
      externalId: roomCode,
      fields: {
        number,
        name: usage,
        usableArea: quantity(record, 'usableArea', 'area'),
        category: oneOf(record, 'category', CATEGORY),
        subtype: usage,
        status: oneOf(record, 'status', STATUS),
        ...placement,
      },
      refs: {
        buildingId: { entity: 'Building', externalId: buildingCode },
        floorId: { entity: 'Floor', externalId: `${buildingCode}/${level}`, optional: true },
      },
    };
  },
};
