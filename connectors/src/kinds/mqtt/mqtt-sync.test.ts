import { randomBytes, randomUUID } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import type { AlertChangedEvent } from '@district-hub/schema';
import type { HubConfig } from '../../config/hub-config.ts';
import { parseHubConfig } from '../../config/load-config.ts';
import { DeliveryCounts, deliveryKey } from '../../sdk/delivery-counts.ts';
import { runSync } from '../../sync/run-sync.ts';

/** An in-process aedes broker, as the `npm start` demo runs when no Mosquitto is configured. */
async function startAedes(): Promise<{ url: string; stop: () => Promise<void> }> {
  const broker = await Aedes.createBroker();
  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// The mqtt kind against the real Mosquitto on loopback, with a topic root and a client id of this
// test's own, and against aedes (MQTT 3.1.1 only, so the connector falls back from 5 and keeps its
// persistent session with clean: false and a fixed client id); the logistics mappings (births → Device,
// telemetry → Reading, alarms → Alert).
describe.each([
  { broker: 'Mosquitto', embedded: false },
  { broker: 'aedes (the demo broker)', embedded: true },
])('mqtt kind on $broker', ({ embedded }) => {
  const root = `test-${randomUUID()}`;
  const clientId = `hub-test-${randomUUID().slice(0, 8)}`;
  let hub: TestDatabase;
  let publisher: MqttClient;
  let sql: pg.Client;
  let aedes: Awaited<ReturnType<typeof startAedes>> | undefined;
  let url = 'mqtt://127.0.0.1:1883';
  let config: HubConfig;
  const devices = ['DB-01-05-001', 'LS-01-05-001', 'YG-01-05-001'];
  const types = ['dianbiao', 'loushui', 'yangan'];
  const topic = (i: number, kind: string) => `${root}/lou01/5F/${types[i]}/${devices[i]}/${kind}`;
  const publish = (t: string, body: unknown, retain = false) =>
    publisher.publishAsync(t, JSON.stringify(body), { qos: 1, retain });
  /** A logistics leak alarm of 1号楼 5F, level 1 (紧急). */
  const leakAlarm = (fields: {
    alarmId: string;
    deviceCode?: string;
    ts: number;
    state?: 'raise' | 'clear';
  }) => ({
    deviceType: 'loushui',
    building: '1号楼',
    floor: '5F',
    room: null,
    alarmType: 'LEAK',
    alarmName: '漏水报警',
    level: 1,
    levelName: '紧急',
    state: 'raise',
    value: 1,
    message: '5F 漏水',
    ...fields,
  });
  const sync = (extra: Partial<Parameters<typeof runSync>[0]> = {}) =>
    runSync({ databaseUrl: hub.url, config, source: 'logistics', trigger: 'test', ...extra });

  beforeAll(async () => {
    if (embedded) {
      aedes = await startAedes();
      url = aedes.url;
    }
    config = parseHubConfig(
      `
version: 1
sources:
  logistics:
    connectors:
      - kind: mqtt
        connection: { url: '${url}', clientId: ${clientId}, idleMs: 400 }
        streams:
          - { name: births, topic: '${root}/+/+/+/+/birth', mapping: logistics/devices }
          - { name: telemetry, topic: '${root}/+/+/+/+/telemetry', mapping: logistics/telemetry }
          - { name: alarms, topic: '${root}/+/+/+/+/alarm', mapping: logistics/alarms }
`,
      'test.hub.config.yaml',
    );
    hub = await createTestDatabase();
    sql = new pg.Client({ connectionString: hub.url });
    await sql.connect();
    // The building office space would have created, and the crosswalk alias it registers for logistics.
    const b = await sql.query(
      `INSERT INTO "Building" (code, name, footprint, "centroidLon", "centroidLat", "floorsAbove", height, source, "externalId", "contentHash")
       VALUES ('FZX-A01', 'A区1号楼', '{}', 116.7, 39.9, 10, 40, 'office-space', 'FZX-A01', 'x') RETURNING id`,
    );
    const f = await sql.query(
      `INSERT INTO "Floor" ("buildingId", level, elevation, height, source, "externalId", "contentHash")
       VALUES ($1, 5, 20, 4, 'office-space', 'FZX-A01/5', 'x') RETURNING id`,
      [b.rows[0].id],
    );
    await sql.query(
      `INSERT INTO "Room" ("buildingId", "floorId", number, "usableArea", category, source, "externalId", "contentHash")
       VALUES ($1, $2, '512', 18, 'OFFICE', 'office-space', 'FZX-A01-512', 'x')`,
      [b.rows[0].id, f.rows[0].id],
    );
    await sql.query(
      `INSERT INTO "ExternalRef" ("entityType", "hubId", source, "externalId") VALUES ('Building', $1, 'logistics', '1号楼')`,
      [b.rows[0].id],
    );
    publisher = await mqtt.connectAsync(url, {
      clientId: `${clientId}-pub`,
      clean: true,
    });
  });
  afterAll(async () => {
    for (let i = 0; i < devices.length; i += 1)
      await publisher?.publishAsync(topic(i, 'birth'), '', { qos: 1, retain: true });
    // Drop the persistent session so the broker forgets it.
    const cleaner = await mqtt.connectAsync(url, { clientId, clean: true });
    await cleaner.endAsync();
    await publisher?.endAsync();
    await aedes?.stop();
    await sql?.end();
    await hub?.drop();
  });

  it('loads devices from retained births, then telemetry sent while the hub was away arrives after it reconnects', async () => {
    for (let i = 0; i < devices.length; i += 1) {
      await publish(
        topic(i, 'birth'),
        {
          deviceCode: devices[i],
          deviceType: types[i],
          deviceName: `设备${i}`,
          building: '1号楼',
          floor: '5F',
          room: i === 0 ? '512' : null,
          position: { x: 1, y: 2, z: 3 },
          reportInterval: 60,
          ts: 1_764_000_000_000,
        },
        true,
      );
    }
    const first = await sync();
    expect(first.status, first.error?.message).toBe('SUCCEEDED');
    expect(first.streams.births!.written).toBe(3);
    const placed = await sql.query(
      `SELECT count("buildingId")::int b, count("floorId")::int f, count("roomId")::int r FROM "Device"`,
    );
    // Building by logistics' alias 1号楼; floor 5F and room 512 within that building.
    expect(placed.rows[0]).toEqual({ b: 3, f: 3, r: 1 });

    // The hub is disconnected now; the broker queues QoS 1 messages for its persistent session.
    const t0 = 1_764_000_100_000;
    for (let k = 0; k < 40; k += 1) {
      await publish(topic(0, 'telemetry'), {
        deviceCode: devices[0],
        deviceType: 'dianbiao',
        ts: t0 + k * 1000,
        seq: k,
        data: { p: 10 + k, ep: 1000 + k, ua: 230, ia: 5 },
      });
    }
    // A duplicate delivery of the last message is harmless.
    await publish(topic(0, 'telemetry'), {
      deviceCode: devices[0],
      deviceType: 'dianbiao',
      ts: t0 + 39_000,
      seq: 39,
      data: { p: 49, ep: 1039, ua: 230, ia: 5 },
    });
    const second = await sync();
    expect(second.status, second.error?.message).toBe('SUCCEEDED');
    expect(second.streams.telemetry!.read).toBe(41);
    const readings = await sql.query(`SELECT count(*)::int n FROM "Reading"`);
    expect(readings.rows[0].n).toBe(160);
    const seen = await sql.query(`SELECT "lastSeenAt" FROM "Device" WHERE code = $1`, [devices[0]]);
    expect(new Date(seen.rows[0].lastSeenAt).getTime()).toBe(t0 + 39_000);
  });

  it('a repeated alarm updates the open alert instead of adding one; a clear resolves it', async () => {
    const changes: AlertChangedEvent[] = [];
    const alarm = (state: 'raise' | 'clear', ts: number) =>
      publish(topic(1, 'alarm'), leakAlarm({ alarmId: 'AL1', deviceCode: devices[1], state, ts }));
    await alarm('raise', 1_764_000_200_000);
    await alarm('raise', 1_764_000_260_000);
    await alarm('raise', 1_764_000_260_000); // redelivery of the same alarm
    const run = await sync({ onAlertChanged: (e) => changes.push(e) });
    expect(run.status, run.error?.message).toBe('SUCCEEDED');
    const alerts = await sql.query(
      `SELECT status, occurrences, severity, "deviceId", "buildingId" FROM "Alert"`,
    );
    expect(alerts.rows).toHaveLength(1);
    expect(alerts.rows[0]).toMatchObject({ status: 'OPEN', occurrences: 2, severity: 'CRITICAL' });
    expect(alerts.rows[0].buildingId).not.toBeNull();
    expect(changes.map((c) => c.change)).toEqual(['RAISED', 'REPEATED']);

    await alarm('clear', 1_764_000_300_000);
    await sync({ onAlertChanged: (e) => changes.push(e) });
    const after = await sql.query(`SELECT status, "resolvedAt" FROM "Alert"`);
    expect(after.rows[0].status).toBe('RESOLVED');
    expect(changes.at(-1)?.change).toBe('RESOLVED');
  });

  it('quarantines a payload that is not JSON and a reading of an unknown device, and goes on', async () => {
    await publisher.publishAsync(topic(2, 'telemetry'), '{not json', { qos: 1 });
    await publish(`${root}/lou01/5F/yangan/YG-99-99-999/telemetry`, {
      deviceCode: 'YG-99-99-999',
      deviceType: 'yangan',
      ts: 1_764_000_400_000,
      data: { smoke: 0 },
    });
    await publish(topic(2, 'telemetry'), {
      deviceCode: devices[2],
      deviceType: 'yangan',
      ts: 1_764_000_400_000,
      data: { smoke: 0, temp: 21.5, battery: 90 },
    });
    const run = await sync();
    expect(run.status).toBe('SUCCEEDED');
    expect(run.rejected).toBe(2);
    const rejects = await sql.query(`SELECT reason FROM "RejectedRecord" WHERE "runId" = $1 ORDER BY id`, [
      run.runId,
    ]);
    expect(rejects.rows[0].reason).toMatch(/not JSON/);
    expect(rejects.rows[1].reason).toMatch(/YG-99-99-999.*cannot be resolved/);
    const smoke = await sql.query(
      `SELECT count(*)::int n FROM "Reading" r JOIN "Device" d ON d.id = r."deviceId" WHERE d.code = $1`,
      [devices[2]],
    );
    expect(smoke.rows[0].n).toBe(3);
  });

  // Issue 17: a device code of a few kB made the alarm's key exceed PostgreSQL's btree limit (SQLSTATE
  // 54000), the batch failed, the PUBACK was held and the broker redelivered the same message first.
  it('a poison alarm is quarantined with its reason and the normal alarm after it becomes an alert', async () => {
    // Random, so PostgreSQL cannot compress the key under the limit.
    const poison = `LS-${randomBytes(2000).toString('hex')}`;
    const ts = 1_764_000_500_000;
    await publish(topic(1, 'alarm'), leakAlarm({ alarmId: 'AL-POISON', deviceCode: poison, ts }));
    await publish(topic(0, 'alarm'), leakAlarm({ alarmId: 'AL-NEXT', deviceCode: devices[0], ts }));
    const run = await sync();
    expect(run.status, run.error?.message).toBe('SUCCEEDED');

    expect(run.streams.alarms).toMatchObject({ read: 2, rejected: 1, written: 1 });
    const rejected = await sql.query(`SELECT reason FROM "RejectedRecord" WHERE "runId" = $1`, [run.runId]);
    expect(rejected.rows[0].reason).toMatch(
      /dedupeKey: is 4\d{3} characters long; a key may have at most 512/,
    );
    const next = await sql.query(`SELECT status FROM "Alert" WHERE "dedupeKey" = $1`, [
      `logistics:${devices[0]}:LEAK`,
    ]);
    expect(next.rows).toEqual([{ status: 'OPEN' }]);
    // Both were acknowledged: the next run finds no alarm waiting (3.1.1 brokers replay retained births).
    const again = await sync();
    expect(again.streams.alarms!.read).toBe(0);
  });

  it('a message delivered more than maxDeliveries times without committing is quarantined and acknowledged', async () => {
    const body = JSON.stringify({
      deviceCode: devices[2],
      deviceType: 'yangan',
      ts: 1_764_000_600_000,
      data: { smoke: 1 },
    });
    const deliveries = new DeliveryCounts();
    // Five deliveries whose batches never committed (the follow failed and restarted each time).
    for (let i = 0; i < 5; i += 1)
      deliveries.delivered(deliveryKey(topic(2, 'telemetry'), Buffer.from(body)));
    await publisher.publishAsync(topic(2, 'telemetry'), body, { qos: 1 });
    const run = await sync({ deliveries });
    expect(run.status, run.error?.message).toBe('SUCCEEDED');
    expect(run.streams.telemetry).toMatchObject({ read: 1, rejected: 1 });
    const rejected = await sql.query(`SELECT reason FROM "RejectedRecord" WHERE "runId" = $1`, [run.runId]);
    expect(rejected.rows[0].reason).toMatch(/delivered 6 times without its batch committing/);
    const again = await sync({ deliveries });
    expect(again.streams.telemetry!.read).toBe(0);
  });
});
