import { RecordRejectedError, gcj02ToWgs84 } from '@district-hub/schema';
import type { EntityMapping } from '../../writer/mapping-types.ts';
import { idOf, optionalQuantity, text, time } from '../field-readers.ts';

/**
 * Vehicle platform `t_gwc_gps` → VehiclePosition. The platform stores GCJ-02 (`jd`, `wd`); the hub
 * stores WGS-84, converted here by the iterative inverse (under a millimetre, schema's `geo/gcj02.ts`). Read
 * incrementally by `id`, not `gps_time`: late fixes arrive with older times and newer ids.
 */
export const vehiclePlatformPositions: EntityMapping = {
  entity: 'VehiclePosition',
  description: 'vehicle-platform t_gwc_gps (GCJ-02) → VehiclePosition (WGS-84)',
  externalIdOf: (r) => idOf(r, 'id'),
  map(record, context) {
    const lng = Number(record.jd);
    const lat = Number(record.wd);
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
      throw new RecordRejectedError(`jd/wd: (${String(record.jd)}, ${String(record.wd)}) is not a position`);
    }
    const wgs = gcj02ToWgs84(lng, lat);
    return {
      externalId: text(record, 'id'),
      fields: {
        time: time(record, 'gps_time', context.timeZone),
        lon: Math.round(wgs.lon * 1e7) / 1e7,
        lat: Math.round(wgs.lat * 1e7) / 1e7,
        speedKmh: optionalQuantity(record, 'sd', 'count'),
        heading: optionalQuantity(record, 'fx', 'count'),
      },
      refs: { vehicleId: { entity: 'Vehicle', externalId: text(record, 'cl_id') } },
    };
  },
};
