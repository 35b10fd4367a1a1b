import type pg from 'pg';
import type { AlertChange, AlertChangedEvent } from '@district-hub/schema';
import { alertChangedEvent } from '@district-hub/schema';
import type { BatchScope, ReadyRow } from './batch-types.ts';
import { contentHash } from './content-hash.ts';
import { dbReason, savepoint } from './row-isolation.ts';

export interface AlertInput {
  fields: Record<string, unknown> & { dedupeKey: string; raisedAt: Date };
  cleared: boolean;
}

export interface AlertOutcome {
  /** Whether the alert table changed. */
  changed: boolean;
  event?: AlertChangedEvent;
}

interface OpenAlert {
  id: number;
  lastSeenAt: Date;
  severity: AlertChangedEvent['severity'];
  status: AlertChangedEvent['status'];
  kind: string;
  buildingId: number | null;
  deviceId: number | null;
}

const RETURNING = 'RETURNING id, "lastSeenAt", severity, status, kind, "buildingId", "deviceId"';

/**
 * The dedupe key of one incident of one device: its source, its code there, and the kind of alarm
 * (`logistics:LS-0101-01:LEAK`). A device's own alarm and an alert rule that watches the same device for
 * the same kind (the jobs' leak rule) both key their alert by it, so one leak is one alert.
 */
export function deviceIncidentKey(source: string, deviceCode: string, kind: string): string {
  return `${source}:${deviceCode}:${kind}`;
}

/**
 * Device alarms become alerts, deduplicated by `dedupeKey` while open: a repeated alarm bumps
 * `occurrences` and `lastSeenAt` of the open alert instead of adding a row; a cleared alarm resolves it;
 * an alarm after resolution opens a new alert. Idempotent under at-least-once delivery: an alarm not
 * newer than the open alert's `lastSeenAt` is a redelivery and changes nothing, and a raise is keyed by
 * (source, `dedupeKey@raisedAt`) so a redelivered raise cannot open a second alert.
 */
export async function writeAlert(
  client: pg.ClientBase,
  source: string,
  input: AlertInput,
): Promise<AlertOutcome> {
  const { fields } = input;
  const at = fields.raisedAt;
  // The alert rules take this lock for the same key (jobs' alert-store.ts): an alarm and a rule
  // evaluation arriving together must not both find no open alert and open one each.
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [fields.dedupeKey]);
  const open = await client.query<OpenAlert>(
    `SELECT id, "lastSeenAt", severity, status, kind, "buildingId", "deviceId" FROM "Alert"
      WHERE "dedupeKey" = $1 AND status <> 'RESOLVED' AND "deletedAt" IS NULL
      ORDER BY id DESC LIMIT 1 FOR UPDATE`,
    [fields.dedupeKey],
  );
  const current = open.rows[0];
  const event = (row: OpenAlert, change: AlertChange) => alertChangedEvent(row, change, at);

  if (input.cleared) {
    if (!current) return { changed: false };
    const resolved = await client.query<OpenAlert>(
      `UPDATE "Alert" SET status = 'RESOLVED', "resolvedAt" = $2, "resolvedBy" = 'source:' || $3,
              "lastSeenAt" = GREATEST("lastSeenAt", $2), "syncedAt" = now()
        WHERE id = $1 ${RETURNING}`,
      [current.id, at, source],
    );
    return { changed: true, event: event(resolved.rows[0]!, 'RESOLVED') };
  }

  if (current) {
    if (current.lastSeenAt.getTime() >= at.getTime()) return { changed: false };
    const repeated = await client.query<OpenAlert>(
      `UPDATE "Alert" SET occurrences = occurrences + 1, "lastSeenAt" = $2, value = $3,
              severity = COALESCE($4::"AlertSeverity", severity), message = COALESCE($5, message), "syncedAt" = now()
        WHERE id = $1 ${RETURNING}`,
      [current.id, at, fields.value ?? null, fields.severity ?? null, fields.message ?? null],
    );
    return { changed: true, event: event(repeated.rows[0]!, 'REPEATED') };
  }

  const row: Record<string, unknown> = {
    ...fields,
    lastSeenAt: at,
    source,
    externalId: `${fields.dedupeKey}@${at.toISOString()}`,
  };
  row.contentHash = contentHash(fields);
  const columns = Object.keys(row).filter((c) => row[c] !== undefined);
  const inserted = await client.query<OpenAlert>(
    `INSERT INTO "Alert" (${columns.map((c) => `"${c}"`).join(', ')})
     VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (source, "externalId") DO NOTHING ${RETURNING}`,
    columns.map((c) => row[c]),
  );
  if (inserted.rows.length === 0) return { changed: false };
  return { changed: true, event: event(inserted.rows[0]!, 'RAISED') };
}

/** A batch's alarms in the order they were raised (a clear after its raise), each through `writeAlert`. */
export async function writeAlerts(
  scope: BatchScope,
  ready: ReadyRow[],
  events: AlertChangedEvent[],
): Promise<void> {
  ready.sort((a, b) => (a.values.raisedAt as Date).getTime() - (b.values.raisedAt as Date).getTime());
  for (const { item, values } of ready) {
    const run = () =>
      writeAlert(scope.client, scope.source, {
        fields: values as Record<string, unknown> & { dedupeKey: string; raisedAt: Date },
        cleared: item.mapped.cleared === true,
      });
    const outcome = scope.isolate
      ? await savepoint(scope.client, run, (e) => scope.reject(item, dbReason(e), 'writer/record_rejected'))
      : await run();
    if (outcome?.changed) scope.status[item.index] = 'written';
    if (outcome?.event) events.push(outcome.event);
  }
}
