import { randomUUID } from 'node:crypto';
import { parseHubConfig, runSync } from '@district-hub/connectors';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import { topicFor } from '@district-hub/schema';
import { Redis } from 'ioredis';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postGraphQL, subscribe, wsClient, type Subscription } from '../testing/graphql-clients.ts';
import { seedDistrict } from '../testing/seed-district.ts';
import { startTestGateway, TEST_REDIS_URL, type TestGateway } from '../testing/test-gateway.ts';

// Two gateway replicas on one Redis prefix, as behind a load balancer.
const prefix = `test-${randomUUID()}`;
let db: TestDatabase;
let replicaA: TestGateway;
let replicaB: TestGateway;
let redis: Redis;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDistrict(db.prisma);
  [replicaA, replicaB] = await Promise.all([
    startTestGateway({ databaseUrl: db.url, redis: true, prefix }),
    startTestGateway({ databaseUrl: db.url, redis: true, prefix }),
  ]);
  redis = new Redis(TEST_REDIS_URL);
});

afterAll(async () => {
  await Promise.all([replicaA?.close(), replicaB?.close(), redis?.quit()]);
  await db?.drop();
});

/** A subscription is live once its replica holds the Redis channel: wait for that, not for time. */
async function listening(name: Parameters<typeof topicFor>[1]) {
  await vi.waitFor(async () => {
    const [, count] = (await redis.pubsub('NUMSUB', topicFor(prefix, name))) as [string, number];
    expect(Number(count)).toBeGreaterThan(0);
  });
}

type AlertChanged = {
  alertChanged: { change: string; alert: { status: string; building: { code: string } } };
};

