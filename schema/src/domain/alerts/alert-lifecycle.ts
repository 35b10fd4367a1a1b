import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { inTransaction, type SqlExecutor } from '../../database/sql-db.ts';
import { alertChangedEvent, type AlertChange, type AlertChangedEvent } from '../../events/index.ts';
import type { AlertSeverity, AlertStatus } from '../../generated/kysely/enums.ts';
import { InvalidInputError, NotFoundError } from '../domain-errors.ts';
import { contentHash, HUB_SOURCE } from '../row-identity.ts';
import { ACTIVE_ALERT_STATUSES } from '../sql-rules.ts';

/*
 * The one lifecycle of an alert (上报 → 确认 → 处理): raised by a report of an incident, repeated by
 * later reports while it is active, acknowledged and resolved by an operator or cleared by its source,
 * linked to the work orders raised from it. Every caller goes through here, each in its own
 * transaction: the sync writer for a device's alarms (inside its batch), the alert rules (inside
 * theirs), the operators' mutations. Each function takes that transaction (or the pool, and then makes
 * its own), takes the incident key's lock, and returns the change to publish once the caller commits
 * (issue 15, point 1: three copies of this had drifted apart).
 */

/**
 * The advisory-lock class of incident keys: the two-key form of `pg_advisory_xact_lock`, whose key space
 * does not overlap the one-key form the sync runs lock their sources with.
 */
const INCIDENT_LOCK_CLASS = 15_001;

/** A report of an incident: a device's own alarm (`ruleId` null) or an alert rule's evidence. */
export interface IncidentReport {
  /** The incident's dedupe key (`incident-keys.ts`). */
  key: string;
  /** When the condition was seen; a report not newer than the alert's `lastSeenAt` is a redelivery. */
  at: Date;
  /** `source` of the alert the report raises: the device's source system, or the rules'. */
  source: string;
  /** The rule that reports it; null for a source system's own alarm. */
  ruleId: number | null;
  kind: string;
  severity: AlertSeverity;
  message: string;
  value: number | null;
  deviceId: number | null;
  buildingId: number | null;
  roomId: number | null;
}

/** The end of an incident as its reporter sees it: an alarm's clear, a rule's condition gone. */
export interface IncidentClear {
  key: string;
  at: Date;
  /** `resolvedBy`: `source:<name>` or `rule:<code>`. */
  by: string;
  note: string | null;
}

export interface WorkOrderDraft {
  title?: string | null;
  description?: string | null;
  priority?: number | null;
  assignee?: string | null;
}

const ALERT_COLUMNS = [
  'Alert.id',
  'Alert.dedupeKey',
  'Alert.status',
  'Alert.severity',
  'Alert.kind',
  'Alert.message',
  'Alert.value',
  'Alert.raisedAt',
  'Alert.lastSeenAt',
  'Alert.ruleId',
  'Alert.deviceId',
  'Alert.buildingId',
] as const;

interface AlertRow {
  id: number;
  dedupeKey: string;
  status: AlertStatus;
  severity: AlertSeverity;
  kind: string;
  message: string;
  value: number | null;
  raisedAt: Date;
  lastSeenAt: Date;
  ruleId: number | null;
  deviceId: number | null;
  buildingId: number | null;
}

/** What the alert says about its incident; hashed the same way wherever the alert is written. */
function alertHash(alert: Pick<AlertRow, 'dedupeKey' | 'kind' | 'severity' | 'message' | 'value'>): string {
  const { dedupeKey, kind, severity, message, value } = alert;
  return contentHash({ dedupeKey, kind, severity, message, value });
}

function isActive(status: AlertStatus): boolean {
  return (ACTIVE_ALERT_STATUSES as readonly AlertStatus[]).includes(status);
}

/**
 * Serialises everything that happens to one incident until the transaction ends: an alarm and a rule
 * evaluation arriving together must not both find no active alert and raise one each. It is what keeps
 * "one active alert per key" true without a unique index (resolved alerts keep the key).
 */
