import type { HubEventMap, HubEventName } from './event-map.ts';

export type HubEventListener<K extends HubEventName> = (payload: HubEventMap[K]) => void;

/** Stops a listener; resolves once the transport no longer delivers to it. */
export type Unsubscribe = () => Promise<void>;

/**
 * Typed publish/subscribe between the hub's processes. The in-process bus serves one process (the
 * embedded demo); the Redis bus lets several gateway replicas and workers see every event.
 */
export interface EventBus {
  /** Publish after the write the event describes has committed. */
  publish<K extends HubEventName>(name: K, payload: HubEventMap[K]): Promise<void>;
  /** Resolves once the listener is registered with the transport, so no later publish is missed. */
  subscribe<K extends HubEventName>(name: K, listener: HubEventListener<K>): Promise<Unsubscribe>;
  close(): Promise<void>;
}
