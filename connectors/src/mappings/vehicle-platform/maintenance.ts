import type { EntityMapping } from '../../writer/mapping-types.ts';
import {
  checkUpdatedAt,
  date,
  idOf,
  optionalDecimal,
  optionalQuantity,
  optionalText,
  text,
} from '../field-readers.ts';
import { RecordRejectedError } from '@district-hub/schema';

/** Vehicle platform `t_gwc_wxjl` → MaintenanceRecord, keyed by the row id. */
export const vehiclePlatformMaintenance: EntityMapping = {
  entity: 'MaintenanceRecord',
  description: 'vehicle-platform t_gwc_wxjl → MaintenanceRecord',
  externalIdOf: (r) => idOf(r, 'id'),
  map(record, context) {
    checkUpdatedAt(record, 'update_time', context.timeZone);
    const day = date(record, 'wxrq', context.timeZone);
    if (!day) throw new RecordRejectedError('wxrq: is empty; expected the date of the work');
    return {
      externalId: text(record, 'id'),
      fields: {
        date: day,
        kind: text(record, 'wxlx'),
        description: optionalText(record, 'wxnr'),
        cost: optionalDecimal(record, 'fy'),
        odometerKm: optionalQuantity(record, 'lc', 'distance'),
      },
      refs: { vehicleId: { entity: 'Vehicle', externalId: text(record, 'cl_id') } },
    };
  },
};
