import { randomBytes } from 'node:crypto';
import type { IClientOptions, MqttClient } from 'mqtt';
import { SourceConnector } from '../../sdk/source-connector.ts';
import type {
  CheckResult,
  ConfiguredStream,
  ReadContext,
  ReadMessage,
  SourceRecord,
  StreamDescriptor,
  StreamStates,
} from '../../sdk/types.ts';
import { describeError, upstreamError } from '../../sdk/upstream-error.ts';
import { mqttConfigSchema, type MqttConfig } from './mqtt-spec.ts';
import { topicMatches } from './topic-match.ts';

interface Buffered {
  stream: string;
  topic: string;
  payload: Buffer;
  /** Sends this message's PUBACK; a no-op once the connection it came on is gone. */
  ack: () => void;
}

/** Extra options of a read that the runner may set (`follow` for a long-running ingest). */
export interface MqttReadOptions {
  /** Keep listening until the signal aborts, instead of ending after `idleMs` of silence. */
  follow?: boolean;
}

/**
 * The `mqtt` kind: telemetry and alarms over MQTT, QoS 1 on a persistent session (`clean: false` and a
 * fixed client id), so messages published while the hub is disconnected are queued by the broker and
 * delivered when it reconnects.
 *
 * Acknowledgements wait for the database: a message's PUBACK is held back until the batch holding it
 * has committed, so a crash between receipt and commit makes the broker deliver it again instead of
 * losing it (at-least-once). Redeliveries are harmless: readings are unique on (device, metric, time)
 * and alarms are deduplicated by key. Mosquitto sends at most `max_inflight_messages` (20 by default)
 * unacknowledged messages, so a batch is flushed as soon as the stream pauses for `flushIdleMs`.
 *
 * Each record is `{ topic, payload }` with the payload parsed as JSON; a payload that is not JSON is
 * quarantined with a `reject` message and acknowledged (a redelivery would not fix it).
 */
export class MqttConnector extends SourceConnector<MqttConfig> {
  readonly kind = 'mqtt' as const;
  readonly spec = mqttConfigSchema;
  /** Set by the runner before `read`. */
  readOptions: MqttReadOptions = {};

  async check(config: MqttConfig): Promise<CheckResult> {
    const { connection } = config;
    // A throwaway clean session: checking must not disturb the hub's persistent one.
    const clientId = `${connection.clientId}-check-${randomBytes(3).toString('hex')}`.slice(0, 64);
    let client: MqttClient | undefined;
    try {
      client = await connect(connection.url, {
        ...baseOptions(config),
        clientId,
        clean: true,
        reconnectPeriod: 0,
      });
      for (const stream of config.streams) {
        const granted = await client.subscribeAsync(stream.topic, { qos: 1 });
        const refused = granted.find((g) => g.qos === 128 || g.qos > 2);
        if (refused) {
          return {
            ok: false,
            code: 'connector/auth_failed',
            reason: `broker refused the subscription to ${stream.topic}`,
          };
        }
      }
      return {
        ok: true,
        details: `${connection.url}: connected, ${config.streams.length} subscription(s) granted at QoS 1`,
      };
    } catch (error) {
      const code = (error as { code?: number }).code;
      const auth = code === 4 || code === 5 || code === 134 || code === 135;
      return {
        ok: false,
        code: auth ? 'connector/auth_failed' : 'connector/source_unreachable',
        reason: `${connection.url}: ${describeError(error)}`,
      };
    } finally {
      await client?.endAsync(true).catch(() => undefined);
    }
  }

  async discover(config: MqttConfig): Promise<StreamDescriptor[]> {
    return config.streams.map((s) => ({ name: s.name, primaryKey: [], supportsIncremental: true }));
  }

