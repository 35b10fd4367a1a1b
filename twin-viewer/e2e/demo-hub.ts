import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@district-hub/schema/testing/test-database';
import type { TestDatabase } from '@district-hub/schema/testing/test-database';
import { startHub } from '@district-hub/gateway/start-hub';
import mqtt from 'mqtt';

/**
 * The running demo hub the end-to-end tests drive, as the lead's `startHub` contract describes it
 * (database, simulators, first sync, gateway, viewer at /twin, a demo key and the MQTT feed).
 * Typed here from that contract so these tests state exactly what they rely on.
 */
export interface DemoHub {
  url: string;
  graphqlUrl: string;
  viewerUrl: string;
  demoKey: string;
  adminKey: string;
  mqtt: { url: string; topicRoot: string };
  stop(): Promise<void>;
}

interface DemoHubOptions {
  port: number;
  databaseUrl: string;
  seed: string;
  scale: number;
  logLevel: string;
}

export async function startDemoHub(): Promise<{ hub: DemoHub; close(): Promise<void> }> {
  const db: TestDatabase = await createTestDatabase();
  const start = startHub as unknown as (options: DemoHubOptions) => Promise<DemoHub>;
  try {
    const hub = await start({
      port: 0,
      databaseUrl: db.url,
      seed: `twin-e2e-${randomUUID()}`,
      scale: 0.25,
      logLevel: 'silent',
    });
    return {
      hub,
      async close() {
        await hub.stop();
        await db.drop();
      },
    };
  } catch (error) {
    await db.drop();
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
 * Publishes an alarm the way the smart-logistics platform does (connectors/src/simulators/README.md,
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
