import { Redis } from 'ioredis';
import { silentLogger, type Logger } from '../logging/logger.ts';
import type { EventBus, HubEventListener, Unsubscribe } from './event-bus.ts';
import type { HubEventMap, HubEventName } from './event-map.ts';
import { DEFAULT_TOPIC_PREFIX, topicFor, validatePrefix } from './topics.ts';

export interface RedisEventBusOptions {
  /** Topic prefix; default `hub`. Tests use `test-<uuid>`. */
  prefix?: string;
  /** Called when a message on a hub topic is not valid JSON (another program wrote to it); default ignores it. */
  onMalformed?: (topic: string, error: unknown) => void;
  /**
   * Told when a connection fails (Redis restarting, unreachable), once per outage of each connection:
   * ioredis reconnects by itself and reports every failed attempt. In the hub, the `events` component's
   * logger; default logs nothing.
   */
  logger?: Logger;
}

/**
 * The bus of a scaled-out hub: Redis pub/sub, so an event published by any replica or worker reaches
 * every subscriber everywhere. A Redis connection in subscriber mode can do nothing else, so the bus
 * opens its own connection for subscribing and publishes on a second one; both are closed by `close`.
 * One Redis SUBSCRIBE per topic however many local listeners share it.
 */
export function createRedisEventBus(redisUrl: string, options: RedisEventBusOptions = {}): EventBus {
  const prefix = validatePrefix(options.prefix ?? DEFAULT_TOPIC_PREFIX);
  const publisher = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscriber = new Redis(redisUrl, { lazyConnect: false });
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const log = options.logger ?? silentLogger;
  for (const [connection, client] of [
    ['publisher', publisher],
    ['subscriber', subscriber],
  ] as const) {
    // Without an 'error' listener an outage is an unhandled 'error' event; with one, it is one line.
    let failing = false;
    client.on('error', (error: unknown) => {
      if (failing) return;
      failing = true;
      log.error({ err: error, connection }, `Redis ${connection} connection failed; reconnecting`);
    });
    client.on('ready', () => {
      failing = false;
    });
  }

  subscriber.on('message', (topic: string, message: string) => {
    const set = listeners.get(topic);
    if (!set) return;
    let payload: unknown;
    try {
      payload = JSON.parse(message);
    } catch (error) {
      options.onMalformed?.(topic, error);
      return;
    }
    for (const listener of set) listener(payload);
  });

  return {
    async publish<K extends HubEventName>(name: K, payload: HubEventMap[K]) {
      await publisher.publish(topicFor(prefix, name), JSON.stringify(payload));
    },
    async subscribe<K extends HubEventName>(name: K, listener: HubEventListener<K>): Promise<Unsubscribe> {
      const topic = topicFor(prefix, name);
      const wrapped = listener as (payload: unknown) => void;
      let set = listeners.get(topic);
      if (!set) {
        set = new Set();
        listeners.set(topic, set);
        await subscriber.subscribe(topic);
      }
      set.add(wrapped);
      return async () => {
        const current = listeners.get(topic);
        if (!current?.delete(wrapped) || current.size > 0) return;
        listeners.delete(topic);
        await subscriber.unsubscribe(topic);
      };
    },
    async close() {
      listeners.clear();
      // QUIT waits for Redis to answer; during an outage that would hold shutdown forever.
      await Promise.allSettled(
        [subscriber, publisher].map(async (client) =>
          client.status === 'ready' ? client.quit() : client.disconnect(),
        ),
      );
    },
  };
}