  async *read(
    config: MqttConfig,
    streams: ConfiguredStream[],
    _state: StreamStates,
    context: ReadContext,
  ): AsyncGenerator<ReadMessage> {
    const { connection } = config;
    const selected = config.streams.filter((s) => streams.some((c) => c.name === s.name));
    const follow = this.readOptions.follow === true;
    let buffer: Buffered[] = [];
    let wake: (() => void) | undefined;
    const notify = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    let lastMessageAt = Date.now();
    let connectionEpoch = 0;
    let failure: unknown;

    // Handlers go on before CONNACK: a persistent session's queued messages follow it immediately.
    const { default: mqtt } = await import('mqtt');
    const client = mqtt.connect(connection.url, {
      ...baseOptions(config),
      clientId: connection.clientId,
      clean: false,
      reconnectPeriod: 0,
    });
    // Hold PUBACKs back until commit (see the class comment). mqtt.js sends the PUBACK through
    // `_sendPacket` right after the message handler; we answer its callback at once so the next packet
    // is processed, and send the packet later.
    const held = new Map<number, () => void>();
    const internals = client as unknown as {
      _sendPacket: (packet: { cmd: string; messageId?: number }, cb?: () => void, ...rest: unknown[]) => void;
    };
    const send = internals._sendPacket.bind(client);
    internals._sendPacket = (packet, cb, ...rest) => {
      if (packet.cmd === 'puback' && packet.messageId !== undefined) {
        const epoch = connectionEpoch;
        held.set(packet.messageId, () => {
          if (epoch === connectionEpoch && client.connected) send(packet, undefined, ...rest);
        });
        cb?.();
        return;
      }
      send(packet, cb, ...rest);
    };
    client.on('close', () => {
      // Acks of a closed connection are void: the broker redelivers those messages on reconnect.
      connectionEpoch += 1;
      held.clear();
    });
    client.on('error', (error) => {
      context.log('warn', `MQTT ${connection.url}: ${describeError(error)}`);
    });
    client.on('message', (topic, payload, packet) => {
      const stream = selected.find((s) => topicMatches(s.topic, topic));
      const id = packet.messageId;
      const ack = () => {
        if (id === undefined) return;
        const f = held.get(id);
        held.delete(id);
        f?.();
      };
      if (!stream) {
        queueMicrotask(ack);
        return;
      }
      lastMessageAt = Date.now();
      buffer.push({ stream: stream.name, topic, payload, ack });
      notify();
    });

    try {
      await new Promise<void>((resolve, reject) => {
        if (client.connected) return resolve();
        const fail = (error: unknown) =>
          reject(
            upstreamError(`cannot connect to MQTT broker ${connection.url}: ${describeError(error)}`, {
              cause: error,
            }),
          );
        client.once('connect', () => {
          client.off('error', fail);
          client.options.reconnectPeriod = 1000; // later drops reconnect; the session persists on the broker
          resolve();
        });
        client.once('error', fail);
        setTimeout(() => fail(new Error('timed out waiting for CONNACK')), 10_000).unref();
      });
      const granted = await client.subscribeAsync(
        Object.fromEntries(selected.map((s) => [s.topic, { qos: 1 as const, rh: 1 }])),
      );
      if (granted.some((g) => g.qos === 128))
        throw upstreamError(`broker refused a subscription`, { cause: granted });
      const started = Date.now();
      const onAbort = () => notify();
      context.signal.addEventListener('abort', onAbort);
      try {
        for (;;) {
          if (failure) throw failure;
          const now = Date.now();
          const quietFor = now - lastMessageAt;
          const full = buffer.length >= connection.batchMessages;
          const settled = buffer.length > 0 && quietFor >= connection.flushIdleMs;
          const done =
            context.signal.aborted ||
            (!follow && (quietFor >= connection.idleMs || now - started >= connection.maxDurationMs));
          if (done) {
            // Last flush, then stop: what arrives later is not acknowledged and comes again next session.
            if (buffer.length > 0) {
              const batch = buffer;
              buffer = [];
              yield* this.flush(batch);
            }
            break;
          }
          if (full || settled) {
            const batch = buffer;
            buffer = [];
            yield* this.flush(batch);
            continue;
          }
          const wait =
            buffer.length > 0 ? connection.flushIdleMs - quietFor : Math.max(1, connection.idleMs - quietFor);
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(notify, Math.max(1, Math.min(wait, follow ? 1000 : wait)));
          });
        }
      } finally {
        context.signal.removeEventListener('abort', onAbort);
      }
    } finally {
      // End without cleaning the session: the broker keeps queueing for us until the next run.
      await client.endAsync().catch(() => client.end(true));
    }
  }

  private *flush(batch: Buffered[]): Generator<ReadMessage> {
    const byStream = new Map<string, Buffered[]>();
    for (const m of batch) {
      let list = byStream.get(m.stream);
      if (!list) byStream.set(m.stream, (list = []));
      list.push(m);
    }
    for (const [stream, messages] of byStream) {
      const records: SourceRecord[] = [];
      const origins: string[] = [];
      for (const m of messages) {
        let payload: unknown;
        try {
          payload = JSON.parse(m.payload.toString('utf8'));
        } catch (error) {
          yield {
            type: 'reject',
            stream,
            payload: { topic: m.topic, payload: m.payload.toString('utf8').slice(0, 10_000) },
            reason: `${m.topic}: payload is not JSON (${(error as Error).message})`,
            code: 'writer/record_rejected',
          };
          continue;
        }
        records.push({ topic: m.topic, payload });
        origins.push(m.topic);
      }
      if (records.length > 0) yield { type: 'records', stream, records, origins };
      yield {
        type: 'state',
        stream,
        cursor: null,
        afterCommit: () => {
          for (const m of messages) m.ack();
        },
      };
    }
  }
}

function baseOptions(config: MqttConfig): IClientOptions {
  const c = config.connection;
  return {
    username: c.username || undefined,
    password: c.password || undefined,
    protocolVersion: c.protocolVersion,
    keepalive: c.keepaliveSeconds,
    connectTimeout: 10_000,
    reconnectPeriod: 1000,
    ...(c.protocolVersion === 5 ? { properties: { sessionExpiryInterval: 7 * 24 * 3600 } } : {}),
  };
}

/** Connects and resolves on CONNACK, rejects on the first error (refused, auth, timeout). */
async function connect(url: string, options: IClientOptions): Promise<MqttClient> {
  const { default: mqtt } = await import('mqtt');
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { ...options, reconnectPeriod: 0 });
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
