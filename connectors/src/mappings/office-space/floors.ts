import type { EntityMapping } from '../../writer/mapping-types.ts';
import { checkUpdatedAt, integer, metres, optionalText, text } from '../field-readers.ts';
import { logisticsBuildingName, logisticsFloorName, numberingFrom } from './building-numbering.ts';

/** Office space `floors` → Floor, keyed `FZX-A01/5`; registers logistics' `1号楼/5F`. */
export const officeSpaceFloors: EntityMapping = {
  entity: 'Floor',
  description: 'office-space floors → Floor (+ logistics alias 1号楼/5F)',
  externalIdOf: (r) => `${String(r.buildingCode ?? '').trim()}/${String(r.floorNo ?? '').trim()}`,
  map(record, context) {
    const buildingCode = text(record, 'buildingCode');
    const level = integer(record, 'floorNo');
    checkUpdatedAt(record, 'updatedAt', context.timeZone);
    const building = logisticsBuildingName(buildingCode, numberingFrom(context.options));
    return {
      externalId: `${buildingCode}/${level}`,
      fields: {
        level,
        name: optionalText(record, 'floorName'),
        elevation: metres(record, 'elevation'),
        height: metres(record, 'height'),
      },
      refs: { buildingId: { entity: 'Building', externalId: buildingCode } },
      aliases: building
        ? [{ source: 'logistics', externalId: `${building}/${logisticsFloorName(level)}` }]
        : [],
    };
  },
};
