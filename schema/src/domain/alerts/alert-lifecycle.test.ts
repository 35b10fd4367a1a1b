import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlDbOnClient, type SqlDb } from '../../database/sql-db.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { InvalidInputError, NotFoundError } from '../domain-errors.ts';
import {
  acknowledgeAlert,
  clearIncident,
  linkWorkOrder,
  reportIncident,
  resolveAlert,
  type IncidentReport,
} from './alert-lifecycle.ts';
import { deviceIncidentKey } from './incident-keys.ts';

let database: TestDatabase;
let db: SqlDb;
/** An alert rule's id, for reports a rule makes. */
let ruleId: number;

const T0 = Date.parse('2026-07-01T02:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
let keys = 0;
/** A key of the test's own, so the tests share one database and never one incident. */
const freshKey = () => deviceIncidentKey('logistics', `LS-${++keys}`, 'LEAK');

const alarm = (key: string, seconds: number, extra: Partial<IncidentReport> = {}): IncidentReport => ({
  key,
  at: at(seconds),
  source: 'logistics',
  ruleId: null,
  kind: 'LEAK',
  severity: 'CRITICAL',
  message: '漏水报警',
  value: 1,
  deviceId: null,
  buildingId: null,
  roomId: null,
  ...extra,
});

const alertsOf = (key: string) =>
  db
    .selectFrom('Alert')
    .select(['status', 'occurrences', 'severity', 'message', 'lastSeenAt', 'resolvedBy', 'contentHash'])
    .where('dedupeKey', '=', key)
    .orderBy('id')
    .execute();

/** Sessions of this test's database waiting for an advisory lock another one holds. */
async function waitingOnAdvisoryLocks(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_locks
     WHERE locktype = 'advisory' AND NOT granted
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(db);
  return rows[0]!.n;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.sql;
  ({ id: ruleId } = await db
    .insertInto('AlertRule')
    .values({ code: 'leak', name: 'Leak', kind: 'THRESHOLD', severity: 'MAJOR', updatedAt: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow());
});

afterAll(() => database.drop());

describe('the alert lifecycle', () => {
  it('raises once per incident, repeats with newer evidence only, and a redelivery changes nothing', async () => {
    const key = freshKey();
    expect((await reportIncident(db, alarm(key, 0)))?.change).toBe('RAISED');
    expect(await reportIncident(db, alarm(key, 0))).toBeNull();
    expect((await reportIncident(db, alarm(key, 30, { value: 2 })))?.change).toBe('REPEATED');
    expect(await reportIncident(db, alarm(key, 10))).toBeNull();
    const [alert] = await alertsOf(key);
    expect(alert).toMatchObject({ status: 'OPEN', occurrences: 2, lastSeenAt: at(30) });
    expect(alert!.contentHash).toMatch(/^[0-9a-f]{32}$/);
  });

  it('lets a device’s alarm word and grade the incident, and a rule only the alert it raised', async () => {
    const key = freshKey();
    const rule = { source: 'rules', ruleId, severity: 'MAJOR' as const, message: 'leak reading' };
    await reportIncident(db, alarm(key, 0));
    await reportIncident(db, alarm(key, 10, rule));
    expect(await alertsOf(key)).toMatchObject([
      { severity: 'CRITICAL', message: '漏水报警', occurrences: 2 },
    ]);

    const other = freshKey();
    await reportIncident(db, alarm(other, 0, rule));
    await reportIncident(db, alarm(other, 10, { message: '5F 漏水' }));
    expect(await alertsOf(other)).toMatchObject([{ severity: 'CRITICAL', message: '5F 漏水' }]);
  });

  it('clears only an active alert of the same incident, and not with a clear older than its raise', async () => {
    const key = freshKey();
    await reportIncident(db, alarm(key, 60));
    expect(await clearIncident(db, { key, at: at(30), by: 'source:logistics', note: null })).toBeNull();
    const cleared = await clearIncident(db, { key, at: at(90), by: 'source:logistics', note: null });
    expect(cleared?.change).toBe('RESOLVED');
    expect(await clearIncident(db, { key, at: at(95), by: 'source:logistics', note: null })).toBeNull();
    expect(await alertsOf(key)).toMatchObject([{ status: 'RESOLVED', resolvedBy: 'source:logistics' }]);
  });

  it('takes an operator’s acknowledge and resolve once each, and refuses what the status forbids', async () => {
    const key = freshKey();
    const raised = (await reportIncident(db, alarm(key, 0)))!;
    await expect(resolveAlert(db, 999_999, 'op', null)).rejects.toBeInstanceOf(NotFoundError);
    expect((await acknowledgeAlert(db, raised.alertId, 'op')).status).toBe('ACKNOWLEDGED');
    await expect(acknowledgeAlert(db, raised.alertId, 'op')).rejects.toBeInstanceOf(InvalidInputError);
    expect((await reportIncident(db, alarm(key, 5)))?.status).toBe('ACKNOWLEDGED');
    const order = await linkWorkOrder(db, raised.alertId, { priority: 2 }, 'op');
    expect(order).toBeGreaterThan(0);
    expect((await resolveAlert(db, raised.alertId, 'op', 'valve replaced')).change).toBe('RESOLVED');
    await expect(resolveAlert(db, raised.alertId, 'op', null)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(linkWorkOrder(db, raised.alertId, {}, 'op')).rejects.toMatchObject({ field: 'fromAlert' });
    await expect(linkWorkOrder(db, raised.alertId, { priority: 9 }, 'op')).rejects.toMatchObject({
      field: 'priority',
    });

    // A late copy of the last alarm cannot reopen what the operator resolved; newer evidence raises anew.
    expect(await reportIncident(db, alarm(key, 5))).toBeNull();
    expect((await reportIncident(db, alarm(key, 120)))?.change).toBe('RAISED');
    expect((await alertsOf(key)).map((a) => a.status)).toEqual(['RESOLVED', 'OPEN']);
  });

  it('makes a second reporter of an incident wait for the first one’s commit, so it repeats that alert', async () => {
    const key = freshKey();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      expect((await reportIncident(sqlDbOnClient(client), alarm(key, 0)))?.change).toBe('RAISED');
      const rule = reportIncident(db, alarm(key, 5, { source: 'rules', ruleId }));
      // The rule's report waits on the incident's lock, held by the uncommitted alarm.
      await expect.poll(() => waitingOnAdvisoryLocks(), { timeout: 5_000 }).toBeGreaterThan(0);
      await client.query('COMMIT');
      expect((await rule)?.change).toBe('REPEATED');
      expect(await alertsOf(key)).toMatchObject([{ status: 'OPEN', occurrences: 2 }]);
    } finally {
      await client.end();
    }
  });

  it('joins the transaction of a connection the caller holds, and goes with its rollback', async () => {
    const key = freshKey();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const held = sqlDbOnClient(client);
      await client.query('BEGIN');
      expect((await reportIncident(held, alarm(key, 0)))?.change).toBe('RAISED');
      await client.query('ROLLBACK');
      expect(await alertsOf(key)).toEqual([]);
      await client.query('BEGIN');
      await reportIncident(held, alarm(key, 0));
      await client.query('COMMIT');
      expect(await alertsOf(key)).toHaveLength(1);
    } finally {
      await client.end();
    }
  });
});
