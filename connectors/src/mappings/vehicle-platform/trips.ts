import type { EntityMapping } from '../../writer/mapping-types.ts';
import {
  checkUpdatedAt,
  idOf,
  oneOf,
  optionalQuantity,
  optionalText,
  optionalTime,
  text,
  time,
} from '../field-readers.ts';

const STATUS = { '1': 'ONGOING', '2': 'COMPLETED', '9': 'CANCELLED' } as const;

/**
 * Vehicle platform `t_gwc_pcd` (dispatch orders) → Trip, keyed by the row id (`pcdh` has no unique
 * constraint there). Its times and mileage are VARCHAR: read as Beijing time and km, with unit
 * suffixes cleaned and anything else rejected.
 */
export const vehiclePlatformTrips: EntityMapping = {
  entity: 'Trip',
  description: 'vehicle-platform t_gwc_pcd → Trip',
  externalIdOf: (r) => idOf(r, 'id'),
  map(record, context) {
    const id = text(record, 'id');
    checkUpdatedAt(record, 'update_time', context.timeZone);
    const unit = text(record, 'ycdw', 'ycdw (用车单位)');
    return {
      externalId: id,
      fields: {
        purpose: optionalText(record, 'ycsy'),
        status: oneOf(record, 'zt', STATUS),
        startedAt: time(record, 'kssj', context.timeZone),
        endedAt: optionalTime(record, 'jssj', context.timeZone),
        origin: optionalText(record, 'cfdd'),
        destination: optionalText(record, 'mdd'),
        distanceKm: optionalQuantity(record, 'lc', 'distance'),
        driver: optionalText(record, 'jsy'),
      },
      refs: {
        vehicleId: { entity: 'Vehicle', externalId: text(record, 'cl_id') },
        agencyId: { entity: 'Agency', externalId: unit },
      },
    };
  },
};