describe('subscriptions over WebSocket', () => {
  it('delivers an alert acknowledged through one replica to a subscriber on the other', async () => {
    const client = wsClient(replicaA.wsUrl, replicaA.keys.INTEGRATOR);
    const changes: Subscription<AlertChanged> = subscribe(
      client,
      'subscription($b: String) { alertChanged(filter: { building: $b }) { change alert { status building { code } } } }',
      { b: 'B002' },
    );
    await listening('alertChanged');
    const alert = await db.prisma.alert.findFirstOrThrow({
      where: { status: 'OPEN', building: { code: 'B002' } },
    });
    const acknowledged = await postGraphQL(
      replicaB.url,
      replicaB.keys.OPERATOR,
      'mutation($id: ID!) { acknowledgeAlert(id: $id) { __typename } }',
      { id: encodeGlobalID('Alert', alert.id) },
    );
    expect(acknowledged.body.data).toEqual({ acknowledgeAlert: { __typename: 'Alert' } });
    const event = await changes.next();
    expect(event.data?.alertChanged).toEqual({
      change: 'ACKNOWLEDGED',
      alert: { status: 'ACKNOWLEDGED', building: { code: 'B002' } },
    });
    changes.close();
    await client.dispose();
  });

  it('delivers an alert raised by an MQTT alarm through the logistics connector', async () => {
    const root = `test-${randomUUID()}`;
    const building = await db.prisma.building.findFirstOrThrow({ where: { code: 'B003' } });
    await db.prisma.externalRef.create({
      data: { entityType: 'Building', hubId: building.id, source: 'logistics', externalId: '3号楼' },
    });
    const config = parseHubConfig(
      `
version: 1
sources:
  logistics:
    connectors:
      - kind: mqtt
        connection: { url: 'mqtt://127.0.0.1:1883', clientId: hub-${root}, idleMs: 300 }
        streams:
          - { name: births, topic: '${root}/+/+/+/+/birth', mapping: logistics/devices }
          - { name: alarms, topic: '${root}/+/+/+/+/alarm', mapping: logistics/alarms }
`,
      'test.hub.config.yaml',
    );
    const publisher = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { clientId: `pub-${root}` });
    const device = {
      deviceCode: 'LS-03-02-001',
      deviceType: 'loushui',
      building: '3号楼',
      floor: '2F',
      room: null,
    };
    const topic = (kind: string) => `${root}/lou03/2F/loushui/${device.deviceCode}/${kind}`;
    await publisher.publishAsync(
      topic('birth'),
      JSON.stringify({ ...device, deviceName: '漏水', ts: Date.now() }),
      {
        qos: 1,
        retain: true,
      },
    );
    const client = wsClient(replicaA.wsUrl, replicaA.keys.OPERATOR);
    const changes: Subscription<AlertChanged> = subscribe(
      client,
      'subscription { alertChanged(filter: { building: "B003" }) { change alert { status building { code } } } }',
    );
    await listening('alertChanged');
    const events = replicaB.events;
    // The connector runs as the jobs worker would, publishing on the replicas' bus after its commit.
    await runSync({ databaseUrl: db.url, config, source: 'logistics', trigger: 'test', events });
    await publisher.publishAsync(
      topic('alarm'),
      JSON.stringify({
        ...device,
        alarmId: 'A1',
        alarmType: 'LEAK',
        alarmName: '漏水报警',
        level: 1,
        state: 'raise',
        value: 1,
        message: '2F 漏水',
        ts: Date.now(),
      }),
      { qos: 1 },
    );
    const run = await runSync({ databaseUrl: db.url, config, source: 'logistics', trigger: 'test', events });
    expect(run.status, run.error?.message).toBe('SUCCEEDED');
    const event = await changes.next();
    expect(event.data?.alertChanged).toEqual({
      change: 'RAISED',
      alert: { status: 'OPEN', building: { code: 'B003' } },
    });
    changes.close();
    await client.dispose();
    await publisher.publishAsync(topic('birth'), '', { qos: 1, retain: true });
    await publisher.endAsync();
    const cleaner = await mqtt.connectAsync('mqtt://127.0.0.1:1883', {
      clientId: `hub-${root}`,
      clean: true,
    });
    await cleaner.endAsync();
  });

  it('streams sync progress of one source to an admin, and live readings of one device', async () => {
    const client = wsClient(replicaA.wsUrl, replicaA.keys.ADMIN);
    const progress: Subscription<{ syncRunProgress: { runId: number; status: string } }> = subscribe(
      client,
      'subscription { syncRunProgress(source: "office-space") { runId status writtenCount } }',
    );
    const device = await db.prisma.device.findFirstOrThrow();
    const readings: Subscription<{ readings: { metric: string; value: number } }> = subscribe(
      client,
      'subscription($d: ID!) { readings(device: $d) { metric value } }',
      { d: encodeGlobalID('Device', device.id) },
    );
    await listening('syncRunProgress');
    await listening('reading');
    const base = {
      stream: null,
      phase: 'reading' as const,
      read: 1,
      written: 1,
      unchanged: 0,
      rejected: 0,
      deleted: 0,
      at: new Date().toISOString(),
    };
    await replicaB.events.publish('syncRunProgress', {
      ...base,
      runId: 1,
      sourceId: 'vehicles',
      status: 'RUNNING',
    });
    await replicaB.events.publish('syncRunProgress', {
      ...base,
      runId: 2,
      sourceId: 'office-space',
      status: 'SUCCEEDED',
    });
    const time = new Date().toISOString();
    await replicaB.events.publish('reading', {
      deviceId: device.id + 1000,
      metric: 'p',
      value: 1,
      unit: null,
      time,
    });
    await replicaB.events.publish('reading', {
      deviceId: device.id,
      metric: 'p',
      value: 42.5,
      unit: 'kW',
      time,
    });
    expect((await progress.next()).data?.syncRunProgress).toMatchObject({ runId: 2, status: 'SUCCEEDED' });
    expect((await readings.next()).data?.readings).toEqual({ metric: 'p', value: 42.5 });
    progress.close();
    readings.close();
    await client.dispose();
  });

  it('streams to an operator the positions of one agency’s vehicles and not of others', async () => {
    const own = await db.prisma.agency.findFirstOrThrow({ where: { code: 'AG-1' } });
    const other = await db.prisma.agency.create({
      data: { source: 'seed', externalId: 'ag2', contentHash: 'x', code: 'AG-2', name: '区财政局' },
    });
    const vehicle = (plate: string, agencyId: number) =>
      db.prisma.vehicle.create({
        data: { source: 'seed', externalId: plate, contentHash: 'x', plate, energyType: 'BEV', agencyId },
      });
    const [ours, theirs] = [await vehicle('京A·0001', own.id), await vehicle('京A·0002', other.id)];
    const client = wsClient(replicaA.wsUrl, replicaA.keys.OPERATOR);
    const positions: Subscription<{
      vehiclePositions: { vehicle: { plate: string }; position: { lon: number; lat: number } };
    }> = subscribe(
      client,
      'subscription { vehiclePositions(agency: "AG-1") { vehicle { plate } position { lon lat } } }',
    );
    await listening('vehiclePosition');
    const fix = { time: new Date().toISOString(), speedKmh: 30, heading: 90 };
    await replicaB.events.publish('vehiclePosition', {
      ...fix,
      vehicleId: theirs.id,
      agencyId: other.id,
      lon: 116.1,
      lat: 39.1,
    });
    await replicaB.events.publish('vehiclePosition', {
      ...fix,
      vehicleId: ours.id,
      agencyId: own.id,
      lon: 116.7,
      lat: 39.9,
    });
    expect((await positions.next()).data?.vehiclePositions).toEqual({
      vehicle: { plate: '京A·0001' },
      position: { lon: 116.7, lat: 39.9 },
    });
    positions.close();
    await client.dispose();
  });
});
