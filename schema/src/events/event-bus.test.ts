import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventBus } from './event-bus.ts';
import type { AlertChangedEvent } from './event-map.ts';
import { iterateEvents } from './event-iterator.ts';
import { createInProcessEventBus } from './in-process-event-bus.ts';
import { createRedisEventBus } from './redis-event-bus.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function alert(alertId: number, buildingId: number): AlertChangedEvent {
  return {
    alertId,
    change: 'RAISED',
    status: 'OPEN',
    severity: 'MAJOR',
    kind: 'LEAK',
    buildingId,
    deviceId: null,
    at: new Date().toISOString(),
  };
}

const open: EventBus[] = [];
function track<T extends EventBus>(bus: T): T {
  open.push(bus);
  return bus;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((bus) => bus.close()));
});

const transports: [string, (prefix: string) => EventBus][] = [
  ['in process', () => createInProcessEventBus()],
  ['redis', (prefix) => createRedisEventBus(REDIS_URL, { prefix })],
];

describe.each(transports)('%s event bus', (_name, make) => {
  it('delivers a published event to a subscriber, filtered, and stops after return()', async () => {
    const bus = track(make(`test-${randomUUID()}`));
    const events = await iterateEvents(bus, 'alertChanged', { filter: (event) => event.buildingId === 7 });
    await bus.publish('alertChanged', alert(1, 3));
    await bus.publish('alertChanged', alert(2, 7));
    const first = await events.next();
    expect(first.value).toMatchObject({ alertId: 2, buildingId: 7 });
    await events.return?.();
    expect((await events.next()).done).toBe(true);
  });
});

describe('redis event bus across processes', () => {
  it('lets a subscriber on one bus hear an event published through another on the same prefix', async () => {
    const prefix = `test-${randomUUID()}`;
    const replicaA = track(createRedisEventBus(REDIS_URL, { prefix }));
    const replicaB = track(createRedisEventBus(REDIS_URL, { prefix }));
    const stranger = track(createRedisEventBus(REDIS_URL, { prefix: `test-${randomUUID()}` }));
    const heardByA = await iterateEvents(replicaA, 'syncRunProgress');
    const heardByStranger: unknown[] = [];
    await stranger.subscribe('syncRunProgress', (event) => heardByStranger.push(event));
    const event = {
      runId: 42,
      sourceId: 'office-space',
      stream: null,
      status: 'RUNNING' as const,
      phase: 'reading' as const,
      read: 10,
      written: 8,
      unchanged: 2,
      rejected: 0,
      deleted: 0,
      at: new Date().toISOString(),
    };
    await replicaB.publish('syncRunProgress', event);
    expect((await heardByA.next()).value).toEqual(event);
    // A second event published on the stranger's own prefix proves its subscription is live, and
    // that it never heard the first one.
    await stranger.publish('syncRunProgress', { ...event, runId: 43 });
    await expect.poll(() => heardByStranger).toHaveLength(1);
    expect(heardByStranger[0]).toMatchObject({ runId: 43 });
    await heardByA.return?.();
  });
});
