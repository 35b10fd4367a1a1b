import type { EntityMapping } from '../../writer/mapping-types.ts';
import { parseZonedTime } from '../../normalize/zoned-time.ts';
import { deviceIncidentKey } from '@district-hub/schema';
import { oneOf, optionalText, text } from '../field-readers.ts';
import { ALARM_SEVERITY, bodyOf } from './device-types.ts';
import { placeRefs } from './place-refs.ts';

/**
 * Logistics MQTT `alarm` → Alert, deduplicated by `logistics:<deviceCode>:<alarmType>`: a repeated
 * alarm repeats the active alert, `state: "clear"` resolves it (`writer/device-alarms.ts` hands it to
 * the one alert lifecycle in `@district-hub/schema`).
 */
export const logisticsAlarms: EntityMapping = {
  entity: 'Alert',
  description: 'logistics MQTT alarms → Alert (deduplicated by device and alarm type)',
  externalIdOf: (r) => String(bodyOf(r).alarmId ?? ''),
  map(record, context) {
    const body = bodyOf(record);
    const device = text(body, 'deviceCode');
    const kind = text(body, 'alarmType');
    const state = String(body.state ?? 'raise').trim();
    const building = optionalText(body, 'building');
    const room = optionalText(body, 'room');
    const name = optionalText(body, 'alarmName');
    const message = optionalText(body, 'message');
    const value = typeof body.value === 'number' && Number.isFinite(body.value) ? body.value : null;
    const raisedAt = parseZonedTime(body.ts, { field: 'ts', zone: context.timeZone });
    return {
      fields: {
        severity: oneOf(body, 'level', ALARM_SEVERITY),
        kind,
        message: [name, message].filter(Boolean).join('：') || kind,
        dedupeKey: deviceIncidentKey(context.source, device, kind),
        raisedAt,
        lastSeenAt: raisedAt,
        value,
      },
      cleared: state === 'clear',
      refs: {
        deviceId: { entity: 'Device', externalId: device, optional: true },
        ...(building
          ? placeRefs(building, null, room, context.source, false)
          : { buildingId: null, roomId: null }),
      },
    };
  },
};
