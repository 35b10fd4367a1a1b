import type { Redis } from 'ioredis';
import type { HubConfig, MqttConfig } from '@district-hub/connectors';
import { connectThrowaway } from '@district-hub/connectors';
import type pg from 'pg';
import { unappliedMigrations } from '@district-hub/schema/database';
import type { ReadinessCheck } from '../http/health-routes.ts';

type MqttClient = Awaited<ReturnType<typeof connectThrowaway>>;

/** A probe's MQTT client reconnects this often while its broker is away. */
const RECONNECT_MS = 5_000;

/** For `/readyz`: resolves when Redis answers PING, rejects with the reason otherwise. */
export async function checkRedis(redis: Redis): Promise<void> {
  const answer = await redis.ping();
  if (answer !== 'PONG') throw new Error(`Redis answered ${answer} to PING`);
}

/**
 * The database checks of `/readyz`, on a pool the process already holds (its small control pool): the
 * server answers, and every migration of the folder is applied.
 */
export function databaseReadinessChecks(pool: Pick<pg.Pool, 'query'>): Record<string, ReadinessCheck> {
  return {
    database: async () => {
      await pool.query('SELECT 1');
    },
    migrations: async () => {
      const pending = await unappliedMigrations(pool);
      if (pending.length) throw new Error(`pending migrations: ${pending.join(', ')}`);
    },
  };
}

/**
 * One MQTT client per broker for `/readyz`, connected the way the connector connects (credentials,
 * protocol fallback) in a clean session the broker forgets at once, and kept: a probe asks whether
 * it is connected instead of opening a session per probe. Connect only, no subscription: it must not
 * pull the broker's retained messages.
 */
export class MqttProbe {
  private client: MqttClient | undefined;
  private connecting: Promise<MqttClient> | undefined;
  private lastError: string | undefined;
  private closed = false;

  constructor(private readonly config: MqttConfig) {}

  async check(): Promise<void> {
    if (this.client?.connected) return;
    if (this.client) {
      throw new Error(
        `not connected to ${this.config.connection.url}${this.lastError ? `: ${this.lastError}` : ''}`,
      );
    }
    this.connecting ??= connectThrowaway(this.config, 'ready').finally(() => {
      this.connecting = undefined;
    });
    const client = await this.connecting;
    if (this.closed) {
      await client.endAsync(true);
      return;
    }
    client.options.reconnectPeriod = RECONNECT_MS;
    client.on('error', (error) => {
      this.lastError = error.message;
    });
    this.client = client;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.endAsync(true);
  }
}

/** One `/readyz` check per MQTT broker the sources read from, named `mqtt:<source>`, and their closing. */
export function mqttReadinessChecks(config: HubConfig): {
  checks: Record<string, ReadinessCheck>;
  close(): Promise<void>;
} {
  const probes: MqttProbe[] = [];
  const checks: Record<string, ReadinessCheck> = {};
  for (const source of Object.values(config.sources)) {
    if (!source.enabled) continue;
    for (const connector of source.connectors) {
      if (connector.kind !== 'mqtt') continue;
      const probe = new MqttProbe(connector.config as unknown as MqttConfig);
      probes.push(probe);
      checks[`mqtt:${source.name}`] = () => probe.check();
    }
  }
  return { checks, close: async () => void (await Promise.all(probes.map((probe) => probe.close()))) };
}
