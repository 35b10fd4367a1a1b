import { z } from 'zod';
import { streamBaseShape } from '../../config/hub-config.ts';

export const mqttStreamSchema = z
  .object({
    ...streamBaseShape,
    /** Topic filter, MQTT wildcards allowed (`district/logistics/telemetry/#`). */
    topic: z.string().min(1),
  })
  .strict();

export const mqttConfigSchema = z
  .object({
    connection: z
      .object({
        url: z.string().regex(/^mqtts?:\/\/|^wss?:\/\//, 'expected an mqtt://, mqtts:// or ws:// URL'),
        /**
         * Fixed client id of the hub's persistent session: the broker keeps this session's subscriptions
         * and queues QoS 1 messages while the hub is away, and delivers them when it reconnects.
         */
        clientId: z.string().min(1).max(64),
        username: z.string().optional(),
        password: z.string().optional(),
        /**
         * Unset: MQTT 5, and 3.1.1 when the broker refuses 5 (the demo's in-process aedes broker speaks
         * only 3.1.1). 5 is tried first because its retain handling keeps a persistent session's
         * re-subscription from replaying every retained birth each run, and its session expiry bounds how
         * long a broker queues for a hub that is gone for good; on 3.1.1 the session still persists
         * (`clean: false` and the fixed `clientId`). Set 4 or 5 to use only that version.
         */
        protocolVersion: z.union([z.literal(4), z.literal(5)]).optional(),
        keepaliveSeconds: z.number().int().min(5).default(30),
        /** A sync ends after this long without a message (drain mode). Default 1 s. */
        idleMs: z.number().int().min(50).default(1000),
        /** A sync listens at most this long, unless it follows (long-running ingest). Default 60 s. */
        maxDurationMs: z.number().int().min(100).default(60_000),
        /**
         * Messages per writer transaction. Default 20: Mosquitto's default `max_inflight_messages`. The
         * broker sends no more unacknowledged QoS 1 messages than that, and acknowledgements wait for the
         * commit, so a batch is written as soon as that many are in hand. Raise both together.
         */
        batchMessages: z.number().int().min(1).default(20),
        /** A partial batch is written after this long without a new message. Default 5 ms. */
        flushIdleMs: z.number().int().min(1).default(5),
        /**
         * A message delivered this many times without its batch committing (the batch failed and the
         * follow restarted, every time) is quarantined and acknowledged on the next delivery, so one
         * message cannot hold up every message behind it. Counted across a follow's restarts in one
         * process. Default 5.
         */
        maxDeliveries: z.number().int().min(1).default(5),
      })
      .strict(),
    streams: z.array(mqttStreamSchema).min(1),
  })
  .strict();

export type MqttConfig = z.infer<typeof mqttConfigSchema>;
export type MqttStreamConfig = z.infer<typeof mqttStreamSchema>;
