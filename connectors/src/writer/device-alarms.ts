import type pg from 'pg';
import { clearIncident, reportIncident } from '@district-hub/schema';
import type { AlertChangedEvent, AlertSeverity } from '@district-hub/schema';
import { sqlDbOnClient, type SqlDb } from '@district-hub/schema/database';
import type { BatchScope, ReadyRow } from './batch-types.ts';
import { dbReason, savepoint } from './row-isolation.ts';

/** Kysely on the writer's connection, made once per connection: the lifecycle joins the batch's transaction. */
const onConnection = new WeakMap<pg.ClientBase, SqlDb>();

function sqlOn(client: pg.ClientBase): SqlDb {
  let db = onConnection.get(client);
  if (!db) onConnection.set(client, (db = sqlDbOnClient(client)));
  return db;
}

/** A mapped alarm (`mappings/logistics/alarms.ts`) as the one alert lifecycle takes it. */
function applyAlarm(db: SqlDb, source: string, values: Record<string, unknown>, cleared: boolean) {
  const key = values.dedupeKey as string;
  const at = values.raisedAt as Date;
  if (cleared) return clearIncident(db, { key, at, by: `source:${source}`, note: null });
  return reportIncident(db, {
    key,
    at,
    source,
    ruleId: null,
    kind: values.kind as string,
    severity: values.severity as AlertSeverity,
    message: values.message as string,
    value: (values.value as number | null | undefined) ?? null,
    deviceId: (values.deviceId as number | null | undefined) ?? null,
    buildingId: (values.buildingId as number | null | undefined) ?? null,
    roomId: (values.roomId as number | null | undefined) ?? null,
  });
}

/**
 * A batch's device alarms become alerts through the one alert lifecycle (`@district-hub/schema`'s
 * `reportIncident` / `clearIncident`), in the batch's transaction and in the order they were raised (a
 * clear after its raise): a repeated alarm repeats the incident's active alert, a clear resolves it.
 */
export async function writeAlarms(
  scope: BatchScope,
  ready: ReadyRow[],
  events: AlertChangedEvent[],
): Promise<void> {
  const db = sqlOn(scope.client);
  ready.sort((a, b) => (a.values.raisedAt as Date).getTime() - (b.values.raisedAt as Date).getTime());
  for (const { item, values } of ready) {
    const run = () => applyAlarm(db, scope.source, values, item.mapped.cleared === true);
    const change = scope.isolate
      ? await savepoint(scope.client, run, (e) => scope.reject(item, dbReason(e), 'writer/record_rejected'))
      : await run();
    if (!change) continue;
    scope.status[item.index] = 'written';
    events.push(change);
  }
}
