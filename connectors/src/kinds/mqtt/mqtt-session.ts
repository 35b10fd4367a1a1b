import { randomBytes } from 'node:crypto';
import type { IClientOptions, MqttClient } from 'mqtt';
import type { MqttConfig } from './mqtt-spec.ts';

export type ProtocolVersion = 4 | 5;

/**
 * Connects with the configured protocol version, or with MQTT 5 and then 3.1.1 when none is set and
 * the broker answers 5 with CONNACK code 1, "unacceptable protocol version" (see mqtt-spec.ts).
 */
export async function tryVersions<T>(
  config: MqttConfig,
  attempt: (version: ProtocolVersion) => Promise<T>,
): Promise<T> {
  const configured = config.connection.protocolVersion;
  try {
    return await attempt(configured ?? 5);
  } catch (error) {
    if (configured !== undefined || (error as { code?: unknown }).code !== 1) throw error;
    return attempt(4);
  }
}

/**
 * A clean session under a client id of its own (`<clientId>-<purpose>-<random>`), for looking at the
 * broker (`hub check`, `/readyz`) without disturbing the hub's persistent session. It asks the broker
 * to keep nothing after it goes (MQTT 5 session expiry 0), unlike the connector's own 7-day session:
 * each probe used to leave a session behind for a week.
 */
export function connectThrowaway(config: MqttConfig, purpose: string): Promise<MqttClient> {
  const { connection } = config;
  const clientId = `${connection.clientId}-${purpose}-${randomBytes(3).toString('hex')}`.slice(0, 64);
  return tryVersions(config, (version) => {
    const options = { ...baseOptions(config, version), clientId, clean: true, reconnectPeriod: 0 };
    return connect(
      connection.url,
      version === 5 ? { ...options, properties: { sessionExpiryInterval: 0 } } : options,
    );
  });
}

export function baseOptions(config: MqttConfig, version: ProtocolVersion): IClientOptions {
  const c = config.connection;
  return {
    username: c.username || undefined,
    password: c.password || undefined,
    protocolVersion: version,
    keepalive: c.keepaliveSeconds,
    connectTimeout: 10_000,
    reconnectPeriod: 1000,
    ...(version === 5 ? { properties: { sessionExpiryInterval: 7 * 24 * 3600 } } : {}),
  };
}

/**
 * PUBACKs held back until the batch holding their message has committed (see `MqttConnector`).
 * mqtt.js sends a PUBACK through `_sendPacket` right after the message handler; its callback is
 * answered at once so the next packet is processed, and the packet itself is sent on `release`.
 */
export class HeldAcks {
  private readonly held = new Map<number, () => void>();
  private epoch = 0;

  attach(client: MqttClient): void {
    const internals = client as unknown as {
      _sendPacket: (packet: { cmd: string; messageId?: number }, cb?: () => void, ...rest: unknown[]) => void;
    };
    const send = internals._sendPacket.bind(client);
    internals._sendPacket = (packet, cb, ...rest) => {
      if (packet.cmd === 'puback' && packet.messageId !== undefined) {
        const epoch = this.epoch;
        this.held.set(packet.messageId, () => {
          if (epoch === this.epoch && client.connected) send(packet, undefined, ...rest);
        });
        cb?.();
        return;
      }
      send(packet, cb, ...rest);
    };
    client.on('close', () => {
      // Acks of a closed connection are void: the broker redelivers those messages on reconnect.
      this.epoch += 1;
      this.held.clear();
    });
  }

  release(messageId: number | undefined): void {
    if (messageId === undefined) return;
    const send = this.held.get(messageId);
    this.held.delete(messageId);
    send?.();
  }
}

/**
 * Connects and resolves on CONNACK, rejects on the first error (refused, auth, timeout). `prepare`
 * wires handlers before CONNACK: a persistent session's queued messages follow it immediately.
 */
export async function connect(
  url: string,
  options: IClientOptions,
  prepare?: (client: MqttClient) => void,
): Promise<MqttClient> {
  const { default: mqtt } = await import('mqtt');
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { ...options, reconnectPeriod: 0 });
    prepare?.(client);
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      client.end(true);
      reject(error);
    };
    client.once('error', fail);
    client.once('connect', () => {
      if (settled) return;
      settled = true;
      client.off('error', fail);
      // Reconnect on later drops (session persists on the broker).
      client.options.reconnectPeriod = options.reconnectPeriod ?? 1000;
      resolve(client);
    });
    setTimeout(() => fail(new Error('timed out waiting for CONNACK')), 10_000).unref();
  });
}
