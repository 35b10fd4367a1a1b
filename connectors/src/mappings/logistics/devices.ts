import type { EntityMapping } from '../../writer/mapping-types.ts';
import { date, idOf, oneOf, optionalInteger, optionalText, text } from '../field-readers.ts';
import { bodyOf, DEVICE_TYPES } from './device-types.ts';
import { placeRefs } from './place-refs.ts';

/**
 * Logistics devices → Device, from the device API (`/prod-api/device/list`) or the retained MQTT
 * `birth` messages (same fields), keyed by `deviceCode`. Building, floor and room are named the
 * logistics way (`1号楼`, `5F`, `512`): the building through the alias office space registered, the
 * floor and room within it; see `office-space/building-numbering.ts`.
 */
export const logisticsDevices: EntityMapping = {
  entity: 'Device',
  description: 'logistics devices (API rows or MQTT births) → Device',
  externalIdOf: (r) => idOf(bodyOf(r), 'deviceCode'),
  map(record, context) {
    const body = bodyOf(record);
    const code = text(body, 'deviceCode');
    const building = text(body, 'building');
    const floor = optionalText(body, 'floor');
    const room = optionalText(body, 'room');
    void date;
    const position = (body.position ?? {}) as { x?: unknown; y?: unknown; z?: unknown };
    const coord = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    return {
      externalId: code,
      fields: {
        code,
        name: optionalText(body, 'deviceName'),
        type: oneOf(body, 'deviceType', DEVICE_TYPES),
        x: coord(position.x),
        y: coord(position.y),
        z: coord(position.z),
        heartbeatSeconds: optionalInteger(body, 'reportInterval'),
      },
      refs: placeRefs(building, floor, room, context.source, true),
    };
  },
};
