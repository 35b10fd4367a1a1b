import { EventEmitter } from 'node:events';
import type { EventBus, HubEventListener, Unsubscribe } from './event-bus.ts';
import type { HubEventMap, HubEventName } from './event-map.ts';

/** The bus of a single process: delivery is synchronous with `publish`, payloads are cloned like JSON. */
export function createInProcessEventBus(): EventBus {
  const emitter = new EventEmitter();
  // Subscriptions are per GraphQL client; the default warning at 10 listeners is meant for leaks.
  emitter.setMaxListeners(0);
  return {
    async publish<K extends HubEventName>(name: K, payload: HubEventMap[K]) {
      // A JSON round trip keeps behaviour identical to the Redis bus (no shared mutable objects, no Dates).
      emitter.emit(name, JSON.parse(JSON.stringify(payload)));
    },
    async subscribe<K extends HubEventName>(name: K, listener: HubEventListener<K>): Promise<Unsubscribe> {
      emitter.on(name, listener);
      return async () => {
        emitter.off(name, listener);
      };
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
