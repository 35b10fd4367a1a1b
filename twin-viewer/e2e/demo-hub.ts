import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@district-hub/schema/testing';
import type { TestDatabase } from '@district-hub/schema/testing';
import type { PrismaClient } from '@district-hub/schema';
import { startHub } from '@district-hub/gateway';
import mqtt from 'mqtt';

const MQTT_URL = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';

/** The running demo hub the end-to-end tests drive, reduced to what they rely on. */
export interface DemoHub {
  graphqlUrl: string;
  viewerUrl: string;
  /** Operator key: the viewer's, allowed to acknowledge. */
  demoKey: string;
  adminKey: string;
  mqtt: { url: string; topicRoot: string };
  /** The hub's database, for writing rows a test needs exactly (a week of chosen energy rollups). */
  prisma: PrismaClient;
}

/**
 * The whole demo as `npm start` runs it (simulators, first full sync, gateway, viewer at /twin) on a
 * database of its own, with the logistics feed on the machine's Mosquitto under a topic root of its
 * own. `lively: false`: no random anomalies, so every alarm in a test is one the test published.
 */
export async function startDemoHub(): Promise<{ hub: DemoHub; close(): Promise<void> }> {
  const db: TestDatabase = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'twin-e2e-'));
  const topicRoot = `test-${randomUUID()}`;
  let vehicleDatabase: string | undefined;
  const drop = async () => {
    // The simulated vehicle platform's database sits beside the hub's (gateway/src/demo/demo-sources.ts).
    if (vehicleDatabase)
      await db.prisma.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${vehicleDatabase}" WITH (FORCE)`);
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const running = await startHub({
      port: 0,
      databaseUrl: db.url,
      dataDir,
      prefix: topicRoot,
      demoKeys: true,
      simulators: { seed: 'twin-e2e', scale: 0.25, lively: false, mqttUrl: MQTT_URL, topicRoot },
      logLevel: 'silent',
    });
    const vehicleUrl = running.demo?.simulators.vehiclePlatform?.url;
    vehicleDatabase = vehicleUrl && decodeURIComponent(new URL(vehicleUrl).pathname.slice(1));
    if (!running.keys) throw new Error('the demo hub issued no keys');
    return {
      hub: {
        graphqlUrl: running.graphqlUrl,
        viewerUrl: running.viewerUrl,
        demoKey: running.keys.operator,
        adminKey: running.keys.admin,
        mqtt: { url: MQTT_URL, topicRoot },
        prisma: running.prisma,
      },
      async close() {
        await running.stop();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

/** One GraphQL request to the hub, as an integrator would send it. */
export async function graphql<T>(
  hub: DemoHub,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(hub.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.adminKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/**
 * Publishes an alarm the way the smart-logistics platform does (connectors/simulators/README.md,
 * "alarm"): topic `<root>/lou<nn>/<floor>/<vendor type>/<deviceCode>/alarm`, derived from the device code.
 */
export async function publishAlarm(hub: DemoHub, deviceCode: string, message: string): Promise<void> {
  const [, building = '01', floorCode = '01'] = deviceCode.split('-');
  const floor = floorCode === 'RF' || floorCode.startsWith('B') ? floorCode : `${Number(floorCode)}F`;
  const topic = `${hub.mqtt.topicRoot}/lou${building}/${floor}/loushui/${deviceCode}/alarm`;
  const payload = {
    alarmId: `AL${Date.now()}${Math.floor(Math.random() * 1000)}`,
    deviceCode,
    deviceType: 'loushui',
    building: `${Number(building)}号楼`,
    floor,
    room: null,
    alarmType: 'LEAK',
    alarmName: '漏水报警',
    level: 1,
    levelName: '紧急',
    state: 'raise',
    value: 1,
    message,
    ts: Date.now(),
  };
  const client = await mqtt.connectAsync(hub.mqtt.url);
  try {
    await client.publishAsync(topic, JSON.stringify(payload), { qos: 1 });
  } finally {
    await client.endAsync();
  }
}
