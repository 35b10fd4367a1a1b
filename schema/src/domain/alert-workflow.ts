import { createHash, randomUUID } from 'node:crypto';
import type { PrismaClient } from '../database/prisma-client.ts';
import { alertChangedEvent, type AlertChange, type EventBus } from '../events/index.ts';
import { AlertStatus, type Alert } from '../generated/prisma/client.ts';
import { InvalidInputError, NotFoundError } from './domain-errors.ts';

/** Hub-originated rows (work orders raised from the API) carry this source. */
export const HUB_SOURCE = 'hub';

/**
 * Moves an alert along 上报 → 确认 → 处理 (open → acknowledged → resolved). The update is conditional on
 * the current status, so two operators acting at once cannot both succeed; the event goes out after
 * the row is committed.
 */
async function transition(
  prisma: PrismaClient,
  events: EventBus,
  alertId: number,
  from: AlertStatus[],
  data: Partial<Alert>,
  change: AlertChange,
): Promise<Alert> {
  const updated = await prisma.alert.updateMany({
    where: { id: alertId, deletedAt: null, status: { in: from } },
    data,
  });
  const alert = await prisma.alert.findFirst({ where: { id: alertId, deletedAt: null } });
  if (!alert) throw new NotFoundError(`no alert ${alertId}`, { alertId });
  if (updated.count === 0) {
    throw new InvalidInputError(`alert ${alertId} is ${alert.status}; expected ${from.join(' or ')}`, 'id', {
      status: alert.status,
    });
  }
  await events.publish('alertChanged', alertChangedEvent(alert, change));
  return alert;
}

export function acknowledgeAlert(prisma: PrismaClient, events: EventBus, alertId: number, actor: string) {
  return transition(
    prisma,
    events,
    alertId,
    [AlertStatus.OPEN],
    { status: AlertStatus.ACKNOWLEDGED, acknowledgedAt: new Date(), acknowledgedBy: actor },
    'ACKNOWLEDGED',
  );
}

export function resolveAlert(
  prisma: PrismaClient,
  events: EventBus,
  alertId: number,
  actor: string,
  note: string | null,
) {
  const now = new Date();
  return transition(
    prisma,
    events,
    alertId,
    [AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED],
    { status: AlertStatus.RESOLVED, resolvedAt: now, resolvedBy: actor, resolutionNote: note },
    'RESOLVED',
  );
}

export interface WorkOrderDraft {
  title?: string | null;
  description?: string | null;
  priority?: number | null;
  assignee?: string | null;
}

/** A repair work order raised from an alert, for the alert's device and building. */
export async function createWorkOrderFromAlert(
  prisma: PrismaClient,
  alertId: number,
  draft: WorkOrderDraft,
  actor: string,
) {
  const alert = await prisma.alert.findFirst({ where: { id: alertId, deletedAt: null } });
  if (!alert) throw new NotFoundError(`no alert ${alertId}`, { alertId });
  if (alert.status === AlertStatus.RESOLVED) {
    throw new InvalidInputError(`alert ${alertId} is already resolved`, 'fromAlert', {
      status: alert.status,
    });
  }
  const priority = draft.priority ?? 3;
  if (!Number.isInteger(priority) || priority < 1 || priority > 5) {
    throw new InvalidInputError(`priority must be an integer from 1 to 5, got ${priority}`, 'priority');
  }
  const externalId = randomUUID();
  const fields = {
    code: `WO-${alert.id}-${externalId.slice(0, 8)}`,
    title: draft.title ?? alert.message,
    description: draft.description ?? `Raised by ${actor} from alert ${alert.id} (${alert.kind})`,
    priority,
    assignee: draft.assignee ?? null,
    reportedAt: new Date(),
    alertId: alert.id,
    deviceId: alert.deviceId,
    buildingId: alert.buildingId,
  };
  return prisma.workOrder.create({
    data: {
      ...fields,
      source: HUB_SOURCE,
      externalId,
      contentHash: createHash('sha256').update(JSON.stringify(fields)).digest('hex'),
    },
  });
}
