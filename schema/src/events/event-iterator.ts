import type { EventBus } from './event-bus.ts';
import type { HubEventMap, HubEventName } from './event-map.ts';

export interface EventIteratorOptions<K extends HubEventName> {
  /** Keeps only the events a subscriber asked for; default keeps all. */
  filter?: (payload: HubEventMap[K]) => boolean;
  /** Events kept while the consumer is slow; the oldest are dropped beyond it. Default 1000. */
  highWaterMark?: number;
}

/**
 * An async iterator over one event, for GraphQL subscriptions. It is subscribed before it is returned,
 * so an event published right after the call is delivered. `return()` (a client that unsubscribes or
 * disconnects) releases the transport subscription.
 */
export async function iterateEvents<K extends HubEventName>(
  bus: EventBus,
  name: K,
  options: EventIteratorOptions<K> = {},
): Promise<AsyncIterableIterator<HubEventMap[K]>> {
  const highWaterMark = options.highWaterMark ?? 1000;
  const queue: HubEventMap[K][] = [];
  let waiting: ((result: IteratorResult<HubEventMap[K]>) => void) | undefined;
  let done = false;

  const unsubscribe = await bus.subscribe(name, (payload) => {
    if (done || (options.filter && !options.filter(payload))) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: payload, done: false });
      return;
    }
    queue.push(payload);
    if (queue.length > highWaterMark) queue.shift();
  });

  const finish = async (): Promise<IteratorResult<HubEventMap[K]>> => {
    if (!done) {
      done = true;
      queue.length = 0;
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
      await unsubscribe();
    }
    return { value: undefined, done: true };
  };

  const iterator: AsyncIterableIterator<HubEventMap[K]> = {
    next() {
      const value = queue.shift();
      if (value !== undefined) return Promise.resolve({ value, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return: finish,
    throw: async (error?: unknown) => {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
