import type { EventBus } from './event-bus.ts';
import { createInProcessEventBus } from './in-process-event-bus.ts';
import { createRedisEventBus, type RedisEventBusOptions } from './redis-event-bus.ts';

/** Redis pub/sub when `redisUrl` is set (several processes see every event), in process otherwise. */
export function createEventBus(redisUrl: string | undefined, options: RedisEventBusOptions = {}): EventBus {
  return redisUrl ? createRedisEventBus(redisUrl, options) : createInProcessEventBus();
}