async function lockIncident(tx: SqlExecutor, key: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${sql.lit(INCIDENT_LOCK_CLASS)}, hashtext(${key}))`.execute(tx);
}

/**
 * The incident's newest alert (by raise, then id), locked for the rest of the transaction. Under the
 * lock a key has at most one active alert and it is the newest: a raise happens only when none is.
 */
function latestAlert(tx: SqlExecutor, key: string): Promise<AlertRow | undefined> {
  return tx
    .selectFrom('Alert')
    .select(ALERT_COLUMNS)
    .where('Alert.dedupeKey', '=', key)
    .where('Alert.deletedAt', 'is', null)
    .orderBy('Alert.raisedAt', 'desc')
    .orderBy('Alert.id', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

/** An alert named by id, under its incident's lock; NotFoundError if it is missing or deleted. */
async function lockedAlert(tx: SqlExecutor, alertId: number): Promise<AlertRow> {
  const found = await tx
    .selectFrom('Alert')
    .select('Alert.dedupeKey')
    .where('Alert.id', '=', alertId)
    .where('Alert.deletedAt', 'is', null)
    .executeTakeFirst();
  if (!found) throw new NotFoundError(`no alert ${alertId}`, { alertId });
  await lockIncident(tx, found.dedupeKey);
  return tx
    .selectFrom('Alert')
    .select(ALERT_COLUMNS)
    .where('Alert.id', '=', alertId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

const changed = (row: AlertRow, change: AlertChange, at: Date) => alertChangedEvent(row, change, at);

/**
 * Raises the incident's alert, or repeats the active one: `occurrences` + 1, `lastSeenAt`, the value.
 * A source's own alarm words and grades its incident (it knows it better than a rule over readings);
 * a rule rewords only an alert it raised itself. Idempotent under at-least-once delivery: a report not
 * newer than the `lastSeenAt` of the incident's newest alert, active or resolved, is a redelivery and
 * changes nothing (so a late copy of an alarm cannot reopen what an operator resolved), and a raise is
 * keyed by (source, `key@at`) besides.
 */
export function reportIncident(db: SqlExecutor, report: IncidentReport): Promise<AlertChangedEvent | null> {
  return inTransaction(db, async (tx) => {
    await lockIncident(tx, report.key);
    const latest = await latestAlert(tx, report.key);
    if (latest && report.at.getTime() <= latest.lastSeenAt.getTime()) return null;
    if (!latest || !isActive(latest.status)) return raise(tx, report);
    const active = latest;
    const words = report.ruleId === null || report.ruleId === active.ruleId;
    const content = {
      dedupeKey: active.dedupeKey,
      kind: active.kind,
      severity: words ? report.severity : active.severity,
      message: words ? report.message : active.message,
      value: report.value,
    };
    const repeated = await tx
      .updateTable('Alert')
      .set((eb) => ({
        occurrences: eb('Alert.occurrences', '+', 1),
        lastSeenAt: report.at,
        value: content.value,
        severity: content.severity,
        message: content.message,
        contentHash: alertHash(content),
        syncedAt: sql`now()`,
      }))
      .where('Alert.id', '=', active.id)
      .returning(ALERT_COLUMNS)
      .executeTakeFirstOrThrow();
    return changed(repeated, 'REPEATED', report.at);
  });
}

async function raise(tx: SqlExecutor, report: IncidentReport): Promise<AlertChangedEvent | null> {
  const { key, at } = report;
  const raised = await tx
    .insertInto('Alert')
    .values({
      dedupeKey: key,
      kind: report.kind,
      severity: report.severity,
      message: report.message,
      value: report.value,
      raisedAt: at,
      lastSeenAt: at,
      deviceId: report.deviceId,
      buildingId: report.buildingId,
      roomId: report.roomId,
      ruleId: report.ruleId,
      source: report.source,
      externalId: `${key}@${at.toISOString()}`,
      contentHash: alertHash({ dedupeKey: key, ...report }),
    })
    .onConflict((oc) => oc.columns(['source', 'externalId']).doNothing())
    .returning(ALERT_COLUMNS)
    .executeTakeFirst();
  return raised ? changed(raised, 'RAISED', at) : null;
}

/**
 * Resolves the incident's active alert because its reporter says the condition is over. A clear older
 * than the alert's raise belongs to an earlier incident (a late redelivery) and changes nothing; so does
 * a clear with no active alert (an operator resolved it already).
 */
export function clearIncident(db: SqlExecutor, clear: IncidentClear): Promise<AlertChangedEvent | null> {
  return inTransaction(db, async (tx) => {
    await lockIncident(tx, clear.key);
    const latest = await latestAlert(tx, clear.key);
    if (!latest || !isActive(latest.status) || clear.at.getTime() < latest.raisedAt.getTime()) return null;
    return changed(await resolveRow(tx, latest.id, clear.at, clear.by, clear.note), 'RESOLVED', clear.at);
  });
}

function resolveRow(tx: SqlExecutor, alertId: number, at: Date, by: string, note: string | null) {
  return tx
    .updateTable('Alert')
    .set({ status: 'RESOLVED', resolvedAt: at, resolvedBy: by, resolutionNote: note, syncedAt: sql`now()` })
    .where('Alert.id', '=', alertId)
    .returning(ALERT_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** An operator confirms an OPEN alert (确认); two operators at once: the second is refused. */
export function acknowledgeAlert(
  db: SqlExecutor,
  alertId: number,
  actor: string,
  at: Date = new Date(),
): Promise<AlertChangedEvent> {
  return inTransaction(db, async (tx) => {
    const alert = await lockedAlert(tx, alertId);
    if (alert.status !== 'OPEN') {
      throw new InvalidInputError(`alert ${alertId} is ${alert.status}; expected OPEN`, 'id', {
        status: alert.status,
      });
    }
    const acknowledged = await tx
      .updateTable('Alert')
      .set({ status: 'ACKNOWLEDGED', acknowledgedAt: at, acknowledgedBy: actor, syncedAt: sql`now()` })
      .where('Alert.id', '=', alertId)
      .returning(ALERT_COLUMNS)
      .executeTakeFirstOrThrow();
    return changed(acknowledged, 'ACKNOWLEDGED', at);
  });
}

/** An operator closes an active alert (处理) with a note; a later report of the incident raises anew. */
export function resolveAlert(
  db: SqlExecutor,
  alertId: number,
  actor: string,
  note: string | null,
  at: Date = new Date(),
): Promise<AlertChangedEvent> {
  return inTransaction(db, async (tx) => {
    const alert = await lockedAlert(tx, alertId);
    if (!isActive(alert.status)) {
      throw new InvalidInputError(
        `alert ${alertId} is ${alert.status}; expected ${ACTIVE_ALERT_STATUSES.join(' or ')}`,
        'id',
        { status: alert.status },
      );
    }
    return changed(await resolveRow(tx, alertId, at, actor, note), 'RESOLVED', at);
  });
}

/**
 * A repair work order raised from an active alert, for its device and building, under the incident's
 * lock so it cannot be linked to an alert that is being resolved at the same moment. Returns its id.
 */
export async function linkWorkOrder(
  db: SqlExecutor,
  alertId: number,
  draft: WorkOrderDraft,
  actor: string,
  at: Date = new Date(),
): Promise<number> {
  const priority = draft.priority ?? 3;
  if (!Number.isInteger(priority) || priority < 1 || priority > 5) {
    throw new InvalidInputError(`priority must be an integer from 1 to 5, got ${priority}`, 'priority');
  }
  return inTransaction(db, async (tx) => {
    const alert = await lockedAlert(tx, alertId);
    if (!isActive(alert.status)) {
      throw new InvalidInputError(`alert ${alertId} is already ${alert.status}`, 'fromAlert', {
        status: alert.status,
      });
    }
    const externalId = randomUUID();
    const fields = {
      code: `WO-${alert.id}-${externalId.slice(0, 8)}`,
      title: draft.title ?? alert.message,
      description: draft.description ?? `Raised by ${actor} from alert ${alert.id} (${alert.kind})`,
      priority,
      assignee: draft.assignee ?? null,
      reportedAt: at,
      alertId: alert.id,
      deviceId: alert.deviceId,
      buildingId: alert.buildingId,
    };
    const order = await tx
      .insertInto('WorkOrder')
      .values({ ...fields, source: HUB_SOURCE, externalId, contentHash: contentHash(fields) })
      .returning('WorkOrder.id')
      .executeTakeFirstOrThrow();
    return order.id;
  });
}
