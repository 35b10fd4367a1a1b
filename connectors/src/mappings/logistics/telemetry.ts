import { RecordRejectedError } from '@district-hub/schema';
import type { EntityMapping, MappedEntity } from '../../writer/mapping-types.ts';
import { parseZonedTime } from '../../normalize/zoned-time.ts';
import { text } from '../field-readers.ts';
import { bodyOf, METRIC_UNITS } from './device-types.ts';

/**
 * Logistics MQTT `telemetry` → Reading rows, one per numeric key of `data` (text keys such as the HVAC
 * `mode` or a lift's `fault` code are not readings). Time is the message's `ts` (epoch ms). A reading
 * is unique on (device, metric, time), so a duplicate delivery writes nothing.
 */
export const logisticsTelemetry: EntityMapping = {
  entity: 'Reading',
  description: 'logistics MQTT telemetry → Reading',
  externalIdOf: (r) => String(bodyOf(r).deviceCode ?? ''),
  map(record, context) {
    const body = bodyOf(record);
    const device = text(body, 'deviceCode');
    const at = parseZonedTime(body.ts, { field: 'ts', zone: context.timeZone });
    const data = body.data;
    if (!data || typeof data !== 'object')
      throw new RecordRejectedError('data: expected an object of readings');
    const units = METRIC_UNITS[String(body.deviceType ?? '')] ?? {};
    const out: MappedEntity[] = [];
    for (const [metric, value] of Object.entries(data as Record<string, unknown>)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      out.push({
        fields: { metric, value, unit: units[metric] || null, time: at },
        refs: { deviceId: { entity: 'Device', externalId: device } },
      });
    }
    return out;
  },
};
