import type { EntityMapping } from '../../writer/mapping-types.ts';
import { checkUpdatedAt, idOf, oneOf, optionalText, optionalTime, text, time } from '../field-readers.ts';

const STATUS = { '0': 'OPEN', '1': 'ASSIGNED', '2': 'IN_PROGRESS', '3': 'DONE', '4': 'CANCELLED' } as const;
const PRIORITY = { '1': '1', '2': '2', '3': '3', '4': '4' } as const;

/** Logistics work orders (RuoYi API) → WorkOrder, keyed by `orderNo`. */
export const logisticsWorkOrders: EntityMapping = {
  entity: 'WorkOrder',
  description: 'logistics work orders → WorkOrder',
  externalIdOf: (r) => idOf(r, 'orderNo'),
  map(record, context) {
    const code = text(record, 'orderNo');
    checkUpdatedAt(record, 'updateTime', context.timeZone);
    const device = optionalText(record, 'deviceCode');
    const building = optionalText(record, 'building');
    return {
      externalId: code,
      fields: {
        code,
        title: text(record, 'title'),
        description: optionalText(record, 'content'),
        status: oneOf(record, 'status', STATUS),
        priority:
          record.priority === null || record.priority === undefined
            ? 3
            : Number(oneOf(record, 'priority', PRIORITY)),
        assignee: optionalText(record, 'assignee'),
        reportedAt: time(record, 'reportTime', context.timeZone),
        closedAt: optionalTime(record, 'finishTime', context.timeZone),
      },
      refs: {
        deviceId: device ? { entity: 'Device', externalId: device, optional: true } : null,
        buildingId: building ? { entity: 'Building', externalId: building, optional: true } : null,
      },
    };
  },
};
