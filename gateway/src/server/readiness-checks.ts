import type { Redis } from 'ioredis';
import type { HubConfig, MqttConfig } from '@district-hub/connectors';
import { connectThrowaway } from '@district-hub/connectors';

/** For `/readyz`: resolves when Redis answers PING, rejects with the reason otherwise. */
export async function checkRedis(redis: Redis): Promise<void> {
  const answer = await redis.ping();
  if (answer !== 'PONG') throw new Error(`Redis answered ${answer} to PING`);
}

/**
 * For `/readyz`: resolves when the MQTT broker accepts a connection, as the connector makes it (same
 * credentials, protocol fallback), in a throwaway session. Connect only, no subscription: a probe every
 * few seconds must not pull the broker's retained messages.
 */
export async function checkMqtt(config: MqttConfig): Promise<void> {
  const client = await connectThrowaway(config, 'ready');
  await client.endAsync(true);
}

/** One `/readyz` check per MQTT broker the sources read from, named `mqtt:<source>`. */
export function mqttReadinessChecks(config: HubConfig): Record<string, () => Promise<void>> {
  const checks: Record<string, () => Promise<void>> = {};
  for (const source of Object.values(config.sources)) {
    if (!source.enabled) continue;
    for (const connector of source.connectors) {
      if (connector.kind !== 'mqtt') continue;
      const mqttConfig = connector.config as unknown as MqttConfig;
      checks[`mqtt:${source.name}`] = () => checkMqtt(mqttConfig);
    }
  }
  return checks;
}
