import type { MqttClient } from 'mqtt';
import { DeliveryCounts, deliveryKey } from '../../sdk/delivery-counts.ts';
import { SourceConnector } from '../../sdk/source-connector.ts';
import type {
  CheckResult,
  ConfiguredStream,
  ReadContext,
  ReadMessage,
  ReadOptions,
  SourceRecord,
  StreamDescriptor,
  StreamStates,
} from '../../sdk/types.ts';
import { describeError, upstreamError } from '../../sdk/upstream-error.ts';
import {
  baseOptions,
  connect,
  connectThrowaway,
  HeldAcks,
  tryVersions,
  type ProtocolVersion,
} from './mqtt-session.ts';
import { mqttConfigSchema, type MqttConfig } from './mqtt-spec.ts';
import { topicMatches } from './topic-match.ts';

interface Buffered {
  stream: string;
  topic: string;
  payload: Buffer;
  /** How many times it has been delivered, this time included (`ReadOptions.deliveries`). */
  deliveries: number;
  /** Sends this message's PUBACK (a no-op once the connection it came on is gone) and settles its count. */
  ack: () => void;
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
 * quarantined with a `reject` message and acknowledged (a redelivery would not fix it), and so is a
 * message delivered more than `maxDeliveries` times without its batch committing (issue 17).
 */
export class MqttConnector extends SourceConnector<MqttConfig> {
  readonly kind = 'mqtt' as const;
  readonly spec = mqttConfigSchema;

  async check(config: MqttConfig): Promise<CheckResult> {
    const { connection } = config;
    let client: MqttClient | undefined;
    try {
      client = await connectThrowaway(config, 'check');
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
    options: ReadOptions,
  ): AsyncGenerator<ReadMessage> {
    const { connection } = config;
    const selected = config.streams.filter((s) => streams.some((c) => c.name === s.name));
    // Following: keep listening until the signal aborts, instead of ending after `idleMs` of silence.
    const { follow } = options;
    const deliveries = options.deliveries ?? new DeliveryCounts();
    let buffer: Buffered[] = [];
    let wake: (() => void) | undefined;
    const notify = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    let lastMessageAt = Date.now();
    const acks = new HeldAcks();

    const open = (version: ProtocolVersion) =>
      connect(
        connection.url,
        { ...baseOptions(config, version), clientId: connection.clientId, clean: false },
        (client) => {
          acks.attach(client);
          client.on('message', (topic, payload, packet) => {
            const stream = selected.find((s) => topicMatches(s.topic, topic));
            const key = deliveryKey(topic, payload);
            const ack = () => {
              acks.release(packet.messageId);
              deliveries.settled(key);
            };
            if (!stream) {
              queueMicrotask(ack);
              return;
            }
            lastMessageAt = Date.now();
            buffer.push({ stream: stream.name, topic, payload, deliveries: deliveries.delivered(key), ack });
            notify();
          });
        },
      );
    let client: MqttClient;
    try {
      client = await tryVersions(config, open);
      client.on('error', (error) => {
        context.log('warn', `MQTT ${connection.url}: ${describeError(error)}`);
      });
    } catch (error) {
      throw upstreamError(`cannot connect to MQTT broker ${connection.url}: ${describeError(error)}`, {
        cause: error,
      });
    }
    try {
      const granted = await client.subscribeAsync(
        Object.fromEntries(selected.map((s) => [s.topic, { qos: 1 as const, rh: 1 }])),
      );
      if (granted.some((g) => g.qos === 128))
        throw upstreamError(`broker refused a subscription`, { cause: granted });
      // Following, a lost broker ends the read for the caller to restart with backoff (and record);
      // what is published meanwhile waits in the persistent session.
      let lost = !client.connected;
      if (follow) {
        client.options.reconnectPeriod = 0;
        client.on('close', () => {
          lost = true;
          notify();
        });
      }
      const started = Date.now();
      const onAbort = () => notify();
      context.signal.addEventListener('abort', onAbort);
      try {
        for (;;) {
          if (follow && lost && !context.signal.aborted)
            throw upstreamError(`lost the connection to MQTT broker ${connection.url}`, {
              url: connection.url,
            });
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
              yield* this.flush(batch, connection.maxDeliveries);
            }
            break;
          }
          if (full || settled) {
            const batch = buffer;
            buffer = [];
            yield* this.flush(batch, connection.maxDeliveries);
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

  private *flush(batch: Buffered[], maxDeliveries: number): Generator<ReadMessage> {
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
        if (m.deliveries > maxDeliveries) {
          yield {
            type: 'reject',
            stream,
            payload: { topic: m.topic, payload: m.payload.toString('utf8').slice(0, 10_000) },
            reason: `${m.topic}: delivered ${m.deliveries} times without its batch committing (maxDeliveries ${maxDeliveries}); quarantined and acknowledged so the messages behind it go on`,
            code: 'writer/record_rejected',
          };
          continue;
        }
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
