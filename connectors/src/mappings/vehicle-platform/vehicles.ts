import type { EntityMapping } from '../../writer/mapping-types.ts';
import {
  checkUpdatedAt,
  date,
  idOf,
  oneOf,
  optionalDecimal,
  optionalInteger,
  optionalQuantity,
  optionalText,
  text,
} from '../field-readers.ts';

const ENERGY = { '01': 'ICE', '02': 'ICE', '03': 'BEV', '04': 'PHEV', '05': 'HEV', '06': 'FCEV' } as const;
const USE = {
  '01': 'CONFIDENTIAL_COURIER',
  '02': 'EMERGENCY',
  '03': 'LAW_ENFORCEMENT',
  '04': 'SPECIAL_TECHNICAL',
  '05': 'OTHER',
} as const;
const STATUS = { '0': 'AVAILABLE', '1': 'IN_USE', '2': 'MAINTENANCE', '3': 'RETIRED' } as const;

/**
 * Vehicle platform `t_gwc_cl` → Vehicle, keyed by the row id. `scbz = '1'` is the platform's soft
 * delete: reported to the hub as a deletion. The holder resolves by `dwbm` through the crosswalk the
 * `units` stream fills.
 */
export const vehiclePlatformVehicles: EntityMapping = {
  entity: 'Vehicle',
  description: 'vehicle-platform t_gwc_cl → Vehicle',
  externalIdOf: (r) => idOf(r, 'id'),
  map(record, context) {
    const id = text(record, 'id');
    if (String(record.scbz ?? '0').trim() === '1') return { externalId: id, fields: {}, deleted: true };
    checkUpdatedAt(record, 'update_time', context.timeZone);
    const brand = optionalText(record, 'pp');
    const model = optionalText(record, 'clxh');
    return {
      externalId: id,
      fields: {
        plate: text(record, 'cphm'),
        vin: optionalText(record, 'cjh'),
        useCategory: oneOf(record, 'bzlx', USE),
        energyType: oneOf(record, 'nylx', ENERGY),
        model: [brand, model].filter(Boolean).join(' ') || null,
        seats: optionalInteger(record, 'zws'),
        displacement: optionalQuantity(record, 'pl', 'count'),
        purchaseDate: date(record, 'gcrq', context.timeZone),
        purchasePrice: optionalDecimal(record, 'gcjg'),
        status: oneOf(record, 'clzt', STATUS),
        odometerKm: optionalQuantity(record, 'zlc', 'distance'),
      },
      refs: { agencyId: { entity: 'Agency', externalId: text(record, 'dwbm') } },
    };
  },
};
