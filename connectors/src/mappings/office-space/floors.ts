import type { EntityMapping } from '../../writer/mapping-types.ts';
import { checkUpdatedAt, integer, metres, optionalText, text } from '../field-readers.ts';

/** Office space `floors` → Floor, keyed `FZX-A01/5`. */
export const officeSpaceFloors: EntityMapping = {
  entity: 'Floor',
  description: 'office-space floors → Floor',
  externalIdOf: (r) => `${String(r.buildingCode ?? '').trim()}/${String(r.floorNo ?? '').trim()}`,
  map(record, context) {
    const buildingCode = text(record, 'buildingCode');
    const level = integer(record, 'floorNo');
    checkUpdatedAt(record, 'updatedAt', context.timeZone);
    return {
      externalId: `${buildingCode}/${level}`,
      fields: {
        level,
        name: optionalText(record, 'floorName'),
        elevation: metres(record, 'elevation'),
        height: metres(record, 'height'),
      },
      refs: { buildingId: { entity: 'Building', externalId: buildingCode } },
    };
  },
};
