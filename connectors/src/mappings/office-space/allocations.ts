import type { EntityMapping } from '../../writer/mapping-types.ts';
import { checkUpdatedAt, idOf, integer, optionalText, optionalTime, text, time } from '../field-readers.ts';

/**
 * Office space allocations → RoomAllocation, from the API (`allocations`) or the 分配台账 export
 * (CSV in GBK, or XLSX), keyed by the allocation id (分配编号). The room resolves by `roomCode`, the
 * agency by its credit code (`Agency.code`). Dates are Beijing dates; `validFrom` is that day's 00:00.
 */
export const officeSpaceAllocations: EntityMapping = {
  entity: 'RoomAllocation',
  description: 'office-space allocations (API or 分配台账 export) → RoomAllocation',
  externalIdOf: (r) => idOf(r, 'id'),
  map(record, context) {
    const id = text(record, 'id');
    checkUpdatedAt(record, 'updatedAt', context.timeZone);
    void optionalText;
    return {
      externalId: id,
      fields: {
        occupants: integer(record, 'occupants'),
        validFrom: time(record, 'startDate', context.timeZone),
        validTo: optionalTime(record, 'endDate', context.timeZone),
      },
      refs: {
        roomId: { entity: 'Room', externalId: text(record, 'roomCode') },
        agencyId: { entity: 'Agency', field: 'code', externalId: text(record, 'agencyCode') },
      },
    };
  },
};
