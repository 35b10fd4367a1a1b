import type { EntityRef } from '../../writer/mapping-types.ts';
import { levelOfLogisticsFloor } from '../office-space/building-numbering.ts';

/**
 * References to where a logistics device or alarm is: the building by logistics' own name (`1号楼`,
 * an alias office space registered), the floor by level and the room by door number within that
 * building. Floor and room are optional: a roof device has no ledger floor, a corridor sensor no room.
 */
export function placeRefs(
  building: string,
  floor: string | null,
  room: string | null,
  source: string,
  buildingRequired: boolean,
): Record<string, EntityRef | null> {
  const buildingRef: EntityRef = {
    entity: 'Building',
    externalId: building,
    source,
    optional: !buildingRequired,
  };
  const level = floor ? levelOfLogisticsFloor(floor) : undefined;
  const out: Record<string, EntityRef | null> = {
    buildingId: buildingRef,
    roomId: room
      ? {
          entity: 'Room',
          field: 'number',
          externalId: room,
          within: { column: 'buildingId', ref: buildingRef },
          optional: true,
        }
      : null,
  };
  if (floor !== null) {
    out.floorId =
      level === undefined
        ? null
        : {
            entity: 'Floor',
            field: 'level',
            externalId: String(level),
            within: { column: 'buildingId', ref: buildingRef },
            optional: true,
          };
  }
  return out;
}
