import { RecordRejectedError } from '@district-hub/schema';
import type { EntityMapping } from '../../writer/mapping-types.ts';
import {
  checkUpdatedAt,
  idOf,
  integer,
  metres,
  optionalInteger,
  optionalQuantity,
  optionalText,
  oneOf,
  text,
} from '../field-readers.ts';
import { logisticsBuildingName, numberingFrom } from './building-numbering.ts';

const OWNERSHIP = { 已登记: 'REGISTERED', 待登记: 'PENDING', 未登记: 'UNREGISTERED' } as const;

/**
 * Office space `buildings` → Building, keyed by the office-space code (`FZX-A01`). Coordinates are
 * already WGS-84 in this system. Registers the building's logistics name (`1号楼`) in the crosswalk,
 * see `building-numbering.ts`.
 */
export const officeSpaceBuildings: EntityMapping = {
  entity: 'Building',
  description: 'office-space buildings → Building (+ logistics alias 1号楼)',
  externalIdOf: (r) => idOf(r, 'code'),
  map(record, context) {
    const code = text(record, 'code');
    checkUpdatedAt(record, 'updatedAt', context.timeZone);
    const centroid = record.centroid as { lng?: unknown; lat?: unknown } | null;
    const lon = Number(centroid?.lng);
    const lat = Number(centroid?.lat);
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
      throw new RecordRejectedError(
        `centroid: expected {lng, lat} numbers, got ${JSON.stringify(record.centroid)}`,
      );
    }
    const footprint = record.footprint as { type?: string; coordinates?: unknown } | null;
    if (!footprint || footprint.type !== 'Polygon' || !Array.isArray(footprint.coordinates)) {
      throw new RecordRejectedError(`footprint: expected a GeoJSON Polygon`);
    }
    const alias = logisticsBuildingName(code, numberingFrom(context.options));
    return {
      externalId: code,
      fields: {
        code,
        name: text(record, 'name'),
        address: optionalText(record, 'address'),
        footprint,
        centroidLon: lon,
        centroidLat: lat,
        floorsAbove: integer(record, 'floorsAbove'),
        floorsBelow: optionalInteger(record, 'floorsBelow') ?? 0,
        height: metres(record, 'height'),
        grossArea: optionalQuantity(record, 'grossArea', 'area'),
        ownershipStatus: oneOf(record, 'ownershipStatus', OWNERSHIP),
        certificateNo: optionalText(record, 'certificateNo'),
        yearBuilt: optionalInteger(record, 'yearBuilt'),
      },
      aliases: alias ? [{ source: 'logistics', externalId: alias }] : [],
    };
  },
};
