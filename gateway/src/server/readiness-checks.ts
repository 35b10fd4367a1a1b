import { connect } from 'mqtt';
import type { Redis } from 'ioredis';
import type { HubConfig } from '@district-hub/connectors/config/hub-config';

/** For `/readyz`: resolves when Redis answers PING, rejects with the reason otherwise. */
export async function checkRedis(redis: Redis): Promise<void> {
  const answer = await redis.ping();
  if (answer !== 'PONG') throw new Error(`Redis answered ${answer} to PING`);
}

export interface MqttBroker {
  url: string;
  username?: string;
  password?: string;
}

/**
 * For `/readyz`: resolves when the MQTT broker accepts a connection within `timeoutMs` (default 2 s).
 * Connect only, no subscription: a probe every few seconds must not pull the brokers' retained messages.
 */
export function checkMqtt(broker: MqttBroker, timeoutMs = 2_000): Promise<void> {
  const { url, username, password } = broker;
  return new Promise((resolve, reject) => {
    const client = connect(url, {
      connectTimeout: timeoutMs,
      reconnectPeriod: 0,
      ...(username ? { username, password } : {}),
    });
    const finish = (error?: Error) => {
      clearTimeout(timer);
      client.end(true);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(
      () => finish(new Error(`MQTT broker ${url} did not answer in ${timeoutMs} ms`)),
      timeoutMs,
    );
    client.once('connect', () => finish());
    client.once('error', (error) => finish(error));
  });
}

/** One `/readyz` check per MQTT broker the sources read from, named `mqtt:<source>`. */
export function mqttReadinessChecks(config: HubConfig): Record<string, () => Promise<void>> {
  const checks: Record<string, () => Promise<void>> = {};
  for (const source of Object.values(config.sources)) {
    if (!source.enabled) continue;
    for (const connector of source.connectors) {
      if (connector.kind !== 'mqtt') continue;
      const broker = connector.config.connection as MqttBroker;
      checks[`mqtt:${source.name}`] = () => checkMqtt(broker);
    }
  }
  return checks;
}
