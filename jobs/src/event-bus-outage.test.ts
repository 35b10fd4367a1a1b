import { createServer } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createRedisEventBus } from '@district-hub/schema';
import { captureLogs } from '@district-hub/schema/testing';

describe('the Redis event bus while Redis is down', () => {
  it('logs the outage once per connection, not per reconnect attempt, and still closes', async () => {
    // A loopback port nobody listens on: Redis is down for the whole test.
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    server.close();
    await once(server, 'close');

    const { logger, lines: outages } = captureLogs();
    const bus = createRedisEventBus(`redis://127.0.0.1:${port}`, { prefix: 'outage', logger });
    await expect
      .poll(() => outages.map((line) => line.connection).sort())
      .toEqual(['publisher', 'subscriber']);
    expect(outages[0]).toMatchObject({
      level: 50,
      err: { message: expect.stringContaining('ECONNREFUSED') },
    });
    // ioredis goes on retrying; the log is not told again until the connection has come back.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(outages).toHaveLength(2);
    await bus.close();
  });
});
