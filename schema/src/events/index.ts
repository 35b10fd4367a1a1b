export type { EventBus, HubEventListener, Unsubscribe } from './event-bus.ts';
export type {
  HubEventMap,
  HubEventName,
  AlertChange,
  AlertChangedEvent,
  VehiclePositionEvent,
  ReadingEvent,
} from './event-map.ts';
export { hubEventNames } from './event-map.ts';
export {
  noCounts,
  addCounts,
  type SyncCounts,
  type SyncPhase,
  type SyncRunProgress,
} from './sync-progress.ts';
export { topicFor, DEFAULT_TOPIC_PREFIX } from './topics.ts';
export { createInProcessEventBus } from './in-process-event-bus.ts';
export { createRedisEventBus, type RedisEventBusOptions } from './redis-event-bus.ts';
export { createEventBus } from './create-event-bus.ts';
export { iterateEvents, type EventIteratorOptions } from './event-iterator.ts';
export { alertChangedEvent } from './alert-changed-event.ts';
