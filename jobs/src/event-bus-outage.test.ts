import { createServer } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createRedisEventBus } from '@district-hub/schema';

describe('the Redis event bus while Redis is down', () => {
  it('reports the outage to its error listener once per connection, not per reconnect attempt, and still closes', async () => {
    // A loopback port nobody listens on: Redis is down for the whole test.
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    server.close();
    await once(server, 'close');

    const outages: string[] = [];
    const bus = createRedisEventBus(`redis://127.0.0.1:${port}`, {
      prefix: 'outage',
      onError: (error, connection) => outages.push(`${connection}: ${(error as Error).message}`),
    });
    await expect
      .poll(() => outages.map((line) => line.split(':')[0]).sort())
      .toEqual(['publisher', 'subscriber']);
    expect(outages[0]).toContain('ECONNREFUSED');
    // ioredis goes on retrying; the listener is not told again until the connection has come back.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(outages).toHaveLength(2);
    await bus.close();
  });
});
